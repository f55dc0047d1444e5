package dev.azalia.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named resources drivers publish for other drivers to find (the ASoC component list, as a machine driver looks
 * up the DAIs and codecs it needs). A driver whose probe needs a component that is not there yet defers
 * ({@link ProbeDeferException}).
 *
 * <p>{@link #register} optionally kicks the deferred-probe queue: that is the fix for a provider that registers
 * after its probe returned. Without it, a consumer deferred earlier is only retried when some unrelated device
 * binds.
 *
 * <p>Thread-safe.
 */
public final class ComponentRegistry
{
    private final DeviceCore core;
    private final boolean triggerOnRegister;
    private final Map<String, Object> components = new LinkedHashMap<>();

    /**
     * A registry on a driver core.
     *
     * @param core              the core whose deferred-probe queue {@link #register} kicks.
     * @param triggerOnRegister whether {@link #register} calls {@link DeviceCore#deferredProbeTrigger()}.
     */
    public ComponentRegistry(final DeviceCore core, final boolean triggerOnRegister)
    {
        this.core = core;
        this.triggerOnRegister = triggerOnRegister;
    }

    /**
     * Publishes a component and, if configured, triggers the deferred-probe queue.
     *
     * @param name      its name, unique.
     * @param component the component.
     * @throws IllegalStateException if the name is taken.
     */
    public void register(final String name, final Object component)
    {
        synchronized (components)
        {
            if (components.containsKey(name))
            {
                throw new IllegalStateException("component " + name + " already registered");
            }
            components.put(name, component);
        }
        if (triggerOnRegister)
        {
            core.deferredProbeTrigger();
        }
    }

    /**
     * Withdraws a component.
     *
     * @param name its name.
     */
    public void unregister(final String name)
    {
        synchronized (components)
        {
            components.remove(name);
        }
    }

    /**
     * Looks a component up.
     *
     * @param name its name.
     * @return the component, or null if not registered.
     */
    public Object lookup(final String name)
    {
        synchronized (components)
        {
            return components.get(name);
        }
    }

    /**
     * Whether {@link #register} triggers the deferred-probe queue.
     *
     * @return the setting.
     */
    public boolean triggersOnRegister()
    {
        return triggerOnRegister;
    }
}

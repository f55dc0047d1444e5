package dev.azalia.machine;

import dev.azalia.device.ComponentRegistry;
import dev.azalia.device.Device;
import dev.azalia.device.DeviceDriver;
import dev.azalia.device.ProbeDeferException;
import dev.azalia.driver.AzxChip;
import dev.azalia.log.KernelLog;

/**
 * The board (machine) driver: binds the platform device that describes how the HD-Audio controller is wired on
 * this board, and needs the controller's component, which the HD-Audio driver publishes only at the end of its
 * asynchronous probe phase. Until then its probe defers.
 *
 * <p>Threading: probe on the driver core's thread (device registration or the deferred-probe work).
 */
public final class BoardDriver implements DeviceDriver
{
    /** The driver's name. */
    public static final String NAME = "azalia-board";
    /** The platform device it binds. */
    public static final String DEVICE_NAME = "hda-board";

    private final ComponentRegistry components;
    private final String componentName;
    private final KernelLog log;

    /**
     * A board driver waiting for one component.
     *
     * @param components    where to look the component up.
     * @param componentName the component it needs.
     * @param log           where it logs.
     */
    public BoardDriver(final ComponentRegistry components, final String componentName, final KernelLog log)
    {
        this.components = components;
        this.componentName = componentName;
        this.log = log;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public boolean matches(final Device device)
    {
        return DEVICE_NAME.equals(device.name());
    }

    /** {@inheritDoc} */
    @Override
    public void probe(final Device device) throws ProbeDeferException
    {
        final Object component = components.lookup(componentName);
        if (!(component instanceof AzxChip chip))
        {
            throw new ProbeDeferException("component " + componentName + " not registered");
        }
        device.setDriverData(chip);
        log.info(NAME + " " + device.name(), "using card " + chip.card().number() + " (" + chip.card().shortName()
            + ") from " + componentName);
    }
}

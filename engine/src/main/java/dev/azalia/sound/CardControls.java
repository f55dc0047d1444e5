package dev.azalia.sound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A card's control interface ({@code snd_ctl_*}): its elements by name in the order added, and get/put as a mixer
 * client does them, validated and holding an in-flight power reference around the element's callback.
 *
 * <p>Threading: any thread; the element table is guarded by its own monitor, the callbacks run without it.
 */
final class CardControls
{
    private final String cardId;
    private final CardPowerGate gate;
    private final Map<String, ControlElement> controls = new LinkedHashMap<>();

    /**
     * An empty table.
     *
     * @param cardId the card's id, for error messages.
     * @param gate   the card's power gate.
     */
    CardControls(final String cardId, final CardPowerGate gate)
    {
        this.cardId = cardId;
        this.gate = gate;
    }

    /** See {@link Card#addControl}. */
    void add(final ControlElement c)
    {
        synchronized (controls)
        {
            if (controls.containsKey(c.name()))
            {
                throw new SoundException(Errno.EBUSY, "control " + c.name() + " already exists");
            }
            controls.put(c.name(), c);
        }
    }

    ControlElement get(final String name)
    {
        synchronized (controls)
        {
            return controls.get(name);
        }
    }

    List<ControlElement> all()
    {
        synchronized (controls)
        {
            return List.copyOf(controls.values());
        }
    }

    /** {@code snd_ctl_elem_read}: see {@link Card#controlRead}. */
    long[] read(final String name)
    {
        final ControlElement c = lookupForAccess(name);
        try
        {
            gate.refAndWait();
            final long[] values = new long[c.info().count()];
            c.get(values);
            return values;
        }
        finally
        {
            gate.unref();
        }
    }

    /** {@code snd_ctl_elem_write}: see {@link Card#controlWrite}. */
    boolean write(final String name, final long[] values)
    {
        final ControlElement c = lookupForAccess(name);
        final ControlInfo info = c.info();
        if (null == values || values.length != info.count())
        {
            throw new SoundException(Errno.EINVAL, "control " + name + ": expected " + info.count() + " values");
        }
        for (int i = 0; i < values.length; i++)
        {
            final long v = values[i];
            if (!info.accepts(v) || (info.type() == ControlType.BOOLEAN && (v < 0 || v > 1)))
            {
                throw new SoundException(Errno.EINVAL, "control " + name + ": value " + v + " at index " + i
                    + " outside [" + info.min() + ", " + info.max() + "] step " + info.step());
            }
        }
        try
        {
            gate.refAndWait();
            return c.put(values.clone());
        }
        finally
        {
            gate.unref();
        }
    }

    private ControlElement lookupForAccess(final String name)
    {
        if (gate.isShutdown())
        {
            throw new SoundException(Errno.ENODEV, "card " + cardId + " is disconnected");
        }
        final ControlElement c = get(name);
        if (null == c)
        {
            throw new SoundException(Errno.ENOENT, "no control named " + name);
        }
        return c;
    }
}

package dev.azalia.machine;

import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.PinConfig;
import dev.azalia.hda.codec.dump.WidgetDump;
import dev.azalia.hda.codec.dumped.DumpCodec;

import java.util.List;
import java.util.Optional;

/**
 * The jack a run's jack events plug and pull ({@code --jack-events}): pin 3 of the built-in jack model, or on a dump's
 * codecs, the listened pin when it is a headphone jack with presence detect (unplugging it un-mutes the speakers
 * through Linux's automute, but the headphone itself stays on), else the first input jack with presence detect on the
 * listening codec (a microphone or line-in: its events go through the jack table without touching the played path).
 *
 * <p>Immutable; {@link #set} is thread-safe as {@link EmulatedCodec#jackEvent} is.
 */
public final class JackSwitch
{
    /** The built-in jack model's output pin with presence detect. */
    public static final int BUILTIN_JACK_PIN = 3;

    private static final int PINCAP_DETECT = 1 << 2;
    private static final int PINCAP_IN = 1 << 5;
    private static final int DEVICE_HP_OUT = 2;
    private static final int DEVICE_LINE_IN = 8;
    private static final int DEVICE_AUX = 9;
    private static final int DEVICE_MIC_IN = 0xa;
    private static final int MISC_NO_PRESENCE_DETECT = 1;

    private final EmulatedCodec codec;
    private final int pinNid;

    private JackSwitch(final EmulatedCodec codec, final int pinNid)
    {
        this.codec = codec;
        this.pinNid = pinNid;
    }

    /**
     * The jack of a machine's codecs.
     *
     * @param codecs the machine's codecs ({@link Machine#codecs()}).
     * @return the switch, or empty when no codec has a jack to plug (a dump without presence-detect jacks).
     */
    public static Optional<JackSwitch> of(final List<EmulatedCodec> codecs)
    {
        for (final EmulatedCodec c : codecs)
        {
            if (!(c instanceof DumpCodec))
            {
                return Optional.of(new JackSwitch(c, BUILTIN_JACK_PIN));
            }
        }
        for (final EmulatedCodec c : codecs)
        {
            final DumpCodec d = (DumpCodec)c;
            if (d.listenedPin().isEmpty())
            {
                continue;
            }
            final int listened = d.listenedPin().getAsInt();
            final Optional<WidgetDump> pin = d.dump().widget(listened);
            if (pin.isPresent() && detects(pin.get()) && device(pin.get()) == DEVICE_HP_OUT)
            {
                return Optional.of(new JackSwitch(c, listened));
            }
            return firstInputJack(d.dump()).map(nid -> new JackSwitch(c, nid));
        }
        return Optional.empty();
    }

    private static Optional<Integer> firstInputJack(final CodecDump dump)
    {
        for (final WidgetDump w : dump.widgets())
        {
            final int device = device(w);
            if (detects(w) && (w.pinCaps().orElse(0) & PINCAP_IN) != 0
                && (device == DEVICE_MIC_IN || device == DEVICE_LINE_IN || device == DEVICE_AUX))
            {
                return Optional.of(w.nid());
            }
        }
        return Optional.empty();
    }

    private static boolean detects(final WidgetDump w)
    {
        if (w.type() != WidgetDump.TYPE_PIN || w.pinDefault().isEmpty()
            || (w.pinCaps().orElse(0) & PINCAP_DETECT) == 0)
        {
            return false;
        }
        final PinConfig cfg = new PinConfig(w.pinDefault().getAsInt());
        return cfg.connectivity() == PinConfig.CONNECTIVITY_JACK && (cfg.misc() & MISC_NO_PRESENCE_DETECT) == 0;
    }

    private static int device(final WidgetDump w)
    {
        return w.pinDefault().isPresent() ? new PinConfig(w.pinDefault().getAsInt()).device() : -1;
    }

    /**
     * Plugs or pulls the jack (sends the unsolicited response if the driver enabled it).
     *
     * @param present whether a jack is now plugged in.
     */
    public void set(final boolean present)
    {
        codec.jackEvent(pinNid, present);
    }

    /**
     * The pin the events go to.
     *
     * @return its node id.
     */
    public int pinNid()
    {
        return pinNid;
    }

    /**
     * The codec the pin belongs to.
     *
     * @return its address on the link.
     */
    public int codecAddress()
    {
        return codec.address();
    }
}

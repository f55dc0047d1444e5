package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A codec bound as Linux binds an HDMI/DP-only codec to {@code snd_hda_codec_hdmi} (minimal): at probe
 * ({@code hdmi_parse_codec}) every digital converter has its PCM parameters read ({@code hdmi_add_cvt}) and every
 * digital pin with HDMI or DP pin caps that is connected is added with its connection list ({@code hdmi_add_pin});
 * at init ({@code generic_hdmi_init}) each pin's output amp is unmuted, its pin control set to OUT and its jack
 * detection enabled; the first init senses each pin ({@code hdmi_present_sense}) and reads the ELD of a pin whose
 * ELD is valid. No analog PCM and no mixer controls are created.
 *
 * <p>Not thread-safe: called under the codec driver's lock.
 */
final class HdmiCodec
{
    private static final int PINCAP_HDMI = 1 << 7;
    private static final int PINCAP_DP = 1 << 24;
    private static final int WCAP_DIGITAL = 1 << 9;
    private static final int AMP_OUT_UNMUTE = 0xb000;
    private static final int PIN_SENSE_PRESENCE = 1 << 31;
    private static final int PIN_SENSE_ELDV = 1 << 30;
    private static final int GET_HDMI_DIP_SIZE = 0xF2E;
    private static final int GET_HDMI_ELDD = 0xF2F;
    private static final int DIPSIZE_ELD_BUF = 1 << 3;
    private static final int ELDD_VALID = 1 << 31;
    private static final int ELD_FIXED_BYTES = 20;
    private static final int ELD_MAX_SIZE = 256;

    private final AutoConfig config;
    private final CodecIo io;
    private final JackTable jacks;
    private final KernelLog log;
    private final String source;
    private final int address;
    private final List<Integer> pins = new ArrayList<>();
    private final List<Integer> converters = new ArrayList<>();
    private boolean sensed;

    /**
     * @param config  the codec's widgets (caches).
     * @param io      raw verbs.
     * @param jacks   the jack table.
     * @param log     the kernel log.
     * @param source  the device name prefix.
     * @param address the codec address.
     */
    HdmiCodec(final AutoConfig config, final CodecIo io, final JackTable jacks, final KernelLog log,
        final String source, final int address)
    {
        this.config = config;
        this.io = io;
        this.jacks = jacks;
        this.log = log;
        this.source = source;
        this.address = address;
    }

    /**
     * {@code hdmi_parse_codec}: converters and pins in NID order.
     *
     * @param startNid the first widget.
     * @param count    the number of widgets.
     */
    void parse(final int startNid, final int count)
    {
        for (int nid = startNid; nid < startNid + count; nid++)
        {
            final int caps = config.wcaps(nid);
            if ((caps & WCAP_DIGITAL) == 0)
            {
                continue;
            }
            final int type = AutoConfig.type(caps);
            if (type == Verbs.WID_AUD_OUT)
            {
                converters.add(nid);
                final int from = (caps & Verbs.WCAP_FORMAT_OVRD) != 0 ? nid : config.afg();
                io.exec(from, Verbs.GET_PARAMETER, Verbs.PAR_PCM);
                io.exec(from, Verbs.GET_PARAMETER, Verbs.PAR_STREAM);
            }
            else if (type == Verbs.WID_PIN)
            {
                if ((config.pinCaps(nid) & (PINCAP_HDMI | PINCAP_DP)) == 0)
                {
                    continue;
                }
                if (PinDefaults.connectivity(config.pinConfig(nid)) == PinDefaults.JACK_PORT_NONE)
                {
                    continue;
                }
                pins.add(nid);
                config.connections(nid);
            }
        }
        log.info(source, String.format(Locale.ROOT,
            "HDMI/DP codec: %d pin(s) %s, %d converter(s); bound as snd_hda_codec_hdmi, no analog PCM",
            pins.size(), nids(pins), converters.size()));
    }

    /** {@code generic_hdmi_init}, then at the first init the pins' presence and ELD. */
    void init()
    {
        for (final int pin : pins)
        {
            if ((config.wcaps(pin) & Verbs.WCAP_OUT_AMP) != 0)
            {
                io.exec(pin, Verbs.SET_AMP_GAIN_MUTE, AMP_OUT_UNMUTE);
            }
            io.exec(pin, Verbs.SET_PIN_WIDGET_CONTROL, PathInit.PIN_OUT);
            jacks.enableDetect(pin);
        }
        if (!sensed)
        {
            for (final int pin : pins)
            {
                presentSense(pin);
            }
            sensed = true;
        }
    }

    /**
     * A jack event on one of the pins: presence and ELD again.
     *
     * @param pin the pin.
     */
    void onJack(final int pin)
    {
        if (pins.contains(pin))
        {
            presentSense(pin);
        }
    }

    /**
     * The HDMI/DP pins added.
     *
     * @return their NIDs.
     */
    List<Integer> pins()
    {
        return List.copyOf(pins);
    }

    /** {@code hdmi_present_sense_via_verbs}. */
    private void presentSense(final int pin)
    {
        final int sense = io.exec(pin, Verbs.GET_PIN_SENSE, 0);
        final boolean present = (sense & PIN_SENSE_PRESENCE) != 0;
        final boolean eldValid = (sense & PIN_SENSE_ELDV) != 0;
        log.debug(source, String.format(Locale.ROOT, "HDMI status: Codec=%d Pin=%d Presence_Detect=%d ELD_Valid=%d",
            address, pin, present ? 1 : 0, eldValid ? 1 : 0));
        if (present && eldValid)
        {
            readEld(pin);
        }
    }

    /** {@code snd_hdmi_get_eld}: the buffer size, then each byte until one is not valid. */
    private void readEld(final int pin)
    {
        int size = io.exec(pin, GET_HDMI_DIP_SIZE, DIPSIZE_ELD_BUF);
        if (size == 0)
        {
            log.info(source, "HDMI: ELD buf size is 0, force 128");
            size = 128;
        }
        if (size < ELD_FIXED_BYTES || size > ELD_MAX_SIZE)
        {
            log.info(source, "HDMI: invalid ELD buf size " + size);
            return;
        }
        for (int i = 0; i < size; i++)
        {
            if ((io.exec(pin, GET_HDMI_ELDD, i) & ELDD_VALID) == 0)
            {
                log.info(source, "HDMI: invalid ELD data byte " + i);
                return;
            }
        }
    }

    private static String nids(final List<Integer> list)
    {
        final StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < list.size(); i++)
        {
            sb.append(i > 0 ? "/" : "").append(String.format(Locale.ROOT, "0x%x", list.get(i)));
        }
        return sb.append(')').toString();
    }
}

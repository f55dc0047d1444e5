package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.SoundException;

import java.util.Locale;

/**
 * The driver of one codec on the link ({@code hda_codec} with a minimal generic parser): probes the widget tree
 * over the command transport, finds the output path (DAC to pin), initialises it, keeps the register cache and an
 * amp cache, suspends and resumes the codec, programs converters for streams, and handles jack events.
 *
 * <p>Threading: called from probe work, PCM ops, control get/put and unsolicited work; verbs are serialised by the
 * transport, the caches are synchronised.
 */
public final class CodecDriver
{
    /** Gain step of the DAC's output amp that means 0 dB (the amp's offset). */
    public static final int UNITY_GAIN_STEP = 0x4a;
    private static final int UNSOL_TAG_JACK = 0x01;
    private static final int WCAP_TYPE_OUT = 0x0;
    private static final int WCAP_TYPE_PIN = 0x4;
    private static final int PINCAP_OUT = 1 << 4;
    private static final int PINCAP_PRES_DETECT = 1 << 2;
    private static final int PINCAP_EAPD = 1 << 16;
    private static final int PIN_OUT = 0x40;

    private final CommandTransport transport;
    private final KernelLog log;
    private final int address;
    private final String source;
    private final CodecRegmap regmap;

    private int vendorId;
    private int subsystemId;
    private int revisionId;
    private Integer powerStates;
    private int afgNid = -1;
    private int dacNid = -1;
    private int pinNid = -1;
    private boolean pinDetect;
    private int ampSteps = UNITY_GAIN_STEP;
    private final int[] ampGain = {UNITY_GAIN_STEP, UNITY_GAIN_STEP};
    private final boolean[] ampMute = new boolean[2];
    private volatile boolean suspended;
    private volatile boolean jackPresent = true;
    private long jackEvents;

    /**
     * A codec driver for the codec at {@code address}.
     *
     * @param transport the bus's command transport.
     * @param kernel    kernel services.
     * @param address   the codec address (CAd).
     * @param cardIndex the card number, for the device name {@code hdaudioC<card>D<addr>}.
     */
    public CodecDriver(final CommandTransport transport, final Kernel kernel, final int address, final int cardIndex)
    {
        this.transport = transport;
        this.log = kernel.log();
        this.address = address;
        this.source = "snd_hda_codec_generic hdaudioC" + cardIndex + "D" + address;
        this.regmap = new CodecRegmap(transport::execute);
    }

    /**
     * The codec address.
     *
     * @return CAd.
     */
    public int address()
    {
        return address;
    }

    /**
     * The vendor id read at probe.
     *
     * @return e.g. {@code 0x1af40012}.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * The DAC widget of the output path.
     *
     * @return its NID, or -1 before probe.
     */
    public int dacNid()
    {
        return dacNid;
    }

    /**
     * The output pin of the path.
     *
     * @return its NID, or -1 before probe.
     */
    public int pinNid()
    {
        return pinNid;
    }

    /**
     * The register cache.
     *
     * @return the regmap.
     */
    public CodecRegmap regmap()
    {
        return regmap;
    }

    /**
     * Number of gain steps of the output amp (the control's maximum).
     *
     * @return steps, e.g. {@code 0x4a}.
     */
    public int ampSteps()
    {
        return ampSteps;
    }

    /**
     * Whether the codec is runtime-suspended (verbs only reach the caches).
     *
     * @return true while suspended.
     */
    public boolean suspended()
    {
        return suspended;
    }

    /**
     * Jack events handled so far.
     *
     * @return the count.
     */
    public long jackEvents()
    {
        return jackEvents;
    }

    /**
     * Whether the output jack was last reported present.
     *
     * @return true if something is plugged in.
     */
    public boolean jackPresent()
    {
        return jackPresent;
    }

    private int verb(final int nid, final int verb, final int payload)
    {
        return transport.execute(Verbs.make(address, nid, verb, payload));
    }

    private int parameter(final int nid, final int param)
    {
        return verb(nid, Verbs.GET_PARAMETER, param);
    }

    /**
     * Probes the codec ({@code snd_hda_codec_new} and the generic parser): ids, function group, widgets, and the
     * DAC-to-pin output path.
     *
     * @throws SoundException if the codec does not answer or has no output path.
     */
    public void probe()
    {
        vendorId = parameter(0, Verbs.PAR_VENDOR_ID);
        subsystemId = verb(0, Verbs.GET_SUBSYSTEM_ID, 0);
        revisionId = parameter(0, Verbs.PAR_REV_ID);
        final int rootNodes = parameter(0, Verbs.PAR_NODE_COUNT);
        final int fgStart = (rootNodes >> 16) & 0xff;
        final int fgCount = rootNodes & 0xff;
        for (int nid = fgStart; nid < fgStart + fgCount; nid++)
        {
            if ((parameter(nid, Verbs.PAR_FUNCTION_TYPE) & 0xff) == 0x01)
            {
                afgNid = nid;
                break;
            }
        }
        if (afgNid < 0)
        {
            throw new SoundException(dev.azalia.sound.Errno.ENODEV, "no audio function group");
        }
        final int widgets = parameter(afgNid, Verbs.PAR_NODE_COUNT);
        final int start = (widgets >> 16) & 0xff;
        final int count = widgets & 0xff;
        for (int nid = start; nid < start + count; nid++)
        {
            final int caps = parameter(nid, Verbs.PAR_AUDIO_WIDGET_CAP);
            final int type = (caps >> 20) & 0xf;
            if (type == WCAP_TYPE_OUT && dacNid < 0)
            {
                dacNid = nid;
                final int ampCaps = parameter(nid, Verbs.PAR_AMP_OUT_CAP);
                ampSteps = (ampCaps >> 8) & 0x7f;
            }
            else if (type == WCAP_TYPE_PIN && pinNid < 0)
            {
                final int pinCaps = parameter(nid, Verbs.PAR_PIN_CAP);
                if ((pinCaps & PINCAP_OUT) != 0)
                {
                    pinNid = nid;
                    pinDetect = (pinCaps & PINCAP_PRES_DETECT) != 0;
                }
            }
        }
        if (dacNid < 0 || pinNid < 0)
        {
            throw new SoundException(dev.azalia.sound.Errno.ENODEV, "no output path");
        }
        log.info(source, String.format(Locale.ROOT,
            "autoconfig for Generic: line_outs=1 (0x%x/0x0/0x0/0x0/0x0) type:line", pinNid));
        log.info(source, "    speaker_outs=0 (0x0/0x0/0x0/0x0/0x0)");
        log.info(source, "    hp_outs=0 (0x0/0x0/0x0/0x0/0x0)");
        log.debug(source, String.format(Locale.ROOT, "vendor %#010x subsystem %#010x revision %#x, dac %#x, pin %#x",
            vendorId, subsystemId, revisionId, dacNid, pinNid));
    }

    private static int key(final int nid, final int getVerb, final int payload)
    {
        return nid << 20 | getVerb << 8 | payload;
    }

    /**
     * Initialises the output path: function group to D0, the converter's digital state, pin control, EAPD,
     * jack detection with unsolicited responses, and the amp at 0 dB unmuted. Non-volatile verbs go through the
     * register cache so they are replayed on resume.
     */
    public void init()
    {
        verb(afgNid, Verbs.SET_POWER_STATE, 0);
        regmap.write(key(dacNid, Verbs.GET_DIGI_CONVERT_1, 0),
            Verbs.make(address, dacNid, Verbs.SET_DIGI_CONVERT_1, 0x00), 0x00);
        regmap.write(key(pinNid, Verbs.GET_PIN_WIDGET_CONTROL, 0),
            Verbs.make(address, pinNid, Verbs.SET_PIN_WIDGET_CONTROL, PIN_OUT), PIN_OUT);
        final int pinCaps = parameter(pinNid, Verbs.PAR_PIN_CAP);
        if ((pinCaps & PINCAP_EAPD) != 0)
        {
            regmap.write(key(pinNid, Verbs.GET_EAPD_BTLENABLE, 0),
                Verbs.make(address, pinNid, Verbs.SET_EAPD_BTLENABLE, 0x02), 0x02);
        }
        if (pinDetect)
        {
            regmap.write(key(pinNid, Verbs.GET_UNSOLICITED_RESPONSE, 0),
                Verbs.make(address, pinNid, Verbs.SET_UNSOLICITED_ENABLE, 0x80 | UNSOL_TAG_JACK),
                0x80 | UNSOL_TAG_JACK);
            jackPresent = (verb(pinNid, Verbs.GET_PIN_SENSE, 0) & 0x8000_0000) != 0;
        }
        writeAmp(0);
        writeAmp(1);
    }

    private void writeAmp(final int channel)
    {
        final int payload = 0x8000 | (channel == 0 ? 0x2000 : 0x1000) | (ampMute[channel] ? 0x80 : 0)
            | (ampGain[channel] & 0x7f);
        if (!suspended)
        {
            verb(dacNid, Verbs.SET_AMP_GAIN_MUTE, payload);
        }
    }

    /**
     * Sets the output amp of one channel ({@code snd_hda_codec_amp_update}); the amp cache keeps it for resume.
     *
     * @param channel 0 = left, 1 = right.
     * @param gain    gain step 0 ... {@link #ampSteps()}.
     * @param mute    whether muted.
     * @return true if the value changed.
     */
    public boolean updateAmp(final int channel, final int gain, final boolean mute)
    {
        synchronized (ampGain)
        {
            if (ampGain[channel] == gain && ampMute[channel] == mute)
            {
                return false;
            }
            ampGain[channel] = gain;
            ampMute[channel] = mute;
            writeAmp(channel);
            return true;
        }
    }

    /**
     * The cached gain of one channel.
     *
     * @param channel 0 = left, 1 = right.
     * @return the gain step.
     */
    public int ampGain(final int channel)
    {
        synchronized (ampGain)
        {
            return ampGain[channel];
        }
    }

    /**
     * The cached mute of one channel.
     *
     * @param channel 0 = left, 1 = right.
     * @return true if muted.
     */
    public boolean ampMuted(final int channel)
    {
        synchronized (ampGain)
        {
            return ampMute[channel];
        }
    }

    /**
     * Reads the amp of one channel from the hardware (a control get that reaches the codec).
     *
     * @param channel 0 = left, 1 = right.
     * @return the response: gain in [6:0], mute in bit 7.
     */
    public int readAmp(final int channel)
    {
        return verb(dacNid, Verbs.GET_AMP_GAIN_MUTE, 0x8000 | (channel == 0 ? 0x2000 : 0));
    }

    /**
     * Binds the DAC to a stream ({@code snd_hda_codec_setup_stream}).
     *
     * @param streamTag the controller stream's tag.
     * @param format    the stream format word.
     */
    public void setupStream(final int streamTag, final int format)
    {
        verb(dacNid, Verbs.SET_CHANNEL_STREAMID, streamTag << 4);
        verb(dacNid, Verbs.SET_STREAM_FORMAT, format);
    }

    /**
     * Unbinds the DAC from its stream ({@code snd_hda_codec_cleanup_stream}).
     */
    public void cleanupStream()
    {
        verb(dacNid, Verbs.SET_CHANNEL_STREAMID, 0);
    }

    /**
     * Whether the codec lets the link go down at suspend ({@code codec_has_clkstop && codec_has_epss}): its function
     * group's supported-power-states parameter has CLKSTOP (bit 30) and EPSS (bit 31). Read once, then cached.
     *
     * @return true if the controller may runtime-suspend once this codec is suspended.
     */
    public boolean supportsClockStop()
    {
        if (null == powerStates)
        {
            powerStates = parameter(afgNid, Verbs.PAR_POWER_STATE);
        }
        return (powerStates & 0xc000_0000) == 0xc000_0000;
    }

    /**
     * Runtime-suspends the codec: function group to D3, caches only.
     */
    public void suspend()
    {
        try
        {
            verb(afgNid, Verbs.SET_POWER_STATE, 3);
        }
        finally
        {
            regmap.setCacheOnly(true);
            suspended = true;
        }
    }

    /**
     * Marks the codec suspended without talking to it (the controller is already unreachable).
     */
    public void markSuspended()
    {
        regmap.setCacheOnly(true);
        suspended = true;
    }

    /**
     * Runtime-resumes the codec: function group to D0, then the register cache and the amp cache are replayed
     * ({@code regcache_sync}); a failure is logged as Linux logs it.
     *
     * @return true if every register was written back.
     */
    public boolean resume()
    {
        regmap.setCacheOnly(false);
        suspended = false;
        try
        {
            verb(afgNid, Verbs.SET_POWER_STATE, 0);
        }
        catch (final SoundException e)
        {
            log.debug(source, "power up failed: " + e.getMessage());
        }
        try
        {
            regmap.sync();
            writeAmp(0);
            writeAmp(1);
            return true;
        }
        catch (final CodecRegmap.RegisterSyncException e)
        {
            log.err(source, e.getMessage());
            return false;
        }
        catch (final SoundException e)
        {
            log.err(source, "amp resume failed: " + e.getMessage());
            return false;
        }
    }

    /**
     * Handles an unsolicited response (on the workqueue): a jack event re-reads the pin sense.
     *
     * @param response the response word.
     */
    public void onUnsolicited(final int response)
    {
        final int tag = response >>> 26;
        if (tag != UNSOL_TAG_JACK || suspended)
        {
            return;
        }
        jackEvents++;
        final boolean present = (verb(pinNid, Verbs.GET_PIN_SENSE, 0) & 0x8000_0000) != 0;
        if (present != jackPresent)
        {
            jackPresent = present;
            log.debug(source, "jack " + (present ? "plugged" : "unplugged") + String.format(Locale.ROOT,
                " on pin %#x", pinNid));
        }
    }
}

package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.ControlElement;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver of one codec on the link, as Linux 6.1's {@code hda_codec} with the generic parser drives it, verb for
 * verb: {@link #probe} is {@code snd_hdac_device_init} + {@code snd_hda_codec_new} (identities, function group,
 * widget caps, pin configurations and pin controls, power-up to D0) and the generic parser's auto-configuration
 * ({@link AutoConfig}); {@link #init} is {@code snd_hda_gen_init} (pin controls, path amps initialised once through
 * the register cache, automute's pin sense); {@link #suspend}/{@link #resume} are {@code hda_call_codec_suspend}
 * and {@code hda_call_codec_resume} ({@link CodecPower} makes the power transitions); streams are bound as
 * {@code __snd_hda_codec_setup_stream} binds them ({@link ConverterSetups}); amps are read from and written through
 * the {@link CodecRegmap} as the mixer's amp controls do.
 *
 * <p>Threading: called from probe work, PCM ops, control get/put, the codec's power-save work and unsolicited work;
 * each entry point is synchronised on this driver, verbs are serialised by the transport.
 */
public final class CodecDriver
{
    /** Gain step of the DAC's output amp that means 0 dB (the amp's offset). */
    public static final int UNITY_GAIN_STEP = 0x4a;
    private static final int UNSOL_TAG_JACK = 0x01;
    private static final int FUNCTION_TYPE_AUDIO = 0x01;
    private static final int PIN_OUT = 0x40;
    private static final int PIN_HP = 0xc0;
    private static final int PIN_IN = 0x20;
    private static final int AMP_MUTE = 0x80;
    private static final int AMP_MUTE_CAP = 1 << 31;
    private static final int PIN_SENSE_PRESENCE = 1 << 31;
    private static final int CLK_STOP_OK = 1 << 9;

    private final CommandTransport transport;
    private final Kernel kernel;
    private final KernelLog log;
    private final int address;
    private final String source;
    private final CodecRegmap regmap;
    private final CodecIo io;
    private final ConverterSetups converters;

    private int vendorId;
    private int subsystemId;
    private int revisionId;
    private int afgNid = -1;
    private AutoConfig config;
    private CodecPower power;
    private int dacNid = -1;
    private int pinNid = -1;
    private int adcNid = -1;
    private boolean pinDetect;
    private boolean jacksBuilt;
    private int ampSteps = UNITY_GAIN_STEP;
    private volatile boolean suspended;
    private volatile boolean jackPresent = true;
    private long jackEvents;
    private int lastSuspendAnswer;

    /**
     * A codec driver for the codec at {@code address}.
     *
     * @param transport the bus's command transport.
     * @param kernel    kernel services (sleeps on its clock).
     * @param address   the codec address (CAd).
     * @param cardIndex the card number, for the device name {@code hdaudioC<card>D<addr>}.
     */
    public CodecDriver(final CommandTransport transport, final Kernel kernel, final int address, final int cardIndex)
    {
        this.transport = transport;
        this.kernel = kernel;
        this.log = kernel.log();
        this.address = address;
        this.source = "snd_hda_codec_generic hdaudioC" + cardIndex + "D" + address;
        this.regmap = new CodecRegmap(address, transport::execute);
        this.io = (nid, verb, payload) -> transport.execute(Verbs.make(address, nid, verb, payload));
        this.converters = new ConverterSetups(io, kernel);
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
     * @return e.g. {@code 0x1af40022}.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * The subsystem id read at probe (root parameter 1, or verb F20 on the function group when that is 0 or -1).
     *
     * @return the id.
     */
    public int subsystemId()
    {
        return subsystemId;
    }

    /**
     * The DAC of the first output path.
     *
     * @return its NID, or -1 before probe.
     */
    public int dacNid()
    {
        return dacNid;
    }

    /**
     * The first output pin.
     *
     * @return its NID, or -1 before probe.
     */
    public int pinNid()
    {
        return pinNid;
    }

    /**
     * The ADC of the first capture path.
     *
     * @return its NID, or -1 if the codec has none.
     */
    public int adcNid()
    {
        return adcNid;
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
     * Whether the codec is suspended (writes only reach the caches).
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

    /**
     * GET_POWER_STATE reads made by power-state polls so far.
     *
     * @return the count.
     */
    public synchronized long powerPollReads()
    {
        return null == power ? 0 : power.pollReads();
    }

    private int verb(final int nid, final int verb, final int payload)
    {
        return io.exec(nid, verb, payload);
    }

    private int parameter(final int nid, final int param)
    {
        return verb(nid, Verbs.GET_PARAMETER, param);
    }

    /**
     * Probes the codec: {@code snd_hdac_device_init} (vendor, subsystem, revision, node counts, function type,
     * function group node count and power states), {@code snd_hda_codec_new} (widget caps, each pin's default
     * configuration and pin control, power-up to D0), then the generic parser's auto-configuration, logged as Linux
     * logs it, and the converters' PCM parameters.
     *
     * @throws SoundException if the codec has no audio function group or no output path.
     */
    public synchronized void probe()
    {
        vendorId = parameter(0, Verbs.PAR_VENDOR_ID);
        subsystemId = parameter(0, Verbs.PAR_SUBSYSTEM_ID);
        revisionId = parameter(0, Verbs.PAR_REV_ID);
        final int rootNodes = parameter(0, Verbs.PAR_NODE_COUNT);
        final int fgStart = (rootNodes >> 16) & 0xff;
        final int fgCount = rootNodes & 0xff;
        for (int nid = fgStart; nid < fgStart + fgCount; nid++)
        {
            if ((parameter(nid, Verbs.PAR_FUNCTION_TYPE) & 0xff) == FUNCTION_TYPE_AUDIO && afgNid < 0)
            {
                afgNid = nid;
            }
        }
        if (afgNid < 0)
        {
            throw new SoundException(Errno.ENODEV, "no audio function group");
        }
        final int widgets = parameter(afgNid, Verbs.PAR_NODE_COUNT);
        final int start = (widgets >> 16) & 0xff;
        final int count = widgets & 0xff;
        final int powerCaps = parameter(afgNid, Verbs.PAR_POWER_STATE);
        if (subsystemId == 0 || subsystemId == -1)
        {
            subsystemId = verb(afgNid, Verbs.GET_SUBSYSTEM_ID, 0);
        }
        final int[] wcaps = new int[count];
        for (int i = 0; i < count; i++)
        {
            wcaps[i] = parameter(start + i, Verbs.PAR_AUDIO_WIDGET_CAP);
        }
        final int[] pinConfig = new int[count];
        final List<Integer> powered = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            if (AutoConfig.type(wcaps[i]) == Verbs.WID_PIN)
            {
                pinConfig[i] = verb(start + i, Verbs.GET_CONFIG_DEFAULT, 0);
                verb(start + i, Verbs.GET_PIN_WIDGET_CONTROL, 0);
            }
            if ((wcaps[i] & Verbs.WCAP_POWER) != 0)
            {
                powered.add(start + i);
            }
        }
        power = new CodecPower(io, kernel, afgNid, powerCaps, powered.stream().mapToInt(Integer::intValue).toArray());
        power.set(Verbs.PS_D0);
        config = new AutoConfig(io, afgNid, start, wcaps, pinConfig);
        config.parsePins(log, source);
        config.parsePaths();
        if (config.outputPaths.isEmpty())
        {
            throw new SoundException(Errno.ENODEV, "no output path");
        }
        config.queryPcms();
        final int[] out = config.outputPaths.get(0);
        dacNid = out[0];
        pinNid = out[out.length - 1];
        adcNid = config.inputPaths.isEmpty() ? -1 : config.inputPaths.get(0)[config.inputPaths.get(0).length - 1];
        ampSteps = (config.ampCaps(dacNid, true) >> 8) & 0x7f;
        pinDetect = (config.pinCaps(pinNid) & Verbs.PINCAP_PRES_DETECT) != 0;
        log.debug(source, String.format(Locale.ROOT, "vendor %#010x subsystem %#010x revision %#x, dac %#x, pin %#x",
            vendorId, subsystemId, revisionId, dacNid, pinNid));
    }

    /**
     * Initialises the codec as {@code snd_hda_gen_init} does: for each output path the pin control, the path's
     * amps initialised once (read into the cache, then muted at gain 0 if they differ) and EAPD; for each input
     * pin its pin control, then the capture paths' amps; jacks: at the first init, the line-out automute reads each
     * output pin's sense (and a presence-detect pin gets unsolicited responses enabled); finally the register cache
     * is written back if it was marked dirty (resume).
     */
    public synchronized void init()
    {
        for (final int[] path : config.outputPaths)
        {
            final int pin = path[path.length - 1];
            final boolean hp = config.hpOuts.contains(pin) || "hp".equals(config.lineOutType);
            regmap.write(CodecRegmap.key(pin, Verbs.GET_PIN_WIDGET_CONTROL), hp ? PIN_HP : PIN_OUT);
            activatePath(path);
            if ((config.pinCaps(pin) & Verbs.PINCAP_EAPD) != 0)
            {
                regmap.write(CodecRegmap.key(pin, Verbs.GET_EAPD_BTLENABLE), 0x02);
            }
        }
        for (final AutoConfig.Input in : config.inputs)
        {
            regmap.write(CodecRegmap.key(in.pin(), Verbs.GET_PIN_WIDGET_CONTROL), PIN_IN);
        }
        for (final int[] path : config.inputPaths)
        {
            activatePath(path);
        }
        if (!jacksBuilt)
        {
            if (pinDetect)
            {
                regmap.write(CodecRegmap.key(pinNid, Verbs.GET_UNSOLICITED_RESPONSE), 0x80 | UNSOL_TAG_JACK);
            }
            for (final int pin : config.lineOuts)
            {
                final boolean present = (verb(pin, Verbs.GET_PIN_SENSE, 0) & PIN_SENSE_PRESENCE) != 0;
                if (pin == pinNid)
                {
                    jackPresent = !pinDetect || present;
                }
            }
            jacksBuilt = true;
        }
        regmap.sync();
    }

    /** {@code snd_hda_activate_path}: from the pin back to the converter, each amp initialised once. */
    private void activatePath(final int[] path)
    {
        for (int i = path.length - 1; i >= 0; i--)
        {
            final int nid = path[i];
            final int caps = config.wcaps(nid);
            if (i > 0 && (caps & Verbs.WCAP_IN_AMP) != 0)
            {
                final int index = indexOf(config.connections(nid), path[i - 1]);
                initAmp(nid, false, Math.max(index, 0), caps);
            }
            if (i < path.length - 1 && (caps & Verbs.WCAP_OUT_AMP) != 0)
            {
                initAmp(nid, true, 0, caps);
            }
        }
    }

    private static int indexOf(final int[] list, final int nid)
    {
        for (int i = 0; i < list.length; i++)
        {
            if (list[i] == nid)
            {
                return i;
            }
        }
        return -1;
    }

    /** {@code init_amp}: muted (if it can mute) at gain 0, only the first time (the cache primed by a read). */
    private void initAmp(final int nid, final boolean output, final int index, final int wcaps)
    {
        final int ampCaps = config.ampCaps(nid, output);
        final int value = (ampCaps & AMP_MUTE_CAP) != 0 ? AMP_MUTE : 0;
        final int channels = (wcaps & Verbs.WCAP_STEREO) != 0 ? 2 : 1;
        for (int ch = 0; ch < channels; ch++)
        {
            final int key = CodecRegmap.ampKey(nid, output, ch == 0, index);
            if (!regmap.isCached(key))
            {
                regmap.update(key, 0xff, value);
            }
        }
    }

    /**
     * Reads an amp as a control get does ({@code snd_hda_codec_amp_read}): from the register cache; only an amp
     * never read or written before is read from the codec.
     *
     * @param nid     the widget.
     * @param output  its output amp (true) or input amp 0.
     * @param channel 0 = left, 1 = right.
     * @return gain in bits 6:0, mute in bit 7.
     */
    public synchronized int readAmp(final int nid, final boolean output, final int channel)
    {
        return regmap.read(CodecRegmap.ampKey(nid, output, channel == 0, 0)) & 0xff;
    }

    /**
     * Changes bits of an amp as a control put does ({@code snd_hda_codec_amp_update}): nothing is sent if they
     * already hold the value; otherwise one SET_AMP_GAIN_MUTE while the codec is powered, or only the cache while
     * it is suspended (the value reaches the codec at the next resume).
     *
     * @param nid     the widget.
     * @param output  its output amp (true) or input amp 0.
     * @param channel 0 = left, 1 = right.
     * @param mask    {@code 0x7f} for the gain, {@code 0x80} for the mute.
     * @param value   the new bits.
     * @return true if the amp changed.
     */
    public synchronized boolean updateAmp(final int nid, final boolean output, final int channel, final int mask,
        final int value)
    {
        return regmap.update(CodecRegmap.ampKey(nid, output, channel == 0, 0), mask, value);
    }

    /**
     * Whether the link may go down now that the codec is suspended ({@code hda_codec_runtime_suspend}): the
     * function group reports CLKSTOP and EPSS and its last D3 answer had CLK_STOP_OK.
     *
     * @return true if the controller may stop the link clock for this codec.
     */
    public synchronized boolean clockStopOk()
    {
        return suspended && null != power && power.epss() && power.clkstop()
            && (lastSuspendAnswer & CLK_STOP_OK) != 0;
    }

    /**
     * The mixer controls the generic parser creates for this codec: "Master Playback Volume/Switch" on the DAC's
     * output amp and, when there is a capture path with an input amp, "Capture Volume/Switch" on the ADC.
     *
     * @return the controls, in the order Linux adds them.
     */
    public synchronized List<ControlElement> mixerControls()
    {
        final List<ControlElement> list = new ArrayList<>();
        list.add(new AmpControls.Volume(this, "Master Playback Volume", dacNid, true, ampSteps));
        list.add(new AmpControls.Switch(this, "Master Playback Switch", dacNid, true));
        if (adcNid >= 0 && (config.wcaps(adcNid) & Verbs.WCAP_IN_AMP) != 0)
        {
            final int steps = (config.ampCaps(adcNid, false) >> 8) & 0x7f;
            list.add(new AmpControls.Volume(this, "Capture Volume", adcNid, false, steps));
            list.add(new AmpControls.Switch(this, "Capture Switch", adcNid, false));
        }
        return list;
    }

    /**
     * Binds the DAC to a stream ({@code snd_hda_codec_setup_stream}): GET_CONV, SET_CHANNEL_STREAMID only if it
     * differs, GET_STREAM_FORMAT, SET_STREAM_FORMAT only if it differs; nothing if this binding is already cached.
     *
     * @param streamTag the controller stream's tag.
     * @param format    the stream format word.
     */
    public synchronized void setupStream(final int streamTag, final int format)
    {
        converters.setup(dacNid, Verbs.WID_AUD_OUT, streamTag, 0, format);
    }

    /**
     * Unbinds the DAC from its stream lazily ({@code snd_hda_codec_cleanup_stream}): no verb; the converter is
     * zeroed at codec suspend or when another converter takes the tag.
     */
    public synchronized void cleanupStream()
    {
        converters.cleanup(dacNid);
    }

    /**
     * Suspends the codec ({@code hda_call_codec_suspend}): converters holding a stream are zeroed, then
     * {@link CodecPower} moves the function group to D3 (depop sleep, verbs, poll); afterwards writes only reach
     * the caches. Does nothing if already suspended.
     */
    public synchronized void suspend()
    {
        if (suspended)
        {
            return;
        }
        transport.enterPm(address);
        try
        {
            converters.cleanupAll();
            lastSuspendAnswer = power.set(Verbs.PS_D3);
        }
        finally
        {
            transport.leavePm(address);
            regmap.setCacheOnly(true);
            suspended = true;
        }
    }

    /**
     * Marks the codec suspended without talking to it (the controller is already unreachable).
     */
    public synchronized void markSuspended()
    {
        regmap.setCacheOnly(true);
        suspended = true;
    }

    /**
     * Resumes the codec ({@code hda_call_codec_resume}): the cache is marked dirty, the function group goes to D0
     * (verb and poll), {@link #init} runs again (pin controls; amps already cached are not re-initialised) and
     * writes the whole cache back in key order; a failure is logged as Linux logs it. Does nothing if not
     * suspended.
     *
     * @return true if every register was written back.
     */
    public synchronized boolean resume()
    {
        if (!suspended)
        {
            return true;
        }
        regmap.setCacheOnly(false);
        regmap.markDirty();
        suspended = false;
        transport.enterPm(address);
        try
        {
            return resumeInPm();
        }
        finally
        {
            transport.leavePm(address);
        }
    }

    private boolean resumeInPm()
    {
        try
        {
            power.set(Verbs.PS_D0);
        }
        catch (final SoundException e)
        {
            log.debug(source, "power up failed: " + e.getMessage());
        }
        try
        {
            init();
            return true;
        }
        catch (final CodecRegmap.RegisterSyncException e)
        {
            log.err(source, e.getMessage());
            return false;
        }
        catch (final SoundException e)
        {
            log.debug(source, "init after resume failed: " + e.getMessage());
            try
            {
                regmap.sync();
                return true;
            }
            catch (final CodecRegmap.RegisterSyncException s)
            {
                log.err(source, s.getMessage());
                return false;
            }
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
        if (tag != UNSOL_TAG_JACK || suspended || !pinDetect)
        {
            return;
        }
        jackEvents++;
        final boolean present = (verb(pinNid, Verbs.GET_PIN_SENSE, 0) & PIN_SENSE_PRESENCE) != 0;
        if (present != jackPresent)
        {
            jackPresent = present;
            log.debug(source, "jack " + (present ? "plugged" : "unplugged") + String.format(Locale.ROOT,
                " on pin %#x", pinNid));
        }
    }
}

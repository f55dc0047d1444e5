package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.ControlElement;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * The driver of one codec on the link, as Linux 6.1's {@code hda_codec} with the generic parser drives it, verb for
 * verb: {@link #probe} is {@code snd_hdac_device_init} + {@code snd_hda_codec_new} (identities, function group, widget
 * caps, pin configurations and pin controls: {@link CodecProbeReads}; power-up to D0) and the generic parser's
 * auto-configuration ({@link AutoConfig}, {@link PinDefaults}, {@link OutputPaths}), or for an HDMI/DP-only codec the
 * HDMI codec driver's probe ({@link HdmiCodec}); {@link #init} is {@code snd_hda_gen_init} (pin controls, paths
 * activated through the register cache, EAPD: {@link PathInit}; automute: {@link AutoMute}; at the first init the jack
 * controls' jack detection, {@link JackTable}); {@link #suspend}/{@link #resume} are {@code hda_call_codec_suspend} and
 * {@code hda_call_codec_resume} ({@link CodecSuspendResume}; {@link CodecPower} makes the power transitions); streams
 * are bound as {@code snd_hda_multi_out_analog_prepare} binds them, every output's DAC to the one stream
 * ({@link ConverterSetups}); amps are read from and written through the {@link CodecRegmap} as the mixer's amp
 * controls do ({@link OutputControls}).
 *
 * <p>Threading: called from probe work, PCM ops, control get/put, the codec's power-save work and unsolicited work;
 * each entry point is synchronised on this driver, verbs are serialised by the transport.
 */
public final class CodecDriver
{
    /** Gain step of the DAC's output amp that means 0 dB (the amp's offset). */
    public static final int UNITY_GAIN_STEP = 0x4a;
    /** The chip name the generic parser logs ({@code codec->core.chip_name} of the generic codec driver). */
    static final String GENERIC_CHIP_NAME = "Generic";
    private static final int UNSOL_TAG_SHIFT = 26;
    private static final int UNSOL_TAG_MASK = 0x3f;

    private final Kernel kernel;
    private final KernelLog log;
    private final int address;
    private final int cardIndex;
    private String source;
    private final CodecRegmap regmap;
    private final CodecIo io;
    private final ConverterSetups converters;
    private final CodecSuspendResume pm;

    private int vendorId;
    private int subsystemId;
    private AutoConfig config;
    private CodecPower power;
    private int dacNid = -1;
    private int pinNid = -1;
    private int adcNid = -1;
    private GenericCodec generic;
    private JackTable jacks;
    private HdmiCodec hdmi;
    private List<ControlElement> controls;
    private boolean firstInit = true;
    private int ampSteps = UNITY_GAIN_STEP;
    private volatile boolean jackPresent = true;
    private long jackEvents;

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
        this(transport::execute, transport, kernel, address, cardIndex);
    }

    /**
     * A codec driver sending its verbs through {@code executor} (the transport, or a test's verb responder).
     *
     * @param executor  sends one verb word and returns the response.
     * @param transport the transport told of power transitions ({@code codec_in_pm}), or null for a responder.
     * @param kernel    kernel services.
     * @param address   the codec address.
     * @param cardIndex the card number.
     */
    CodecDriver(final IntUnaryOperator executor, final CommandTransport transport, final Kernel kernel,
        final int address, final int cardIndex)
    {
        this.kernel = kernel;
        this.log = kernel.log();
        this.address = address;
        this.cardIndex = cardIndex;
        this.source = "snd_hda_codec_generic hdaudioC" + cardIndex + "D" + address;
        this.regmap = new CodecRegmap(address, executor);
        this.io = (nid, verb, payload) -> executor.applyAsInt(Verbs.make(address, nid, verb, payload));
        this.converters = new ConverterSetups(io, kernel);
        this.pm = new CodecSuspendResume(transport, address, regmap, converters, log);
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
        return pm.suspended();
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
     * What the analog playback PCM accepts: from the PCM words read at probe for the front DAC, channels up to the
     * multi-out count.
     *
     * @return the capabilities.
     * @throws SoundException {@link Errno#EIO} when those words give no rate or format.
     */
    public synchronized PcmCapabilities playbackCapabilities()
    {
        if (null == generic)
        {
            throw new SoundException(Errno.ENODEV, "no analog playback PCM on codec " + address);
        }
        return generic.playbackCapabilities();
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
        final CodecProbeReads reads = CodecProbeReads.read(io);
        vendorId = reads.vendorId();
        subsystemId = reads.subsystemId();
        final int start = reads.startNid();
        final int count = reads.widgetCount();
        power = new CodecPower(io, kernel, reads.afgNid(), reads.powerCaps(), reads.poweredNids());
        power.set(Verbs.PS_D0);
        config = new AutoConfig(io, reads.afgNid(), start, reads.wcaps(), reads.pinConfig());
        jacks = new JackTable(config, config::pinConfig, regmap, io);
        if (config.likelyHdmi())
        {
            source = "snd_hda_codec_hdmi hdaudioC" + cardIndex + "D" + address;
            hdmi = new HdmiCodec(config, io, jacks, log, source, address);
            hdmi.parse(start, count);
            return;
        }
        generic = new GenericCodec(config, regmap, io, jacks, converters, log, source);
        final NidPath first = generic.firstPath();
        dacNid = generic.frontDac();
        pinNid = first.last();
        adcNid = generic.firstAdc();
        ampSteps = (config.ampCaps(dacNid, true) >> 8) & 0x7f;
        log.debug(source, String.format(Locale.ROOT, "vendor %#010x subsystem %#010x revision %#x, dac %#x, pin %#x",
            vendorId, subsystemId, reads.revisionId(), dacNid, pinNid));
    }

    /** The parsed configuration (for tests and diagnostics). */
    synchronized AutoConfig autoConfig()
    {
        return config;
    }

    /**
     * Whether the codec drives an analog PCM (the generic parser bound it), as opposed to an HDMI/DP-only codec.
     *
     * @return true after a generic probe.
     */
    public synchronized boolean hasAnalogPcm()
    {
        return null != generic;
    }

    /**
     * The first codec of a list that has an analog PCM, else the first codec.
     *
     * @param codecs probed codecs, not empty.
     * @return the codec the card's analog PCM uses.
     */
    public static CodecDriver firstAnalog(final List<CodecDriver> codecs)
    {
        for (final CodecDriver c : codecs)
        {
            if (c.hasAnalogPcm())
            {
                return c;
            }
        }
        return codecs.get(0);
    }

    /**
     * Initialises the codec as {@code snd_hda_gen_init} does: the outputs (pin control, path, EAPD), the input pins
     * and capture paths, the digital outs, unsolicited responses cleared on detectable pins nobody watches, then
     * automute ({@link AutoMute}); after the first init the jack controls' jacks are set up and reported
     * ({@code snd_hda_jack_add_kctls}, {@code snd_hda_jack_report_sync}); finally the register cache is written
     * back if it was marked dirty (resume). An HDMI codec runs {@code generic_hdmi_init} instead.
     */
    public synchronized void init()
    {
        if (null != hdmi)
        {
            hdmi.init();
            regmap.sync();
            return;
        }
        if (generic.init())
        {
            jackPresent = jacks.lastPresent(pinNid);
        }
        regmap.sync();
        if (!firstInit)
        {
            jacks.reportSync();
        }
        firstInit = false;
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
        return readAmp(nid, output, channel, 0);
    }

    synchronized int readAmp(final int nid, final boolean output, final int channel, final int index)
    {
        return regmap.read(CodecRegmap.ampKey(nid, output, channel == 0, index)) & 0xff;
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
        return updateAmp(nid, output, channel, 0, mask, value);
    }

    synchronized boolean updateAmp(final int nid, final boolean output, final int channel, final int index,
        final int mask, final int value)
    {
        return regmap.update(CodecRegmap.ampKey(nid, output, channel == 0, index), mask, value);
    }

    /**
     * Whether the link may go down now that the codec is suspended ({@code hda_codec_runtime_suspend}): the
     * function group reports CLKSTOP and EPSS and its last D3 answer had CLK_STOP_OK.
     *
     * @return true if the controller may stop the link clock for this codec.
     */
    public synchronized boolean clockStopOk()
    {
        return pm.clockStopOk(power);
    }

    /**
     * The mixer controls the generic parser creates for this codec ({@link OutputControls}): per output path a volume
     * and a switch ("Master Playback Volume/Switch" on the DAC's amp for a lone line out), "Capture Volume/Switch" on
     * the ADC, and the virtual master when no path is named Master. Built once (the virtual master initialises its
     * followers then); an HDMI codec has none.
     *
     * @return the controls, in the order Linux adds them.
     */
    public synchronized List<ControlElement> mixerControls()
    {
        if (null == controls)
        {
            controls = null == generic ? List.of() : List.copyOf(generic.controls(this));
        }
        return controls;
    }

    /**
     * Binds the outputs' DACs to a stream as {@code snd_hda_multi_out_analog_prepare} does for a stereo stream: the
     * front DAC, each headphone DAC, the other line-out DACs (copying the front), the first speaker DAC; each as
     * {@code snd_hda_codec_setup_stream} binds it (GET_CONV, SET_CHANNEL_STREAMID only if it differs,
     * GET_STREAM_FORMAT, SET_STREAM_FORMAT only if it differs; nothing if already bound so).
     *
     * @param streamTag the controller stream's tag.
     * @param format    the stream format word.
     */
    public synchronized void setupStream(final int streamTag, final int format)
    {
        if (null != generic)
        {
            generic.setupStream(streamTag, format);
        }
    }

    /**
     * Unbinds the DACs lazily ({@code snd_hda_multi_out_analog_cleanup}): no verb; a converter is zeroed at codec
     * suspend or when another converter takes the tag.
     */
    public synchronized void cleanupStream()
    {
        if (null != generic)
        {
            generic.cleanupStream();
        }
    }

    /**
     * Suspends the codec ({@code hda_call_codec_suspend}, {@link CodecSuspendResume}): converters holding a stream
     * are zeroed, then {@link CodecPower} moves the function group to D3 (depop sleep, verbs, poll); afterwards
     * writes only reach the caches. Does nothing if already suspended.
     */
    public synchronized void suspend()
    {
        pm.suspend(power);
    }

    /**
     * Marks the codec suspended without talking to it (the controller is already unreachable).
     */
    public synchronized void markSuspended()
    {
        pm.markSuspended();
    }

    /**
     * Resumes the codec ({@code hda_call_codec_resume}, {@link CodecSuspendResume}): the cache is marked dirty, the
     * function group goes to D0 (verb and poll), {@link #init} runs again (pin controls; amps already cached are not
     * re-initialised) and writes the whole cache back in key order; a failure is logged as Linux logs it. Does
     * nothing if not suspended.
     *
     * @return true if every register was written back.
     */
    public synchronized boolean resume()
    {
        return pm.resume(power, this::init, source);
    }

    /**
     * Handles an unsolicited response (on the workqueue) as {@code snd_hda_jack_unsol_event} does: the tag's jack is
     * marked dirty, automute (or the HDMI driver) re-senses it, then the jacks are reported. Runs under the jack
     * table's lock only (as the jack work ran without the driver's lock before).
     *
     * @param response the response word.
     */
    public void onUnsolicited(final int response)
    {
        final JackTable table = jacks;
        if (pm.suspended() || null == table)
        {
            return;
        }
        final boolean present;
        // not under the driver's lock (as before): the jack work must not wait for a driver entry point
        synchronized (table)
        {
            final int pin = table.onEvent(response >>> UNSOL_TAG_SHIFT & UNSOL_TAG_MASK);
            if (pin == 0)
            {
                return;
            }
            jackEvents++;
            if (null != hdmi)
            {
                hdmi.onJack(pin);
            }
            else
            {
                generic.onJack(pin);
            }
            table.reportSync();
            present = table.lastPresent(pinNid);
        }
        if (present != jackPresent)
        {
            jackPresent = present;
            log.debug(source, "jack " + (present ? "plugged" : "unplugged") + String.format(Locale.ROOT,
                " on pin %#x", pinNid));
        }
    }
}

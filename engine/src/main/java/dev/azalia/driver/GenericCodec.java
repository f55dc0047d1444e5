package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.ControlElement;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.List;

/**
 * The generic codec driver's operations ({@code snd_hda_codec_generic}'s patch ops) on a probed codec: the parse
 * ({@code snd_hda_gen_parse_auto_config}: {@link AutoConfig}, pin targets, automute), init
 * ({@code snd_hda_gen_init}), the jack controls' jacks ({@code snd_hda_jack_add_kctls}), the mixer controls and the
 * analog PCM's stream binding ({@code snd_hda_multi_out_analog_prepare}/{@code _cleanup}).
 *
 * <p>Not thread-safe: called under the codec driver's lock.
 */
final class GenericCodec
{
    private final AutoConfig config;
    private final CodecRegmap regmap;
    private final JackTable jacks;
    private final ConverterSetups converters;
    private final PathInit paths;
    private final AutoMute automute;
    private boolean jacksBuilt;

    /**
     * Parses the codec ({@code snd_hda_gen_parse_auto_config}), logging the pins as Linux does.
     *
     * @param config     the codec's widgets.
     * @param regmap     the register cache.
     * @param io         raw verbs.
     * @param jacks      the jack table.
     * @param converters the converters' stream bindings.
     * @param log        the kernel log.
     * @param source     the device name prefix.
     * @throws SoundException {@link Errno#ENODEV} if no output has a path.
     */
    GenericCodec(final AutoConfig config, final CodecRegmap regmap, final CodecIo io, final JackTable jacks,
        final ConverterSetups converters, final KernelLog log, final String source)
    {
        this.config = config;
        this.regmap = regmap;
        this.jacks = jacks;
        this.converters = converters;
        config.parsePins(log, source, CodecDriver.GENERIC_CHIP_NAME);
        config.parsePaths();
        if (config.outputPathsInInitOrder().isEmpty())
        {
            throw new SoundException(Errno.ENODEV, "no output path");
        }
        paths = new PathInit(config, regmap, io);
        paths.setTargets();
        automute = new AutoMute(config, paths, jacks);
        automute.setUp();
        config.queryPcms();
    }

    /** The first output path (line out, else headphone, else speaker). */
    NidPath firstPath()
    {
        return config.outputPathsInInitOrder().get(0);
    }

    /** The front DAC ({@code multiout.dac_nids[0]}), else the first path's. */
    int frontDac()
    {
        return config.outputs.numDacs > 0 ? config.outputs.lineDacs[0] : firstPath().first();
    }

    /**
     * The analog playback PCM's capabilities ({@code snd_hda_gen_build_pcms}, {@code snd_hda_query_supported_pcm} on
     * the front DAC); the channel maximum is {@code multiout.max_channels} as the parse sets it.
     */
    PcmCapabilities playbackCapabilities()
    {
        final int dac = frontDac();
        final int[] words = config.pcmWords.get(dac);
        if (null == words)
        {
            throw new SoundException(Errno.ENODEV, "no analog playback stream (no line-out DAC)");
        }
        final AutoPinConfig pins = config.pins;
        return PcmCapabilities.analogPlayback(config.wcaps(dac), words[0], words[1], PcmCapabilities.multiOutChannels(
            config.outputs.numDacs, pins.speakerOuts.size(), pins.hpOuts.size(), pins.lineOutTypeName()));
    }

    /** The first ADC with a capture path, or -1. */
    int firstAdc()
    {
        return config.adcs.isEmpty() ? -1 : config.adcs.get(0);
    }

    /** The automute state. */
    AutoMute automute()
    {
        return automute;
    }

    /**
     * {@code snd_hda_gen_init}: outputs, inputs, digital outs, unsolicited responses cleared on detectable pins
     * nobody watches, automute; after the first init the jack controls' jacks ({@code snd_hda_jack_add_kctls},
     * then {@code snd_hda_jack_report_sync}).
     *
     * @return true at the first init.
     */
    boolean init()
    {
        paths.initOutputs();
        paths.initInputs();
        paths.initDigital();
        synchronized (jacks)
        {
            clearUnsolOnUnusedPins();
            automute.init();
            if (jacksBuilt)
            {
                return false;
            }
            addJackKctls();
            jacks.reportSync();
            jacksBuilt = true;
            return true;
        }
    }

    /**
     * A jack event on a pin: automute's callback, if it watches the pin.
     *
     * @param pin the pin.
     */
    void onJack(final int pin)
    {
        automute.onJack(pin);
    }

    /**
     * The mixer controls ({@link OutputControls}).
     *
     * @param codec the codec driver the controls write through.
     * @return the controls.
     */
    List<ControlElement> controls(final CodecDriver codec)
    {
        return OutputControls.build(codec, config);
    }

    /**
     * {@code snd_hda_multi_out_analog_prepare} for a stereo stream: the front DAC, each headphone DAC, the other
     * line-out DACs (copying the front), the first speaker DAC.
     *
     * @param streamTag the stream tag.
     * @param format    the format word.
     */
    void setupStream(final int streamTag, final int format)
    {
        final OutputPaths outs = config.outputs;
        converters.setup(frontDac(), Verbs.WID_AUD_OUT, streamTag, 0, format);
        for (final int dac : outs.hpDacs)
        {
            if (dac != 0)
            {
                converters.setup(dac, Verbs.WID_AUD_OUT, streamTag, 0, format);
            }
        }
        for (int i = 1; i < outs.numDacs; i++)
        {
            converters.setup(outs.lineDacs[i], Verbs.WID_AUD_OUT, streamTag, 0, format);
        }
        if (outs.speakerDacs[0] != 0)
        {
            converters.setup(outs.speakerDacs[0], Verbs.WID_AUD_OUT, streamTag, 0, format);
        }
    }

    /** {@code snd_hda_multi_out_analog_cleanup}: every output DAC, lazily. */
    void cleanupStream()
    {
        final OutputPaths outs = config.outputs;
        converters.cleanup(frontDac());
        for (int i = 1; i < outs.numDacs; i++)
        {
            converters.cleanup(outs.lineDacs[i]);
        }
        for (final int[] list : new int[][] {outs.hpDacs, outs.speakerDacs})
        {
            for (final int dac : list)
            {
                if (dac != 0)
                {
                    converters.cleanup(dac);
                }
            }
        }
    }

    /** {@code clear_unsol_on_unused_pins}: a detectable pin without a jack gets unsolicited responses off. */
    private void clearUnsolOnUnusedPins()
    {
        for (int nid = 0; nid < 0x100; nid++)
        {
            if (AutoConfig.type(config.wcaps(nid)) == Verbs.WID_PIN && config.wcaps(nid) != 0 && jacks.tag(nid) == 0
                && jacks.detectable(nid))
            {
                regmap.write(CodecRegmap.key(nid, Verbs.GET_UNSOLICITED_RESPONSE), 0);
            }
        }
    }

    /** {@code snd_hda_jack_add_kctls}: line outs, headphones, speakers (not repeating the line out), inputs, dig. */
    private void addJackKctls()
    {
        final AutoPinConfig cfg = config.pins;
        cfg.lineOuts.forEach(jacks::addKctl);
        final int firstLine = cfg.lineOuts.isEmpty() ? 0 : cfg.lineOuts.get(0);
        for (final List<Integer> list : List.of(cfg.hpOuts, cfg.speakerOuts))
        {
            for (final int pin : list)
            {
                if (pin == firstLine)
                {
                    break;
                }
                jacks.addKctl(pin);
            }
        }
        cfg.inputs.forEach(in -> jacks.addKctl(in.pin()));
        jacks.addKctl(cfg.digOuts.isEmpty() ? 0 : cfg.digOuts.get(0));
        jacks.addKctl(cfg.digIn);
    }
}

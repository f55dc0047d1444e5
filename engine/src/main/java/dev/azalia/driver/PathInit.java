package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic parser's path initialisation ({@code snd_hda_gen_init}'s output and input parts): each pin's control
 * target is set at parse as Linux sets it (line outs OUT, or HP when they are headphones; headphones HP; speakers
 * OUT; inputs IN, mics with their default VREF; each corrected to the pin's caps by {@code snd_hda_correct_pin_ctl});
 * at init every output pin gets its target written, its path activated ({@code snd_hda_activate_path}: connection
 * selects, each amp initialised once muted at gain 0, then the bits no mixer control owns set to 0 dB unmuted) and
 * EAPD on; then the input pins and the capture paths likewise.
 *
 * <p>Not thread-safe: called under the codec driver's lock.
 */
final class PathInit
{
    /** Pin control: output enable. */
    static final int PIN_OUT = 0x40;
    /** Pin control: output and headphone amp enable. */
    static final int PIN_HP = 0xc0;
    /** Pin control: input enable. */
    static final int PIN_IN = 0x20;
    private static final int PINCTL_HP_EN = 0x80;
    private static final int PINCTL_VREFEN = 0x7;
    private static final int VREF_HIZ = 0;
    private static final int VREF_50 = 1;
    private static final int VREF_GRD = 2;
    private static final int VREF_80 = 4;
    private static final int VREF_100 = 5;
    private static final int PINCAP_VREF_SHIFT = 8;
    private static final int[][] VREF_FALLBACK = {{VREF_100, 1 << 5}, {VREF_80, 1 << 4}, {VREF_50, 1 << 1},
        {VREF_GRD, 1 << 2}};
    private static final int AMP_MUTE = 0x80;
    private static final int WID_AUD_MIX = 0x2;

    private final AutoConfig config;
    private final CodecRegmap regmap;
    private final CodecIo io;
    private final Map<Integer, Integer> targets = new HashMap<>();

    /**
     * @param config the parsed configuration.
     * @param regmap the codec's register cache.
     * @param io     raw verbs (the default VREF reads the pin control uncached, as Linux does).
     */
    PathInit(final AutoConfig config, final CodecRegmap regmap, final CodecIo io)
    {
        this.config = config;
        this.regmap = regmap;
        this.io = io;
    }

    /** Sets the pin control targets as {@code parse_output_paths} and {@code create_input_ctls} set them. */
    void setTargets()
    {
        final AutoPinConfig pins = config.pins;
        setTargets(pins.lineOuts, pins.lineOutType == AutoPinConfig.TYPE_HP ? PIN_HP : PIN_OUT);
        if (pins.lineOutType != AutoPinConfig.TYPE_HP)
        {
            setTargets(pins.hpOuts, PIN_HP);
        }
        if (pins.lineOutType != AutoPinConfig.TYPE_SPEAKER)
        {
            setTargets(pins.speakerOuts, PIN_OUT);
        }
        for (final AutoPinConfig.Input in : pins.inputs)
        {
            int val = PIN_IN;
            if (in.type() == AutoPinConfig.INPUT_MIC)
            {
                val |= defaultVref(in.pin());
            }
            if (target(in.pin()) == 0)
            {
                targets.put(in.pin(), correct(in.pin(), val));
            }
        }
        for (final NidPath p : config.digitalPaths)
        {
            targets.put(p.last(), correct(p.last(), PIN_OUT));
        }
    }

    private void setTargets(final List<Integer> pins, final int val)
    {
        for (final int pin : pins)
        {
            targets.put(pin, correct(pin, val));
        }
    }

    /**
     * A pin's control target ({@code snd_hda_codec_get_pin_target}).
     *
     * @param pin a pin.
     * @return the target, 0 if none.
     */
    int target(final int pin)
    {
        return targets.getOrDefault(pin, 0);
    }

    /** Initialises the outputs: per path the pin control, the path, EAPD ({@code set_output_and_unmute}). */
    void initOutputs()
    {
        for (final NidPath path : config.outputPathsInInitOrder())
        {
            final int pin = path.last();
            regmap.write(CodecRegmap.key(pin, Verbs.GET_PIN_WIDGET_CONTROL), target(pin));
            activate(path, true);
            setPinEapd(pin, true);
        }
    }

    /** Initialises the digital outs' paths and pins ({@code init_digital}). */
    void initDigital()
    {
        for (final NidPath path : config.digitalPaths)
        {
            final int pin = path.last();
            regmap.write(CodecRegmap.key(pin, Verbs.GET_PIN_WIDGET_CONTROL), target(pin));
            activate(path, true);
        }
    }

    /**
     * Initialises the inputs: each input pin's control, then per ADC its capture paths ({@code init_input_src}):
     * the first source's path enabled (the mux's initial selection), the others disabled.
     */
    void initInputs()
    {
        for (final AutoPinConfig.Input in : config.pins.inputs)
        {
            regmap.write(CodecRegmap.key(in.pin(), Verbs.GET_PIN_WIDGET_CONTROL), target(in.pin()));
        }
        int adc = -1;
        for (final NidPath path : config.inputPaths)
        {
            final boolean first = path.last() != adc;
            adc = path.last();
            activate(path, path.active || first);
        }
    }

    /**
     * {@code set_pin_eapd}: EAPD on or off on a pin that has it.
     *
     * @param pin    the pin.
     * @param enable on or off.
     */
    void setPinEapd(final int pin, final boolean enable)
    {
        if ((config.pinCaps(pin) & Verbs.PINCAP_EAPD) != 0)
        {
            regmap.write(CodecRegmap.key(pin, Verbs.GET_EAPD_BTLENABLE), enable ? 0x02 : 0x00);
        }
    }

    /**
     * {@code update_pin_ctl}: writes a pin control without changing its target.
     *
     * @param pin the pin.
     * @param val the value (corrected to the pin's caps).
     */
    void updatePinCtl(final int pin, final int val)
    {
        regmap.write(CodecRegmap.key(pin, Verbs.GET_PIN_WIDGET_CONTROL), correct(pin, val));
    }

    /**
     * {@code snd_hda_activate_path}: from the last widget back to the first, the connection select (enabling), each
     * amp initialised once, then enabled (0 dB, unmuted) or disabled (muted) unless another active path uses it.
     */
    private void activate(final NidPath path, final boolean enable)
    {
        path.active = enable;
        for (int i = path.depth() - 1; i >= 0; i--)
        {
            final int nid = path.nids[i];
            if (enable && path.multi[i])
            {
                regmap.write(CodecRegmap.key(nid, Verbs.GET_CONNECT_SEL), path.idx[i]);
            }
            final int caps = config.wcaps(nid);
            final boolean pin = AutoConfig.type(caps) == Verbs.WID_PIN;
            if ((caps & Verbs.WCAP_IN_AMP) != 0 && !(pin && i > 0))
            {
                activateIn(path, i, enable);
            }
            if ((caps & Verbs.WCAP_OUT_AMP) != 0 && !(pin && i == 0))
            {
                initAmp(nid, true, 0);
                checkAndActivate(nid, true, 0, 0, enable);
            }
        }
    }

    private void activateIn(final NidPath path, final int i, final boolean enable)
    {
        final int nid = path.nids[i];
        int nums = config.connections(nid).length;
        final int idx;
        if (AutoConfig.type(config.wcaps(nid)) == Verbs.WID_PIN)
        {
            nums = 1;
            idx = 0;
        }
        else
        {
            idx = path.idx[i];
        }
        for (int n = 0; n < nums; n++)
        {
            initAmp(nid, false, n);
        }
        if (idx < nums)
        {
            checkAndActivate(nid, false, idx, idx, enable);
        }
    }

    /** {@code check_and_activate_amp}: a disable leaves an amp another active path uses. */
    private void checkAndActivate(final int nid, final boolean output, final int index, final int indexToCheck,
        final boolean enable)
    {
        if (!enable && activeNid(nid, output, indexToCheck))
        {
            return;
        }
        activateAmp(nid, output, index, indexToCheck, enable);
    }

    /** {@code is_active_nid}: an active path passes the widget (for an input amp, through that index). */
    private boolean activeNid(final int nid, final boolean output, final int index)
    {
        for (final NidPath p : config.outputs.paths)
        {
            if (!p.active)
            {
                continue;
            }
            for (int i = 0; i < p.depth(); i++)
            {
                if (p.nids[i] == nid)
                {
                    if (output || p.idx[i] == index)
                    {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    /** {@code init_amp}: muted (if it can mute) at gain 0, only if never read or written before. */
    private void initAmp(final int nid, final boolean output, final int index)
    {
        final int caps = config.ampCaps(nid, output);
        final int value = (caps & (CodecGraph.AMPCAP_MUTE | CodecGraph.AMPCAP_MIN_MUTE)) != 0 ? AMP_MUTE : 0;
        final int channels = stereoAmps(nid, output) ? 2 : 1;
        for (int ch = 0; ch < channels; ch++)
        {
            final int key = CodecRegmap.ampKey(nid, output, ch == 0, index);
            if (!regmap.isCached(key))
            {
                regmap.update(key, 0xff, value);
            }
        }
    }

    /** {@code activate_amp}: enabled 0 dB and unmuted, disabled muted at gain 0, on the bits no control owns. */
    private void activateAmp(final int nid, final boolean output, final int index, final int indexToCheck,
        final boolean enable)
    {
        final int caps = config.ampCaps(nid, output);
        int val = enable && (caps & CodecGraph.AMPCAP_NUM_STEPS) != 0 ? caps & CodecGraph.AMPCAP_OFFSET : 0;
        if (!enable && (caps & (CodecGraph.AMPCAP_MUTE | CodecGraph.AMPCAP_MIN_MUTE)) != 0)
        {
            val |= AMP_MUTE;
        }
        int mask = 0xff;
        final int amp = NidPath.ampVal(nid, output, indexToCheck);
        if ((caps & (CodecGraph.AMPCAP_MUTE | CodecGraph.AMPCAP_MIN_MUTE)) != 0 && config.outputs.ctlUsed(amp, 1))
        {
            mask &= ~AMP_MUTE;
        }
        if ((caps & CodecGraph.AMPCAP_NUM_STEPS) != 0
            && (config.outputs.ctlUsed(amp, 0) || config.outputs.ctlUsed(amp, 2)))
        {
            mask &= ~0x7f;
        }
        if (mask == 0)
        {
            return;
        }
        final int channels = stereoAmps(nid, output) ? 2 : 1;
        for (int ch = 0; ch < channels; ch++)
        {
            regmap.update(CodecRegmap.ampKey(nid, output, ch == 0, index), mask, val & mask);
        }
    }

    /** {@code is_stereo_amps}: a stereo widget, or a mono mixer's input fed by one stereo source. */
    private boolean stereoAmps(final int nid, final boolean output)
    {
        final int caps = config.wcaps(nid);
        if ((caps & Verbs.WCAP_STEREO) != 0)
        {
            return true;
        }
        if (output || AutoConfig.type(caps) != WID_AUD_MIX)
        {
            return false;
        }
        final int[] conns = config.connections(nid);
        return conns.length == 1 && (config.wcaps(conns[0]) & Verbs.WCAP_STEREO) != 0;
    }

    /** {@code snd_hda_get_default_vref}: 80% unless the pin was set to 50%, else 50, 100, ground, Hi-Z. */
    private int defaultVref(final int pin)
    {
        final int old = io.exec(pin, Verbs.GET_PIN_WIDGET_CONTROL, 0);
        final int vcap = config.pinCaps(pin) >>> PINCAP_VREF_SHIFT & 0xff;
        if ((vcap & 1 << 4) != 0 && old != (PIN_IN | VREF_50))
        {
            return VREF_80;
        }
        if ((vcap & 1 << 1) != 0)
        {
            return VREF_50;
        }
        if ((vcap & 1 << 5) != 0)
        {
            return VREF_100;
        }
        return (vcap & 1 << 2) != 0 ? VREF_GRD : VREF_HIZ;
    }

    /** {@code snd_hda_correct_pin_ctl}: drops what the pin cannot do. */
    int correct(final int pin, final int value)
    {
        int val = value;
        if (val == 0)
        {
            return 0;
        }
        final int cap = config.pinCaps(pin);
        if (cap == 0)
        {
            return val;
        }
        if ((val & PIN_OUT) != 0)
        {
            if ((cap & Verbs.PINCAP_OUT) == 0)
            {
                val &= ~(PIN_OUT | PINCTL_HP_EN);
            }
            else if ((val & PINCTL_HP_EN) != 0 && (cap & Verbs.PINCAP_HP_DRV) == 0)
            {
                val &= ~PINCTL_HP_EN;
            }
        }
        if ((val & PIN_IN) != 0)
        {
            if ((cap & Verbs.PINCAP_IN) == 0)
            {
                val &= ~(PIN_IN | PINCTL_VREFEN);
            }
            else
            {
                final int vcap = cap >>> PINCAP_VREF_SHIFT & 0xff;
                int vref = val & PINCTL_VREFEN;
                for (int i = 0; i < VREF_FALLBACK.length; i++)
                {
                    if (vref == VREF_FALLBACK[i][0] && (vcap & VREF_FALLBACK[i][1]) == 0)
                    {
                        vref = i == VREF_FALLBACK.length - 1 ? VREF_HIZ : VREF_FALLBACK[i + 1][0];
                    }
                }
                val = val & ~PINCTL_VREFEN | vref;
            }
        }
        return val;
    }
}

package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.sound.ControlElement;

import java.util.ArrayList;
import java.util.List;

/**
 * The generic parser's mixer controls: per output path a volume and a switch on the amps
 * {@code assign_out_path_ctls} chose, named as {@code get_line_out_pfx} and {@code create_extra_outs} name them
 * ("Master" for a lone line out, "Speaker", "Headphone", "Front", "Surround", "Center"/"LFE", "Side",
 * "Headphone+LO", ...); "Capture Volume/Switch" on the first ADC's input amp; and when no path is called "Master",
 * the virtual master "Master Playback Volume" and "Master Playback Switch" following every output control
 * ({@code snd_hda_gen_build_controls}: the master starts at 0, the followers at 0 dB and on).
 *
 * <p>Stateless builder; called under the codec driver's lock after the first init.
 */
final class OutputControls
{
    private static final String[] CHANNEL_NAME = {"Front", "Surround", "CLFE", "Side"};
    private static final String[] FOLLOWER_PFXS = {"Front", "Surround", "Center", "LFE", "Side", "Headphone",
        "Speaker", "Mono", "Line Out", "CLFE", "Bass Speaker", "PCM", "Speaker Front", "Speaker Surround",
        "Speaker CLFE", "Speaker Side", "Headphone Front", "Headphone Surround", "Headphone CLFE", "Headphone Side",
        "Headphone+LO", "Speaker+LO"};
    private static final String MASTER_VOLUME = "Master Playback Volume";
    private static final String MASTER_SWITCH = "Master Playback Switch";
    private static final int VOL = 0;
    private static final int MUTE = 1;

    private final CodecDriver codec;
    private final AutoConfig config;
    private final List<ControlElement> list = new ArrayList<>();

    private OutputControls(final CodecDriver codec, final AutoConfig config)
    {
        this.codec = codec;
        this.config = config;
    }

    /**
     * Builds the controls in the order Linux adds them.
     *
     * @param codec  the codec driver the controls write through.
     * @param config the parsed configuration.
     * @return the controls.
     */
    static List<ControlElement> build(final CodecDriver codec, final AutoConfig config)
    {
        final OutputControls b = new OutputControls(codec, config);
        b.lineOuts();
        final AutoPinConfig cfg = config.pins;
        if (cfg.lineOutType != AutoPinConfig.TYPE_HP)
        {
            b.extraOuts(cfg.hpOuts.size(), config.outputs.hpPaths, "Headphone");
        }
        if (cfg.lineOutType != AutoPinConfig.TYPE_SPEAKER)
        {
            b.extraOuts(cfg.speakerOuts.size(), config.outputs.speakerPaths, "Speaker");
        }
        b.capture();
        b.vmaster();
        return b.list;
    }

    private void lineOuts()
    {
        final OutputPaths outs = config.outputs;
        for (int i = 0; i < config.pins.lineOuts.size(); i++)
        {
            final NidPath path = outs.outPaths[i];
            if (null == path || path.depth() == 0)
            {
                continue;
            }
            for (final int type : new int[] {VOL, MUTE})
            {
                final int[] index = new int[1];
                final String name = linePfx(i, type, index);
                if ("CLFE".equals(name))
                {
                    add(path, type, "Center", 0, 1);
                    add(path, type, "LFE", 0, 2);
                }
                else
                {
                    add(path, type, name, index[0], 0);
                }
            }
        }
    }

    private void extraOuts(final int count, final NidPath[] paths, final String pfx)
    {
        for (int i = 0; i < count; i++)
        {
            final NidPath path = paths[i];
            if (null == path || path.depth() == 0)
            {
                continue;
            }
            String name = pfx;
            int index = 0;
            if (count == 2 && i == 1 && "Speaker".equals(pfx))
            {
                name = "Bass Speaker";
            }
            else if (count >= 3)
            {
                name = pfx + " " + CHANNEL_NAME[Math.min(i, CHANNEL_NAME.length - 1)];
            }
            else
            {
                index = i;
            }
            add(path, VOL, name, index, 0);
            add(path, MUTE, name, index, 0);
        }
    }

    /** {@code get_line_out_pfx}. */
    private String linePfx(final int ch, final int type, final int[] index)
    {
        final AutoPinConfig cfg = config.pins;
        final OutputPaths outs = config.outputs;
        index[0] = 0;
        if (cfg.lineOuts.size() == 1 && cfg.hpOuts.isEmpty() && cfg.speakerOuts.isEmpty())
        {
            return "Master";
        }
        if (outs.numDacs == 1 && outs.hpDacs[0] == 0 && outs.speakerDacs[0] == 0)
        {
            return "Master";
        }
        switch (cfg.lineOutType)
        {
            case AutoPinConfig.TYPE_SPEAKER:
                if (ch == 0 && !cfg.hpOuts.isEmpty() && !hasCtl(outs.hpPaths[0], type))
                {
                    break;
                }
                if (cfg.lineOuts.size() == 1)
                {
                    return "Speaker";
                }
                if (cfg.lineOuts.size() == 2)
                {
                    return ch == 1 ? "Bass Speaker" : "Speaker";
                }
                break;
            case AutoPinConfig.TYPE_HP:
                if (ch == 0 && !cfg.speakerOuts.isEmpty() && !hasCtl(outs.speakerPaths[0], type))
                {
                    break;
                }
                index[0] = ch;
                return "Headphone";
            default:
                if (ch == 0)
                {
                    final boolean spkShared = !cfg.speakerOuts.isEmpty() && !hasCtl(outs.speakerPaths[0], type);
                    final boolean hpShared = !cfg.hpOuts.isEmpty() && !hasCtl(outs.hpPaths[0], type);
                    if (hpShared && spkShared)
                    {
                        return "Master";
                    }
                    if (hpShared)
                    {
                        return "Headphone+LO";
                    }
                    if (spkShared)
                    {
                        return "Speaker+LO";
                    }
                }
                break;
        }
        if (cfg.lineOuts.size() == 1)
        {
            return "Line Out";
        }
        return ch < CHANNEL_NAME.length ? CHANNEL_NAME[ch] : "PCM";
    }

    private static boolean hasCtl(final NidPath path, final int type)
    {
        return null != path && (type == VOL ? path.volCtl : path.muteCtl) != 0;
    }

    /** {@code add_stereo_vol}/{@code add_stereo_sw} (chs 0: by the widget) or a mono channel (1 left, 2 right). */
    private void add(final NidPath path, final int type, final String pfx, final int index, final int chs)
    {
        final int val = type == VOL ? path.volCtl : path.muteCtl;
        if (val == 0)
        {
            return;
        }
        final int nid = NidPath.ampNid(val);
        final boolean output = NidPath.ampOutput(val);
        final int chMask = chs != 0 ? chs : (config.wcaps(nid) & Verbs.WCAP_STEREO) != 0 ? 3 : 1;
        final String name = pfx + " Playback " + (type == VOL ? "Volume" : "Switch") + (index > 0 ? "," + index : "");
        if (type == VOL)
        {
            final int steps = config.ampCaps(nid, output) >>> 8 & 0x7f;
            list.add(new PathControls.Amp(codec, name, val, chMask, true, steps, 0));
            return;
        }
        int bind = 0;
        if (!output)
        {
            final int nums = config.connections(nid).length;
            bind = nums > 1 ? nums : 0;
        }
        list.add(new PathControls.Amp(codec, name, val, chMask, false, 1, bind));
    }

    /** "Capture Volume/Switch" on the first ADC's input amp, as the generic parser names a single capture. */
    private void capture()
    {
        if (config.adcs.isEmpty())
        {
            return;
        }
        final int adc = config.adcs.get(0);
        if ((config.wcaps(adc) & Verbs.WCAP_IN_AMP) == 0)
        {
            return;
        }
        final int steps = config.ampCaps(adc, false) >>> 8 & 0x7f;
        list.add(new AmpControls.Volume(codec, "Capture Volume", adc, false, steps));
        list.add(new AmpControls.Switch(codec, "Capture Switch", adc, false));
    }

    /** {@code snd_hda_add_vmaster} for volume and switch, when no control is already called Master. */
    private void vmaster()
    {
        if (!exists(MASTER_VOLUME))
        {
            addMaster(MASTER_VOLUME, " Playback Volume", true);
        }
        if (!exists(MASTER_SWITCH))
        {
            addMaster(MASTER_SWITCH, " Playback Switch", false);
        }
    }

    private void addMaster(final String name, final String suffix, final boolean volume)
    {
        final PathControls.Master master = new PathControls.Master(codec, name, volume);
        final List<Integer> zeroDb = new ArrayList<>();
        for (final ControlElement c : new ArrayList<>(list))
        {
            if (!(c instanceof PathControls.Amp amp) || !isFollower(c.name(), suffix))
            {
                continue;
            }
            master.add(amp);
            zeroDb.add(volume ? zeroDbStep(amp) : 1);
        }
        if (!master.hasFollowers())
        {
            return;
        }
        list.add(master);
        master.initialise(zeroDb.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@code init_follower_0dB}: the step whose gain is 0 dB, the amp's offset. */
    private int zeroDbStep(final PathControls.Amp amp)
    {
        final int caps = config.ampCaps(amp.nid(), amp.output());
        return Math.min(amp.maxValue(), caps & CodecGraph.AMPCAP_OFFSET);
    }

    private static boolean isFollower(final String name, final String suffix)
    {
        for (final String pfx : FOLLOWER_PFXS)
        {
            if (name.equals(pfx + suffix))
            {
                return true;
            }
        }
        return false;
    }

    private boolean exists(final String name)
    {
        return list.stream().anyMatch(c -> c.name().equals(name));
    }
}

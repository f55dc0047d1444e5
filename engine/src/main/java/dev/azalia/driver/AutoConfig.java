package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic parser's auto-configuration ({@code snd_hda_gen_parse_auto_config}): the pins are sorted by their
 * default configuration ({@link PinDefaults}) and logged as Linux logs them; the outputs get their DACs and paths
 * ({@link OutputPaths}), the digital outs their digital converters, each input pin a path to each ADC it reaches
 * with its capture and boost amps; the PCM capabilities of the first DAC and ADC are read. Widget parameters and
 * connection lists are read from the codec once, when the parser first needs them, in the order Linux reads them,
 * and cached ({@link CodecGraph}).
 *
 * <p>Not thread-safe: built once during the codec's probe; read under the codec driver's lock afterwards.
 */
final class AutoConfig implements CodecGraph
{
    private static final int WCAP_DIGITAL = 1 << 9;
    private static final int WID_VOL_KNB = 0x6;

    private final CodecIo io;
    private final int afg;
    private final int startNid;
    private final int[] wcaps;
    private final int[] pinConfig;
    private final Map<Integer, Integer> pinCaps = new HashMap<>();
    private final Map<Integer, Integer> ampCaps = new HashMap<>();
    private final Map<Integer, int[]> conns = new HashMap<>();

    /** The sorted pins (after the output assignment: possibly with speakers and headphones swapped). */
    AutoPinConfig pins;
    /** The output assignment. */
    OutputPaths outputs;
    /** The digital outputs' paths. */
    final List<NidPath> digitalPaths = new ArrayList<>();
    /** Input paths, each from its pin (first) to its ADC (last), inputs in order, ADCs in NID order. */
    final List<NidPath> inputPaths = new ArrayList<>();
    /** The analog ADCs with a path, in NID order. */
    final List<Integer> adcs = new ArrayList<>();
    /** The supported-PCM and stream-formats words {@link #queryPcms} read, by converter NID. */
    final Map<Integer, int[]> pcmWords = new HashMap<>();

    /**
     * @param io        the codec's verbs.
     * @param afg       the audio function group.
     * @param startNid  the first widget.
     * @param wcaps     widget caps read at probe, indexed by {@code nid - startNid}.
     * @param pinConfig default configurations read at probe, same index (0 for non-pins).
     */
    AutoConfig(final CodecIo io, final int afg, final int startNid, final int[] wcaps, final int[] pinConfig)
    {
        this.io = io;
        this.afg = afg;
        this.startNid = startNid;
        this.wcaps = wcaps.clone();
        this.pinConfig = pinConfig.clone();
    }

    @Override
    public int wcaps(final int nid)
    {
        return nid >= startNid && nid < startNid + wcaps.length ? wcaps[nid - startNid] : 0;
    }

    /**
     * The audio function group.
     *
     * @return its NID.
     */
    int afg()
    {
        return afg;
    }

    /**
     * The default configuration read at probe.
     *
     * @param nid a pin.
     * @return its configuration, 0 for other widgets.
     */
    int pinConfig(final int nid)
    {
        return nid >= startNid && nid < startNid + pinConfig.length ? pinConfig[nid - startNid] : 0;
    }

    static int type(final int caps)
    {
        return caps >>> Verbs.WCAP_TYPE_SHIFT & 0xf;
    }

    /**
     * {@code is_likely_hdmi_codec}: no audio input converter and every audio output converter digital; such a
     * codec is bound to the HDMI codec driver instead of the generic parser.
     *
     * @return true for an HDMI/DP-only codec.
     */
    boolean likelyHdmi()
    {
        for (final int caps : wcaps)
        {
            final int t = type(caps);
            if (t == Verbs.WID_AUD_IN || t == Verbs.WID_AUD_OUT && (caps & WCAP_DIGITAL) == 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorts the pins and logs the result as Linux does ({@code snd_hda_parse_pin_defcfg}).
     *
     * @param log      the kernel log.
     * @param source   the device name prefix.
     * @param chipName the chip name Linux prints, e.g. "Generic".
     */
    void parsePins(final KernelLog log, final String source, final String chipName)
    {
        pins = PinDefaults.parse(startNid, wcaps, pinConfig, this::pinCaps, nid -> hasVolume(nid, false),
            line -> log.info(source, line));
        for (final String line : PinDefaults.logLines(pins, chipName))
        {
            log.info(source, line);
        }
    }

    /**
     * Assigns DACs to the output pins ({@code parse_output_paths}), then the digital outs, then finds the capture
     * paths with their capture and boost amps.
     */
    void parsePaths()
    {
        outputs = new OutputPaths(this, converters(Verbs.WID_AUD_OUT, true));
        outputs.parse(pins);
        for (final int pin : pins.digOuts)
        {
            final NidPath path = outputs.addDigitalOut(pin);
            if (null != path)
            {
                digitalPaths.add(path);
            }
        }
        final int[] allAdcs = converters(Verbs.WID_AUD_IN, false);
        final List<NidPath[]> grid = new ArrayList<>();
        for (final AutoPinConfig.Input in : pins.inputs)
        {
            final NidPath[] row = new NidPath[allAdcs.length];
            boolean any = false;
            for (int c = 0; c < allAdcs.length; c++)
            {
                if (!outputs.isReachable(in.pin(), allAdcs[c]))
                {
                    continue;
                }
                final NidPath path = outputs.addNewPath(in.pin(), allAdcs[c], 0);
                if (null == path)
                {
                    continue;
                }
                captureCtls(path);
                if (in.type() == AutoPinConfig.INPUT_MIC && hasVolume(in.pin(), false))
                {
                    path.boostCtl = NidPath.ampVal(in.pin(), false, 0);
                }
                row[c] = path;
                any = true;
            }
            if (any)
            {
                grid.add(row);
            }
        }
        selectAdcs(allAdcs, grid);
    }

    /**
     * {@code check_dyn_adc_switch}: the ADCs that reach every input source are kept (all of them when none does);
     * a single source needs a single ADC. {@link #inputPaths} then holds, per ADC, its paths in source order.
     */
    private void selectAdcs(final int[] allAdcs, final List<NidPath[]> grid)
    {
        final List<Integer> ok = new ArrayList<>();
        for (int c = 0; c < allAdcs.length; c++)
        {
            boolean all = !grid.isEmpty();
            for (final NidPath[] row : grid)
            {
                all &= null != row[c];
            }
            if (all)
            {
                ok.add(c);
            }
        }
        if (ok.isEmpty())
        {
            for (int c = 0; c < allAdcs.length; c++)
            {
                ok.add(c);
            }
        }
        if (grid.size() == 1 && ok.size() > 1)
        {
            ok.subList(1, ok.size()).clear();
        }
        for (final int c : ok)
        {
            boolean used = false;
            for (final NidPath[] row : grid)
            {
                if (null != row[c])
                {
                    inputPaths.add(row[c]);
                    used = true;
                }
            }
            if (used)
            {
                adcs.add(allAdcs[c]);
            }
        }
    }

    /**
     * The output paths as {@code snd_hda_gen_init} initialises them: line outs, then headphones (unless they are
     * the line outs), then speakers (likewise).
     *
     * @return the paths, each from its DAC to its pin.
     */
    List<NidPath> outputPathsInInitOrder()
    {
        final List<NidPath> list = new ArrayList<>();
        addPaths(list, outputs.outPaths);
        if (pins.lineOutType != AutoPinConfig.TYPE_HP)
        {
            addPaths(list, outputs.hpPaths);
        }
        if (pins.lineOutType != AutoPinConfig.TYPE_SPEAKER)
        {
            addPaths(list, outputs.speakerPaths);
        }
        return list;
    }

    private static void addPaths(final List<NidPath> list, final NidPath[] paths)
    {
        for (final NidPath p : paths)
        {
            if (null != p && p.depth() > 0)
            {
                list.add(p);
            }
        }
    }

    /**
     * Reads the PCM capabilities of the analog PCM's converters (the generic parser's PCM build): the first line-out
     * DAC (its widget caps read again first, as the capture shows), then the first ADC.
     */
    void queryPcms()
    {
        if (outputs.numDacs > 0)
        {
            final int dac = outputs.lineDacs[0];
            io.exec(dac, Verbs.GET_PARAMETER, Verbs.PAR_AUDIO_WIDGET_CAP);
            queryPcm(dac);
        }
        if (!adcs.isEmpty())
        {
            queryPcm(adcs.get(0));
        }
    }

    @Override
    public int ampCaps(final int nid, final boolean output)
    {
        final int key = nid << 1 | (output ? 1 : 0);
        final Integer cached = ampCaps.get(key);
        if (null != cached)
        {
            return cached;
        }
        final int from = (wcaps(nid) & Verbs.WCAP_AMP_OVRD) != 0 ? nid : afg;
        final int caps = io.exec(from, Verbs.GET_PARAMETER, output ? Verbs.PAR_AMP_OUT_CAP : Verbs.PAR_AMP_IN_CAP);
        ampCaps.put(key, caps);
        return caps;
    }

    @Override
    public int pinCaps(final int nid)
    {
        return pinCaps.computeIfAbsent(nid, n -> io.exec(n, Verbs.GET_PARAMETER, Verbs.PAR_PIN_CAP));
    }

    @Override
    public int[] connections(final int nid)
    {
        final int[] cached = conns.get(nid);
        if (null != cached)
        {
            return cached;
        }
        final int caps = io.exec(nid, Verbs.GET_PARAMETER, Verbs.PAR_AUDIO_WIDGET_CAP);
        int[] list = new int[0];
        if ((caps & Verbs.WCAP_CONN_LIST) != 0 || type(caps) == WID_VOL_KNB)
        {
            final int len = io.exec(nid, Verbs.GET_PARAMETER, Verbs.PAR_CONNLIST_LEN);
            final boolean longForm = (len & 0x80) != 0;
            final int count = len & 0x7f;
            final int perWord = longForm ? 2 : 4;
            final int bits = longForm ? 16 : 8;
            final int mask = longForm ? 0x7fff : 0x7f;
            list = new int[count];
            for (int i = 0; i < count; i += perWord)
            {
                final int word = io.exec(nid, Verbs.GET_CONNECT_LIST, i);
                for (int j = 0; j < perWord && i + j < count; j++)
                {
                    list[i + j] = word >>> (bits * j) & mask;
                }
            }
        }
        conns.put(nid, list);
        return list;
    }

    private void queryPcm(final int nid)
    {
        final int from = (wcaps(nid) & Verbs.WCAP_FORMAT_OVRD) != 0 ? nid : afg;
        final int pcm = io.exec(from, Verbs.GET_PARAMETER, Verbs.PAR_PCM);
        pcmWords.put(nid, new int[] {pcm, io.exec(from, Verbs.GET_PARAMETER, Verbs.PAR_STREAM)});
    }

    /** {@code parse_capvol_in_path}: the capture volume and mute amps, among the last three widgets. */
    private void captureCtls(final NidPath path)
    {
        for (int depth = 0; depth < 3 && depth < path.depth(); depth++)
        {
            final int i = path.depth() - depth - 1;
            final int nid = path.nids[i];
            if (path.volCtl == 0)
            {
                if (hasVolume(nid, true))
                {
                    path.volCtl = NidPath.ampVal(nid, true, 0);
                }
                else if (hasVolume(nid, false))
                {
                    path.volCtl = NidPath.ampVal(nid, false, path.idx[i]);
                }
            }
            if (path.muteCtl == 0)
            {
                if (hasMute(nid, true))
                {
                    path.muteCtl = NidPath.ampVal(nid, true, 0);
                }
                else if (hasMute(nid, false))
                {
                    path.muteCtl = NidPath.ampVal(nid, false, path.idx[i]);
                }
            }
        }
    }

    /** Converters of a type in NID order; analog only unless {@code withDigital}. */
    private int[] converters(final int type, final boolean withDigital)
    {
        final List<Integer> list = new ArrayList<>();
        for (int i = 0; i < wcaps.length; i++)
        {
            if (type(wcaps[i]) == type && (withDigital || (wcaps[i] & WCAP_DIGITAL) == 0))
            {
                list.add(startNid + i);
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}

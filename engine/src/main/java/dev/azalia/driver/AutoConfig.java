package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic parser's auto-configuration ({@code snd_hda_parse_pin_defcfg} and the path parsing of
 * {@code snd_hda_gen_parse_auto_config}): pins are sorted by their default configuration into line outs, speakers,
 * headphones and inputs (each checked against its pin capabilities); each output pin gets a DAC reachable through
 * the connection graph, each ADC a path from each input pin; the amp capabilities of those paths and the PCM
 * capabilities of the converters are read. The verbs are those Linux sends, in its order: pin caps, connection lists
 * (widget caps re-read, connection list length, entries), amp caps, and per converter its PCM parameters.
 *
 * <p>Not thread-safe: built once during the codec's probe.
 */
final class AutoConfig
{
    /** An input pin with Linux's label ({@code hda_get_autocfg_input_label}). */
    record Input(int pin, String label)
    {
    }

    private static final int MAX_PATH_DEPTH = 10;
    private static final int MAX_OUTS = 5;
    private static final int JACK_PORT_NONE = 1;
    private static final int JACK_PORT_FIXED = 2;
    private static final int JACK_PORT_BOTH = 3;
    private static final int DEV_LINE_OUT = 0x0;
    private static final int DEV_SPEAKER = 0x1;
    private static final int DEV_HP_OUT = 0x2;
    private static final int DEV_CD = 0x3;
    private static final int DEV_SPDIF_OUT = 0x4;
    private static final int DEV_DIG_OTHER_OUT = 0x5;
    private static final int DEV_LINE_IN = 0x8;
    private static final int DEV_AUX = 0x9;
    private static final int DEV_MIC_IN = 0xa;
    private static final int WCAP_DIGITAL = 1 << 9;
    private static final int WID_VOL_KNB = 0x6;
    private static final int PINCAP_HDMI = 1 << 7;
    private static final int PINCAP_DP = 1 << 24;

    private final CodecIo io;
    private final int afg;
    private final int startNid;
    private final int[] wcaps;
    private final int[] pinConfig;
    private final Map<Integer, Integer> pinCaps = new HashMap<>();
    private final Map<Integer, Integer> ampCaps = new HashMap<>();
    private final Map<Integer, int[]> conns = new HashMap<>();

    final List<Integer> lineOuts = new ArrayList<>();
    final List<Integer> speakerOuts = new ArrayList<>();
    final List<Integer> hpOuts = new ArrayList<>();
    final List<Input> inputs = new ArrayList<>();
    String lineOutType = "line";
    /** Output paths, each from its DAC (index 0) to its pin. */
    final List<int[]> outputPaths = new ArrayList<>();
    /** Input paths, each from its pin (index 0) to its ADC. */
    final List<int[]> inputPaths = new ArrayList<>();
    /** The analog DACs and ADCs with a path, in NID order. */
    final List<Integer> dacs = new ArrayList<>();
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

    int wcaps(final int nid)
    {
        return nid >= startNid && nid < startNid + wcaps.length ? wcaps[nid - startNid] : 0;
    }

    static int type(final int caps)
    {
        return caps >>> Verbs.WCAP_TYPE_SHIFT & 0xf;
    }

    /** Sorts the pins and logs the result as Linux does. */
    void parsePins(final KernelLog log, final String source)
    {
        final List<int[]> outs = new ArrayList<>();
        for (int i = 0; i < wcaps.length; i++)
        {
            final int nid = startNid + i;
            if (type(wcaps[i]) != Verbs.WID_PIN)
            {
                continue;
            }
            final int cfg = pinConfig[i];
            final int conn = cfg >>> 30 & 0x3;
            if (conn == JACK_PORT_NONE)
            {
                continue;
            }
            int dev = cfg >>> 20 & 0xf;
            if (dev == DEV_LINE_OUT && (conn == JACK_PORT_FIXED || conn == JACK_PORT_BOTH))
            {
                dev = DEV_SPEAKER;
            }
            if (!pinCapsValid(nid, dev))
            {
                continue;
            }
            final int assocSeq = (cfg >>> 4 & 0xf) << 4 | (cfg & 0xf);
            switch (dev)
            {
                case DEV_LINE_OUT, DEV_SPEAKER, DEV_HP_OUT -> outs.add(new int[] {dev, assocSeq, nid});
                case DEV_MIC_IN -> inputs.add(new Input(nid, "Mic"));
                case DEV_LINE_IN -> inputs.add(new Input(nid, "Line"));
                case DEV_CD -> inputs.add(new Input(nid, "CD"));
                case DEV_AUX -> inputs.add(new Input(nid, "Aux"));
                default ->
                {
                }
            }
        }
        outs.sort((a, b) -> Integer.compare(a[1], b[1]));
        for (final int[] o : outs)
        {
            final List<Integer> list = o[0] == DEV_LINE_OUT ? lineOuts : o[0] == DEV_SPEAKER ? speakerOuts : hpOuts;
            if (list.size() < MAX_OUTS)
            {
                list.add(o[2]);
            }
        }
        if (lineOuts.isEmpty() && !speakerOuts.isEmpty())
        {
            lineOuts.addAll(speakerOuts);
            speakerOuts.clear();
            lineOutType = "speaker";
        }
        else if (lineOuts.isEmpty() && !hpOuts.isEmpty())
        {
            lineOuts.addAll(hpOuts);
            hpOuts.clear();
            lineOutType = "hp";
        }
        log.info(source, String.format(Locale.ROOT, "autoconfig for Generic: line_outs=%d (%s) type:%s",
            lineOuts.size(), pins(lineOuts), lineOutType));
        log.info(source, String.format(Locale.ROOT, "   speaker_outs=%d (%s)", speakerOuts.size(), pins(speakerOuts)));
        log.info(source, String.format(Locale.ROOT, "   hp_outs=%d (%s)", hpOuts.size(), pins(hpOuts)));
        log.info(source, "   mono: mono_out=0x0");
        log.info(source, "   inputs:");
        for (final Input in : inputs)
        {
            log.info(source, String.format(Locale.ROOT, "     %s=0x%x", in.label(), in.pin()));
        }
    }

    /** Assigns DACs to the output pins and finds the capture paths, reading amp caps along them. */
    void parsePaths()
    {
        final List<Integer> allDacs = converters(Verbs.WID_AUD_OUT);
        final List<Integer> pinsOut = new ArrayList<>(lineOuts);
        pinsOut.addAll(hpOuts);
        pinsOut.addAll(speakerOuts);
        for (final int pin : pinsOut)
        {
            for (final int dac : allDacs)
            {
                if (dacs.contains(dac))
                {
                    continue;
                }
                final int[] path = findPath(dac, pin);
                if (null != path)
                {
                    dacs.add(dac);
                    outputPaths.add(path);
                    queryPathAmps(path);
                    break;
                }
            }
        }
        for (final int adc : converters(Verbs.WID_AUD_IN))
        {
            for (final Input in : inputs)
            {
                final int[] path = findPath(in.pin(), adc);
                if (null != path)
                {
                    if (!adcs.contains(adc))
                    {
                        adcs.add(adc);
                    }
                    inputPaths.add(path);
                    queryPathAmps(path);
                }
            }
        }
    }

    /**
     * Reads the PCM capabilities of the converters (the generic parser's PCM build): the playback converter's
     * widget caps are read again first (as the capture shows), then each converter's PCM and stream parameters.
     */
    void queryPcms()
    {
        for (int i = 0; i < dacs.size(); i++)
        {
            final int dac = dacs.get(i);
            if (i == 0)
            {
                io.exec(dac, Verbs.GET_PARAMETER, Verbs.PAR_AUDIO_WIDGET_CAP);
            }
            queryPcm(dac);
        }
        for (final int adc : adcs)
        {
            queryPcm(adc);
        }
    }

    /** The amp caps of a widget's amp (cached; read from the widget with AMP_OVRD, else from the AFG). */
    int ampCaps(final int nid, final boolean output)
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

    /** The pin caps of a pin (cached). */
    int pinCaps(final int nid)
    {
        return pinCaps.computeIfAbsent(nid, n -> io.exec(n, Verbs.GET_PARAMETER, Verbs.PAR_PIN_CAP));
    }

    /** The connections of a widget (cached; the first query reads widget caps, length and entries). */
    int[] connections(final int nid)
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

    private void queryPathAmps(final int[] path)
    {
        for (int i = 0; i < path.length; i++)
        {
            final int caps = wcaps(path[i]);
            if (i > 0 && (caps & Verbs.WCAP_IN_AMP) != 0)
            {
                ampCaps(path[i], false);
            }
            if (i < path.length - 1 && (caps & Verbs.WCAP_OUT_AMP) != 0)
            {
                ampCaps(path[i], true);
            }
        }
    }

    private List<Integer> converters(final int type)
    {
        final List<Integer> list = new ArrayList<>();
        for (int i = 0; i < wcaps.length; i++)
        {
            if (type(wcaps[i]) == type && (wcaps[i] & WCAP_DIGITAL) == 0)
            {
                list.add(startNid + i);
            }
        }
        return list;
    }

    /** {@code __parse_nid_path}: a path from {@code from} to {@code to}, searched backwards from {@code to}. */
    private int[] findPath(final int from, final int to)
    {
        final List<Integer> path = new ArrayList<>();
        if (!parse(from, to, path, 1))
        {
            return null;
        }
        path.add(to);
        return path.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean parse(final int from, final int to, final List<Integer> path, final int depth)
    {
        final int[] list = connections(to);
        for (final int c : list)
        {
            if (c == from)
            {
                path.add(from);
                return true;
            }
        }
        if (depth >= MAX_PATH_DEPTH)
        {
            return false;
        }
        for (final int c : list)
        {
            final int t = type(wcaps(c));
            if (t == Verbs.WID_AUD_OUT || t == Verbs.WID_AUD_IN || t == Verbs.WID_PIN)
            {
                continue;
            }
            if (parse(from, c, path, depth + 1))
            {
                path.add(c);
                return true;
            }
        }
        return false;
    }

    private boolean pinCapsValid(final int nid, final int dev)
    {
        final int caps = pinCaps(nid);
        if (caps == 0)
        {
            return true;
        }
        return switch (dev)
        {
            case DEV_LINE_OUT, DEV_SPEAKER, DEV_HP_OUT, DEV_SPDIF_OUT, DEV_DIG_OTHER_OUT ->
                (caps & (Verbs.PINCAP_OUT | PINCAP_HDMI | PINCAP_DP)) != 0;
            default -> (caps & Verbs.PINCAP_IN) != 0;
        };
    }

    private static String pins(final List<Integer> list)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MAX_OUTS; i++)
        {
            if (i > 0)
            {
                sb.append('/');
            }
            sb.append(String.format(Locale.ROOT, "0x%x", i < list.size() ? list.get(i) : 0));
        }
        return sb.toString();
    }
}

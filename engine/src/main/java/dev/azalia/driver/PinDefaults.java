package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Linux 6.1's {@code snd_hda_parse_pin_defcfg}: the pins are sorted by their default configuration (connectivity,
 * device, location, association, sequence) into line outs, speakers, headphones, mono out, digital outs/in and
 * analog inputs, each checked against its pin capabilities. A fixed or "both" line out counts as a speaker; line
 * outs keep only the first association; speakers and headphones sort by association and sequence, line outs by
 * sequence (Linux's unstable heapsort, {@link LinuxSort}); at most five of each kind. Without a line out, the
 * speakers become line outs (type speaker), else the headphones (type hp); several headphones without a line out
 * give up those whose sequence is not 0xf as line outs first. Three or four outputs are reordered
 * front/CLFE/surround. Inputs are ordered by type (mic, line, CD, aux), a pin with a boost amp first, and labelled
 * as {@code hda_get_autocfg_input_label} does. {@link #logLines} are Linux's lines.
 *
 * <p>Stateless; called during the codec's probe.
 */
final class PinDefaults
{
    /** At most this many pins of one output kind ({@code AUTO_CFG_MAX_OUTS}). */
    static final int MAX_OUTS = 5;
    private static final int MAX_INS = 18;
    private static final int MAX_DIG_OUTS = 2;

    static final int JACK_PORT_COMPLEX = 0;
    static final int JACK_PORT_NONE = 1;
    static final int JACK_PORT_FIXED = 2;
    static final int JACK_PORT_BOTH = 3;
    static final int DEV_LINE_OUT = 0x0;
    static final int DEV_SPEAKER = 0x1;
    static final int DEV_HP_OUT = 0x2;
    static final int DEV_CD = 0x3;
    static final int DEV_SPDIF_OUT = 0x4;
    static final int DEV_DIG_OTHER_OUT = 0x5;
    static final int DEV_LINE_IN = 0x8;
    static final int DEV_AUX = 0x9;
    static final int DEV_MIC_IN = 0xa;
    static final int DEV_SPDIF_IN = 0xc;
    static final int DEV_DIG_OTHER_IN = 0xd;
    /** Misc bit 0: the jack cannot detect presence. */
    static final int MISC_NO_PRESENCE = 0x1;

    static final int ATTR_UNUSED = 0;
    static final int ATTR_INT = 1;
    static final int ATTR_DOCK = 2;
    static final int ATTR_NORMAL = 3;
    static final int ATTR_REAR = 4;
    static final int ATTR_FRONT = 5;

    private static final int LOC_REAR = 0x01;
    private static final int LOC_FRONT = 0x02;
    private static final int LOC_INTERNAL = 0x10;
    private static final int LOC_SEPARATE = 0x20;
    private static final String[] MIC_NAMES = {"Internal Mic", "Dock Mic", "Mic", "Rear Mic", "Front Mic"};

    private PinDefaults()
    {
    }

    /** Connectivity, bits 31:30. */
    static int connectivity(final int cfg)
    {
        return cfg >>> 30 & 0x3;
    }

    /** Location, bits 29:24. */
    static int location(final int cfg)
    {
        return cfg >>> 24 & 0x3f;
    }

    /** Default device, bits 23:20. */
    static int device(final int cfg)
    {
        return cfg >>> 20 & 0xf;
    }

    /** Misc, bits 11:8. */
    static int misc(final int cfg)
    {
        return cfg >>> 8 & 0xf;
    }

    /** Association, bits 7:4. */
    static int association(final int cfg)
    {
        return cfg >>> 4 & 0xf;
    }

    /** Sequence, bits 3:0. */
    static int sequence(final int cfg)
    {
        return cfg & 0xf;
    }

    /**
     * {@code snd_hda_get_input_pin_attr}: where a jack is, for labels.
     *
     * @param cfg the default configuration.
     * @return {@link #ATTR_UNUSED} ... {@link #ATTR_FRONT}.
     */
    static int inputPinAttr(final int cfg)
    {
        final int conn = connectivity(cfg);
        final int loc = location(cfg);
        if (conn == JACK_PORT_NONE)
        {
            return ATTR_UNUSED;
        }
        if (conn == JACK_PORT_FIXED || conn == JACK_PORT_BOTH || (loc & 0x30) == LOC_INTERNAL)
        {
            return ATTR_INT;
        }
        if ((loc & 0x30) == LOC_SEPARATE)
        {
            return ATTR_DOCK;
        }
        if (loc == LOC_REAR)
        {
            return ATTR_REAR;
        }
        return loc == LOC_FRONT ? ATTR_FRONT : ATTR_NORMAL;
    }

    /**
     * Sorts the pins as {@code snd_hda_parse_pin_defcfg} does.
     *
     * @param startNid   the first widget of the function group.
     * @param wcaps      widget caps, indexed by {@code nid - startNid}.
     * @param pinConfig  default configurations, same index.
     * @param pinCaps    the pin caps of a pin (queried in node order, as Linux queries them).
     * @param hasBoost   whether a pin's input amp has gain steps ({@code nid_has_volume(pin, HDA_INPUT)}).
     * @param info       receives Linux's "ignore pin" lines.
     * @return the sorted pins.
     */
    static AutoPinConfig parse(final int startNid, final int[] wcaps, final int[] pinConfig,
        final IntUnaryOperator pinCaps, final IntPredicate hasBoost,
        final Consumer<String> info)
    {
        final AutoPinConfig cfg = new AutoPinConfig();
        final List<int[]> line = new ArrayList<>();
        final List<int[]> speaker = new ArrayList<>();
        final List<int[]> hp = new ArrayList<>();
        int assocLineOut = 0;
        for (int i = 0; i < wcaps.length; i++)
        {
            final int nid = startNid + i;
            if (AutoConfig.type(wcaps[i]) != Verbs.WID_PIN)
            {
                continue;
            }
            final int def = pinConfig[i];
            final int conn = connectivity(def);
            if (conn == JACK_PORT_NONE)
            {
                continue;
            }
            int dev = device(def);
            if (dev == DEV_LINE_OUT && (conn == JACK_PORT_FIXED || conn == JACK_PORT_BOTH))
            {
                dev = DEV_SPEAKER;
            }
            if (!pinCapsValid(pinCaps.applyAsInt(nid), dev))
            {
                continue;
            }
            final int seq = sequence(def);
            final int assoc = association(def);
            switch (dev)
            {
                case DEV_LINE_OUT ->
                {
                    if ((wcaps[i] & Verbs.WCAP_STEREO) == 0 && cfg.monoOut == 0)
                    {
                        cfg.monoOut = nid;
                    }
                    if (assoc == 0)
                    {
                        continue;
                    }
                    if (assocLineOut == 0)
                    {
                        assocLineOut = assoc;
                    }
                    else if (assocLineOut != assoc)
                    {
                        info.accept(String.format(Locale.ROOT,
                            "ignore pin 0x%x with mismatching assoc# 0x%x vs 0x%x", nid, assoc, assocLineOut));
                        continue;
                    }
                    addOut(line, nid, seq, info);
                }
                case DEV_SPEAKER -> addOut(speaker, nid, assoc << 4 | seq, info);
                case DEV_HP_OUT -> addOut(hp, nid, assoc << 4 | seq, info);
                case DEV_MIC_IN -> addInput(cfg, nid, AutoPinConfig.INPUT_MIC, hasBoost);
                case DEV_LINE_IN -> addInput(cfg, nid, AutoPinConfig.INPUT_LINE_IN, hasBoost);
                case DEV_CD -> addInput(cfg, nid, AutoPinConfig.INPUT_CD, hasBoost);
                case DEV_AUX -> addInput(cfg, nid, AutoPinConfig.INPUT_AUX, hasBoost);
                case DEV_SPDIF_OUT, DEV_DIG_OTHER_OUT ->
                {
                    if (cfg.digOuts.size() >= MAX_DIG_OUTS)
                    {
                        info.accept(String.format(Locale.ROOT, "ignore pin 0x%x, too many assigned pins", nid));
                        continue;
                    }
                    cfg.digOuts.add(nid);
                }
                case DEV_SPDIF_IN, DEV_DIG_OTHER_IN -> cfg.digIn = nid;
                default ->
                {
                }
            }
        }
        if (line.isEmpty() && hp.size() > 1)
        {
            // several headphones and no line out: those not at sequence 0xf are line outs
            for (int i = 0; i < hp.size();)
            {
                if ((hp.get(i)[1] & 0x0f) == 0x0f)
                {
                    i++;
                    continue;
                }
                line.add(hp.remove(i));
            }
            if (hp.isEmpty())
            {
                cfg.lineOutType = AutoPinConfig.TYPE_HP;
            }
        }
        sortInto(line, cfg.lineOuts);
        sortInto(speaker, cfg.speakerOuts);
        sortInto(hp, cfg.hpOuts);
        if (cfg.lineOuts.isEmpty())
        {
            if (!cfg.speakerOuts.isEmpty())
            {
                cfg.lineOuts.addAll(cfg.speakerOuts);
                cfg.speakerOuts.clear();
                cfg.lineOutType = AutoPinConfig.TYPE_SPEAKER;
            }
            else if (!cfg.hpOuts.isEmpty())
            {
                cfg.lineOuts.addAll(cfg.hpOuts);
                cfg.hpOuts.clear();
                cfg.lineOutType = AutoPinConfig.TYPE_HP;
            }
        }
        reorder(cfg.lineOuts);
        reorder(cfg.hpOuts);
        reorder(cfg.speakerOuts);
        final List<AutoPinConfig.Input> sorted = new ArrayList<>(cfg.inputs);
        LinuxSort.sort(sorted, (a, b) -> a.type() != b.type() ? a.type() - b.type()
            : (b.hasBoost() ? 1 : 0) - (a.hasBoost() ? 1 : 0));
        cfg.inputs.clear();
        for (int i = 0; i < sorted.size(); i++)
        {
            final AutoPinConfig.Input in = sorted.get(i);
            cfg.inputs.add(new AutoPinConfig.Input(in.pin(), in.type(), in.hasBoost(),
                inputLabel(sorted, i, startNid, pinConfig)));
        }
        return cfg;
    }

    /**
     * Linux's log of the result, one line per {@code codec_info}.
     *
     * @param cfg      the sorted pins (as parsed, before the output assignment changes them).
     * @param chipName the codec's chip name ({@code codec->core.chip_name}), e.g. "Generic".
     * @return the lines.
     */
    static List<String> logLines(final AutoPinConfig cfg, final String chipName)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "autoconfig for %s: line_outs=%d (%s) type:%s", chipName,
            cfg.lineOuts.size(), pins(cfg.lineOuts), cfg.lineOutTypeName()));
        lines.add(String.format(Locale.ROOT, "   speaker_outs=%d (%s)", cfg.speakerOuts.size(),
            pins(cfg.speakerOuts)));
        lines.add(String.format(Locale.ROOT, "   hp_outs=%d (%s)", cfg.hpOuts.size(), pins(cfg.hpOuts)));
        lines.add(String.format(Locale.ROOT, "   mono: mono_out=0x%x", cfg.monoOut));
        if (!cfg.digOuts.isEmpty())
        {
            lines.add(String.format(Locale.ROOT, "   dig-out=0x%x/0x%x", cfg.digOuts.get(0),
                cfg.digOuts.size() > 1 ? cfg.digOuts.get(1) : 0));
        }
        lines.add("   inputs:");
        for (final AutoPinConfig.Input in : cfg.inputs)
        {
            lines.add(String.format(Locale.ROOT, "     %s=0x%x", in.label(), in.pin()));
        }
        if (cfg.digIn != 0)
        {
            lines.add(String.format(Locale.ROOT, "   dig-in=0x%x", cfg.digIn));
        }
        return lines;
    }

    private static void addOut(final List<int[]> list, final int nid, final int seq,
        final Consumer<String> info)
    {
        if (list.size() >= MAX_OUTS)
        {
            info.accept(String.format(Locale.ROOT, "ignore pin 0x%x, too many assigned pins", nid));
            return;
        }
        list.add(new int[] {nid, seq});
    }

    private static void addInput(final AutoPinConfig cfg, final int nid, final int type,
        final IntPredicate hasBoost)
    {
        if (cfg.inputs.size() < MAX_INS)
        {
            cfg.inputs.add(new AutoPinConfig.Input(nid, type, hasBoost.test(nid), ""));
        }
    }

    private static void sortInto(final List<int[]> outs, final List<Integer> pins)
    {
        LinuxSort.sort(outs, (a, b) -> a[1] - b[1]);
        for (final int[] o : outs)
        {
            pins.add(o[0]);
        }
    }

    /** {@code reorder_outputs}: with three or four outputs the second and third swap. */
    private static void reorder(final List<Integer> pins)
    {
        if (pins.size() == 3 || pins.size() == 4)
        {
            final int second = pins.get(1);
            pins.set(1, pins.get(2));
            pins.set(2, second);
        }
    }

    private static boolean pinCapsValid(final int caps, final int dev)
    {
        if (caps == 0)
        {
            return true;
        }
        return switch (dev)
        {
            case DEV_LINE_OUT, DEV_SPEAKER, DEV_HP_OUT, DEV_SPDIF_OUT, DEV_DIG_OTHER_OUT ->
                (caps & Verbs.PINCAP_OUT) != 0;
            default -> (caps & Verbs.PINCAP_IN) != 0;
        };
    }

    /** {@code hda_get_autocfg_input_label}. */
    private static String inputLabel(final List<AutoPinConfig.Input> inputs, final int index, final int startNid,
        final int[] pinConfig)
    {
        final int type = inputs.get(index).type();
        boolean multiple = index > 0 && inputs.get(index - 1).type() == type
            || index < inputs.size() - 1 && inputs.get(index + 1).type() == type;
        if (multiple && type == AutoPinConfig.INPUT_MIC)
        {
            multiple = micLocationNeeded(inputs, index, startNid, pinConfig);
        }
        final int def = pinConfig[inputs.get(index).pin() - startNid];
        switch (device(def))
        {
            case DEV_MIC_IN:
                if (!multiple)
                {
                    return "Mic";
                }
                final int attr = inputPinAttr(def);
                return attr == ATTR_UNUSED ? "None" : MIC_NAMES[attr - 1];
            case DEV_LINE_IN:
                if (!multiple)
                {
                    return "Line";
                }
                final int lineAttr = inputPinAttr(def);
                return lineAttr == ATTR_UNUSED ? "None" : lineAttr == ATTR_DOCK ? "Dock Line" : "Line";
            case DEV_AUX:
                return "Aux";
            case DEV_CD:
                return "CD";
            default:
                return "Misc";
        }
    }

    /** {@code check_mic_location_need}: internal/dock mics need a prefix, jacks only if their locations differ. */
    private static boolean micLocationNeeded(final List<AutoPinConfig.Input> inputs, final int index,
        final int startNid, final int[] pinConfig)
    {
        if (inputPinAttr(pinConfig[inputs.get(index).pin() - startNid]) <= ATTR_NORMAL)
        {
            return true;
        }
        int attr = 0;
        for (final AutoPinConfig.Input in : inputs)
        {
            final int attr2 = inputPinAttr(pinConfig[in.pin() - startNid]);
            if (attr2 >= ATTR_NORMAL)
            {
                if (attr != 0 && attr != attr2)
                {
                    return true;
                }
                attr = attr2;
            }
        }
        return false;
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

package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generic parser's output assignment ({@code parse_output_paths}, {@code fill_and_eval_dacs},
 * {@code try_assign_dacs}, {@code map_singles}): every output pin gets a DAC reachable through the connection graph
 * ({@link PathList}); pins with a single free DAC are wired first or not (both are tried);
 * where no DAC is free the pin shares one (the primary DAC) and the choice costs "badness" as Linux counts it; the
 * cheapest assignment wins, trying speakers and headphones swapped when the first ones are not free. Each path's
 * volume and mute controls are placed as {@code assign_out_path_ctls} places them. Multi-I/O (input jacks retasked
 * as surround outputs) and the analog loopback mixer are not modelled.
 *
 * <p>Not thread-safe: built during the codec's probe; read afterwards under the codec driver's lock.
 */
final class OutputPaths
{
    private static final int BAD_NO_PRIMARY_DAC = 0x10000;
    private static final int BAD_NO_DAC = 0x4000;
    private static final int BAD_NO_EXTRA_DAC = 0x102;
    private static final int BAD_NO_EXTRA_SURR_DAC = 0x101;
    private static final int BAD_SHARED_SURROUND = 0x100;
    private static final int BAD_SHARED_CLFE = 0x10;
    private static final int BAD_SHARED_EXTRA_SURROUND = 0x10;
    private static final int BAD_SHARED_VOL = 0x10;
    private static final int WCAP_DIGITAL = 1 << 9;

    /** A badness table ({@code struct badness_table}). */
    private record Badness(int noPrimaryDac, int noDac, int sharedPrimary, int sharedSurr, int sharedClfe,
        int sharedSurrMain)
    {
    }

    private static final Badness MAIN_OUT = new Badness(BAD_NO_PRIMARY_DAC, BAD_NO_DAC, BAD_NO_PRIMARY_DAC,
        BAD_SHARED_SURROUND, BAD_SHARED_CLFE, BAD_SHARED_SURROUND);
    private static final Badness EXTRA_OUT = new Badness(BAD_NO_DAC, BAD_NO_DAC, BAD_NO_EXTRA_DAC,
        BAD_SHARED_EXTRA_SURROUND, BAD_SHARED_EXTRA_SURROUND, BAD_NO_EXTRA_SURR_DAC);

    private final CodecGraph graph;
    private final int[] allDacs;

    /** Every path found ({@code spec->paths}) and the search. */
    final PathList list;
    /** The same paths ({@link PathList#paths}). */
    final List<NidPath> paths;
    /** The line outs' DACs ({@code private_dac_nids}), 0 where none. */
    final int[] lineDacs = new int[PinDefaults.MAX_OUTS];
    /** The headphones' DACs ({@code multiout.hp_out_nid}). */
    final int[] hpDacs = new int[PinDefaults.MAX_OUTS];
    /** The speakers' DACs ({@code multiout.extra_out_nid}). */
    final int[] speakerDacs = new int[PinDefaults.MAX_OUTS];
    /** The line outs' paths ({@code out_paths}), null where none. */
    final NidPath[] outPaths = new NidPath[PinDefaults.MAX_OUTS];
    /** The headphones' paths. */
    final NidPath[] hpPaths = new NidPath[PinDefaults.MAX_OUTS];
    /** The speakers' paths. */
    final NidPath[] speakerPaths = new NidPath[PinDefaults.MAX_OUTS];
    /** The number of line-out DACs ({@code multiout.num_dacs}). */
    int numDacs;
    private int lineOutCount;

    /**
     * @param graph   the codec's widgets.
     * @param allDacs every audio output converter, in NID order ({@code fill_all_dac_nids}).
     */
    OutputPaths(final CodecGraph graph, final int[] allDacs)
    {
        this.graph = graph;
        this.allDacs = allDacs.clone();
        this.list = new PathList(graph);
        this.paths = list.paths;
    }

    /**
     * {@code parse_output_paths}: tries the assignments Linux tries and keeps the best; {@code cfg} is left as the
     * chosen configuration (speakers and headphones may have been swapped with the line outs).
     *
     * @param cfg the sorted pins.
     * @return the badness of the chosen assignment (0 = every output has its own DAC and controls).
     */
    int parse(final AutoPinConfig cfg)
    {
        AutoPinConfig best = cfg.copy();
        int bestBadness = Integer.MAX_VALUE;
        boolean bestWired = true;
        boolean hardwired = true;
        boolean mioFirst = true;
        boolean swapped = false;
        while (true)
        {
            final int badness = fillAndEval(cfg, hardwired);
            if (badness < bestBadness)
            {
                bestBadness = badness;
                best = cfg.copy();
                bestWired = hardwired;
            }
            if (badness == 0)
            {
                break;
            }
            mioFirst = !mioFirst;
            if (!mioFirst)
            {
                continue;
            }
            hardwired = !hardwired;
            if (!hardwired)
            {
                continue;
            }
            if (swapped)
            {
                break;
            }
            swapped = true;
            if (!cfg.speakerOuts.isEmpty() && cfg.lineOutType == AutoPinConfig.TYPE_HP)
            {
                cfg.hpOuts.clear();
                cfg.hpOuts.addAll(cfg.lineOuts);
                cfg.lineOuts.clear();
                cfg.lineOuts.addAll(cfg.speakerOuts);
                cfg.speakerOuts.clear();
                cfg.lineOutType = AutoPinConfig.TYPE_SPEAKER;
                continue;
            }
            if (!cfg.hpOuts.isEmpty() && cfg.lineOutType == AutoPinConfig.TYPE_SPEAKER)
            {
                cfg.speakerOuts.clear();
                cfg.speakerOuts.addAll(cfg.lineOuts);
                cfg.lineOuts.clear();
                cfg.lineOuts.addAll(cfg.hpOuts);
                cfg.hpOuts.clear();
                cfg.lineOutType = AutoPinConfig.TYPE_HP;
                continue;
            }
            break;
        }
        if (bestBadness != 0)
        {
            cfg.set(best);
            fillAndEval(cfg, bestWired);
        }
        return bestBadness;
    }

    /**
     * The digital output's path ({@code parse_digital}): the first free digital converter reachable from the pin.
     *
     * @param pin a digital output pin.
     * @return its path, or null.
     */
    NidPath addDigitalOut(final int pin)
    {
        final int dac = lookForDac(pin, true);
        if (dac == 0)
        {
            return null;
        }
        final NidPath path = addNewPath(dac, pin, 0);
        if (null != path)
        {
            path.active = true;
        }
        return path;
    }

    /** {@link PathList#addNewPath}. */
    NidPath addNewPath(final int from, final int to, final int anchor)
    {
        return list.addNewPath(from, to, anchor);
    }

    /** {@link PathList#isReachable}. */
    boolean isReachable(final int from, final int to)
    {
        return list.isReachable(from, to);
    }

    /** {@link PathList#dacUsed}. */
    boolean dacUsed(final int dac)
    {
        return list.dacUsed(dac);
    }

    /** {@link PathList#ctlUsed}. */
    boolean ctlUsed(final int val, final int kind)
    {
        return list.ctlUsed(val, kind);
    }

    private int fillAndEval(final AutoPinConfig cfg, final boolean hardwired)
    {
        Arrays.fill(lineDacs, 0);
        Arrays.fill(hpDacs, 0);
        Arrays.fill(speakerDacs, 0);
        Arrays.fill(outPaths, null);
        Arrays.fill(hpPaths, null);
        Arrays.fill(speakerPaths, null);
        paths.clear();
        lineOutCount = cfg.lineOuts.size();
        if (hardwired)
        {
            boolean mapped;
            do
            {
                mapped = mapSingles(cfg.lineOuts, lineDacs, outPaths);
                mapped |= mapSingles(cfg.hpOuts, hpDacs, hpPaths);
                mapped |= mapSingles(cfg.speakerOuts, speakerDacs, speakerPaths);
            }
            while (mapped);
        }
        int badness = tryAssignDacs(cfg.lineOuts, lineDacs, outPaths, MAIN_OUT);
        if (cfg.lineOutType != AutoPinConfig.TYPE_HP)
        {
            badness += tryAssignDacs(cfg.hpOuts, hpDacs, hpPaths, EXTRA_OUT);
        }
        if (cfg.lineOutType != AutoPinConfig.TYPE_SPEAKER)
        {
            badness += tryAssignDacs(cfg.speakerOuts, speakerDacs, speakerPaths, EXTRA_OUT);
        }
        numDacs = 0;
        for (int i = 0; i < cfg.lineOuts.size(); i++)
        {
            if (lineDacs[i] != 0)
            {
                lineDacs[numDacs] = lineDacs[i];
                numDacs++;
            }
        }
        for (int i = numDacs; i < lineDacs.length; i++)
        {
            lineDacs[i] = 0;
        }
        if (cfg.lineOutType != AutoPinConfig.TYPE_HP)
        {
            refillShared(cfg.hpOuts.size(), hpDacs, hpPaths);
        }
        if (cfg.lineOutType != AutoPinConfig.TYPE_SPEAKER)
        {
            refillShared(cfg.speakerOuts.size(), speakerDacs, speakerPaths);
        }
        return badness;
    }

    private boolean mapSingles(final List<Integer> pins, final int[] dacs, final NidPath[] pathOf)
    {
        boolean found = false;
        for (int i = 0; i < pins.size(); i++)
        {
            if (dacs[i] != 0)
            {
                continue;
            }
            final int dac = dacIfSingle(pins.get(i));
            if (dac == 0)
            {
                continue;
            }
            final NidPath path = addNewPath(dac, pins.get(i), 0);
            if (null != path)
            {
                dacs[i] = dac;
                found = true;
                path.active = true;
                pathOf[i] = path;
            }
        }
        return found;
    }

    private int dacIfSingle(final int pin)
    {
        int found = 0;
        for (final int dac : allDacs)
        {
            if (dacUsed(dac))
            {
                continue;
            }
            if (isReachable(dac, pin))
            {
                if (found != 0)
                {
                    return 0;
                }
                found = dac;
            }
        }
        return found;
    }

    private int lookForDac(final int pin, final boolean digital)
    {
        for (final int dac : allDacs)
        {
            if (dacUsed(dac))
            {
                continue;
            }
            if (((graph.wcaps(dac) & WCAP_DIGITAL) != 0) != digital)
            {
                continue;
            }
            if (isReachable(dac, pin))
            {
                return dac;
            }
        }
        return 0;
    }

    private int tryAssignDacs(final List<Integer> pins, final int[] dacs, final NidPath[] pathOf, final Badness bad)
    {
        int badness = 0;
        for (int i = 0; i < pins.size(); i++)
        {
            final int pin = pins.get(i);
            if (null != pathOf[i])
            {
                badness += assignCtls(pathOf[i]);
                continue;
            }
            dacs[i] = lookForDac(pin, false);
            if (dacs[i] == 0 && i == 0)
            {
                // the front steals a surround's DAC
                for (int j = 1; j < pins.size(); j++)
                {
                    if (isReachable(dacs[j], pin))
                    {
                        dacs[0] = dacs[j];
                        dacs[j] = 0;
                        if (null != pathOf[j])
                        {
                            pathOf[j].invalidate();
                        }
                        pathOf[j] = null;
                        break;
                    }
                }
            }
            int dac = dacs[i];
            if (dac == 0)
            {
                if (pins.size() > 2)
                {
                    dac = tryDac(primaryOut(i), pin);
                }
                if (dac == 0)
                {
                    dac = tryDac(dacs[0], pin);
                }
                if (dac == 0)
                {
                    dac = tryDac(primaryOut(i), pin);
                }
                if (dac != 0)
                {
                    badness += i == 0 ? bad.sharedPrimary() : i == 1 ? bad.sharedSurr() : bad.sharedClfe();
                }
                else if (isReachable(lineDacs[0], pin))
                {
                    dac = lineDacs[0];
                    badness += bad.sharedSurrMain();
                }
                else
                {
                    badness += i == 0 ? bad.noPrimaryDac() : bad.noDac();
                }
            }
            if (dac == 0)
            {
                continue;
            }
            final NidPath path = addNewPath(dac, pin, 0);
            if (null == path)
            {
                dacs[i] = 0;
                badness += bad.noDac();
            }
            else
            {
                path.active = true;
                pathOf[i] = path;
                badness += assignCtls(path);
            }
        }
        return badness;
    }

    /** {@code get_primary_out}: the line-out DAC of the same channel (multi-I/O is not modelled). */
    private int primaryOut(final int index)
    {
        return index < lineOutCount ? lineDacs[index] : 0;
    }

    private int tryDac(final int dac, final int pin)
    {
        return dac != 0 && pin != 0 && isReachable(dac, pin) ? dac : 0;
    }

    private static void refillShared(final int count, final int[] dacs, final NidPath[] pathOf)
    {
        for (int i = 0; i < count; i++)
        {
            if (dacs[i] == 0 && null != pathOf[i] && pathOf[i].depth() > 0)
            {
                dacs[i] = pathOf[i].first();
            }
        }
    }

    /** {@code assign_out_path_ctls}: the volume and mute amps of an output path; a shared one costs badness. */
    private int assignCtls(final NidPath path)
    {
        int badness = 0;
        final int volNid = lookForOutVol(path);
        if (volNid != 0)
        {
            final int val = NidPath.ampVal(volNid, true, 0);
            if (ctlUsed(val, 0))
            {
                badness += BAD_SHARED_VOL;
            }
            else
            {
                path.volCtl = val;
            }
        }
        else
        {
            badness += BAD_SHARED_VOL;
        }
        final int muteNid = lookForOutMute(path);
        if (muteNid != 0)
        {
            final int type = graph.widgetType(muteNid);
            final boolean out = type == Verbs.WID_PIN || type == Verbs.WID_AUD_OUT || graph.hasMute(muteNid, true);
            final int val = NidPath.ampVal(muteNid, out, 0);
            if (ctlUsed(val, 1))
            {
                badness += BAD_SHARED_VOL;
            }
            else
            {
                path.muteCtl = val;
            }
        }
        else
        {
            badness += BAD_SHARED_VOL;
        }
        return badness;
    }

    /** {@code look_for_out_mute_nid}: from the pin back, the first output amp (or mid-path input amp) that mutes. */
    private int lookForOutMute(final NidPath path)
    {
        for (int i = path.depth() - 1; i >= 0; i--)
        {
            final int nid = path.nids[i];
            if (graph.hasMute(nid, true))
            {
                return nid;
            }
            if (i != path.depth() - 1 && i != 0 && graph.hasMute(nid, false))
            {
                return nid;
            }
        }
        return 0;
    }

    /** {@code look_for_out_vol_nid}: from the pin back, the first output amp with gain steps. */
    private int lookForOutVol(final NidPath path)
    {
        for (int i = path.depth() - 1; i >= 0; i--)
        {
            if (graph.hasVolume(path.nids[i], true))
            {
                return path.nids[i];
            }
        }
        return 0;
    }
}

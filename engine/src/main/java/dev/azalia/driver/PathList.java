package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;

import java.util.ArrayList;
import java.util.List;

/**
 * The generic parser's path list ({@code spec->paths}) and its graph search: {@code snd_hda_add_new_path} /
 * {@code __parse_nid_path} (depth-first from the target back to the source, at most {@link #MAX_PATH_DEPTH}
 * widgets deep, never through another converter or pin, no visited set: a loop is walked until the depth limit, as
 * Linux walks it), {@code is_reachable_path} ({@code snd_hda_get_conn_index}, recursive, ten levels), and the
 * questions asked of the list: is a DAC already used, is an amp already owned by a control.
 *
 * <p>Not thread-safe: built during the codec's probe; read afterwards under the codec driver's lock.
 */
final class PathList
{
    /** {@code MAX_NID_PATH_DEPTH}. */
    static final int MAX_PATH_DEPTH = 10;
    private static final int MAX_CONN_SEARCH_DEPTH = 10;
    private static final int WID_AUD_MIX = 0x2;

    private final CodecGraph graph;
    /** Every path found, in the order found. */
    final List<NidPath> paths = new ArrayList<>();

    /**
     * @param graph the codec's widgets.
     */
    PathList(final CodecGraph graph)
    {
        this.graph = graph;
    }

    /**
     * {@code snd_hda_add_new_path}: a path from {@code from} to {@code to} (an existing one if already found),
     * added to {@link #paths}.
     *
     * @param from   the source widget (a DAC, or an input pin).
     * @param to     the target widget (a pin, or an ADC).
     * @param anchor 0, a widget the path must pass (positive) or must avoid (negative).
     * @return the path, or null if there is none.
     */
    NidPath addNewPath(final int from, final int to, final int anchor)
    {
        if (from != 0 && to != 0 && !isReachable(from, to))
        {
            return null;
        }
        for (final NidPath p : paths)
        {
            if (p.depth() > 0 && (from == 0 || p.first() == from) && (to == 0 || p.last() == to)
                && (anchor == 0 || anchor > 0 && p.contains(anchor) || anchor < 0 && !p.contains(-anchor)))
            {
                return p;
            }
        }
        final List<int[]> found = new ArrayList<>();
        if (!parsePath(from, to, anchor, found, 1))
        {
            return null;
        }
        final int depth = found.size() + 1;
        final int[] nids = new int[depth];
        final int[] idx = new int[depth];
        final boolean[] multi = new boolean[depth];
        for (int i = 0; i < found.size(); i++)
        {
            final int[] step = found.get(i);
            nids[i] = step[0];
            idx[i + 1] = step[1];
            multi[i + 1] = step[2] != 0;
        }
        nids[depth - 1] = to;
        final NidPath path = new NidPath(nids, idx, multi);
        paths.add(path);
        return path;
    }

    /**
     * {@code is_reachable_path}: {@code from} is connected to {@code to}, directly or through mixers and selectors
     * ({@code snd_hda_get_conn_index} recursive, at most ten levels).
     *
     * @param from the source widget.
     * @param to   the target widget.
     * @return true if reachable.
     */
    boolean isReachable(final int from, final int to)
    {
        return from != 0 && to != 0 && connIndex(to, from, 1) >= 0;
    }

    private int connIndex(final int mux, final int nid, final int recursive)
    {
        final int[] conn = graph.connections(mux);
        for (int i = 0; i < conn.length; i++)
        {
            if (conn[i] == nid)
            {
                return i;
            }
        }
        if (recursive > MAX_CONN_SEARCH_DEPTH)
        {
            return -1;
        }
        for (int i = 0; i < conn.length; i++)
        {
            final int type = graph.widgetType(conn[i]);
            if (type == Verbs.WID_PIN || type == Verbs.WID_AUD_OUT)
            {
                continue;
            }
            if (connIndex(conn[i], nid, recursive + 1) >= 0)
            {
                return i;
            }
        }
        return -1;
    }

    /** {@code __parse_nid_path}: steps are appended source first, each {nid, index in the next, multi}. */
    private boolean parsePath(final int from, final int to, final int anchorIn, final List<int[]> out,
        final int depth)
    {
        int anchor = anchorIn;
        if (to == anchor)
        {
            anchor = 0;
        }
        else if (anchor < 0 && to == -anchor)
        {
            return false;
        }
        final int[] conn = graph.connections(to);
        final boolean multi = conn.length > 1 && graph.widgetType(to) != WID_AUD_MIX;
        for (int i = 0; i < conn.length; i++)
        {
            if (conn[i] != from && (from != 0 || graph.widgetType(conn[i]) != Verbs.WID_AUD_OUT || dacUsed(conn[i])))
            {
                continue;
            }
            if (anchor <= 0)
            {
                out.add(new int[] {conn[i], i, multi ? 1 : 0});
                return true;
            }
        }
        if (depth >= MAX_PATH_DEPTH)
        {
            return false;
        }
        for (int i = 0; i < conn.length; i++)
        {
            final int type = graph.widgetType(conn[i]);
            if (type == Verbs.WID_AUD_OUT || type == Verbs.WID_AUD_IN || type == Verbs.WID_PIN)
            {
                continue;
            }
            if (parsePath(from, conn[i], anchor, out, depth + 1))
            {
                out.add(new int[] {conn[i], i, multi ? 1 : 0});
                return true;
            }
        }
        return false;
    }

    /** {@code is_dac_already_used}: some path starts at it. */
    boolean dacUsed(final int dac)
    {
        for (final NidPath p : paths)
        {
            if (p.first() == dac)
            {
                return true;
            }
        }
        return false;
    }

    /** {@code is_ctl_used}: some path's control of that kind owns the amp. */
    boolean ctlUsed(final int val, final int kind)
    {
        final int v = val & NidPath.AMP_VAL_COMPARE_MASK;
        for (final NidPath p : paths)
        {
            final int ctl = kind == 0 ? p.volCtl : kind == 1 ? p.muteCtl : p.boostCtl;
            if ((ctl & NidPath.AMP_VAL_COMPARE_MASK) == v)
            {
                return true;
            }
        }
        return false;
    }

}

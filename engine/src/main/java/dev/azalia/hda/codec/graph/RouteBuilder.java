package dev.azalia.hda.codec.graph;

/**
 * Compiles the routing from a stream's converters to one output pin into a {@link Program} per pin channel, by
 * walking the widget graph back from the pin as the driver's state sets it up.
 *
 * <p>The rules, from the HD-Audio specification as Linux's generic parser and QEMU's codec read it:
 * <ul>
 *   <li>The pin outputs only in D0, with pin control OUT_EN, when its caps say it can output, and, if it has the
 *       EAPD capability, with EAPD on. Its output amp applies; its input amp belongs to the input direction.</li>
 *   <li>A pin, selector or mixer's connection: with one connection that one, with more the selected one (pins and
 *       selectors); a mixer sums every connection, each through its input amp at that index.</li>
 *   <li>Every widget's output amp applies, and the input amp (at the connection's index) of a selector or mixer;
 *       a muted amp removes what passes through it. A widget not in D0 is silent.</li>
 *   <li>An output converter contributes when bound to the stream's tag: a stereo one stream channels
 *       {@code channel} and {@code channel + 1}, a mono one {@code channel}; a channel beyond the stream is
 *       silence. Input converters, pins met behind the output pin, power widgets, volume knobs, beep generators and
 *       vendor widgets contribute silence.</li>
 *   <li>A mono widget gives its one channel to both channels of a stereo consumer; a stereo widget gives its left
 *       channel to a mono consumer, except a mono mixer with one stereo connection, which mixes both channels
 *       through its stereo input amp (Linux's "stereo-to-mono mix").</li>
 *   <li>A widget already on the path (a loop) is silence there; as in Linux's path search, the pin is depth 1 and a
 *       widget deeper than {@link #MAX_PATH_DEPTH} is not followed, so at most 9 mixers or selectors lie between a
 *       converter and the pin.</li>
 * </ul>
 *
 * <p>Threading: owned by one {@link PinSignal}, used on the link clock thread. Allocates only when a program grows.
 */
final class RouteBuilder
{
    /** Linux's {@code MAX_NID_PATH_DEPTH}: the deepest widget whose connections the search follows. */
    static final int MAX_PATH_DEPTH = 10;

    private static final int OUTPUT_CONVERTER = 0;
    private static final int MIXER = 2;
    private static final int SELECTOR = 3;
    private static final int PIN = 4;
    private static final int WCAP_STEREO = 1;
    private static final int WCAP_IN_AMP = 1 << 1;
    private static final int WCAP_OUT_AMP = 1 << 2;
    private static final int PINCTL_OUT_EN = 0x40;
    private static final int PINCAP_OUT = 1 << 4;
    private static final int PINCAP_EAPD = 1 << 16;
    /** Widget visits per channel before the walk gives up on what remains (a guard against pathological fan-out). */
    private static final int MAX_VISITS = 1 << 14;

    private final int[] path = new int[MAX_PATH_DEPTH + 2];
    private int pathLength;
    private int visits;
    private WidgetGraph graph;
    private int streamTag;
    private int streamChannels;

    /**
     * The channels a pin outputs.
     *
     * @param graph  the codec's widgets.
     * @param pinNid the pin.
     * @return 1 for a mono pin widget, else 2.
     */
    static int pinChannels(final WidgetGraph graph, final int pinNid)
    {
        return graph.widgetType(pinNid) == PIN && (graph.widgetCaps(pinNid) & WCAP_STEREO) == 0 ? 1 : 2;
    }

    /**
     * Compiles the programs of a pin's channels.
     *
     * @param graph          the codec's widgets and state.
     * @param pinNid         the output pin.
     * @param tag            the stream's tag.
     * @param channels       the stream's channel count.
     * @param programs       one program per pin channel ({@link #pinChannels}); cleared and filled.
     */
    void build(final WidgetGraph graph, final int pinNid, final int tag, final int channels,
        final Program[] programs)
    {
        this.graph = graph;
        this.streamTag = tag;
        this.streamChannels = channels;
        final int pinChannels = pinChannels(graph, pinNid);
        for (int c = 0; c < pinChannels; c++)
        {
            programs[c].clear();
            if (pinOutputs(pinNid))
            {
                pathLength = 0;
                visits = 0;
                pin(programs[c], pinNid, c);
            }
            programs[c].finish();
        }
        this.graph = null;
    }

    private boolean pinOutputs(final int pinNid)
    {
        final int pinCaps = graph.pinCaps(pinNid);
        return graph.widgetType(pinNid) == PIN && graph.actualPowerState(pinNid) == 0
            && (graph.pinControl(pinNid) & PINCTL_OUT_EN) != 0 && (pinCaps & PINCAP_OUT) != 0
            && ((pinCaps & PINCAP_EAPD) == 0 || graph.eapd(pinNid));
    }

    private void pin(final Program program, final int pinNid, final int channel)
    {
        final int level = outputLevel(pinNid, channel);
        if (level == Integer.MIN_VALUE)
        {
            return;
        }
        final int[] connections = graph.connections(pinNid);
        final int index = chosen(pinNid, connections);
        if (index < 0)
        {
            return;
        }
        path[pathLength++] = pinNid;
        walk(program, connections[index], channel, 2, level);
        pathLength--;
    }

    /** Emits the node of a widget's output channel (0 or 1 nodes), {@code level} from there to the summing point. */
    private int walk(final Program program, final int nid, final int channel, final int depth, final int level)
    {
        if (++visits > MAX_VISITS || onPath(nid))
        {
            return 0;
        }
        final int type = graph.widgetType(nid);
        if (type < 0 || graph.actualPowerState(nid) != 0)
        {
            return 0;
        }
        final int caps = graph.widgetCaps(nid);
        final int ch = (caps & WCAP_STEREO) != 0 ? channel : 0;
        final int out = outputLevel(nid, ch);
        if (out == Integer.MIN_VALUE)
        {
            return 0;
        }
        if (type == OUTPUT_CONVERTER)
        {
            return source(program, nid, ch, level + out);
        }
        if ((type != MIXER && type != SELECTOR) || depth > MAX_PATH_DEPTH)
        {
            return 0;
        }
        final int[] connections = graph.connections(nid);
        path[pathLength++] = nid;
        int emitted;
        if (type == SELECTOR)
        {
            final int index = chosen(nid, connections);
            emitted = index < 0 ? 0 : input(program, nid, caps, connections[index], index, ch, depth, level + out);
        }
        else
        {
            emitted = mixer(program, nid, caps, connections, ch, depth);
            emitted = close(program, emitted, level + out);
        }
        pathLength--;
        return emitted;
    }

    private int source(final Program program, final int nid, final int ch, final int level)
    {
        final int tag = graph.converterStreamTag(nid);
        final int streamChannel = graph.converterChannel(nid) + ch;
        if (tag == 0 || tag != streamTag || streamChannel >= streamChannels)
        {
            return 0;
        }
        program.add(Program.SOURCE, streamChannel, level);
        return 1;
    }

    private int mixer(final Program program, final int nid, final int caps, final int[] connections, final int ch,
        final int depth)
    {
        final boolean downmix = (caps & WCAP_STEREO) == 0 && connections.length == 1
            && (graph.widgetCaps(connections[0]) & WCAP_STEREO) != 0;
        if (downmix)
        {
            return input(program, nid, caps, connections[0], 0, 0, depth, 0)
                + input(program, nid, caps, connections[0], 0, 1, depth, 0);
        }
        int children = 0;
        for (int i = 0; i < connections.length; i++)
        {
            children += input(program, nid, caps, connections[i], i, ch, depth, 0);
        }
        return children;
    }

    /** Follows connection {@code index} of {@code nid} through its input amp, if it has one. */
    private int input(final Program program, final int nid, final int caps, final int from, final int index,
        final int ch, final int depth, final int level)
    {
        int through = level;
        if ((caps & WCAP_IN_AMP) != 0)
        {
            if (graph.ampMuted(nid, false, ch, index))
            {
                return 0;
            }
            through += Gain.quarterDb(graph.ampCaps(nid, false), graph.ampGain(nid, false, ch, index));
        }
        return walk(program, from, ch, depth + 1, through);
    }

    /** Ends a mixer: nothing, its one input folded into it, or a mix node. */
    private static int close(final Program program, final int children, final int level)
    {
        if (children == 0)
        {
            return 0;
        }
        if (children == 1 && program.lastQuarterDb() <= 0)
        {
            // one input that cannot exceed the sample range: the mixer's saturation does nothing
            program.addToLast(level);
            return 1;
        }
        program.add(Program.MIX, children, level);
        return 1;
    }

    /** The level of a widget's output amp, or {@code Integer.MIN_VALUE} when it is muted. */
    private int outputLevel(final int nid, final int ch)
    {
        if ((graph.widgetCaps(nid) & WCAP_OUT_AMP) == 0)
        {
            return 0;
        }
        if (graph.ampMuted(nid, true, ch, 0))
        {
            return Integer.MIN_VALUE;
        }
        return Gain.quarterDb(graph.ampCaps(nid, true), graph.ampGain(nid, true, ch, 0));
    }

    /** The connection a pin or selector uses, or -1 when none. */
    private int chosen(final int nid, final int[] connections)
    {
        if (connections.length == 1)
        {
            return 0;
        }
        final int index = connections.length == 0 ? -1 : graph.selectedConnection(nid);
        return index >= 0 && index < connections.length ? index : -1;
    }

    private boolean onPath(final int nid)
    {
        for (int i = 0; i < pathLength; i++)
        {
            if (path[i] == nid)
            {
                return true;
            }
        }
        return false;
    }
}

package dev.azalia.driver;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output assignment on small widget graphs: the depth limit of {@code __parse_nid_path}, loops, hard-wired pins
 * first, the DAC shared through a mixer when none is free, the front stealing a surround's DAC.
 */
final class OutputPathsTest
{
    private static final int DAC = 0x0;
    private static final int MIXER = 0x2;
    private static final int SELECTOR = 0x3;
    private static final int PIN = 0x4;
    private static final int AMP_OUT_CAPS = 1 << 31 | 0x1f << 8 | 0x1f;

    /** A graph of widgets: type, connections, every DAC and pin with an output amp that mutes and has steps. */
    private static final class Graph implements CodecGraph
    {
        final Map<Integer, Integer> types = new HashMap<>();
        final Map<Integer, int[]> conns = new HashMap<>();
        final Map<Integer, Integer> connReads = new HashMap<>();

        Graph add(final int nid, final int type, final int... connections)
        {
            types.put(nid, type);
            conns.put(nid, connections);
            return this;
        }

        @Override
        public int wcaps(final int nid)
        {
            final Integer t = types.get(nid);
            if (null == t)
            {
                return 0;
            }
            final int amp = t == DAC || t == PIN ? 1 << 2 : 0;
            return t << 20 | 1 | amp;
        }

        @Override
        public int[] connections(final int nid)
        {
            connReads.merge(nid, 1, Integer::sum);
            return conns.getOrDefault(nid, new int[0]);
        }

        @Override
        public int ampCaps(final int nid, final boolean output)
        {
            return output ? AMP_OUT_CAPS : 0;
        }

        @Override
        public int pinCaps(final int nid)
        {
            return 0x10;
        }
    }

    private static AutoPinConfig lineOuts(final Integer... pins)
    {
        final AutoPinConfig cfg = new AutoPinConfig();
        cfg.lineOuts.addAll(List.of(pins));
        return cfg;
    }

    /** DAC 0x02, then {@code selectors} selectors in a chain, then pin 0x40. */
    private static Graph chain(final int selectors)
    {
        final Graph g = new Graph().add(0x02, DAC);
        int prev = 0x02;
        for (int i = 0; i < selectors; i++)
        {
            g.add(0x10 + i, SELECTOR, prev);
            prev = 0x10 + i;
        }
        return g.add(0x40, PIN, prev);
    }

    @Test
    void shouldSearchTenLevelsDeepAndNoDeeper()
    {
        // __parse_nid_path checks the direct connections at depth 10 and recurses no further: the pin's
        // predecessor chain may hold nine selectors (eleven widgets with DAC and pin), not ten
        final OutputPaths deepest = new OutputPaths(chain(9), new int[] {0x02});
        assertThat(deepest.parse(lineOuts(0x40))).isZero();
        assertThat(deepest.outPaths[0].depth()).as("DAC, 9 selectors, pin").isEqualTo(11);

        final OutputPaths tooDeep = new OutputPaths(chain(10), new int[] {0x02});
        tooDeep.parse(lineOuts(0x40));
        assertThat(tooDeep.outPaths[0]).isNull();
        assertThat(tooDeep.lineDacs[0]).isZero();
    }

    @Test
    void shouldEndTheSearchInALoopAtTheDepthLimitKeepingLinuxsPath()
    {
        // Linux keeps no visited set: the search goes round the 0x10/0x11 loop until the depth limit, then
        // backtracks to 0x12; the path it finds is that one, loop turns included
        final Graph g = new Graph().add(0x02, DAC).add(0x10, SELECTOR, 0x11).add(0x11, SELECTOR, 0x10, 0x12)
            .add(0x12, SELECTOR, 0x02).add(0x40, PIN, 0x10);
        final OutputPaths p = new OutputPaths(g, new int[] {0x02});

        p.parse(lineOuts(0x40));

        assertThat(p.outPaths[0].nids).containsExactly(0x02, 0x12, 0x11, 0x10, 0x11, 0x10, 0x11, 0x10, 0x11, 0x10,
            0x40);
        assertThat(p.outPaths[0].multi[2]).as("0x11 has two inputs: its select is set").isTrue();
        assertThat(p.outPaths[0].idx[2]).isEqualTo(1);

        final Graph dead = new Graph().add(0x02, DAC).add(0x10, SELECTOR, 0x11).add(0x11, SELECTOR, 0x10)
            .add(0x40, PIN, 0x10);
        final OutputPaths none = new OutputPaths(dead, new int[] {0x02});
        none.parse(lineOuts(0x40));
        assertThat(none.outPaths[0]).isNull();
    }

    @Test
    void shouldWireAPinWithASingleDacFirst()
    {
        // pin 0x40 reaches 0x02 and 0x03; pin 0x41 only 0x02: without hard-wiring first, 0x41 would get no DAC
        final Graph g = new Graph().add(0x02, DAC).add(0x03, DAC).add(0x0c, MIXER, 0x02, 0x03)
            .add(0x40, PIN, 0x0c, 0x03).add(0x41, PIN, 0x02);
        final OutputPaths p = new OutputPaths(g, new int[] {0x02, 0x03});

        final int badness = p.parse(lineOuts(0x40, 0x41));

        assertThat(badness).isZero();
        assertThat(p.lineDacs).startsWith(0x03, 0x02);
    }

    @Test
    void shouldShareTheFrontDacThroughAMixerWhenNoneIsFreeAtLinuxBadness()
    {
        final Graph g = new Graph().add(0x02, DAC).add(0x0c, MIXER, 0x02).add(0x40, PIN, 0x0c).add(0x41, PIN, 0x0c);
        final OutputPaths p = new OutputPaths(g, new int[] {0x02});
        final AutoPinConfig cfg = lineOuts(0x40);
        cfg.hpOuts.add(0x41);

        final int badness = p.parse(cfg);

        assertThat(p.hpPaths[0].nids).containsExactly(0x02, 0x0c, 0x41);
        assertThat(badness).as("BAD_NO_EXTRA_DAC (the pin's own amp gives its volume)").isEqualTo(0x102);
        assertThat(p.hpDacs[0]).as("refilled with the shared DAC").isEqualTo(0x02);
        assertThat(p.hpPaths[0].muteCtl).as("its own mute on the pin").isEqualTo(NidPath.ampVal(0x41, true, 0));
        assertThat(p.outPaths[0].volCtl).isEqualTo(NidPath.ampVal(0x40, true, 0));
    }

    @Test
    void shouldReadEachConnectionListOnce()
    {
        final Graph g = chain(3);
        new OutputPaths(g, new int[] {0x02}).parse(lineOuts(0x40));

        assertThat(g.connReads).as("the test graph counts reads; AutoConfig caches them").containsKey(0x40);
    }
}

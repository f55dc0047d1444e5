package dev.azalia.hda.codec.graph;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

final class PinSignalAllocationTest
{
    private static final int CALLS = 2_000;
    private static final int TAG = 1;
    private static final int PIN = 0x14;

    @ParameterizedTest
    @ValueSource(ints = {0x57, 0x50})
    void shouldNotAllocatePerChunk(final int dacGain)
    {
        final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)mx;
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        final TestGraph graph = new TestGraph();
        graph.dac(0x02).outAmp(TestGraph.DAC_AMP).outGain(dacGain).bind(TAG, 0);
        graph.dac(0x03).outAmp(TestGraph.DAC_AMP).bind(TAG, 2);
        graph.mixer(0x0c).inAmp(TestGraph.MUTE_AMP).connect(0x02, 0x03);
        graph.outPin(PIN).outAmp(TestGraph.MUTE_AMP).connect(0x0c);
        final StreamFormat format = StreamFormat.of(48_000, 16, 4);
        final PinSignal signal = new PinSignal();
        final byte[] chunk = new byte[4096];
        long checksum = 0;
        for (int i = 0; i < CALLS; i++)
        {
            checksum += signal.render(graph, PIN, TAG, format, chunk, 0, chunk.length);
        }

        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++)
        {
            checksum += signal.render(graph, PIN, TAG, format, chunk, 0, chunk.length);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;

        assertThat(allocated).as("bytes allocated by %d renders", CALLS).isLessThan(CALLS);
        assertThat(checksum).isEqualTo(2L * CALLS * chunk.length / 2);
        assertThat(signal.routings()).isEqualTo(1);
    }
}

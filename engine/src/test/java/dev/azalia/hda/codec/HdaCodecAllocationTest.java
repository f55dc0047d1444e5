package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

final class HdaCodecAllocationTest
{
    private static final int CALLS = 2_000;

    @ParameterizedTest
    @ValueSource(ints = {0x4a, 0x44})
    void shouldNotAllocateOnTheSamplePath(final int gain)
    {
        final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)mx;
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        final long[] checksum = new long[1];
        final HdaCodec codec = HdaCodec.output(0, (address, nid, format, pcm, offset, length, nanos) ->
            checksum[0] += pcm[offset]);
        codec.execute(Verbs.make(0, 2, Verbs.SET_CHANNEL_STREAMID, 0x10));
        codec.execute(Verbs.make(0, 2, Verbs.SET_STREAM_FORMAT, StreamFormat.CD.word()));
        codec.execute(Verbs.make(0, 2, Verbs.SET_AMP_GAIN_MUTE, 0xb000 | gain));
        final byte[] period = new byte[1024];
        for (int i = 0; i < CALLS; i++)
        {
            codec.streamData(1, StreamFormat.CD, period, 0, period.length, i);
        }

        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++)
        {
            codec.streamData(1, StreamFormat.CD, period, 0, period.length, i);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;

        assertThat(allocated).as("bytes allocated by %d deliveries", CALLS).isLessThan(CALLS);
        assertThat(checksum[0]).isZero();
    }
}

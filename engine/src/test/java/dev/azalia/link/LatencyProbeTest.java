package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.metrics.Percentiles;
import dev.azalia.time.VirtualNanoClock;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

final class LatencyProbeTest
{
    @Test
    void shouldRecordDmaToHandlerLatencyInMicroseconds()
    {
        final VirtualNanoClock clock = new VirtualNanoClock(1_000_000_000L);
        final LatencyProbe probe = new LatencyProbe("dma-to-handler", clock);
        final AudioEvent event = new AudioEvent(64);
        final byte[] pcm = new byte[4];
        for (int i = 1; i <= 1000; i++)
        {
            event.set(AudioEvent.Kind.DATA, 0, 2, StreamFormat.CD, pcm, 0, 4, i, clock.nanoTime() - i * 1_000L, 0L);
            probe.onEvent(event, i, true);
        }
        event.set(AudioEvent.Kind.STREAM_STOP, 0, 2, StreamFormat.CD, null, 0, 0, 0, 0L, 0L);
        probe.onEvent(event, 1001, true);

        final Histogram histogram = probe.snapshot();
        assertThat(histogram.getTotalCount()).isEqualTo(1000);
        final Percentiles p = Percentiles.of(histogram, 1.0);
        assertThat(p.p50()).isCloseTo(500.0, within(1.0));
        assertThat(p.p99()).isCloseTo(990.0, within(1.0));
        assertThat(p.p999()).isCloseTo(999.0, within(1.0));
        assertThat(p.max()).isCloseTo(1000.0, within(1.0));
        assertThat(probe.percentilesMicros()).isEqualTo(p);
    }

    @Test
    void shouldAccumulateAcrossSnapshotsAndScaleUnits()
    {
        final LatencyProbe probe = new LatencyProbe("end-to-end", new VirtualNanoClock());
        probe.recordNanos(2_000_000L);
        assertThat(probe.snapshot().getTotalCount()).isEqualTo(1);
        probe.recordNanos(4_000_000L);
        probe.recordNanos(Long.MAX_VALUE);

        final Histogram histogram = probe.snapshot();
        assertThat(histogram.getTotalCount()).isEqualTo(3);
        final Percentiles ms = Percentiles.of(histogram, 0.001);
        assertThat(ms.p50()).isCloseTo(4.0, within(0.01));
        assertThat(ms.max()).isCloseTo(60_000.0, within(60.0));
        assertThat(Percentiles.of(new Histogram(3), 1.0)).isEqualTo(Percentiles.EMPTY);
    }
}

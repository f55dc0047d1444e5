package dev.azalia.link;

import dev.azalia.metrics.LatencyRecorder;
import dev.azalia.time.VirtualNanoClock;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class WriteStampsTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final LatencyRecorder recorder = new LatencyRecorder("endToEnd");
    private final WriteStamps stamps = new WriteStamps(clock, 256, 16, recorder);

    @Test
    void shouldRecordTheTimeFromAPeriodsWriteToItsFirstFrameAtTheSink()
    {
        stamps.stampPeriod(0);
        clock.advance(1_000_000L);
        stamps.stampPeriod(256);
        clock.advance(4_000_000L);
        // the sink takes frames 0..299: period 0 starts there, period 1 starts at 256
        stamps.framesConsumed(0, 300);
        final Histogram h = recorder.snapshotMicros();
        assertThat(h.getTotalCount()).isEqualTo(2);
        assertThat(h.getMaxValue()).isBetween(4_990L, 5_010L);
        assertThat(h.getMinValue()).isBetween(3_990L, 4_010L);
    }

    @Test
    void shouldIgnoreWritesThatDoNotStartAPeriodAndFramesInsideAPeriod()
    {
        stamps.stampPeriod(100);
        stamps.stampPeriod(0);
        clock.advance(2_000_000L);
        stamps.framesConsumed(1, 200);
        assertThat(recorder.snapshotMicros().getTotalCount()).isZero();
        stamps.framesConsumed(0, 1);
        assertThat(recorder.snapshotMicros().getTotalCount()).isEqualTo(1);
    }

    @Test
    void shouldSkipASlotAlreadyReusedByALaterPeriod()
    {
        stamps.stampPeriod(0);
        // 16 slots: period 16 reuses period 0's slot
        stamps.stampPeriod(16 * 256);
        stamps.framesConsumed(0, 256);
        assertThat(recorder.snapshotMicros().getTotalCount()).isZero();
        stamps.framesConsumed(16 * 256, 256);
        assertThat(recorder.snapshotMicros().getTotalCount()).isEqualTo(1);
    }
}

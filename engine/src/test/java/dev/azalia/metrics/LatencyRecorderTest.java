package dev.azalia.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

final class LatencyRecorderTest
{
    @Test
    void shouldRecordMicrosecondsAndSummarise()
    {
        final LatencyRecorder r = new LatencyRecorder("x");
        for (int i = 1; i <= 1000; i++)
        {
            r.recordNanos(i * 1_000L);
        }
        final Percentiles p = r.percentilesMicros();
        assertThat(r.snapshotMicros().getTotalCount()).isEqualTo(1000);
        assertThat(p.p50()).isBetween(499.0, 501.0);
        assertThat(p.max()).isGreaterThanOrEqualTo(p.p999()).isGreaterThanOrEqualTo(p.p99())
            .isGreaterThanOrEqualTo(p.p50());
        assertThat(p.max()).isBetween(999.0, 1001.0);
    }

    @Test
    void shouldBackFillAStallLongerThanTheExpectedInterval()
    {
        final LatencyRecorder corrected = new LatencyRecorder("periodElapsed", 1_000_000L);
        corrected.recordNanos(10_000_000L);
        final Histogram h = corrected.snapshotMicros();
        // 10 ms at a 1 ms interval hides nine more samples: 9, 8, ... 1 ms
        assertThat(h.getTotalCount()).isEqualTo(10);
        assertThat(corrected.expectedIntervalMicros()).isEqualTo(1_000L);
    }

    @Test
    void shouldDropNegativeAndClampTinyValues()
    {
        final LatencyRecorder r = new LatencyRecorder("x");
        r.recordNanos(-5);
        r.recordNanos(10);
        final Histogram h = r.snapshotMicros();
        assertThat(h.getTotalCount()).isEqualTo(1);
        assertThat(h.getMaxValue()).isEqualTo(1);
    }

    @Test
    void shouldAccumulateAcrossSnapshots()
    {
        final LatencyRecorder r = new LatencyRecorder("x");
        r.recordNanos(5_000);
        assertThat(r.snapshotMicros().getTotalCount()).isEqualTo(1);
        r.recordNanos(7_000);
        assertThat(r.snapshotMicros().getTotalCount()).isEqualTo(2);
        assertThat(new LatencyRecorder("empty").percentilesMicros()).isEqualTo(Percentiles.EMPTY);
    }

    @Test
    void shouldReportNothingForAProbeThatNeverFired()
    {
        final LatencyRecorder r = new LatencyRecorder("barMovePrepare");

        assertThat(r.percentilesMicros()).isEqualTo(Percentiles.EMPTY);
        assertThat(r.snapshotMicros().getTotalCount()).isZero();
        r.recordNanos(-1);
        assertThat(r.percentilesMicros()).isEqualTo(Percentiles.EMPTY);
    }

    @Test
    void shouldKeepEveryValueWhenThreadsRaceToRecordTheFirst() throws InterruptedException
    {
        final int threads = 4;
        final int perThread = 20_000;
        for (int round = 0; round < 50; round++)
        {
            final LatencyRecorder r = new LatencyRecorder("race");
            final CyclicBarrier start = new CyclicBarrier(threads);
            final List<Thread> recorders = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final long micros = t + 1;
                final Thread thread = new Thread(() ->
                {
                    try
                    {
                        start.await();
                    }
                    catch (final InterruptedException | BrokenBarrierException e)
                    {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++)
                    {
                        r.recordNanos(micros * 1_000L);
                    }
                });
                recorders.add(thread);
                thread.start();
            }
            for (final Thread thread : recorders)
            {
                thread.join();
            }

            final Histogram h = r.snapshotMicros();
            assertThat(h.getTotalCount()).as("round %d", round).isEqualTo((long)threads * perThread);
            for (int t = 1; t <= threads; t++)
            {
                assertThat(h.getCountAtValue(t)).as("round %d, value %d", round, t).isEqualTo(perThread);
            }
        }
    }
}

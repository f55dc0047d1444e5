package dev.azalia.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodLatencyRunTest
{
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldRecordOnTheInterruptThreadWithoutAllocatingWhateverTheLatency()
    {
        // another observer through the same latencies first, so that the measurement sees no class loading
        record(new PeriodLatencyRun.LatencyObserver());
        final PeriodLatencyRun.LatencyObserver observer = new PeriodLatencyRun.LatencyObserver();

        final long before = threads.getCurrentThreadAllocatedBytes();
        record(observer);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 40 ever longer latencies").isZero();
        final Histogram latencies = observer.latencies();
        assertThat(latencies.getTotalCount()).isEqualTo(40);
        assertThat(latencies.getMinValue()).isBetween(1_990L, 2_010L);
        assertThat(latencies.getMaxValue()).as("clamped to the highest value kept")
            .isBetween(PeriodLatencyRun.LatencyObserver.HIGHEST_NANOS * 999 / 1000,
                PeriodLatencyRun.LatencyObserver.HIGHEST_NANOS * 1001 / 1000);
    }

    @Test
    void shouldDropALatencyThatRunsBackwards()
    {
        final PeriodLatencyRun.LatencyObserver observer = new PeriodLatencyRun.LatencyObserver();

        observer.periodElapsed(5_000L, 4_000L);
        observer.periodElapsed(5_000L, 47_000L);

        final Histogram latencies = observer.latencies();
        assertThat(latencies.getTotalCount()).isEqualTo(1);
        assertThat(latencies.getMaxValue()).isBetween(41_950L, 42_050L);
    }

    /** 40 periods, each later than the one before: 2 µs doubling to beyond the highest value kept. */
    private static void record(final PeriodLatencyRun.LatencyObserver observer)
    {
        long latency = 2_000L;
        for (int i = 0; i < 40; i++)
        {
            observer.periodElapsed(1_000_000L, 1_000_000L + latency);
            latency = Math.min(latency * 2, Long.MAX_VALUE / 4);
        }
    }
}

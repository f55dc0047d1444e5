package dev.azalia.testbed;

import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class StreamProbesTest
{
    private static final long PERIOD_NANOS = 5_000_000L;
    private static final int PERIOD_FRAMES = 256;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingOnTheInterruptApplicationAndSinkThreadsFromTheFirstPeriod()
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        clock.advance(1_000_000L);
        // another stream's probes through the same periods first, so that the measurement sees no class loading
        periods(new StreamProbes(clock, PERIOD_NANOS, PERIOD_FRAMES), clock);
        final StreamProbes probes = new StreamProbes(clock, PERIOD_NANOS, PERIOD_FRAMES);
        // the hooks are what the interrupt, application and sink threads call; here all run on this thread
        final long before = threads.getCurrentThreadAllocatedBytes();
        periods(probes, clock);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 31 periods with ever longer latencies").isZero();
        assertThat(probes.periodElapsed().percentilesMicros().max()).isGreaterThan(1_000_000.0);
        assertThat(probes.endToEnd().snapshotMicros().getTotalCount()).isEqualTo(31);
    }

    @Test
    void shouldRecordEveryProbeOfAPeriod()
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        clock.advance(1_000_000L);
        final StreamProbes probes = new StreamProbes(clock, PERIOD_NANOS, PERIOD_FRAMES);

        period(probes, clock, 0, 40_000L);

        assertThat(probes.irqEntry().snapshotMicros().getTotalCount()).isEqualTo(1);
        assertThat(probes.periodElapsed().snapshotMicros().getMaxValue()).isBetween(39L, 41L);
        assertThat(probes.wakeup().snapshotMicros().getTotalCount()).isEqualTo(1);
        assertThat(probes.endToEnd().snapshotMicros().getTotalCount()).isEqualTo(1);
    }

    /** 31 periods, each later than the one before (from 1 µs to 50 s): most of them miss their deadline. */
    private static void periods(final StreamProbes probes, final VirtualNanoClock clock)
    {
        long latency = 1_000L;
        for (int p = 0; p <= 30; p++)
        {
            period(probes, clock, p, Math.min(latency, 50_000_000_000L));
            latency *= 2;
        }
    }

    /**
     * One period's hooks in the order they run: the application writes the period and waits for room, the IOC is
     * followed {@code latencyNanos} later by the handler's entry and its periodElapsed, which wakes the application;
     * the sink accepts the period's frames.
     */
    private static void period(final StreamProbes probes, final VirtualNanoClock clock, final long period,
        final long latencyNanos)
    {
        probes.beforeWrite(period * PERIOD_FRAMES);
        final long ioc = clock.nanoTime();
        clock.advance(latencyNanos);
        probes.onInterruptEntry();
        probes.onPeriodElapsed(ioc);
        clock.advance(1_000L);
        probes.afterWrite();
        probes.writeStamps().framesConsumed(period * PERIOD_FRAMES, PERIOD_FRAMES);
    }
}

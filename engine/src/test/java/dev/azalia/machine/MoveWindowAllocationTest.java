package dev.azalia.machine;

import dev.azalia.driver.AzxChip;
import dev.azalia.driver.QuiescePolicy;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is allocated inside the BAR-move window (issue 16): from the start of the policy's
 * {@code rescan_prepare} to the end of its {@code rescan_done}, which holds the driver's quiesce and restore and the
 * PCI core's work between them (the BAR rewrite with decoding off, the decoder table, the kernel log lines of the
 * move, the move's record). On the virtual clock the whole machine runs on the test's thread, so the bytes that
 * thread allocated between the two points are those of the window. After a warm-up of a few hundred moves (the
 * statistics' storage and the decoder tables are made once), a thousand further moves must allocate nothing: at
 * most {@link #JIT_ALLOWANCE_BYTES} in all, the one inherent exception being the JIT's: when compiled code is
 * deoptimised, the objects escape analysis had removed from it are made for the interpreter (seen here as a few
 * hundred bytes once in some runs, in the events the virtual kernel runs inside the window, and never again).
 *
 * <p>The {@code suspend} policy's own quiesce and restore (codec suspend and resume with the register-cache replay,
 * PCM suspend and resume, the chip's reset, each verb's frame an event of the virtual kernel) still allocate a few
 * kilobytes a move in the driver and sound core; for it the test holds the PCI core's part of the window to zero
 * (from the end of {@code rescan_prepare} to the start of {@code rescan_done}: the BAR rewrite, the decoder tables,
 * the log lines, the move's record and the driver's statistics) and prints the whole.
 *
 * <p>The driver's own statistics around the policy ({@code BarMoveStats} begin/end) are measured by
 * {@code BarMoveStatsTest}.
 */
final class MoveWindowAllocationTest
{
    private static final long MS = 1_000_000L;
    private static final int RATE = 48_000;
    private static final int WARM_UP_MOVES = 300;
    private static final int MEASURED_MOVES = 1_000;
    /** What a deoptimisation may allocate once in the measured moves (see the class comment): not 1 byte a move. */
    private static final long JIT_ALLOWANCE_BYTES = 1_024;

    /** Wraps the chip's policy and sums the bytes this thread allocates from prepare start to done end. */
    private static final class MeasuringPolicy implements QuiescePolicy
    {
        private final QuiescePolicy policy;
        private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        private long moves;
        private long measured;
        private long bytes;
        private long worstBytes;
        private long start;
        private long prepared;
        private long coreBytes;

        MeasuringPolicy(final QuiescePolicy policy)
        {
            this.policy = policy;
        }

        @Override
        public String name()
        {
            return policy.name();
        }

        @Override
        public boolean fullResume()
        {
            return policy.fullResume();
        }

        @Override
        public boolean barFixed(final AzxChip chip, final int bar)
        {
            return policy.barFixed(chip, bar);
        }

        @Override
        public void rescanPrepare(final AzxChip chip)
        {
            start = threads.getCurrentThreadAllocatedBytes();
            policy.rescanPrepare(chip);
            prepared = threads.getCurrentThreadAllocatedBytes();
        }

        @Override
        public void rescanDone(final AzxChip chip)
        {
            final long core = threads.getCurrentThreadAllocatedBytes() - prepared;
            policy.rescanDone(chip);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - start;
            if (++moves > WARM_UP_MOVES)
            {
                measured++;
                coreBytes += core;
                bytes += allocated;
                worstBytes = Math.max(worstBytes, allocated);
            }
        }

        @Override
        public String toString()
        {
            return String.format("%s: %d moves measured after %d, %d bytes allocated in their windows (%.1f a move, "
                + "worst %d), %d between prepare end and done start", policy.name(), measured, WARM_UP_MOVES, bytes,
                measured == 0 ? 0.0 : (double)bytes / measured, worstBytes, coreBytes);
        }
    }

    private static MeasuringPolicy measure(final LongRun run) throws Exception
    {
        final MeasuringPolicy[] measuring = new MeasuringPolicy[1];
        run.moves = WARM_UP_MOVES + MEASURED_MOVES;
        run.beforePlayback = m ->
        {
            measuring[0] = new MeasuringPolicy(m.chip().policy());
            m.chip().setPolicy(measuring[0]);
        };
        try
        {
            run.run();
            assertThat(run.movesDone).as(run.toString()).isEqualTo(WARM_UP_MOVES + MEASURED_MOVES);
            assertThat(run.machine.chip().moveStats().failed()).as(run.toString()).isZero();
            assertThat(run.probe.framesLost() + run.probe.framesDuplicated() + run.probe.framesMismatched())
                .as(run.toString()).isZero();
        }
        finally
        {
            run.close();
        }
        System.out.println("move window allocation, " + measuring[0]);
        return measuring[0];
    }

    @Test
    void shouldAllocateNothingInsideTheLivePolicysMoveWindow() throws Exception
    {
        // a move every 5..15 ms while a 1024x4 stream plays, the PCI core's work between the callbacks taking time
        // (other events run meanwhile on the virtual clock, as other threads would on the real one)
        final LongRun run = new LongRun("live", 1024, 4, 16L * RATE);
        run.moveGapNanos = 10 * MS;
        run.coreWorkNanos = MS / 4;
        final MeasuringPolicy m = measure(run);

        assertThat(m.measured).isEqualTo(MEASURED_MOVES);
        assertThat(m.bytes).as(m.toString()).isLessThanOrEqualTo(JIT_ALLOWANCE_BYTES);
    }

    @Test
    void shouldAllocateNothingInThePciCoresPartOfTheSuspendPolicysMoveWindow() throws Exception
    {
        // each move suspends the codec and resets the link (a 100 ms depop sleep), a move 60..180 ms after the last
        final LongRun run = new LongRun("suspend", 2048, 4, 300L * RATE);
        run.moveGapNanos = 120 * MS;
        final MeasuringPolicy m = measure(run);

        assertThat(m.measured).isEqualTo(MEASURED_MOVES);
        assertThat(m.coreBytes).as(m.toString()).isLessThanOrEqualTo(JIT_ALLOWANCE_BYTES);
    }
}

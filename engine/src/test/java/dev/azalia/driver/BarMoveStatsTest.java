package dev.azalia.driver;

import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

final class BarMoveStatsTest
{
    @Test
    void shouldRecordEachPhaseOfAMoveAndOnlyTheFirstPeriodAfterIt()
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final BarMoveStats stats = new BarMoveStats();
        stats.onPeriod(clock);
        stats.begin(clock.nanoTime(), 0);
        clock.advance(100_000L);
        stats.prepared(clock.nanoTime());
        clock.advance(200_000L);
        stats.doneStarted(clock.nanoTime());
        clock.advance(300_000L);
        stats.end(clock.nanoTime(), 0);
        clock.advance(400_000L);
        stats.onPeriod(clock);
        clock.advance(5_000_000L);
        stats.onPeriod(clock);

        assertThat(stats.prepareLatency().percentilesMicros().max()).isBetween(99.0, 101.0);
        assertThat(stats.remapLatency().percentilesMicros().max()).isBetween(199.0, 201.0);
        assertThat(stats.doneLatency().percentilesMicros().max()).isBetween(299.0, 301.0);
        assertThat(stats.firstPeriodLatency().snapshotMicros().getTotalCount()).isEqualTo(1);
        assertThat(stats.firstPeriodLatency().percentilesMicros().max()).isBetween(399.0, 401.0);
        assertThat(stats.moves()).singleElement().satisfies(m -> assertThat(m.stallNanos()).isEqualTo(600_000L));
    }

    @Test
    void shouldCountAGateWaitAsBlockedToo()
    {
        final BarMoveStats stats = new BarMoveStats();
        stats.recordGateWait(2_000_000L);
        assertThat(stats.gateWaitLatency().snapshotMicros().getTotalCount()).isEqualTo(1);
        assertThat(stats.blocked().getTotalCount()).isEqualTo(1);
    }

    private static void move(final BarMoveStats stats, final VirtualNanoClock clock, final long stallNanos,
        final long errors)
    {
        stats.begin(clock.nanoTime(), 0);
        stats.prepared(clock.nanoTime());
        clock.advance(stallNanos);
        stats.doneStarted(clock.nanoTime());
        stats.end(clock.nanoTime(), errors);
        clock.advance(1_000_000L);
        stats.onPeriod(clock);
    }

    @Test
    void shouldAllocateNothingForAMoveOnceArmedWhateverItsStall()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final VirtualNanoClock clock = new VirtualNanoClock();
        final BarMoveStats stats = new BarMoveStats();
        stats.arm();
        for (int i = 0; i < 200; i++)
        {
            move(stats, clock, 1_000L, 0);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        // each stall longer than every earlier one (an auto-resizing histogram grows for such a value), up to hours
        long stall = 1_000L;
        for (int i = 0; i < 40; i++)
        {
            stall *= 2;
            move(stats, clock, stall, i % 2);
            stats.recordBlocked(stall);
            stats.recordGateWait(stall);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 40 moves").isZero();
        assertThat(stats.stalls().getTotalCount()).isEqualTo(240);
        assertThat(stats.stalls().getMaxValue()).isGreaterThanOrEqualTo(BarMoveStats.HIGHEST_NANOS * 999 / 1000);
        assertThat(stats.failed()).isEqualTo(20);
    }

    @Test
    void shouldKeepTheNewestMovesAndCountThemAll()
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final BarMoveStats stats = new BarMoveStats();
        final int moves = BarMoveStats.KEPT_MOVES + 10;
        for (int i = 0; i < moves; i++)
        {
            move(stats, clock, 1_000L + i, i < 10 ? 1 : 0);
        }

        assertThat(stats.count()).isEqualTo(moves);
        assertThat(stats.failed()).isEqualTo(10);
        assertThat(stats.stalls().getTotalCount()).isEqualTo(moves);
        assertThat(stats.moves()).hasSize(BarMoveStats.KEPT_MOVES);
        assertThat(stats.moves().get(0).stallNanos()).isEqualTo(1_010L);
        assertThat(stats.moves().get(BarMoveStats.KEPT_MOVES - 1).stallNanos()).isEqualTo(1_000L + moves - 1);
        assertThat(stats.moves()).noneMatch(BarMoveStats.Move::failed);
    }
}

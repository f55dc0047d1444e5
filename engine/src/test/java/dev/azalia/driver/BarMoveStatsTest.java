package dev.azalia.driver;

import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

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
}

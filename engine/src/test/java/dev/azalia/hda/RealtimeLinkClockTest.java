package dev.azalia.hda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the real-time link clock's thread waits between ticks: a verb's frame is met on time, a tick or a far frame
 * is slept for.
 */
final class RealtimeLinkClockTest
{
    private static final long NOW = 5_000_000L;
    private static final long TICK_NANOS = 1_000_000L;
    private static final long FRAME_NANOS = 1_000_000_000L / 48_000;

    @Test
    void shouldSpinForACommandFrameDueWithinTheTimersSlack()
    {
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + TICK_NANOS, NOW + 2 * FRAME_NANOS))
            .isEqualTo(RealtimeLinkClock.SPIN);
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + TICK_NANOS, NOW + 1)).isEqualTo(RealtimeLinkClock.SPIN);
    }

    @Test
    void shouldParkUntilACommandFrameFurtherAhead()
    {
        final long wake = NOW + RealtimeLinkClock.SPIN_NANOS + 1;

        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + TICK_NANOS, wake)).isEqualTo(wake - NOW);
    }

    @Test
    void shouldParkUntilTheTickWhenNoCommandIsWaiting()
    {
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + TICK_NANOS, Long.MAX_VALUE)).isEqualTo(TICK_NANOS);
        // a tick close ahead is slept for too: only a command frame is spun for
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + 10_000L, Long.MAX_VALUE)).isEqualTo(10_000L);
    }

    @Test
    void shouldSpinThroughATickThatComesBeforeANearCommandFrame()
    {
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + 20_000L, NOW + 40_000L)).isEqualTo(RealtimeLinkClock.SPIN);
        assertThat(RealtimeLinkClock.waitNanos(NOW + 20_000L, NOW + 20_000L, NOW + 40_000L))
            .as("the tick, met while spinning").isEqualTo(RealtimeLinkClock.TICK_DUE);
    }

    @Test
    void shouldParkUntilATickThatComesBeforeAFarCommandFrame()
    {
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW + 20_000L, NOW + 400_000L)).isEqualTo(20_000L);
    }

    @Test
    void shouldSayTheTickIsDueOnceItsDeadlinePassed()
    {
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW, Long.MAX_VALUE)).isEqualTo(RealtimeLinkClock.TICK_DUE);
        assertThat(RealtimeLinkClock.waitNanos(NOW, NOW - 1, NOW + 10_000L)).isEqualTo(RealtimeLinkClock.TICK_DUE);
    }
}

package dev.azalia.machine;

import org.junit.jupiter.api.Test;

import dev.azalia.hda.HdaRegisters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WALCLK across its wrap (reliability table S01): the 32-bit 24 MHz counter wraps every 2^32 / 24 MHz = 178.96 s,
 * and the driver's early-interrupt check ({@code azx_position_ok}) may only use 32-bit differences. Ten minutes of
 * playback started one second below the wrap (then three more natural wraps) must take the same period interrupts
 * as the same playback from WALCLK 0, none of them rejected as a bogus early one.
 */
final class LongRunWallClockTest
{
    private static final int RATE = 48_000;

    private static LongRun play(final Integer wallClockBase) throws Exception
    {
        final LongRun run = new LongRun("live", 1024, 4, 600L * RATE);
        run.wallClockBase = wallClockBase;
        return run.run();
    }

    @Test
    void shouldTakeEveryPeriodInterruptAcrossTheWallClockWrapAsFromZero() throws Exception
    {
        final LongRun fromZero = play(null);
        final LongRun belowWrap = play((int)(-HdaRegisters.WALCLK_HZ));
        try
        {
            final String figures = "from 0: " + fromZero + "; below the wrap: " + belowWrap;
            assertThat(belowWrap.watchdogFired || fromZero.watchdogFired).as(figures).isFalse();
            assertThat(belowWrap.machine.chip().bogusInterrupts()).as(figures)
                .isEqualTo(fromZero.machine.chip().bogusInterrupts()).isLessThanOrEqualTo(1);
            assertThat(belowWrap.machine.chip().periodInterrupts()).as(figures)
                .isEqualTo(fromZero.machine.chip().periodInterrupts()).isGreaterThan(28_000);
            assertThat(belowWrap.machine.chip().pendingInterrupts()).as(figures)
                .isEqualTo(fromZero.machine.chip().pendingInterrupts());
            assertThat(belowWrap.probe.framesChecked()).as(figures).isEqualTo(600L * RATE);
            assertThat(belowWrap.probe.framesLost() + belowWrap.probe.framesDuplicated()).as(figures).isZero();
            assertThat(belowWrap.xruns).as(figures).isZero();
        }
        finally
        {
            fromZero.close();
            belowWrap.close();
        }
    }
}

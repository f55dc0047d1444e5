package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class PcmStatusTest
{
    private static final long MS = 1_000_000L;
    private static final int PERIOD = PcmFixture.PARAMS.periodFrames();
    private static final int BUFFER = PcmFixture.PARAMS.bufferFrames();

    @Test
    void shouldReportNothingBeforeHwParams()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        assertThat(f.s.boundary()).isZero();
        assertThat(f.s.availFrames()).isZero();
        assertThat(f.s.delayFrames()).isZero();
        assertThat(f.s.framesPlayed()).isZero();
    }

    @Test
    void shouldReportTheLastKnownPointersWithoutReadingTheHardwarePosition()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        f.ops.advance(f.s, PERIOD);
        assertThat(f.s.hwPtr()).isEqualTo(PERIOD);
        assertThat(f.s.applPtr()).isEqualTo(BUFFER);
        assertThat(f.s.availFrames()).isEqualTo(PERIOD);
        assertThat(f.s.delayFrames()).isEqualTo(BUFFER - PERIOD);
        assertThat(f.s.framesPlayed()).isEqualTo(PERIOD);
        assertThat(f.s.periodsElapsed()).isEqualTo(1);
        assertThat(f.s.boundary()).isEqualTo(PcmPointers.boundaryFor(BUFFER));
    }
}

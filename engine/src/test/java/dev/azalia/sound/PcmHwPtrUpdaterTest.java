package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class PcmHwPtrUpdaterTest
{
    private static final long PERIOD = PcmFixture.PARAMS.periodFrames();
    private static final long BUFFER = PcmFixture.PARAMS.bufferFrames();

    @Test
    void shouldStopWithAnXrunOnceAvailReachesTheStopThresholdAndCountIt()
    {
        final PcmParts p = new PcmParts().running(BUFFER);
        p.locked(() -> p.machine.setStopThresholdLocked(2 * PERIOD));
        p.ops.setPosition(PERIOD);
        p.updater.periodElapsed();
        assertThat(p.machine.state()).isEqualTo(PcmState.RUNNING);
        p.ops.setPosition(2 * PERIOD);
        p.updater.periodElapsed();
        assertThat(p.machine.state()).isEqualTo(PcmState.XRUN);
        assertThat(p.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
        p.locked(() -> assertThat(p.updater.xrunsLocked()).isEqualTo(1));
        assertThat(p.machine.stopOperating()).isTrue();
    }

    @Test
    void shouldEndADrainOnlyOnceEveryWrittenFrameWasPlayed()
    {
        final PcmParts p = new PcmParts().running(2 * PERIOD);
        p.locked(() -> assertThat(p.machine.drainStartLocked()).isTrue());
        p.ops.setPosition(PERIOD);
        p.updater.periodElapsed();
        assertThat(p.machine.state()).isEqualTo(PcmState.DRAINING);
        p.ops.setPosition(2 * PERIOD);
        p.updater.periodElapsed();
        assertThat(p.machine.state()).isEqualTo(PcmState.SETUP);
        assertThat(p.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
        p.locked(() -> assertThat(p.updater.xrunsLocked()).isZero());
    }

    @Test
    void shouldCountOnlyPeriodInterruptsThatFindTheStreamRunningOrDraining()
    {
        final PcmParts p = new PcmParts().prepared();
        p.ops.setPosition(PERIOD);
        p.updater.periodElapsed();
        p.locked(() -> assertThat(p.updater.periodsElapsedLocked()).isZero());
        assertThat(p.ptrs.hwPtr()).isZero();
        p.locked(() ->
        {
            p.ptrs.advanceAppl(BUFFER);
            p.machine.startLocked();
        });
        p.updater.periodElapsed();
        p.locked(() -> assertThat(p.updater.periodsElapsedLocked()).isEqualTo(1));
        assertThat(p.ptrs.hwPtr()).isEqualTo(PERIOD);
    }

    @Test
    void shouldTakeAPositionOfPosXrunAsAnXrunAtOnceFromTheApplicationSide()
    {
        final PcmParts p = new PcmParts().running(BUFFER);
        p.ops.reportXrun(true);
        p.updater.updateHwPtr();
        assertThat(p.machine.state()).isEqualTo(PcmState.XRUN);
        p.locked(() -> assertThat(p.updater.xrunsLocked()).isEqualTo(1));
        assertThat(p.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
    }

    @Test
    void shouldLogTheXrunAsLinuxOnlyWithXrunDebug()
    {
        final PcmParts quiet = new PcmParts().running(PERIOD);
        quiet.ops.setPosition(PERIOD);
        quiet.updater.periodElapsed();
        assertThat(quiet.machine.state()).isEqualTo(PcmState.XRUN);
        assertThat(quiet.f.log.contains("XRUN: pcmC0D0p:0")).isFalse();

        final PcmParts debug = new PcmParts().running(PERIOD);
        debug.locked(() -> debug.updater.setXrunDebugLocked(true));
        debug.ops.setPosition(PERIOD);
        debug.updater.periodElapsed();
        assertThat(debug.f.log.contains("XRUN: pcmC0D0p:0")).isTrue();
    }

    @Test
    void shouldClearTheCountersAtOpen()
    {
        final PcmParts p = new PcmParts().running(PERIOD);
        p.ops.setPosition(PERIOD);
        p.updater.periodElapsed();
        p.locked(() ->
        {
            assertThat(p.updater.xrunsLocked()).isEqualTo(1);
            assertThat(p.updater.periodsElapsedLocked()).isEqualTo(1);
            p.updater.clearCountersLocked();
            assertThat(p.updater.xrunsLocked()).isZero();
            assertThat(p.updater.periodsElapsedLocked()).isZero();
        });
    }
}

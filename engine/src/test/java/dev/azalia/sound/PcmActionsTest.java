package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmActionsTest
{
    private static final long MS = 1_000_000L;
    private static final int PERIOD = PcmFixture.PARAMS.periodFrames();

    @Test
    void shouldReadThePositionBeforeAPausePushSoThePausedStreamKeepsWhatWasPlayed()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.ops.advance(f.s, PERIOD);
        f.s.pause(true);
        assertThat(f.s.state()).isEqualTo(PcmState.PAUSED);
        assertThat(f.s.hwPtr()).isEqualTo(PERIOD);
        assertThat(f.s.framesPlayed()).isEqualTo(PERIOD);
    }

    @Test
    void shouldNotPauseAStreamThatThePositionReadBeforeThePushFindsUnderrun()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.ops.reportXrun(true);
        assertThatThrownBy(() -> f.s.pause(true)).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EBADFD));
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
    }

    @Test
    void shouldLeaveAStreamWithoutAnythingToResumeAloneAtSuspend()
    {
        final PcmFixture f = PcmFixture.virtual(MS, true);
        f.s.open();
        f.s.suspend();
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.suspend();
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(f.s.stopOperating()).isFalse();
        assertThat(f.ops.triggers()).isEmpty();
    }

    @Test
    void shouldStopARunningStreamAtDisconnectAndRefuseEverythingButClose()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.disconnect();
        assertThat(f.s.state()).isEqualTo(PcmState.DISCONNECTED);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
        assertThatThrownBy(f.s::start).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
        f.s.close();
        assertThat(f.s.isOpen()).isFalse();
        assertThat(f.s.state()).isEqualTo(PcmState.DISCONNECTED);
    }
}

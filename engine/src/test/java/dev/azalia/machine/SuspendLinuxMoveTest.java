package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code suspend-linux} policy (Linux's baseline: no full resume) beside {@code suspend} (Azalia's full-resume
 * extension), on the virtual clock.
 */
final class SuspendLinuxMoveTest
{
    private static final long MS = 1_000_000L;
    private static final int RATE = 48_000;

    private static MovePlayback play(final String policy) throws Exception
    {
        return new MovePlayback(policy, RATE, 2, 256, 4, RATE)
            .plan(new BarMoveExperiment.Plan(200 * MS, 3, 0, 0, 7)).run();
    }

    @Test
    void shouldMakeTheApplicationRePrepareAndDropTheBufferedAudioWithoutFullResume() throws Exception
    {
        final MovePlayback linux = play("suspend-linux");

        assertThat(linux.moves).as(linux.toString()).isEqualTo(3);
        assertThat(linux.failedMoves).as(linux.toString()).isZero();
        assertThat(linux.writeError).as(linux.toString()).isNull();
        assertThat(linux.suspends).as("ESTRPIPE seen by the writer: " + linux).isEqualTo(3);
        assertThat(linux.bitExact()).as("frames buffered at each move are lost: " + linux).isFalse();
        assertThat(linux.played.length).as(linux.toString()).isLessThan(linux.source.length);
        assertThat(linux.machine.failures()).as(linux.toString()).isEmpty();

        final MovePlayback full = play("suspend");
        assertThat(full.moves).as(full.toString()).isEqualTo(3);
        assertThat(full.bitExact()).as(full.toString()).isTrue();
    }

    @Test
    void shouldFailResumeWithEnosysAndAdvertiseNoResumeUnderSuspendLinux() throws Exception
    {
        try (Machine machine = Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })
            .withDriverConfig(new AzxConfig(-1, "suspend-linux"))))
        {
            final PcmSubstream s = machine.chip().card().pcms().get(0).playback();
            s.open();
            assertThat(s.hardware().resumeSupported()).isFalse();
            s.hwParams(new HwParams(RATE, 2, 16, 256, 4));
            s.prepare();
            machine.chip().card().suspendAllPcms();
            assertThat(s.state()).isEqualTo(PcmState.SUSPENDED);
            assertThatThrownBy(s::resume).isInstanceOf(SoundException.class)
                .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENOSYS));
            s.prepare();
            assertThat(s.state()).isEqualTo(PcmState.PREPARED);
            s.close();
        }
    }

    @Test
    void shouldAdvertiseResumeOnlyForTheFullResumeExtension() throws Exception
    {
        try (Machine machine = Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })
            .withDriverConfig(new AzxConfig(-1, "suspend"))))
        {
            final PcmSubstream s = machine.chip().card().pcms().get(0).playback();
            s.open();
            assertThat(s.hardware().resumeSupported()).isTrue();
            s.close();
        }
    }
}

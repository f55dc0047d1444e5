package dev.azalia.sound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmStateMachineTest
{
    private static final long MS = 1_000_000L;

    private static void assertErrno(final Runnable r, final Errno errno)
    {
        assertThatThrownBy(r::run).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(errno));
    }

    @Test
    void shouldWalkOpenSetupPreparedRunningSetupOpenAndClose()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
        f.s.hwParams(PcmFixture.PARAMS);
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        f.s.prepare();
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        // a start threshold above what is written, so the explicit start starts the stream
        f.s.setStartThresholdFrames(PcmFixture.PARAMS.bufferFrames());
        f.s.writei(new byte[PcmFixture.PARAMS.periodBytes()], 0, PcmFixture.PARAMS.periodFrames());
        f.s.start();
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        f.s.drop();
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(f.s.stopOperating()).isTrue();
        f.s.hwFree();
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
        assertThat(f.s.stopOperating()).isFalse();
        f.s.close();
        assertThat(f.s.isOpen()).isFalse();
        assertThat(f.ops.calls()).containsExactly("open", "hwParams", "prepare", "trigger START", "trigger STOP",
            "hwFree", "close");
    }

    @Test
    void shouldRejectOperationsInWrongStatesWithEbadfd()
    {
        final PcmFixture f = PcmFixture.virtual(MS, true);
        assertErrno(() -> f.s.prepare(), Errno.EBADFD);
        f.s.open();
        assertErrno(() -> f.s.writei(new byte[4], 0, 1), Errno.EBADFD);
        assertErrno(() -> f.s.prepare(), Errno.EBADFD);
        assertErrno(() -> f.s.hwFree(), Errno.EBADFD);
        assertErrno(() -> f.s.drop(), Errno.EBADFD);
        f.s.hwParams(PcmFixture.PARAMS);
        assertErrno(() -> f.s.writei(new byte[4], 0, 1), Errno.EBADFD);
        assertErrno(() -> f.s.start(), Errno.EBADFD);
        assertErrno(() -> f.s.pause(true), Errno.EBADFD);
        assertErrno(() -> f.s.resume(), Errno.EBADFD);
        f.s.prepare();
        assertErrno(() -> f.s.pause(false), Errno.EBADFD);
        f.s.close();
        assertErrno(() -> f.s.hwParams(PcmFixture.PARAMS), Errno.EBADFD);
        assertErrno(() -> f.s.close(), Errno.EBADFD);
    }

    @Test
    void shouldRefuseSecondOpenWithEbusy()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        assertErrno(() -> f.s.open(), Errno.EBUSY);
    }

    @Test
    void shouldRefusePrepareAndHwFreeWhileRunning()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        assertErrno(() -> f.s.prepare(), Errno.EBUSY);
        assertErrno(() -> f.s.hwFree(), Errno.EBADFD);
        assertErrno(() -> f.s.hwParams(PcmFixture.PARAMS), Errno.EBADFD);
    }

    @Test
    void shouldRefuseToStartWithAnEmptyBufferWithEpipe()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        assertErrno(() -> f.s.start(), Errno.EPIPE);
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
    }

    @Test
    void shouldPauseAndReleaseKeepingThePosition()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        f.s.pause(true);
        assertThat(f.s.state()).isEqualTo(PcmState.PAUSED);
        f.s.periodElapsed();
        assertThat(f.s.hwPtr()).isEqualTo(256);
        f.s.pause(false);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.PAUSE_PUSH,
            TriggerCommand.PAUSE_RELEASE);
    }

    @Test
    void shouldReleaseAndStopAPausedStreamOnPrepare()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.pause(true);
        f.s.prepare();
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.PAUSE_PUSH,
            TriggerCommand.PAUSE_RELEASE, TriggerCommand.STOP);
    }

    @Test
    void shouldStopHwFreeAndCloseARunningStreamOnClose()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.close();
        assertThat(f.ops.calls()).endsWith("trigger STOP", "hwFree", "close");
        assertThat(f.s.isOpen()).isFalse();
        f.s.open();
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
    }

    @Test
    void shouldAllocatePageAlignedBufferAndReuseItForTheSameSize()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        f.s.hwParams(PcmFixture.PARAMS);
        final long first = f.s.dmaAddress();
        assertThat(first & 0xfff).isZero();
        assertThat(f.s.bufferBytes()).isEqualTo(4096);
        f.s.hwParams(PcmFixture.PARAMS);
        assertThat(f.s.dmaAddress()).isEqualTo(first);
        f.s.hwParams(new HwParams(48_000, 2, 16, 256, 8));
        assertThat(f.s.dmaAddress()).isNotEqualTo(first);
        assertThat(f.s.dmaAddress() & 0xfff).isZero();
        assertThat(f.s.bufferBytes()).isEqualTo(8192);
    }

    static Stream<HwParams> invalidParams()
    {
        return Stream.of(
            new HwParams(22_050, 2, 16, 256, 4),
            new HwParams(48_000, 3, 16, 256, 4),
            new HwParams(48_000, 0, 16, 256, 4),
            new HwParams(48_000, 2, 8, 256, 4),
            new HwParams(48_000, 2, 16, 8, 4),
            new HwParams(48_000, 2, 16, 32_768, 4),
            new HwParams(48_000, 2, 16, 0, 4),
            new HwParams(48_000, 2, 16, 256, 1),
            new HwParams(48_000, 2, 16, 256, 33),
            new HwParams(48_000, 2, 24, 16_384, 8));
    }

    @ParameterizedTest
    @MethodSource("invalidParams")
    void shouldRejectParametersOutsideTheHardwareWithEinval(final HwParams p)
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        assertErrno(() -> f.s.hwParams(p), Errno.EINVAL);
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
        assertThat(f.ops.calls()).containsExactly("open");
    }

    @Test
    void shouldComputeSizesOfParameters()
    {
        final HwParams p = new HwParams(48_000, 2, 24, 480, 3);
        assertThat(p.sampleBytes()).isEqualTo(4);
        assertThat(p.frameBytes()).isEqualTo(8);
        assertThat(p.bufferFrames()).isEqualTo(1440);
        assertThat(p.periodBytes()).isEqualTo(3840);
        assertThat(p.bufferBytes()).isEqualTo(11_520);
        assertThat(p.framesToNanos(480)).isEqualTo(10_000_000L);
        assertThat(p.nanosToFrames(10_000_000L)).isEqualTo(480);
        assertThat(PcmFixture.PARAMS.frameBytes()).isEqualTo(4);
    }

    @Test
    void shouldStartADrainByStateAsSndPcmDrain()
    {
        final PcmParts empty = new PcmParts().prepared();
        empty.locked(() -> assertThat(empty.machine.drainStartLocked()).isFalse());
        assertThat(empty.machine.state()).isEqualTo(PcmState.SETUP);

        final PcmParts buffered = new PcmParts().prepared();
        buffered.locked(() ->
        {
            buffered.ptrs.advanceAppl(PcmFixture.PARAMS.periodFrames());
            assertThat(buffered.machine.drainStartLocked()).isTrue();
        });
        assertThat(buffered.machine.state()).isEqualTo(PcmState.DRAINING);
        assertThat(buffered.ops.triggers()).containsExactly(TriggerCommand.START);

        final PcmParts paused = new PcmParts().running(PcmFixture.PARAMS.bufferFrames());
        paused.locked(() ->
        {
            paused.machine.pauseLocked(true);
            assertThat(paused.machine.drainStartLocked()).isTrue();
        });
        assertThat(paused.machine.state()).isEqualTo(PcmState.DRAINING);
        assertThat(paused.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.PAUSE_PUSH,
            TriggerCommand.PAUSE_RELEASE);

        final PcmParts suspended = new PcmParts().running(PcmFixture.PARAMS.bufferFrames());
        suspended.locked(() ->
        {
            suspended.machine.suspendLocked();
            assertErrno(suspended.machine::drainStartLocked, Errno.ESTRPIPE);
        });
    }

    @Test
    void shouldRememberTheSuspendedStateAndTriggerOnlyARunningStreamAtSuspendAndResume()
    {
        final PcmParts running = new PcmParts().running(PcmFixture.PARAMS.bufferFrames());
        running.locked(running.machine::suspendLocked);
        assertThat(running.machine.state()).isEqualTo(PcmState.SUSPENDED);
        assertThat(running.machine.stopOperating()).isTrue();
        running.locked(() -> running.machine.resumeLocked(true));
        assertThat(running.machine.state()).isEqualTo(PcmState.RUNNING);
        assertThat(running.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.SUSPEND,
            TriggerCommand.RESUME);

        final PcmParts prepared = new PcmParts().prepared();
        prepared.locked(prepared.machine::suspendLocked);
        assertThat(prepared.machine.stopOperating()).isFalse();
        prepared.locked(() -> prepared.machine.resumeLocked(true));
        assertThat(prepared.machine.state()).isEqualTo(PcmState.PREPARED);
        assertThat(prepared.ops.triggers()).isEmpty();

        final PcmParts setup = new PcmParts().prepared();
        setup.locked(() ->
        {
            setup.machine.dropLocked();
            setup.machine.suspendLocked();
        });
        assertThat(setup.machine.state()).isEqualTo(PcmState.SETUP);
    }
}

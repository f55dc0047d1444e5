package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmSetupTest
{
    private static final long MS = 1_000_000L;

    private static void assertErrno(final Runnable r, final Errno errno)
    {
        assertThatThrownBy(r::run).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(errno));
    }

    @Test
    void shouldUndoAnOpenWhoseDriverOpenFailedSoThatTheNextOpenSucceeds()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.ops.failOnce("open");
        assertErrno(f.s::open, Errno.EIO);
        assertThat(f.s.isOpen()).isFalse();

        f.s.open();
        assertThat(f.s.isOpen()).isTrue();
        f.s.close();
        assertThat(f.ops.calls()).containsExactly("open", "open", "close");
    }

    @Test
    void shouldLeaveTheStreamOpenWithoutParametersWhenTheDriversHwParamsFails()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        f.ops.failOnce("hwParams");
        assertErrno(() -> f.s.hwParams(PcmFixture.PARAMS), Errno.EIO);
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
        assertThat(f.s.hwParams()).isNull();
        assertErrno(f.s::prepare, Errno.EBADFD);

        f.s.hwParams(PcmFixture.PARAMS);
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(f.s.hwParams()).isEqualTo(PcmFixture.PARAMS);
    }

    @Test
    void shouldResetThresholdsAtHwParamsSoThatTheFirstWriteStartsAndAnUnderrunStops()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.setStartThresholdFrames(Long.MAX_VALUE);
        f.s.setStopThresholdFrames(Long.MAX_VALUE);
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.prepare();
        f.s.writei(new byte[PcmFixture.PARAMS.periodBytes()], 0, PcmFixture.PARAMS.periodFrames());
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        f.playPeriod();
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
    }

    @Test
    void shouldClearPrivateDataAndParametersAtCloseAndRestoreThePcmsHardwareAtOpen()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        final PcmHardware pcmHardware = f.s.hardware();
        f.s.open();
        f.s.setRuntimeHardware(PcmFixture.hardware(true));
        f.s.setPrivateData("driver state");
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.close();
        assertThat(f.s.privateData()).isNull();
        assertThat(f.s.hwParams()).isNull();
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
        assertThat(f.s.hardware().resumeSupported()).isTrue();

        f.s.open();
        assertThat(f.s.hardware()).isSameAs(pcmHardware);
        assertThat(f.ops.calls()).containsExactly("open", "hwParams", "hwFree", "close", "open");
    }

    @Test
    void shouldSyncAPendingStopBeforeTheDriversPrepareAndHwFree()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        final FakePcmOps ops = new FakePcmOps(true);
        final Pcm pcm = f.card.newPcm("sync", ops, PcmFixture.hardware(false), f.memory);
        final PcmSubstream s = pcm.playback();
        s.open();
        s.hwParams(PcmFixture.PARAMS);
        s.prepare();
        s.writei(new byte[PcmFixture.PARAMS.bufferBytes()], 0, PcmFixture.PARAMS.bufferFrames());
        s.drop();
        s.prepare();
        s.drop();
        s.hwFree();
        assertThat(ops.calls()).containsExactly("open", "hwParams", "prepare", "trigger START", "trigger STOP",
            "syncStop", "prepare", "hwFree");
    }
}

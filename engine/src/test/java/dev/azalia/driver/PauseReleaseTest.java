package dev.azalia.driver;

import dev.azalia.kernel.VirtualKernel;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PAUSE_RELEASE starts the stream fresh, as Linux's {@code azx_pcm_trigger} does: an interrupt within 2/3 of a period
 * after the release is taken for a bogus early one and discarded.
 */
final class PauseReleaseTest
{
    private static final int RATE = 48_000;
    private static final int PERIOD = 256;
    private static final HwParams PARAMS = new HwParams(RATE, 2, 16, PERIOD, 4);

    @Test
    void shouldDiscardAnInterruptWithinTwoThirdsOfAPeriodAfterPauseRelease() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })))
        {
            final VirtualKernel kernel = (VirtualKernel)m.kernel();
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            s.hwParams(PARAMS);
            s.setStartThresholdFrames(PARAMS.bufferFrames());
            s.prepare();
            s.writei(new byte[PARAMS.bufferBytes()], 0, PARAMS.bufferFrames());
            assertThat(s.state()).isEqualTo(PcmState.RUNNING);
            // one period interrupt, then pause half-way through the second period
            kernel.runUntil(m.clock().nanoTime() + PARAMS.framesToNanos(PERIOD + PERIOD / 2));
            assertThat(s.hwPtr()).isBetween((long)PERIOD, PERIOD + PERIOD / 4L);
            s.pause(true);
            final long pausedAt = s.hwPtr();
            kernel.runUntil(m.clock().nanoTime() + PARAMS.framesToNanos(4L * PERIOD));
            final long bogus = m.chip().bogusInterrupts();
            s.pause(false);
            // the DMA reaches the period's end about half a period after the release: that interrupt is bogus
            kernel.runUntil(m.clock().nanoTime() + PARAMS.framesToNanos(PERIOD * 3L / 4));
            assertThat(m.chip().bogusInterrupts()).isEqualTo(bogus + 1);
            assertThat(s.hwPtr()).isEqualTo(pausedAt);
            // the next one is a whole period later and is taken
            kernel.runUntil(m.clock().nanoTime() + PARAMS.framesToNanos(PERIOD));
            assertThat(m.chip().bogusInterrupts()).isEqualTo(bogus + 1);
            assertThat(s.hwPtr()).isBetween(3L * PERIOD, 3L * PERIOD + PERIOD / 4);
            s.drop();
            s.close();
        }
    }
}

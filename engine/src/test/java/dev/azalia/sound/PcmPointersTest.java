package dev.azalia.sound;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class PcmPointersTest
{
    private static final HwParams PARAMS = PcmFixture.PARAMS;
    private static final long PERIOD = PARAMS.periodFrames();
    private static final long BUFFER = PARAMS.bufferFrames();
    private static final long PERIOD_NANOS = PARAMS.framesToNanos(PERIOD);

    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final PcmPointers p = new PcmPointers(log, () -> "snd_pcm PCH", () -> "pcmC0D0p:0");

    private PcmPointers.Update interruptAt(final long position)
    {
        clock.advance(PERIOD_NANOS);
        return p.update(position, true, clock.nanoTime(), true);
    }

    @Test
    void shouldFollowPeriodStepsAndAdvanceTheBaseAtEachWrapOfTheRing()
    {
        p.configure(PARAMS);
        for (long i = 1; i <= 10 * BUFFER / PERIOD; i++)
        {
            assertThat(interruptAt(i * PERIOD % BUFFER)).isEqualTo(PcmPointers.Update.MOVED);
            assertThat(p.hwPtr()).isEqualTo(i * PERIOD);
            assertThat(p.hwPtrInterrupt()).isEqualTo(i * PERIOD);
            assertThat(p.hwPtrBase()).isEqualTo(i * PERIOD - i * PERIOD % BUFFER);
        }
        assertThat(p.framesPlayed()).isEqualTo(10 * BUFFER);
        assertThat(p.lostInterrupts() + p.hwPtrSkips() + p.unexpectedHwPtrs() + p.inferredWraps()).isZero();
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void shouldWrapHwPtrBaseAndInterruptPointerAtTheBoundary()
    {
        p.configure(PARAMS);
        p.setBoundary(2 * BUFFER);
        for (long i = 1; i <= 5 * BUFFER / PERIOD; i++)
        {
            interruptAt(i * PERIOD % BUFFER);
            assertThat(p.hwPtr()).isEqualTo(i * PERIOD % (2 * BUFFER));
            assertThat(p.hwPtrInterrupt()).isEqualTo(p.hwPtr());
            assertThat(p.hwPtrBase()).isEqualTo(p.hwPtr() - p.hwPtr() % BUFFER);
        }
        assertThat(p.framesPlayed()).isEqualTo(5 * BUFFER);
        assertThat(p.inferredWraps()).isZero();
    }

    @Test
    void shouldTakeAnInterruptBehindTheNextExpectedOneAfterMoreThanHalfABufferAsAWholeBufferLater()
    {
        p.configure(PARAMS);
        interruptAt(PERIOD);
        // exactly half a buffer plus a jiffy is not yet "more than"
        clock.advance(PARAMS.framesToNanos(BUFFER) / 2 + PcmPointers.JIFFY_NANOS);
        p.update(PERIOD + 10, true, clock.nanoTime(), false);
        assertThat(p.hwPtr()).isEqualTo(PERIOD + 10);
        clock.advance(PARAMS.framesToNanos(BUFFER) / 2 + PcmPointers.JIFFY_NANOS + 1);
        assertThat(p.update(PERIOD + 20, true, clock.nanoTime(), false)).isEqualTo(PcmPointers.Update.MOVED);
        assertThat(p.hwPtr()).isEqualTo(BUFFER + PERIOD + 20);
        assertThat(p.hwPtrBase()).isEqualTo(BUFFER);
        assertThat(p.hwPtrInterrupt()).isEqualTo(BUFFER + PERIOD);
        assertThat(p.inferredWraps()).isEqualTo(1);
        assertThat(p.lostInterrupts()).isEqualTo(1);
        assertThat(p.avail()).isEqualTo(BUFFER + PERIOD + 20 + BUFFER);
    }

    @Test
    void shouldBackDateTheLastUpdateAtAPausePushOrRelease()
    {
        p.configure(PARAMS);
        p.reset(clock.nanoTime());
        p.pauseToggled(clock.nanoTime());
        // the back-dated time makes an interrupt behind the expected one count as a wrap at once
        p.update(PERIOD - 1, true, clock.nanoTime(), false);
        assertThat(p.hwPtr()).isEqualTo(BUFFER + PERIOD - 1);
    }

    @Test
    void shouldLogAnInvalidPositionAndTakeItAsZero()
    {
        p.configure(PARAMS);
        interruptAt(PERIOD);
        assertThat(p.update(BUFFER, false, clock.nanoTime(), false)).isEqualTo(PcmPointers.Update.MOVED);
        assertThat(p.hwPtr()).isEqualTo(BUFFER);
        assertThat(log.contains("snd_pcm PCH: invalid position: pcmC0D0p:0, pos = 1024, buffer size = 1024, "
            + "period size = 256")).isTrue();
    }
}

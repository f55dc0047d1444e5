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

    @Test
    void shouldGiveAnInterruptHandlerTheHardwarePointerWhileATriggerHoldsTheStreamLock() throws Exception
    {
        // an interrupt handler holds the bus lock and reads hw_ptr; a writer holding the stream lock triggers, which
        // takes the bus lock: the handler's read must not wait for the stream lock, or the two deadlock
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        final long[] seen = {-1};
        final Throwable[] failure = {null};
        f.ops.onTrigger = s ->
        {
            final Thread handler = new Thread(() -> seen[0] = s.hwPtrUnlocked(), "irq/test");
            handler.start();
            try
            {
                handler.join(10_000);
            }
            catch (final InterruptedException e)
            {
                failure[0] = e;
            }
            if (handler.isAlive())
            {
                failure[0] = new AssertionError("the handler's read waited for the stream lock");
            }
        };
        final long before = f.s.hwPtr();

        f.s.drop();

        assertThat(failure[0]).isNull();
        assertThat(seen[0]).isEqualTo(before);
    }
}

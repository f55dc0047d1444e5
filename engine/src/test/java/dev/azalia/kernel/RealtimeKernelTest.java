package dev.azalia.kernel;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;
import dev.azalia.time.SystemNanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The real-clock kernel: its delays; its workqueue's failures are recorded, the end of the machine is not one. */
final class RealtimeKernelTest
{
    private final KernelLog log = new KernelLog(SystemNanoClock.INSTANCE);
    private final RealtimeKernel kernel = new RealtimeKernel(SystemNanoClock.INSTANCE, log);

    @Test
    void aDelayParksAllButItsLastTwoHundredMicrosecondsAndSpinsThem()
    {
        assertThat(RealtimeKernel.parkNanos(100_000_000L)).isEqualTo(99_800_000L);
        assertThat(RealtimeKernel.parkNanos(1_000_000L)).isEqualTo(800_000L);
        assertThat(RealtimeKernel.parkNanos(200_001L)).isEqualTo(1L);
        assertThat(RealtimeKernel.parkNanos(200_000L)).isZero();
        assertThat(RealtimeKernel.parkNanos(1L)).isZero();
    }

    @Test
    void aDelayLastsUntilItsDeadlineOnTheKernelsClock()
    {
        // a clock a microsecond further on at every reading: the delay's spin ends on it, not on the system's time
        final long[] now = {5_000_000L};
        final NanoClock stepping = () -> now[0] += 1_000L;
        try (RealtimeKernel k = new RealtimeKernel(stepping, new KernelLog(stepping)))
        {
            final long start = stepping.nanoTime();

            k.delayNanos(400_000L);

            assertThat(now[0] - start).isBetween(400_000L, 402_000L);
        }
    }

    @Test
    void aWorkThatThrowsIsRecordedAsAFailure()
    {
        kernel.queueWork("broken", () ->
        {
            throw new IllegalStateException("broken work");
        });
        kernel.flushWork();
        kernel.close();
        assertThat(kernel.failures()).singleElement().satisfies(t -> assertThat(t).hasMessage("broken work"));
    }

    @Test
    void aWorkInterruptedByCloseIsNotAFailure() throws InterruptedException
    {
        final CountDownLatch running = new CountDownLatch(1);
        kernel.queueWork("waits for a response", () ->
        {
            running.countDown();
            try
            {
                new CountDownLatch(1).await();
            }
            catch (final InterruptedException e)
            {
                // As a verb's wait does when the kworker is interrupted.
                throw new IllegalStateException("interrupted waiting for a codec response");
            }
        });
        running.await();
        kernel.close();
        assertThat(kernel.failures()).isEmpty();
    }
}

package dev.azalia.kernel;

import dev.azalia.log.KernelLog;
import dev.azalia.time.SystemNanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The real-clock kernel's workqueue: failures are recorded, the end of the machine is not one. */
final class RealtimeKernelTest
{
    private final KernelLog log = new KernelLog(SystemNanoClock.INSTANCE);
    private final RealtimeKernel kernel = new RealtimeKernel(SystemNanoClock.INSTANCE, log);

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

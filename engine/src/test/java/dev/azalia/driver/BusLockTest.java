package dev.azalia.driver;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bus lock, as Linux's {@code bus->reg_lock}: the interrupt handler holds it over its status loop, and command
 * I/O, trigger and stream assignment take the same lock. Runs on the real clock with the threaded interrupt, so the
 * handler and the commands are real threads contending for it; nothing here measures time, each wait only ends when
 * a thread is seen queued on the lock (or gives up after a minute so a broken build fails instead of hanging).
 */
final class BusLockTest
{
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int GET_VENDOR_ID = 0x000f0000;

    private final CapturingDacOutput out = new CapturingDacOutput();

    @Test
    void shouldMakeACommandWaitForTheBusLockTheTriggerAndInterruptHold() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(false, out)))
        {
            final ReentrantLock busLock = m.chip().regLock();
            final CompletableFuture<Integer> response = new CompletableFuture<>();
            final Thread sender = new Thread(() ->
            {
                try
                {
                    response.complete(m.chip().transport().execute(GET_VENDOR_ID));
                }
                catch (final RuntimeException e)
                {
                    response.completeExceptionally(e);
                }
            }, "verb-sender");
            busLock.lock();
            try
            {
                sender.start();
                assertThat(awaitQueued(busLock, sender, response))
                    .as("snd_hdac_bus_send_cmd waits for bus->reg_lock").isTrue();
                assertThat(response).isNotDone();
            }
            finally
            {
                busLock.unlock();
            }
            assertThat(response.get(60, TimeUnit.SECONDS)).isEqualTo(m.codec().model().vendorId());
            sender.join();
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldRunTheInterruptHandlersStatusLoopUnderTheBusLock() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(false, out)))
        {
            final ReentrantLock busLock = m.chip().regLock();
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            s.hwParams(new HwParams(48_000, 2, 16, 256, 4));
            s.prepare();
            final AtomicReference<Throwable> playFailure = new AtomicReference<>();
            final CompletableFuture<Void> played = new CompletableFuture<>();
            final Thread app = new Thread(() ->
            {
                try
                {
                    final byte[] pcm = new byte[256 * 4 * 16];
                    int written = 0;
                    while (written < 256 * 16)
                    {
                        written += s.writei(pcm, written * 4, Math.min(256, 256 * 16 - written));
                    }
                    s.drain();
                }
                catch (final RuntimeException e)
                {
                    playFailure.set(e);
                }
                played.complete(null);
            }, "aplay");
            app.start();
            final Thread irqThread = awaitPeriodInterrupt(m);
            final long periodsBefore;
            busLock.lock();
            try
            {
                periodsBefore = m.chip().periodInterrupts();
                assertThat(awaitQueued(busLock, irqThread, played))
                    .as("azx_interrupt takes bus->reg_lock before reading INTSTS").isTrue();
                assertThat(m.chip().periodInterrupts()).as("no period reported while the lock is held")
                    .isEqualTo(periodsBefore);
            }
            finally
            {
                busLock.unlock();
            }
            played.get(60, TimeUnit.SECONDS);
            app.join();
            assertThat(playFailure.get()).isNull();
            assertThat(m.chip().periodInterrupts()).isGreaterThan(periodsBefore);
            s.hwFree();
            s.close();
            assertThat(m.failures()).isEmpty();
        }
    }

    /** The interrupt thread, once it has reported a period (so it is known to be the one the periods arrive on). */
    private static Thread awaitPeriodInterrupt(final Machine m) throws InterruptedException
    {
        final long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline)
        {
            if (m.chip().periodInterrupts() > 0)
            {
                for (final Thread t : Thread.getAllStackTraces().keySet())
                {
                    if (t.getName().startsWith("irq/"))
                    {
                        return t;
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no period interrupt");
    }

    /** True once {@code t} waits for the lock; false if {@code done} completed first (it never needed the lock). */
    private static boolean awaitQueued(final ReentrantLock lock, final Thread t, final CompletableFuture<?> done)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline)
        {
            if (lock.hasQueuedThread(t))
            {
                return true;
            }
            if (done.isDone())
            {
                return false;
            }
            Thread.sleep(1);
        }
        return false;
    }
}

package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.pci.MmioRegion;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bus lock, as Linux's {@code bus->reg_lock}: the interrupt handler holds it over its status loop, and command
 * I/O, trigger and stream assignment take the same lock. Runs on the real clock with the threaded interrupt, so the
 * handler and the commands are real threads. The controller's register window records, at the very access, whether the
 * accessing thread holds the bus lock (a command's CORBWP write, the handler's INTSTS read), and can hold one such
 * access on a latch: while a thread is held inside it, the lock must be taken, so the test thread cannot get it.
 * Nothing here sleeps, polls or measures time; each wait is on a latch or a result, bounded by a minute so a broken
 * build fails instead of hanging.
 */
final class BusLockTest
{
    private static final int PERIOD_FRAMES = 1024;

    private static final int GET_VENDOR_ID = 0x000f0000;

    private final CapturingDacOutput out = new CapturingDacOutput();
    private final LockWatch watch = new LockWatch();

    @Test
    void shouldMakeACommandWaitForTheBusLockTheTriggerAndInterruptHold() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(false, out).withBarFilter(watch::wrap)))
        {
            final ReentrantLock busLock = m.chip().regLock();
            watch.arm(busLock);
            final Pause pause = watch.pauseAt(HdaRegisters.CORBWP, "verb-sender");
            final CompletableFuture<Integer> response = sendVendorIdVerb(m);
            try
            {
                assertThat(pause.reached()).as("the command reaches the CORB").isTrue();
                assertThat(tryBusLock(busLock)).as("the command holds bus->reg_lock while it writes CORBWP").isFalse();
            }
            finally
            {
                pause.resume();
            }

            assertThat(response.get(60, TimeUnit.SECONDS)).isEqualTo(m.codec().model().vendorId());
            assertThat(watch.accesses(HdaRegisters.CORBWP, "verb-sender"))
                .as("snd_hdac_bus_send_cmd writes CORBWP under bus->reg_lock").containsExactly(true);
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldRunTheInterruptHandlersStatusLoopUnderTheBusLock() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(false, out).withBarFilter(watch::wrap)))
        {
            final ReentrantLock busLock = m.chip().regLock();
            watch.arm(busLock);
            // the response to a command raises the interrupt (RIRB); no stream runs while the handler is held
            final Pause pause = watch.pauseAt(HdaRegisters.INTSTS, "irq/");
            final CompletableFuture<Integer> response = sendVendorIdVerb(m);
            try
            {
                assertThat(pause.reached()).as("the interrupt handler runs").isTrue();
                assertThat(tryBusLock(busLock)).as("azx_interrupt holds bus->reg_lock while it reads INTSTS").isFalse();
            }
            finally
            {
                pause.resume();
            }
            assertThat(response.get(60, TimeUnit.SECONDS)).isEqualTo(m.codec().model().vendorId());

            play(m.chip().card().pcms().get(0).playback());

            assertThat(m.chip().periodInterrupts()).as("the periods came through the interrupt").isPositive();
            assertThat(watch.accesses(HdaRegisters.INTSTS, "irq/"))
                .as("every INTSTS read of azx_interrupt, periods included, under bus->reg_lock").hasSizeGreaterThan(1)
                .containsOnly(true);
            assertThat(m.failures()).isEmpty();
        }
    }

    /** Sends GET_VENDOR_ID from a new thread named {@code verb-sender}; completes with the response. */
    private static CompletableFuture<Integer> sendVendorIdVerb(final Machine m)
    {
        return CompletableFuture.supplyAsync(() -> m.chip().transport().execute(GET_VENDOR_ID),
            command -> new Thread(command, "verb-sender").start());
    }

    /**
     * Plays 16 periods of silence from another thread and waits for the drain; periods of 1024 frames (85 ms of
     * buffer) so a loaded machine's scheduling does not underrun the real-clock stream this test only watches.
     */
    private static void play(final PcmSubstream s) throws Exception
    {
        s.open();
        s.hwParams(new HwParams(48_000, 2, 16, PERIOD_FRAMES, 4));
        s.prepare();
        final CompletableFuture<Void> played = CompletableFuture.runAsync(() ->
        {
            final byte[] pcm = new byte[PERIOD_FRAMES * 4 * 16];
            int written = 0;
            while (written < PERIOD_FRAMES * 16)
            {
                written += s.writei(pcm, written * 4, Math.min(PERIOD_FRAMES, PERIOD_FRAMES * 16 - written));
            }
            s.drain();
        }, command -> new Thread(command, "aplay").start());
        played.get(60, TimeUnit.SECONDS);
        s.hwFree();
        s.close();
    }

    /** Whether the test thread can take the lock (released again at once). */
    private static boolean tryBusLock(final ReentrantLock busLock)
    {
        final boolean taken = busLock.tryLock();
        if (taken)
        {
            busLock.unlock();
        }
        return taken;
    }

    /**
     * Wraps the controller's register window: once armed with the bus lock, every INTSTS read and CORBWP write is
     * recorded with the accessing thread's name and whether that thread held the lock at that moment.
     */
    private static final class LockWatch
    {
        private final List<Access> accesses = new CopyOnWriteArrayList<>();
        private volatile ReentrantLock busLock;
        private volatile Pause pause;

        void arm(final ReentrantLock lock)
        {
            busLock = lock;
        }

        /** Holds the next access to the register by a thread named with the prefix, until resumed. */
        Pause pauseAt(final int offset, final String threadPrefix)
        {
            final Pause p = new Pause(offset, threadPrefix);
            pause = p;
            return p;
        }

        MmioRegion wrap(final MmioRegion region)
        {
            return new MmioRegion()
            {
                @Override
                public int read(final int offset, final int widthBytes)
                {
                    if (offset == HdaRegisters.INTSTS)
                    {
                        record(offset);
                    }
                    return region.read(offset, widthBytes);
                }

                @Override
                public void write(final int offset, final int widthBytes, final int value)
                {
                    if (offset == HdaRegisters.CORBWP)
                    {
                        record(offset);
                    }
                    region.write(offset, widthBytes, value);
                }
            };
        }

        /** Whether the lock was held, for each recorded access to a register by threads named with a prefix. */
        List<Boolean> accesses(final int offset, final String threadPrefix)
        {
            return accesses.stream().filter(a -> a.offset() == offset && a.thread().startsWith(threadPrefix))
                .map(Access::locked).toList();
        }

        private void record(final int offset)
        {
            final ReentrantLock lock = busLock;
            if (null == lock)
            {
                return;
            }
            final String thread = Thread.currentThread().getName();
            accesses.add(new Access(offset, thread, lock.isHeldByCurrentThread()));
            final Pause p = pause;
            if (null != p && p.offset == offset && thread.startsWith(p.threadPrefix))
            {
                pause = null;
                p.hold();
            }
        }
    }

    /** One access held on a latch: the accessing thread waits inside it until the test resumes it. */
    private static final class Pause
    {
        private final int offset;
        private final String threadPrefix;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);

        Pause(final int offset, final String threadPrefix)
        {
            this.offset = offset;
            this.threadPrefix = threadPrefix;
        }

        /** On the accessing thread. */
        void hold()
        {
            reached.countDown();
            try
            {
                resumed.await(60, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }

        /** On the test thread: whether the access was reached within the bound. */
        boolean reached() throws InterruptedException
        {
            return reached.await(60, TimeUnit.SECONDS);
        }

        void resume()
        {
            resumed.countDown();
        }
    }

    /** One recorded register access. */
    private record Access(int offset, String thread, boolean locked)
    {
    }
}

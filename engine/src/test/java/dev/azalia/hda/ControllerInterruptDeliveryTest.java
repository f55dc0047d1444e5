package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptPin;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The interrupt line's level delivered from several threads at once (the link clock raising it, the interrupt thread
 * and the application clearing it): a register write returns only once its level, or a later one, has reached the
 * line, and a thread that finds another delivering waits for it off the CPU instead of spinning or yielding (the
 * deliverer has often just woken the very thread that waits).
 */
final class ControllerInterruptDeliveryTest
{
    private static final int MAX_POLLS = 10_000;
    private static final long POLL_NANOS = 1_000_000L;
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** A pin that can hold the first assertion it gets until released. */
    private static final class HoldingPin implements InterruptPin
    {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Boolean> levels = new ArrayList<>();
        final AtomicInteger spinPerCall = new AtomicInteger();
        volatile boolean holdNextAssertion;
        volatile boolean level;

        @Override
        public void setLevel(final boolean asserted)
        {
            synchronized (levels)
            {
                levels.add(asserted);
            }
            level = asserted;
            if (asserted && holdNextAssertion)
            {
                holdNextAssertion = false;
                holding.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                }
            }
            for (int i = spinPerCall.get(); i > 0; i--)
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * A pin whose wake-up of the interrupt thread can be held: a deferred one in {@link #wakeDeferred()}, an
     * undeferred one inside {@link #setLevel} (where a line that is not told to defer makes it).
     */
    private static final class WakingPin implements InterruptPin
    {
        final CountDownLatch waking = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Boolean> levels = new ArrayList<>();
        volatile boolean holdNextWake;
        volatile boolean level;

        @Override
        public void setLevel(final boolean asserted)
        {
            record(asserted);
            if (asserted)
            {
                wake();
            }
        }

        @Override
        public void setLevelDeferringWake(final boolean asserted)
        {
            record(asserted);
        }

        @Override
        public void wakeDeferred()
        {
            if (level)
            {
                wake();
            }
        }

        private void record(final boolean asserted)
        {
            synchronized (levels)
            {
                levels.add(asserted);
            }
            level = asserted;
        }

        private void wake()
        {
            if (!holdNextWake)
            {
                return;
            }
            holdNextWake = false;
            waking.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A controller out of reset with a codec present: STATESTS bit 0, WAKEEN bit 0, so INTCTL alone sets the level. */
    private static HdaController controllerDriving(final InterruptPin pin)
    {
        final VirtualNanoClock clock = new VirtualNanoClock(5_000_000_000L);
        final HdaController hda = new HdaController(new DmaMemory(1 << 20), clock, pin, new KernelLog(clock));
        hda.attachCodec(new TestCodec(0));
        hda.write(GCTL, 4, GCTL_CRST);
        for (int i = 0; i < 200 && (hda.read(STATESTS, 2) & 1) == 0; i++)
        {
            clock.advance(500_000L);
            hda.advance();
        }
        assertThat(hda.read(STATESTS, 2) & 1).as("codec 0 reported in STATESTS").isEqualTo(1);
        hda.write(WAKEEN, 2, 1);
        return hda;
    }

    @Test
    void shouldWaitOffTheCpuForAnotherThreadsDeliveryThenDeliverItsOwnLevel() throws Exception
    {
        final HoldingPin pin = new HoldingPin();
        final HdaController hda = controllerDriving(pin);
        pin.holdNextAssertion = true;
        final Thread raiser = new Thread(() -> hda.write(INTCTL, 4, INTCTL_GIE | INTCTL_CIE), "raiser");
        raiser.start();
        pin.holding.await();

        final Thread clearer = new Thread(() -> hda.write(INTCTL, 4, 0), "clearer");
        clearer.start();
        Thread.State state = clearer.getState();
        for (int i = 0; i < MAX_POLLS && Thread.State.WAITING != state && clearer.isAlive(); i++)
        {
            LockSupport.parkNanos(POLL_NANOS);
            state = clearer.getState();
        }
        final boolean returnedEarly = !clearer.isAlive();
        pin.release.countDown();
        raiser.join(JOIN_MILLIS);
        clearer.join(JOIN_MILLIS);

        assertThat(clearer.isAlive()).as("the clearer was woken when the raiser's delivery ended").isFalse();
        assertThat(returnedEarly).as("the clearing write returned before its level reached the line").isFalse();
        assertThat(state).as("the clearer waits for the raiser's delivery off the CPU").isEqualTo(Thread.State.WAITING);
        assertThat(pin.levels).containsExactly(true, false);
        assertThat(pin.level).isFalse();
    }

    @Test
    void shouldEndWithTheLastWrittenLevelWhenManyThreadsDeliverAtOnce() throws Exception
    {
        final HoldingPin pin = new HoldingPin();
        pin.spinPerCall.set(200);
        final HdaController hda = controllerDriving(pin);
        final int threads = 4;
        final int writesEach = 20_000;
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int seed = t;
            final Thread w = new Thread(() ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException e)
                {
                    return;
                }
                for (int i = 0; i < writesEach; i++)
                {
                    hda.write(INTCTL, 4, ((i + seed) & 1) == 0 ? INTCTL_GIE | INTCTL_CIE : 0);
                }
            }, "writer-" + t);
            writers.add(w);
            w.start();
        }
        start.countDown();
        for (final Thread w : writers)
        {
            w.join(JOIN_MILLIS * 4);
            assertThat(w.isAlive()).as("%s finished (no lost wake-up)", w.getName()).isFalse();
        }

        final boolean wanted = (hda.read(INTSTS, 4) & INTSTS_GIS) != 0;
        assertThat(pin.level).as("the line holds the level of the last write").isEqualTo(wanted);
        // once every writer is done, a write that changes nothing leaves the line as it is
        hda.write(INTCTL, 4, hda.read(INTCTL, 4));
        assertThat(pin.level).isEqualTo(wanted);
        synchronized (pin.levels)
        {
            for (int i = 1; i < pin.levels.size(); i++)
            {
                assertThat(pin.levels.get(i)).as("delivery %d changes the level", i)
                    .isNotEqualTo(pin.levels.get(i - 1));
            }
        }
    }

    @Test
    void shouldNotMakeAnAcknowledgementWaitForTheWakeUpOfTheInterruptThread() throws Exception
    {
        final WakingPin pin = new WakingPin();
        final HdaController hda = controllerDriving(pin);
        pin.holdNextWake = true;
        final Thread raiser = new Thread(() -> hda.write(INTCTL, 4, INTCTL_GIE | INTCTL_CIE), "raiser");
        raiser.start();
        pin.waking.await();

        // the handler's acknowledgement, while the raiser is still waking the interrupt thread
        final Thread clearer = new Thread(() -> hda.write(INTCTL, 4, 0), "clearer");
        clearer.start();
        Thread.State state = clearer.getState();
        for (int i = 0; i < MAX_POLLS && Thread.State.TERMINATED != state && Thread.State.WAITING != state; i++)
        {
            LockSupport.parkNanos(POLL_NANOS);
            state = clearer.getState();
        }
        final List<Boolean> levelsWhileWaking;
        synchronized (pin.levels)
        {
            levelsWhileWaking = List.copyOf(pin.levels);
        }
        pin.release.countDown();
        raiser.join(JOIN_MILLIS);
        clearer.join(JOIN_MILLIS);

        assertThat(state).as("the acknowledgement, while the raiser wakes the interrupt thread")
            .isEqualTo(Thread.State.TERMINATED);
        assertThat(levelsWhileWaking).as("both levels reached the line before the wake-up ended")
            .containsExactly(true, false);
        assertThat(pin.level).isFalse();
        assertThat(raiser.isAlive()).isFalse();
    }
}

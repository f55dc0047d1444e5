package dev.azalia.driver;

import dev.azalia.kernel.RealtimeKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.time.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MMIO gate's handshake on real threads: a closed and drained gate has nobody inside, entries nest, waiters are
 * released by {@code open}, and under contention (users entering and leaving in a loop while a mover closes and opens
 * the gate) no user is ever inside while the mover holds it drained.
 */
final class MmioGateTest
{
    private static final long TIMEOUT_SECONDS = 30;
    private static final long WATCH_NANOS = 50_000L;

    private RealtimeKernel kernel;
    private MmioGate gate;

    @BeforeEach
    void setUp()
    {
        kernel = new RealtimeKernel(SystemNanoClock.INSTANCE, new KernelLog(SystemNanoClock.INSTANCE));
        gate = new MmioGate(kernel);
    }

    @AfterEach
    void tearDown()
    {
        kernel.close();
    }

    @Test
    void shouldCountNestedEntriesOnce()
    {
        gate.enter();
        gate.enter();
        assertThat(gate.inFlight()).isEqualTo(1);
        gate.exit();
        assertThat(gate.inFlight()).isEqualTo(1);
        gate.exit();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void shouldHoldNewUsersAtAClosedGateUntilItOpens() throws InterruptedException
    {
        gate.closeAndDrain();
        final CountDownLatch entered = new CountDownLatch(1);
        final Thread user = new Thread(() ->
        {
            gate.enter();
            entered.countDown();
            gate.exit();
        }, "user");
        user.start();
        assertThat(entered.await(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(gate.inFlight()).isZero();
        gate.open();
        assertThat(entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        user.join();
        assertThat(gate.waits()).isEqualTo(1);
        assertThat(gate.waitedNanos()).isPositive();
    }

    @Test
    void shouldWaitForAUserInFlightBeforeReportingDrained() throws InterruptedException
    {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch drained = new CountDownLatch(1);
        final AtomicBoolean stillInside = new AtomicBoolean();
        final AtomicBoolean insideWhenDrained = new AtomicBoolean(true);
        final Thread user = new Thread(() ->
        {
            gate.enter();
            stillInside.set(true);
            inside.countDown();
            await(release);
            stillInside.set(false);
            gate.exit();
        }, "user");
        user.start();
        assertThat(inside.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        final Thread mover = new Thread(() ->
        {
            gate.closeAndDrain();
            insideWhenDrained.set(stillInside.get());
            drained.countDown();
        }, "mover");
        mover.start();
        while (!gate.closed())
        {
            Thread.onSpinWait();
        }
        // closed, but the user is still inside: the drain cannot have finished
        assertThat(drained.getCount()).isEqualTo(1);
        release.countDown();
        assertThat(drained.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(insideWhenDrained.get()).isFalse();
        assertThat(gate.inFlight()).isZero();
        gate.open();
        user.join();
        mover.join();
    }

    @Test
    void shouldNeverLetAUserInWhileTheGateIsHeldDrained() throws InterruptedException
    {
        final int users = 2;
        final int closes = 10_000;
        final AtomicInteger inside = new AtomicInteger();
        final AtomicLong violations = new AtomicLong();
        final AtomicLong entries = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++)
        {
            final Thread t = new Thread(() ->
            {
                while (running.get())
                {
                    gate.enter();
                    inside.incrementAndGet();
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                    gate.exit();
                    entries.incrementAndGet();
                }
            }, "user-" + i);
            threads.add(t);
            t.start();
        }
        for (int i = 0; i < closes; i++)
        {
            gate.closeAndDrain();
            // drained: nobody may be between enter and exit now, nor get there until open
            // watch long enough for a user that slipped past the handshake to reach its critical section
            final long until = System.nanoTime() + WATCH_NANOS;
            while (System.nanoTime() < until)
            {
                if (0 != inside.get())
                {
                    violations.incrementAndGet();
                    break;
                }
                Thread.onSpinWait();
            }
            gate.open();
        }
        running.set(false);
        for (final Thread t : threads)
        {
            t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            assertThat(t.isAlive()).as(t.getName() + " stuck at the gate").isFalse();
        }
        assertThat(violations.get()).isZero();
        assertThat(entries.get()).as("users made progress").isPositive();
        assertThat(gate.waits()).as("users met the closed gate").isPositive();
        assertThat(gate.inFlight()).isZero();
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class InterruptLineTest
{
    private static final long TIMEOUT_SECONDS = 10;

    private final KernelLog log = new KernelLog(new VirtualNanoClock());
    private final List<InterruptLine> lines = new ArrayList<>();

    private InterruptLine line(final InterruptLine.Delivery delivery)
    {
        final InterruptLine l = new InterruptLine(20, log, delivery);
        lines.add(l);
        return l;
    }

    @AfterEach
    void closeLines()
    {
        lines.forEach(InterruptLine::close);
    }

    @Test
    void shouldDeliverOnANamedThreadWhileAsserted() throws InterruptedException
    {
        final InterruptLine l = line(InterruptLine.Delivery.THREADED);
        final AtomicReference<String> thread = new AtomicReference<>();
        final CountDownLatch third = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("snd_hda_intel", () ->
        {
            thread.set(Thread.currentThread().getName());
            if (3 == calls.incrementAndGet())
            {
                l.setLevel(false);
                third.countDown();
            }
            return true;
        });
        l.setLevel(true);
        assertThat(third.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        l.synchronizeIrq();
        assertThat(thread.get()).isEqualTo("irq/20-snd_hda_intel");
        assertThat(l.counts().delivered()).as("re-delivered while the level stayed up").isEqualTo(3);
        assertThat(l.counts().handled()).isEqualTo(3);
        assertThat(l.asserted()).isFalse();
    }

    @Test
    void shouldWakeTheInterruptThreadAtEnableOnlyWhenSomethingIsPending() throws InterruptedException
    {
        final InterruptLine l = line(InterruptLine.Delivery.THREADED);
        final CountDownLatch delivered = new CountDownLatch(1);
        requestDeassertingHandler(l, delivered);
        final long before = l.threadWakeups();

        for (int i = 0; i < 1000; i++)
        {
            l.disableIrq();
            l.enableIrq();
        }
        final long idleWakeups = l.threadWakeups() - before;
        l.disableIrq();
        l.setLevel(true);
        l.enableIrq();

        assertThat(idleWakeups).as("wake-ups for enables with nothing pending").isZero();
        assertThat(delivered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the pending interrupt, at enable").isTrue();
    }

    @Test
    void shouldLeaveADeferredWakeToWakeDeferredAndThenDeliver() throws InterruptedException
    {
        final InterruptLine l = line(InterruptLine.Delivery.THREADED);
        final CountDownLatch delivered = new CountDownLatch(1);
        requestDeassertingHandler(l, delivered);

        l.setLevelDeferringWake(true);
        final boolean leftAfterAssertion = l.wakePending();
        l.wakeDeferred();

        assertThat(leftAfterAssertion).as("the wake-up left by the deferring assertion").isTrue();
        assertThat(l.wakePending()).as("after wakeDeferred").isFalse();
        assertThat(delivered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("delivered after the deferred wake").isTrue();
    }

    @Test
    void shouldLeaveNoWakeForADeassertionOrALineNobodyHandles()
    {
        final InterruptLine l = line(InterruptLine.Delivery.THREADED);
        l.setLevelDeferringWake(true);
        assertThat(l.wakePending()).as("no handler: nothing to deliver").isFalse();

        l.requestIrq("snd_hda_intel", () -> true);
        l.setLevelDeferringWake(false);
        assertThat(l.wakePending()).as("a deassertion").isFalse();
    }

    @Test
    void shouldRunTheHandlerBeforeADeferringAssertionReturnsWhenInline()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("snd_hda_intel", () ->
        {
            calls.incrementAndGet();
            l.setLevel(false);
            return true;
        });

        l.setLevelDeferringWake(true);

        assertThat(calls.get()).isEqualTo(1);
        assertThat(l.wakePending()).isFalse();
    }

    /**
     * Requests a handler that deasserts the line and counts down {@code delivered}, then waits until the line's thread
     * waits.
     */
    private static void requestDeassertingHandler(final InterruptLine l, final CountDownLatch delivered)
    {
        l.requestIrq("snd_hda_intel", () ->
        {
            l.setLevel(false);
            delivered.countDown();
            return true;
        });
        awaitWaiting("irq/20-snd_hda_intel");
    }

    /** Waits until the named thread waits (no time is asserted: it is bounded only against a hang). */
    private static void awaitWaiting(final String name)
    {
        for (int i = 0; i < 10_000; i++)
        {
            for (final Thread t : Thread.getAllStackTraces().keySet())
            {
                if (name.equals(t.getName()) && Thread.State.WAITING == t.getState())
                {
                    return;
                }
            }
            LockSupport.parkNanos(1_000_000L);
        }
        throw new AssertionError(name + " never waited");
    }

    @Test
    void shouldDeliverInlineOnTheAssertingThreadWithoutRecursion()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        final Thread caller = Thread.currentThread();
        final AtomicInteger depth = new AtomicInteger();
        final AtomicInteger maxDepth = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("test", () ->
        {
            assertThat(Thread.currentThread()).isSameAs(caller);
            maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
            // The device re-raises its interrupt from inside the handler twice, then clears it.
            l.setLevel(calls.incrementAndGet() < 3);
            depth.decrementAndGet();
            return true;
        });
        l.setLevel(true);
        assertThat(calls).hasValue(3);
        assertThat(maxDepth).hasValue(1);
        assertThat(l.counts().delivered()).isEqualTo(3);
    }

    @Test
    void shouldWaitInSynchronizeIrqForTheRunningHandler() throws InterruptedException
    {
        final InterruptLine l = line(InterruptLine.Delivery.THREADED);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        l.requestIrq("test", () ->
        {
            l.setLevel(false);
            entered.countDown();
            awaitQuietly(release);
            order.add("handler returns");
            return true;
        });
        l.setLevel(true);
        assertThat(entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        final Thread syncer = new Thread(() ->
        {
            l.synchronizeIrq();
            order.add("synchronized");
        }, "syncer");
        syncer.start();
        while (Thread.State.WAITING != syncer.getState())
        {
            Thread.onSpinWait();
        }
        assertThat(order).isEmpty();
        release.countDown();
        syncer.join();
        assertThat(order).containsExactly("handler returns", "synchronized");
    }

    @Test
    void shouldReturnFromSynchronizeIrqCalledInsideTheHandler()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        l.requestIrq("test", () ->
        {
            l.synchronizeIrq();
            l.disableIrq();
            l.setLevel(false);
            return true;
        });
        l.setLevel(true);
        assertThat(l.counts().delivered()).isEqualTo(1);
        l.enableIrq();
    }

    @ParameterizedTest
    @EnumSource(InterruptLine.Delivery.class)
    void shouldDisableANobodyCaredLine(final InterruptLine.Delivery delivery) throws InterruptedException
    {
        final InterruptLine l = line(delivery);
        final CountDownLatch disabled = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("snd_hda_intel", () ->
        {
            if (IrqAccounting.SPURIOUS_WINDOW == calls.incrementAndGet())
            {
                disabled.countDown();
            }
            return false;
        });
        l.setLevel(true);
        assertThat(disabled.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        l.synchronizeIrq();
        assertThat(l.counts().spuriouslyDisabled()).isTrue();
        assertThat(l.counts().delivered()).isEqualTo(100_000);
        assertThat(l.counts().unhandled()).isEqualTo(100_000);
        assertThat(log.lines()).containsExactly(
            "kernel: irq 20: nobody cared (try booting with the \"irqpoll\" option)",
            "kernel: Disabling IRQ #20");
        l.setLevel(true);
        l.synchronizeIrq();
        assertThat(l.counts().delivered()).isEqualTo(100_000);
    }

    @Test
    void shouldKeepALineThatIsHandledOftenEnough()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("test", () ->
        {
            final int n = calls.incrementAndGet();
            if (IrqAccounting.SPURIOUS_WINDOW == n)
            {
                l.setLevel(false);
            }
            return 0 == n % 1000;
        });
        l.setLevel(true);
        assertThat(l.counts().unhandled()).isEqualTo(99_900);
        assertThat(l.counts().spuriouslyDisabled()).isFalse();
        assertThat(log.lines()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(InterruptLine.Delivery.class)
    void shouldRecordHandlerExceptionsAndKeepDelivering(final InterruptLine.Delivery delivery)
        throws InterruptedException
    {
        final InterruptLine l = line(delivery);
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch second = new CountDownLatch(1);
        l.requestIrq("test", () ->
        {
            if (1 == calls.incrementAndGet())
            {
                throw new IllegalStateException("handler bug");
            }
            l.setLevel(false);
            second.countDown();
            return true;
        });
        l.setLevel(true);
        assertThat(second.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        l.synchronizeIrq();
        assertThat(l.handlerFailures()).extracting(Throwable::getMessage).containsExactly("handler bug");
        assertThat(l.counts().unhandled()).isEqualTo(1);
        assertThat(l.counts().handled()).isEqualTo(1);
        assertThat(log.contains("irq 20: handler of test threw java.lang.IllegalStateException: handler bug"))
            .isTrue();
    }

    @Test
    void shouldHoldDeliveryWhileDisabledAndDeliverOnEnable()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        l.requestIrq("test", () ->
        {
            l.setLevel(false);
            return true;
        });
        l.disableIrq();
        l.disableIrq();
        l.setLevel(true);
        l.enableIrq();
        assertThat(l.counts().delivered()).isZero();
        l.enableIrq();
        assertThat(l.counts().delivered()).isEqualTo(1);
        l.enableIrq();
        assertThat(log.lines()).containsExactly("kernel: Unbalanced enable for IRQ 20");
    }

    @Test
    void shouldRefuseABusyLineAndStopAfterFree()
    {
        final InterruptLine l = line(InterruptLine.Delivery.THREADED);
        l.requestIrq("first", () -> true);
        assertThatThrownBy(() -> l.requestIrq("second", () -> true)).isInstanceOf(IllegalStateException.class);
        l.freeIrq();
        l.setLevel(true);
        l.synchronizeIrq();
        assertThat(l.counts().delivered()).isZero();
        l.freeIrq();
        assertThat(log.lines()).containsExactly("kernel: Trying to free already-free IRQ 20");
    }

    @Test
    void shouldDeliverALevelAlreadyAssertedAtRequest()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        l.setLevel(true);
        l.requestIrq("late", () ->
        {
            l.setLevel(false);
            return true;
        });
        assertThat(l.counts().delivered()).isEqualTo(1);
    }

    @Test
    void shouldGateIntxThroughTheCommandRegister()
    {
        final PciDevice d = PciBusTest.device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        d.attachInterruptLine(l);
        d.config().write(ConfigSpace.COMMAND, 2, ConfigSpace.COMMAND_INTX_DISABLE);
        d.intxPin().setLevel(true);
        assertThat(l.asserted()).isFalse();
        assertThat(d.config().read(ConfigSpace.STATUS, 2) & ConfigSpace.STATUS_INTERRUPT).isNotZero();
        d.config().write(ConfigSpace.COMMAND, 2, 0);
        assertThat(l.asserted()).isTrue();
        d.intxPin().setLevel(false);
        assertThat(l.asserted()).isFalse();
        assertThat(d.config().read(ConfigSpace.STATUS, 2) & ConfigSpace.STATUS_INTERRUPT).isZero();
    }

    private static void awaitQuietly(final CountDownLatch latch)
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

    @Test
    void shouldReplayAnEdgeThatArrivesWhileTheHandlerRuns()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("snd_hda_intel", () ->
        {
            if (1 == calls.incrementAndGet())
            {
                l.signalEdge();
            }
            return true;
        });
        l.signalEdge();
        assertThat(calls).as("the edge signalled in flight is delivered once more").hasValue(2);
        assertThat(l.edgeCount()).isEqualTo(2);
        assertThat(l.counts().delivered()).isEqualTo(2);
        l.signalEdge();
        assertThat(calls).as("an edge is one delivery, not a level").hasValue(3);
    }

    @Test
    void shouldKeepAnEdgeSignalledWhileDisabledUntilEnabled()
    {
        final InterruptLine l = line(InterruptLine.Delivery.INLINE);
        final AtomicInteger calls = new AtomicInteger();
        l.requestIrq("snd_hda_intel", () ->
        {
            calls.incrementAndGet();
            return true;
        });
        l.disableIrq();
        l.signalEdge();
        l.signalEdge();
        assertThat(calls).hasValue(0);
        l.enableIrq();
        assertThat(calls).as("pending edges replayed once at enable_irq").hasValue(1);
    }
}

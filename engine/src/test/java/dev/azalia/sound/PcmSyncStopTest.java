package dev.azalia.sound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race of the 2019 sync-stop patch: a driver's interrupt handler is already running (it has read the stream's
 * registers and is about to touch its buffer, then call periodElapsed) when the application stops the stream and
 * hw_free / prepare / hw_params tear the buffer down. Sync-stop must make the teardown wait for the handler.
 */
final class PcmSyncStopTest
{
    /** How the core waits out the interrupt. */
    enum SyncVia
    {
        CARD_SYNC_IRQ,
        OPS_SYNC_STOP
    }

    /** The file operation whose driver op tears the stream buffer down. */
    enum Teardown
    {
        HW_FREE,
        PREPARE,
        HW_PARAMS
    }

    /**
     * A driver with an interrupt handler that runs under an "irq descriptor" lock (what synchronize_irq waits
     * for), and whose hwFree / prepare / hwParams tear down and rebuild the stream buffer once armed.
     */
    private static final class RacyDriver implements PcmOps
    {
        final FakePcmOps base = new FakePcmOps();
        final boolean implementsSyncStop;
        final ReentrantLock irqDescriptor = new ReentrantLock();
        final CountDownLatch irqEntered = new CountDownLatch(1);
        final CountDownLatch irqProceed = new CountDownLatch(1);
        final CountDownLatch syncStarted = new CountDownLatch(1);
        final CountDownLatch teardownDone = new CountDownLatch(1);
        final AtomicInteger bufferGeneration = new AtomicInteger();
        final AtomicInteger syncs = new AtomicInteger();
        volatile boolean armed;
        volatile boolean handlerRunning;
        volatile boolean overlap;

        RacyDriver(final boolean implementsSyncStop)
        {
            this.implementsSyncStop = implementsSyncStop;
        }

        /** synchronize_irq: returns once no handler runs. */
        void synchronizeIrq()
        {
            syncs.incrementAndGet();
            syncStarted.countDown();
            irqDescriptor.lock();
            irqDescriptor.unlock();
        }

        /** The interrupt handler, on the irq thread. */
        void handleIrq(final PcmSubstream s) throws InterruptedException
        {
            irqDescriptor.lock();
            try
            {
                handlerRunning = true;
                final int generation = bufferGeneration.get();
                irqEntered.countDown();
                irqProceed.await();
                // the handler now reads the stream's position buffer: it must still be the one it started with
                if (generation != bufferGeneration.get())
                {
                    overlap = true;
                }
                final HwParams p = s.hwParams();
                if (null == p)
                {
                    // the runtime is gone under the handler: the NULL dereference of the original report
                    overlap = true;
                    return;
                }
                base.advance(s, p.periodFrames());
                s.periodElapsed();
            }
            finally
            {
                handlerRunning = false;
                irqDescriptor.unlock();
            }
        }

        private void tearDown()
        {
            if (!armed)
            {
                return;
            }
            if (handlerRunning)
            {
                overlap = true;
            }
            bufferGeneration.incrementAndGet();
            teardownDone.countDown();
        }

        @Override
        public void open(final PcmSubstream s)
        {
            base.open(s);
        }

        @Override
        public void close(final PcmSubstream s)
        {
            base.close(s);
        }

        @Override
        public void hwParams(final PcmSubstream s, final HwParams p)
        {
            tearDown();
            base.hwParams(s, p);
        }

        @Override
        public void hwFree(final PcmSubstream s)
        {
            tearDown();
            base.hwFree(s);
        }

        @Override
        public void prepare(final PcmSubstream s)
        {
            tearDown();
            base.prepare(s);
        }

        @Override
        public void trigger(final PcmSubstream s, final TriggerCommand cmd)
        {
            base.trigger(s, cmd);
        }

        @Override
        public long pointer(final PcmSubstream s)
        {
            return base.pointer(s);
        }

        @Override
        public boolean hasSyncStop()
        {
            return implementsSyncStop;
        }

        @Override
        public void syncStop(final PcmSubstream s)
        {
            synchronizeIrq();
        }
    }

    private static final class Race
    {
        final RacyDriver driver;
        final PcmFixture f;
        final CompletableFuture<Boolean> irq;

        Race(final SyncVia via)
        {
            driver = new RacyDriver(SyncVia.OPS_SYNC_STOP == via);
            f = new PcmFixture(RealTimeWaiter::new, false, new FakePcmOps());
            // the fixture's PCM uses FakePcmOps; make a second PCM on the racy driver
            if (SyncVia.CARD_SYNC_IRQ == via)
            {
                f.card.setSyncIrq(driver::synchronizeIrq);
            }
            else
            {
                f.card.setSyncIrq(() ->
                {
                    throw new AssertionError("ops.syncStop exists: the card sync irq must not be used");
                });
            }
            final PcmSubstream s = f.card.newPcm("racy", driver, PcmFixture.hardware(false), f.memory).playback();
            s.open();
            s.hwParams(PcmFixture.PARAMS);
            s.prepare();
            s.writei(new byte[PcmFixture.PARAMS.bufferBytes()], 0, PcmFixture.PARAMS.bufferFrames());
            assertThat(s.state()).isEqualTo(PcmState.RUNNING);
            driver.armed = true;
            irq = PcmFixture.onThread("irq", () ->
            {
                try
                {
                    driver.handleIrq(s);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return true;
            });
        }

        PcmSubstream s()
        {
            return f.card.pcms().get(1).playback();
        }

        /** On the application thread: stop, then the tearing-down operation. */
        CompletableFuture<Boolean> stopAndTearDown(final Teardown teardown)
        {
            final PcmSubstream s = s();
            return PcmFixture.onThread("app", () ->
            {
                s.drop();
                switch (teardown)
                {
                    case HW_FREE:
                        s.hwFree();
                        break;
                    case PREPARE:
                        s.prepare();
                        break;
                    default:
                        s.hwParams(new HwParams(48_000, 2, 16, 256, 8));
                        break;
                }
                return true;
            });
        }
    }

    static Stream<Arguments> cases()
    {
        return Stream.of(SyncVia.values())
            .flatMap(v -> Stream.of(Teardown.values()).map(t -> Arguments.of(v, t)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldMakeTheTeardownWaitForTheInFlightInterruptHandler(final SyncVia via, final Teardown teardown)
        throws Exception
    {
        final Race race = new Race(via);
        assertThat(race.driver.irqEntered.await(10, TimeUnit.SECONDS)).isTrue();
        final CompletableFuture<Boolean> app = race.stopAndTearDown(teardown);
        assertThat(race.driver.syncStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // the application is in sync-stop; the handler still holds its descriptor, so no teardown happened
        assertThat(race.driver.teardownDone.getCount()).isEqualTo(1);
        assertThat(race.s().stopOperating()).isFalse();
        race.driver.irqProceed.countDown();
        assertThat(app.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(race.irq.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(race.driver.overlap).isFalse();
        assertThat(race.driver.syncs.get()).isEqualTo(1);
        // the late handler found the stream stopped: periodElapsed did nothing
        assertThat(race.s().periodsElapsed()).isZero();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldLetTheTeardownOverlapTheInFlightHandlerWithoutSyncStop(final SyncVia via, final Teardown teardown)
        throws Exception
    {
        final Race race = new Race(via);
        race.s().setSyncStopDisabledForTest(true);
        assertThat(race.driver.irqEntered.await(10, TimeUnit.SECONDS)).isTrue();
        final CompletableFuture<Boolean> app = race.stopAndTearDown(teardown);
        assertThat(race.driver.teardownDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(app.get(10, TimeUnit.SECONDS)).isTrue();
        race.driver.irqProceed.countDown();
        assertThat(race.irq.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(race.driver.overlap).isTrue();
        assertThat(race.driver.syncs.get()).isZero();
    }

    @Test
    void shouldSyncEveryStreamAtTheEndOfSuspendAllAndOnlyOnce()
    {
        final FakePcmOps ops = new FakePcmOps(true);
        final PcmFixture f = new PcmFixture(c -> new VirtualWaiter(c, 1_000_000L), false, ops).running();
        final AtomicInteger cardSyncs = new AtomicInteger();
        f.card.setSyncIrq(cardSyncs::incrementAndGet);
        f.card.suspendAllPcms();
        assertThat(ops.syncStops()).isEqualTo(1);
        assertThat(cardSyncs.get()).isZero();
        assertThat(ops.calls()).endsWith("trigger SUSPEND", "syncStop");
        f.s.prepare();
        assertThat(ops.syncStops()).isEqualTo(1);
    }

    @Test
    void shouldNotSyncWhenNoStopWasIssued()
    {
        final PcmFixture f = PcmFixture.virtual(1_000_000L, false).prepared();
        final AtomicInteger cardSyncs = new AtomicInteger();
        f.card.setSyncIrq(cardSyncs::incrementAndGet);
        f.s.prepare();
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.hwFree();
        assertThat(cardSyncs.get()).isZero();
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.prepare();
        f.s.writei(new byte[PcmFixture.PARAMS.bufferBytes()], 0, PcmFixture.PARAMS.bufferFrames());
        f.s.close();
        assertThat(cardSyncs.get()).isEqualTo(1);
    }
}

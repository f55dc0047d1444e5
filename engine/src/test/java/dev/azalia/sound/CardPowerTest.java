package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class CardPowerTest
{
    private static final long MS = 1_000_000L;

    /** A stereo volume whose get can be held in flight by a latch. */
    private static final class Volume implements ControlElement
    {
        final long[] values = {10, 20};
        volatile CountDownLatch getEntered = new CountDownLatch(0);
        volatile CountDownLatch getRelease = new CountDownLatch(0);

        @Override
        public String name()
        {
            return "Master Playback Volume";
        }

        @Override
        public ControlInfo info()
        {
            return new ControlInfo(ControlType.INTEGER, 2, 0, 87, 1);
        }

        @Override
        public synchronized void get(final long[] out)
        {
            getEntered.countDown();
            try
            {
                getRelease.await();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            System.arraycopy(values, 0, out, 0, values.length);
        }

        @Override
        public synchronized boolean put(final long[] in)
        {
            final boolean changed = values[0] != in[0] || values[1] != in[1];
            System.arraycopy(in, 0, values, 0, values.length);
            return changed;
        }
    }

    private static void assertFailsWith(final CompletableFuture<?> f, final Errno errno)
    {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(errno));
    }

    @Test
    void shouldPassThePowerGateAtOnceInD0WithoutReportingAWait()
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        final List<Long> waits = new ArrayList<>();
        f.card.setGateWaitListener(waits::add);
        f.card.powerRefAndWait();
        assertThat(f.card.powerRefCount()).isEqualTo(1);
        f.card.powerUnref();
        f.card.powerWait();
        assertThat(f.card.powerRefCount()).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldBlockInD3hotWithTheReferenceDroppedAndProceedOnD0() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        final AtomicLong waited = new AtomicLong(-1);
        f.card.setGateWaitListener(waited::set);
        f.card.changePowerState(CardPowerState.D3HOT);
        final CompletableFuture<Integer> caller = PcmFixture.onThread("ioctl", () ->
        {
            f.card.powerRefAndWait();
            final int refs = f.card.powerRefCount();
            f.card.powerUnref();
            return refs;
        });
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        assertThat(f.card.powerRefCount()).isZero();
        f.card.powerSyncRef();
        assertThat(caller).isNotDone();
        f.clock.advance(5 * MS);
        f.card.changePowerState(CardPowerState.D0);
        assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(waited.get()).isEqualTo(5 * MS);
        assertThat(f.card.powerRefCount()).isZero();
    }

    @Test
    void shouldWaitForInFlightReferencesInPowerSyncRef() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        f.card.powerRef();
        final CompletableFuture<Boolean> syncer = PcmFixture.onThread("rescan", () ->
        {
            f.card.powerSyncRef();
            return true;
        });
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        assertThat(syncer).isNotDone();
        f.card.powerUnref();
        assertThat(syncer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(f.card::powerUnref).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldHoldPcmFileOperationsInTheGateWhileD3hot() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        f.s.open();
        f.s.hwParams(PcmFixture.PARAMS);
        f.card.changePowerState(CardPowerState.D3HOT);
        final CompletableFuture<Boolean> app = PcmFixture.onThread("app", () ->
        {
            f.s.prepare();
            return true;
        });
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        assertThat(f.ops.calls()).doesNotContain("prepare");
        f.card.changePowerState(CardPowerState.D0);
        assertThat(app.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
    }

    @Test
    void shouldGateControlReadsLikeLinuxAndCountThemAsInFlight() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        final Volume volume = new Volume();
        f.card.addControl(volume);
        f.card.changePowerState(CardPowerState.D3HOT);
        volume.getEntered = new CountDownLatch(1);
        volume.getRelease = new CountDownLatch(1);
        final CompletableFuture<long[]> mixer = PcmFixture.onThread("mixer",
            () -> f.card.controlRead("Master Playback Volume"));
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        assertThat(volume.getEntered.getCount()).isEqualTo(1);
        f.card.changePowerState(CardPowerState.D0);
        assertThat(volume.getEntered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.card.powerRefCount()).isEqualTo(1);
        // a quiesce now waits for the get already in flight
        f.card.changePowerState(CardPowerState.D3HOT);
        final CompletableFuture<Boolean> quiesce = PcmFixture.onThread("rescan", () ->
        {
            f.card.powerSyncRef();
            return true;
        });
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        assertThat(quiesce).isNotDone();
        volume.getRelease.countDown();
        assertThat(mixer.get(10, TimeUnit.SECONDS)).containsExactly(10, 20);
        assertThat(quiesce.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.card.powerRefCount()).isZero();
    }

    @Test
    void shouldGateControlWritesAndValidateValues() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        final Volume volume = new Volume();
        f.card.addControl(volume);
        assertThatThrownBy(() -> f.card.addControl(volume)).isInstanceOf(SoundException.class);
        assertThat(f.card.control("Master Playback Volume")).isSameAs(volume);
        assertThat(f.card.controls()).containsExactly(volume);
        assertThatThrownBy(() -> f.card.controlWrite("Master Playback Volume", new long[] {88, 0}))
            .isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> f.card.controlWrite("Master Playback Volume", new long[] {1}))
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> f.card.controlRead("PCM Playback Volume"))
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENOENT));
        f.card.changePowerState(CardPowerState.D3HOT);
        final CompletableFuture<Boolean> mixer = PcmFixture.onThread("mixer",
            () -> f.card.controlWrite("Master Playback Volume", new long[] {40, 41}));
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        assertThat(volume.values).containsExactly(10, 20);
        f.card.changePowerState(CardPowerState.D0);
        assertThat(mixer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(volume.values).containsExactly(40, 41);
        assertThat(f.card.controlWrite("Master Playback Volume", new long[] {40, 41})).isFalse();
    }

    @Test
    void shouldFailGateWaitersAndLaterControlAccessWithEnodevOnDisconnect() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        f.card.addControl(new Volume());
        f.card.changePowerState(CardPowerState.D3HOT);
        final CompletableFuture<long[]> mixer = PcmFixture.onThread("mixer",
            () -> f.card.controlRead("Master Playback Volume"));
        PcmFixture.spinUntil(f.card::hasPowerWaitersForTest);
        f.card.disconnect();
        assertFailsWith(mixer, Errno.ENODEV);
        assertThat(f.card.shutdown()).isTrue();
        assertThat(f.card.powerRefCount()).isZero();
        assertThatThrownBy(() -> f.card.controlRead("Master Playback Volume"))
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
        assertThatThrownBy(f.s::open)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
    }

    @Test
    void shouldPassTheGateInD0EvenAfterAShutdownAsLinuxAndFailOnlyAWaiter()
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        f.card.disconnect();
        f.card.powerRefAndWait();
        assertThat(f.card.powerRefCount()).isEqualTo(1);
        f.card.powerUnref();
        f.card.changePowerState(CardPowerState.D3HOT);
        assertThatThrownBy(f.card::powerWait)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
        assertThat(f.card.powerRefCount()).isZero();
    }

    @Test
    void shouldReleaseManagedResourcesInReverseOrderEvenIfOneFails()
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps());
        final List<String> released = new ArrayList<>();
        f.card.addManagedResource("irq", () -> released.add("irq"));
        f.card.addManagedResource("iomap", () ->
        {
            released.add("iomap");
            throw new IllegalStateException("boom");
        });
        f.card.addManagedResource("card", () -> released.add("card"));
        assertThatThrownBy(f.card::releaseManagedResources).hasMessage("boom");
        assertThat(released).containsExactly("card", "iomap", "irq");
        assertThat(f.log.contains("releasing iomap failed")).isTrue();
        f.card.releaseManagedResources();
        assertThat(released).hasSize(3);
    }
}

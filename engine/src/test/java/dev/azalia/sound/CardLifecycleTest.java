package dev.azalia.sound;

import dev.azalia.device.Device;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class CardLifecycleTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final Device device = new Device("0000:00:1b.0");
    private final List<String> released = Collections.synchronizedList(new ArrayList<>());
    private final FakePcmOps ops = new FakePcmOps();
    private Card card;
    private PcmSubstream s;

    /** As a devres-managed driver probes: card first, then iomap and irq, then the PCM, then register. */
    private void probe()
    {
        card = Card.createManaged(device, "PCH", "HDA-Intel", "HDA Intel PCH", log, clock, new RealTimeWaiter(clock));
        device.devres().add("iomap", () -> released.add("iomap"));
        device.devres().add("irq", () -> released.add("irq"));
        card.addManagedResource("pcm buffers", () -> released.add("pcm buffers"));
        s = card.newPcm("ALC880 Analog", ops, PcmFixture.hardware(false), new DmaMemory(1 << 20)).playback();
        card.register();
    }

    @Test
    void shouldReleaseInReverseOrderWithTheCardFirstAndExactlyOnce()
    {
        probe();
        assertThat(device.devres().held()).containsExactly("snd_card PCH", "iomap", "irq", "snd_card_free PCH");
        device.devres().releaseAll(log, "test");
        assertThat(device.devres().released()).containsExactly("snd_card_free PCH", "irq", "iomap", "snd_card PCH");
        assertThat(released).containsExactly("pcm buffers", "irq", "iomap");
        assertThat(card.freed()).isTrue();
        assertThat(log.lines().stream().filter(l -> l.contains("card PCH freed")).count()).isEqualTo(1);
    }

    @Test
    void shouldTouchNothingAfterRelease() throws Exception
    {
        probe();
        s.open();
        s.hwParams(PcmFixture.PARAMS);
        s.prepare();
        final CompletableFuture<Void> release = CompletableFuture.runAsync(
            () -> device.devres().releaseAll(log, "test"));
        PcmFixture.spinUntil(card::shutdown);
        assertThat(released).isEmpty();
        final int callsBeforeClose = ops.calls().size();
        s.close();
        release.get(10, TimeUnit.SECONDS);
        final List<String> afterClose = ops.calls().subList(callsBeforeClose, ops.calls().size());
        assertThat(afterClose).noneMatch(c -> c.startsWith("trigger") || c.startsWith("prepare"));
        assertThat(released).containsExactly("pcm buffers", "irq", "iomap");
        final int callsAfterRelease = ops.calls().size();
        assertFails(s::open, Errno.ENODEV);
        assertThatThrownBy(() -> card.controlRead("x")).isInstanceOf(SoundException.class);
        assertThat(ops.calls()).hasSize(callsAfterRelease);
    }

    @Test
    void shouldWakeABlockedWriteiWithEnodevOnDisconnect() throws Exception
    {
        probe();
        s.open();
        s.hwParams(PcmFixture.PARAMS);
        s.prepare();
        s.writei(new byte[PcmFixture.PARAMS.bufferBytes()], 0, PcmFixture.PARAMS.bufferFrames());
        final CompletableFuture<Integer> writer = PcmFixture.onThread("writer",
            () -> s.writei(new byte[PcmFixture.PARAMS.bufferBytes()], 0, PcmFixture.PARAMS.bufferFrames()));
        PcmFixture.spinUntil(() -> s.isOpen() && PcmState.RUNNING == s.state() && !writer.isDone()
            && lockHasWaiters());
        card.disconnect();
        assertThatThrownBy(() -> writer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .satisfies(e -> assertThat(((SoundException)e.getCause()).errno()).isEqualTo(Errno.ENODEV));
        assertThat(s.state()).isEqualTo(PcmState.DISCONNECTED);
        assertFails(s::prepare, Errno.ENODEV);
        s.close();
        assertThat(card.openFiles()).isZero();
    }

    @Test
    void shouldMakeDisconnectSyncWaitForTheLastClose() throws Exception
    {
        probe();
        s.open();
        final CompletableFuture<Void> sync = CompletableFuture.runAsync(card::disconnectSync);
        PcmFixture.spinUntil(card::hasFileWaitersForTest);
        assertThat(sync).isNotDone();
        s.close();
        sync.get(10, TimeUnit.SECONDS);
        assertThat(card.openFiles()).isZero();
    }

    @Test
    void shouldBlockNewOpensWhileDevicesAreLocked()
    {
        probe();
        card.lockDevices();
        assertFails(s::open, Errno.EBUSY);
        assertFails(card::lockDevices, Errno.EBUSY);
        card.unlockDevices();
        s.open();
        assertFails(card::lockDevices, Errno.EBUSY);
        s.close();
        card.lockDevices();
        card.unlockDevices();
    }

    private boolean lockHasWaiters()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> "writer".equals(t.getName()) && Thread.State.TIMED_WAITING == t.getState());
    }

    private static void assertFails(final Runnable r, final Errno errno)
    {
        assertThatThrownBy(r::run).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(errno));
    }
}

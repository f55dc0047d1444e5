package dev.azalia.sound;

import dev.azalia.device.Device;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.VirtualNanoClock;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * F11/A08: a hot-unplug (the device's managed resources released, as the PCI remove does) in every state of an open
 * substream: the substream goes DISCONNECTED, every call but close gets ENODEV (a blocked drain included), close
 * works, the release waits for it and runs in reverse order, and nothing reaches the driver's ops afterwards.
 */
final class HotUnplugInEveryStateTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final Device device = new Device("0000:00:1b.0");
    private final List<String> released = Collections.synchronizedList(new ArrayList<>());
    private final FakePcmOps ops = new FakePcmOps();
    private Card card;
    private PcmSubstream s;

    /** The states an open substream can be unplugged in. */
    enum At
    {
        OPEN, SETUP, PREPARED, RUNNING, DRAINING, PAUSED, SUSPENDED, XRUN
    }

    @ParameterizedTest
    @EnumSource(At.class)
    void shouldDisconnectTheSubstreamFailItsCallsWithEnodevAndReleaseOnlyAfterClose(final At at) throws Exception
    {
        card = Card.createManaged(device, "PCH", "HDA-Intel", "HDA Intel PCH", log, clock, new RealTimeWaiter(clock));
        device.devres().add("iomap", () -> released.add("iomap"));
        device.devres().add("irq", () -> released.add("irq"));
        card.addManagedResource("pcm buffers", () -> released.add("pcm buffers"));
        s = card.newPcm("ALC880 Analog", ops, PcmFixture.hardware(true), new DmaMemory(1 << 20)).playback();
        card.register();
        final CompletableFuture<Void> drainer = reach(at);
        assertThat(s.state().name()).isEqualTo(at.name());

        final CompletableFuture<Void> release = CompletableFuture.runAsync(
            () -> device.devres().releaseAll(log, "unplug"));
        PcmFixture.spinUntil(card::shutdown);
        PcmFixture.spinUntil(() -> PcmState.DISCONNECTED == s.state());

        if (null != drainer)
        {
            assertThatThrownBy(() -> drainer.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SoundException.class)
                .satisfies(e -> assertThat(((SoundException)e.getCause()).errno()).isEqualTo(Errno.ENODEV));
        }
        assertFails(() -> s.writei(new byte[PcmFixture.PARAMS.periodBytes()], 0, PcmFixture.PARAMS.periodFrames()));
        assertFails(s::prepare);
        assertFails(() -> s.hwParams(PcmFixture.PARAMS));
        assertThat(released).as("nothing is released while the file is open").isEmpty();
        final int callsBeforeClose = ops.calls().size();
        s.close();
        release.get(10, TimeUnit.SECONDS);
        assertThat(released).containsExactly("pcm buffers", "irq", "iomap");
        assertThat(ops.calls().subList(callsBeforeClose, ops.calls().size()))
            .noneMatch(c -> c.startsWith("trigger") || c.startsWith("prepare") || c.startsWith("pointer"));
        final int callsAfterRelease = ops.calls().size();
        assertFails(s::open);
        assertThat(ops.calls()).as("nothing touched after release").hasSize(callsAfterRelease);
    }

    private CompletableFuture<Void> reach(final At at)
    {
        s.open();
        if (at == At.OPEN)
        {
            return null;
        }
        s.hwParams(PcmFixture.PARAMS);
        if (at == At.SETUP)
        {
            return null;
        }
        s.prepare();
        if (at == At.PREPARED)
        {
            return null;
        }
        s.writei(new byte[PcmFixture.PARAMS.bufferBytes()], 0, PcmFixture.PARAMS.bufferFrames());
        PcmFixture.spinUntil(() -> PcmState.RUNNING == s.state());
        switch (at)
        {
            case PAUSED -> s.pause(true);
            case SUSPENDED -> s.suspend();
            case XRUN ->
            {
                ops.reportXrun(true);
                s.updateHwPtr();
                ops.reportXrun(false);
            }
            case DRAINING ->
            {
                final CompletableFuture<Void> drain = new CompletableFuture<>();
                PcmFixture.onThread("drainer", () ->
                {
                    try
                    {
                        s.drain();
                        drain.complete(null);
                    }
                    catch (final RuntimeException e)
                    {
                        drain.completeExceptionally(e);
                    }
                    return null;
                });
                PcmFixture.spinUntil(() -> PcmState.DRAINING == s.state());
                return drain;
            }
            default ->
            {
            }
        }
        return null;
    }

    private static void assertFails(final Runnable r)
    {
        assertThatThrownBy(r::run).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
    }
}

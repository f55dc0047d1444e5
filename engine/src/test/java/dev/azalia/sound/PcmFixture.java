package dev.azalia.sound;

import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.VirtualNanoClock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A card with one PCM on simulated hardware, for the sound-core tests.
 */
final class PcmFixture
{
    /** 48 kHz stereo 16-bit, 256-frame periods, 4 periods: a 1024-frame (4096-byte) ring. */
    static final HwParams PARAMS = new HwParams(48_000, 2, 16, 256, 4);
    static final int FRAME_BYTES = 4;

    final VirtualNanoClock clock = new VirtualNanoClock();
    final KernelLog log = new KernelLog(clock);
    final DmaMemory memory = new DmaMemory(1 << 20);
    final FakePcmOps ops;
    final Waiter waiter;
    final Card card;
    final Pcm pcm;
    final PcmSubstream s;

    PcmFixture(final Function<VirtualNanoClock, Waiter> waiterFactory, final boolean resumeSupported,
        final FakePcmOps ops)
    {
        this.ops = ops;
        this.waiter = waiterFactory.apply(clock);
        this.card = new Card("PCH", "HDA-Intel", "HDA Intel PCH", log, clock, waiter);
        this.pcm = card.newPcm("ALC880 Analog", ops, hardware(resumeSupported), memory);
        this.s = pcm.playback();
        card.register();
    }

    static PcmHardware hardware(final boolean resumeSupported)
    {
        return new PcmHardware(new int[] {44_100, 48_000}, 1, 2, new int[] {16, 24}, 64, 65_536, 2, 32,
            256 * 1024, resumeSupported);
    }

    /** A fixture whose waiter advances the virtual clock by {@code stepNanos} per wait and runs the hardware. */
    static PcmFixture virtual(final long stepNanos, final boolean resumeSupported)
    {
        return new PcmFixture(c -> new VirtualWaiter(c, stepNanos), resumeSupported, new FakePcmOps());
    }

    /** A fixture whose waiter really sleeps (for tests with several threads). */
    static PcmFixture threaded(final FakePcmOps ops)
    {
        return new PcmFixture(RealTimeWaiter::new, false, ops);
    }

    VirtualWaiter virtualWaiter()
    {
        return (VirtualWaiter)waiter;
    }

    /** Open, hw_params, prepare. */
    PcmFixture prepared()
    {
        s.open();
        s.hwParams(PARAMS);
        s.prepare();
        return this;
    }

    /** Prepared, then a full buffer written (auto-start): RUNNING. */
    PcmFixture running()
    {
        prepared();
        s.writei(new byte[PARAMS.bufferBytes()], 0, PARAMS.bufferFrames());
        return this;
    }

    /** One period of simulated DMA followed by its interrupt. */
    void playPeriod()
    {
        ops.advance(s, PARAMS.periodFrames());
        s.periodElapsed();
    }

    static <T> CompletableFuture<T> onThread(final String name, final Supplier<T> body)
    {
        final CompletableFuture<T> f = new CompletableFuture<>();
        final Thread t = new Thread(() ->
        {
            try
            {
                f.complete(body.get());
            }
            catch (final Throwable e)
            {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Spins (no sleeping) until {@code condition} holds; fails after 10 s so a broken test cannot hang. */
    static void spinUntil(final BooleanSupplier condition)
    {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - giveUp > 0)
            {
                throw new AssertionError("condition not reached");
            }
            Thread.onSpinWait();
        }
    }
}

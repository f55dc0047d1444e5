package dev.azalia.sound;

import dev.azalia.time.VirtualNanoClock;

import java.util.concurrent.locks.Condition;

/**
 * A {@link Waiter} for single-threaded virtual-time runs: each wait advances the clock by one step and runs the
 * "hardware" inline (which may call {@link PcmSubstream#periodElapsed()}; the stream lock is reentrant).
 */
final class VirtualWaiter implements Waiter
{
    private final VirtualNanoClock clock;
    private final long stepNanos;
    private volatile Runnable hardware = () ->
    {
    };
    private int awaits;

    VirtualWaiter(final VirtualNanoClock clock, final long stepNanos)
    {
        this.clock = clock;
        this.stepNanos = stepNanos;
    }

    void setHardware(final Runnable step)
    {
        this.hardware = step;
    }

    int awaits()
    {
        return awaits;
    }

    @Override
    public boolean await(final Condition condition, final long deadlineNanos)
    {
        awaits++;
        clock.advance(stepNanos);
        hardware.run();
        return clock.nanoTime() < deadlineNanos;
    }
}

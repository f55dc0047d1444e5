package dev.azalia.hda;

import dev.azalia.time.VirtualNanoClock;

/**
 * A deterministic link clock for tests and virtual-time playback: nothing happens until the owner steps it; each
 * step moves the {@link VirtualNanoClock} forward and runs {@link HdaController#advance()} on the calling thread.
 * It is the controller's {@link LinkTimer}: a step also stops at every link frame boundary the command engine asked
 * for and runs {@link HdaController#runCommandFrames()} there.
 *
 * <p>Single-threaded: the owner calls {@link #step} and {@link #stepToNextEvent} from one thread. {@link #start()}
 * and {@link #stop()} do nothing (there is no thread).
 */
public final class VirtualLinkClock implements LinkClock
{
    private final HdaController controller;
    private final VirtualNanoClock clock;
    private final long tickNanos;
    private long wakeNanos = Long.MAX_VALUE;

    /**
     * A virtual clock with ticks of at most {@code tickNanos}.
     *
     * @param controller the controller to step; it must use {@code clock} as its time base.
     * @param clock      the virtual time.
     * @param tickNanos  the largest single step, positive.
     */
    public VirtualLinkClock(final HdaController controller, final VirtualNanoClock clock, final long tickNanos)
    {
        if (tickNanos <= 0)
        {
            throw new IllegalArgumentException("tick must be positive: " + tickNanos + " ns");
        }
        this.controller = controller;
        this.clock = clock;
        this.tickNanos = tickNanos;
        controller.setLinkTimer(at -> wakeNanos = Math.min(wakeNanos, at));
    }

    /**
     * A virtual clock with 1 ms ticks.
     *
     * @param controller the controller to step.
     * @param clock      the virtual time.
     */
    public VirtualLinkClock(final HdaController controller, final VirtualNanoClock clock)
    {
        this(controller, clock, RealtimeLinkClock.DEFAULT_TICK_NANOS);
    }

    /** Does nothing: a virtual clock only moves in {@link #step}. */
    @Override
    public void start()
    {
    }

    /** Does nothing: a virtual clock only moves in {@link #step}. */
    @Override
    public void stop()
    {
    }

    /**
     * Moves time forward by {@code nanos} in ticks of at most the tick size, running the DMA step after each.
     *
     * @param nanos how far, not negative.
     */
    public void step(final long nanos)
    {
        if (nanos < 0)
        {
            throw new IllegalArgumentException("time never runs backwards: " + nanos + " ns");
        }
        long left = nanos;
        while (left > 0)
        {
            final long d = Math.min(left, tickNanos);
            final long tickEnd = clock.nanoTime() + d;
            runCommandFramesUntil(tickEnd);
            clock.advance(tickEnd - clock.nanoTime());
            controller.advance();
            left -= d;
        }
    }

    /** Stops at each frame boundary the command engine asked for, up to {@code endNanos}, and runs it there. */
    private void runCommandFramesUntil(final long endNanos)
    {
        while (wakeNanos <= endNanos)
        {
            if (wakeNanos > clock.nanoTime())
            {
                clock.advance(wakeNanos - clock.nanoTime());
            }
            wakeNanos = Long.MAX_VALUE;
            controller.runCommandFrames();
        }
    }

    /**
     * Jumps straight to {@link HdaController#nextEventNanos()} (the next IOC completion) and runs the DMA step.
     *
     * @return false if no running stream has an event ahead (time did not move).
     */
    public boolean stepToNextEvent()
    {
        final long next = controller.nextEventNanos();
        if (next == Long.MAX_VALUE)
        {
            return false;
        }
        final long now = clock.nanoTime();
        if (next > now)
        {
            clock.advance(next - now);
        }
        controller.advance();
        return true;
    }
}

package dev.azalia.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to. Tests and virtual-clock playback step it explicitly, so a minute of
 * audio runs as fast as the CPU allows and the same inputs give the same results.
 *
 * <p>Thread-safe: reads are volatile, {@link #advance(long)} is atomic. Usually one thread (the test, or the
 * virtual link clock) advances it.
 */
public final class VirtualNanoClock implements NanoClock
{
    private final AtomicLong nowNanos;

    /**
     * A clock starting at {@code startNanos}.
     *
     * @param startNanos the initial reading in nanoseconds.
     */
    public VirtualNanoClock(final long startNanos)
    {
        this.nowNanos = new AtomicLong(startNanos);
    }

    /** A clock starting at zero. */
    public VirtualNanoClock()
    {
        this(0L);
    }

    /** {@inheritDoc} */
    @Override
    public long nanoTime()
    {
        return nowNanos.get();
    }

    /**
     * Moves the clock forward.
     *
     * @param deltaNanos how far, in nanoseconds; must not be negative.
     * @return the new reading in nanoseconds.
     * @throws IllegalArgumentException if {@code deltaNanos} is negative (time never runs backwards).
     */
    public long advance(final long deltaNanos)
    {
        if (deltaNanos < 0)
        {
            throw new IllegalArgumentException("a clock never runs backwards: " + deltaNanos + " ns");
        }
        return nowNanos.addAndGet(deltaNanos);
    }
}

package dev.azalia.sound;

import dev.azalia.time.NanoClock;

import java.util.concurrent.locks.Condition;

/**
 * The real-time {@link Waiter}: sleeps on the condition ({@link Condition#awaitNanos}, which releases its lock) until
 * signalled or until the deadline. The clock must run in real time (e.g. {@link dev.azalia.time.SystemNanoClock});
 * with a virtual clock that nobody advances the deadline would only be reached by real sleeping.
 */
public final class RealTimeWaiter implements Waiter
{
    private final NanoClock clock;

    /**
     * A waiter measuring deadlines on {@code clock}.
     *
     * @param clock a clock that runs in real time.
     */
    public RealTimeWaiter(final NanoClock clock)
    {
        this.clock = clock;
    }

    /** {@inheritDoc} */
    @Override
    public boolean await(final Condition condition, final long deadlineNanos) throws InterruptedException
    {
        final long remainingNanos = deadlineNanos - clock.nanoTime();
        if (remainingNanos <= 0)
        {
            return false;
        }
        condition.awaitNanos(remainingNanos);
        return clock.nanoTime() - deadlineNanos < 0;
    }
}

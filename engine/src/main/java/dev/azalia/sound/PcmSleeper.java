package dev.azalia.sound;

import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The sleeps of a substream's writer and drainer on {@code runtime->sleep} with Linux 6.1's no-progress timeout
 * ({@code wait_for_avail}, the wait loop of {@code snd_pcm_drain}): the sleeper is woken by every {@code hw_ptr}
 * move and state change, re-checks its condition, and fails once the hardware played nothing for the timeout. The
 * timeout restarts whenever frames were played (Linux restarts it at every wake-up, which comes from progress), and
 * while the stream is paused.
 *
 * <p>Threads: every method runs under the owning substream's stream lock, which {@link #await} releases while it
 * sleeps (through the card's {@link Waiter}). Allocates nothing: the conditions are bound once by the owner.
 */
final class PcmSleeper
{
    /** Linux 6.1's least timeout: 10 s. */
    static final long MIN_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final Card card;
    private final Condition sleep;
    private final Supplier<String> name;
    private long setTimeoutNanos;

    /**
     * A sleeper on {@code sleep}.
     *
     * @param card  the card (clock and waiter).
     * @param sleep the condition of the stream lock the sleepers wait on.
     * @param name  the substream's name, for the interrupt message.
     */
    PcmSleeper(final Card card, final Condition sleep, final Supplier<String> name)
    {
        this.card = card;
        this.sleep = sleep;
        this.name = name;
    }

    /**
     * Sets the timeout; 0 or less restores the default.
     *
     * @param timeoutNanos nanoseconds.
     */
    void setTimeoutNanos(final long timeoutNanos)
    {
        setTimeoutNanos = Math.max(0L, timeoutNanos);
    }

    /**
     * The timeout: the value set, or Linux 6.1's {@code max(10, 2 * period_size / rate)} seconds, the division in
     * whole seconds (6.4 changed it to 1.1 buffers, at least 100 ms).
     *
     * @param p the hardware parameters, or null before hw_params (10 s).
     * @return nanoseconds.
     */
    long timeoutNanos(final HwParams p)
    {
        if (setTimeoutNanos > 0)
        {
            return setTimeoutNanos;
        }
        return null == p ? MIN_TIMEOUT_NANOS
            : Math.max(MIN_TIMEOUT_NANOS, 2L * p.periodFrames() / p.sampleRate() * SECOND_NANOS);
    }

    /**
     * Sleeps until {@code ready} holds or the hardware makes no progress for {@code timeoutNanos}.
     *
     * @param ready        checked before every sleep and after the timeout; may throw to end the wait.
     * @param paused       whether the stream is paused (no timeout then).
     * @param ptrs         the pointers, whose {@code framesPlayed} tells progress.
     * @param timeoutNanos the no-progress timeout.
     * @return true when ready, false on timeout.
     * @throws SoundException {@link Errno#EINTR} if the thread was interrupted, or what {@code ready} throws.
     */
    boolean awaitProgress(final BooleanSupplier ready, final BooleanSupplier paused, final PcmPointers ptrs,
        final long timeoutNanos)
    {
        long deadline = saturatingAdd(card.clock().nanoTime(), timeoutNanos);
        long lastPlayed = ptrs.framesPlayed();
        while (!ready.getAsBoolean())
        {
            final boolean inTime = await(deadline);
            if (ptrs.framesPlayed() != lastPlayed)
            {
                lastPlayed = ptrs.framesPlayed();
                deadline = saturatingAdd(card.clock().nanoTime(), timeoutNanos);
            }
            else if (!inTime)
            {
                if (!paused.getAsBoolean())
                {
                    return ready.getAsBoolean();
                }
                deadline = saturatingAdd(card.clock().nanoTime(), timeoutNanos);
            }
        }
        return true;
    }

    private boolean await(final long deadlineNanos)
    {
        try
        {
            return card.waiter().await(sleep, deadlineNanos);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new SoundException(Errno.EINTR, name.get() + ": interrupted while waiting", e);
        }
    }

    private static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}

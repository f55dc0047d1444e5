package dev.azalia.sound;

import dev.azalia.time.NanoClock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * A card's power gate ({@code snd_power_*}, Linux 5.14 and later): the power state, the in-flight reference count
 * that every hardware-touching entry point holds, the sleepers waiting for D0, and {@code card->shutdown}, which
 * releases them with {@link Errno#ENODEV}. {@link Card} documents the protocol.
 *
 * <p>Threading: any thread; the gate's own lock (the "power lock") guards the sleeps, and {@link Waiter}s run with
 * it held. The state, the shutdown flag and the count are readable without it.
 */
final class CardPowerGate
{
    private final String cardId;
    private final NanoClock clock;
    private final Waiter waiter;
    private final ReentrantLock powerLock = new ReentrantLock();
    /** {@code card->power_sleep}: waiters for D0 or shutdown. */
    private final Condition powerSleep = powerLock.newCondition();
    /** {@code card->power_ref_sleep}: waiters for the reference count to reach 0. */
    private final Condition powerRefSleep = powerLock.newCondition();
    private final AtomicInteger powerRefs = new AtomicInteger();
    private volatile CardPowerState powerState = CardPowerState.D0;
    private volatile boolean shutdown;
    private volatile LongConsumer gateWaitListener;

    /**
     * An open gate: D0, no reference, not shut down.
     *
     * @param cardId the card's id, for error messages.
     * @param clock  the clock gate waits are measured on.
     * @param waiter how blocked callers wait.
     */
    CardPowerGate(final String cardId, final NanoClock clock, final Waiter waiter)
    {
        this.cardId = cardId;
        this.clock = clock;
        this.waiter = waiter;
    }

    CardPowerState state()
    {
        return powerState;
    }

    /** {@code snd_power_change_state}: sets the state and wakes every sleeper to re-check. */
    void changeState(final CardPowerState state)
    {
        powerLock.lock();
        try
        {
            powerState = state;
            powerSleep.signalAll();
        }
        finally
        {
            powerLock.unlock();
        }
    }

    void ref()
    {
        powerRefs.incrementAndGet();
    }

    /** {@code snd_power_unref}; the last one wakes {@link #syncRef()}. */
    void unref()
    {
        final int left = powerRefs.decrementAndGet();
        if (left < 0)
        {
            powerRefs.incrementAndGet();
            throw new IllegalStateException("power reference count underflow");
        }
        if (left == 0)
        {
            powerLock.lock();
            try
            {
                powerRefSleep.signalAll();
            }
            finally
            {
                powerLock.unlock();
            }
        }
    }

    int refCount()
    {
        return powerRefs.get();
    }

    /** {@code snd_power_ref_and_wait}: see {@link Card#powerRefAndWait()}. */
    void refAndWait()
    {
        ref();
        if (CardPowerState.D0 == powerState)
        {
            return;
        }
        final long startNanos = clock.nanoTime();
        boolean waited = false;
        powerLock.lock();
        try
        {
            while (!shutdown && CardPowerState.D0 != powerState)
            {
                waited = true;
                unref();
                try
                {
                    waiter.await(powerSleep, Long.MAX_VALUE);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    throw new SoundException(Errno.EINTR, "interrupted while waiting for power state D0", e);
                }
                finally
                {
                    ref();
                }
            }
        }
        finally
        {
            powerLock.unlock();
        }
        if (waited)
        {
            final LongConsumer listener = gateWaitListener;
            if (null != listener)
            {
                listener.accept(clock.nanoTime() - startNanos);
            }
        }
        if (shutdown)
        {
            throw new SoundException(Errno.ENODEV, "card " + cardId + " is shut down");
        }
    }

    /** {@code snd_power_wait}: {@link #refAndWait()} then {@link #unref()}. */
    void await()
    {
        try
        {
            refAndWait();
        }
        finally
        {
            unref();
        }
    }

    /** {@code snd_power_sync_ref}: waits until no in-flight reference is held. */
    void syncRef()
    {
        powerLock.lock();
        try
        {
            while (powerRefs.get() != 0)
            {
                waiter.await(powerRefSleep, Long.MAX_VALUE);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new SoundException(Errno.EINTR, "interrupted while syncing power references", e);
        }
        finally
        {
            powerLock.unlock();
        }
    }

    void setWaitListener(final LongConsumer waitedNanos)
    {
        this.gateWaitListener = waitedNanos;
    }

    /** {@code card->shutdown}. */
    boolean isShutdown()
    {
        return shutdown;
    }

    /** Sets {@code card->shutdown}; sleepers see it when woken by {@link #wakeSleepers()}. */
    void markShutdown()
    {
        shutdown = true;
    }

    /** Wakes every caller sleeping for D0 to re-check (after shutdown: they fail with ENODEV). */
    void wakeSleepers()
    {
        powerLock.lock();
        try
        {
            powerSleep.signalAll();
        }
        finally
        {
            powerLock.unlock();
        }
    }

    boolean hasWaitersForTest()
    {
        powerLock.lock();
        try
        {
            return powerLock.hasWaiters(powerSleep) || powerLock.hasWaiters(powerRefSleep);
        }
        finally
        {
            powerLock.unlock();
        }
    }
}

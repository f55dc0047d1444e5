package dev.azalia.link;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * {@link ConsumerMode#PRODUCER_POLLS}: no handler threads. Every handler has a Disruptor {@code EventPoller}
 * ({@link HandlerPoller}) whose sequence gates the ring; the producer's own thread polls them all every
 * {@link #POLL_EVERY_EVENTS} events, whenever the ring is full (instead of waiting for a consumer), in
 * {@link #awaitDrained} and in {@link #halt()}. A publish signals nobody ({@link #NO_WAIT}).
 *
 * <p>Threading: normally only the producer's thread polls. {@link #awaitDrained} and {@link #halt()} may come from
 * another thread: a poll runs only while holding a flag taken by compare-and-set (volatile semantics) and released
 * with a release store, so polls never overlap and each one happens-after the previous, whatever its thread (the
 * handlers' plain fields stay consistent). A thread that finds the flag taken skips its poll (from
 * {@link #published}) or yields and tries again.
 */
final class PolledConsumers implements LinkConsumers
{
    /** Poll after every this many events (a power of two): the handlers lag the producer by at most that many. */
    static final int POLL_EVERY_EVENTS = 8;

    /** A wait strategy that nobody waits on: publishing signals nothing, waiting is refused. */
    static final WaitStrategy NO_WAIT = new WaitStrategy()
    {
        @Override
        public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
            final SequenceBarrier barrier) throws AlertException
        {
            throw new UnsupportedOperationException("a polled link ring has no waiting consumers");
        }

        @Override
        public void signalAllWhenBlocking()
        {
        }
    };

    private static final VarHandle POLLING;

    static
    {
        try
        {
            POLLING = MethodHandles.lookup().findVarHandle(PolledConsumers.class, "polling", int.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RingBuffer<AudioEvent> ring;
    private final HandlerPoller[] pollers;
    /** 1 while a thread polls; compare-and-set to take, setRelease to give back. */
    @SuppressWarnings("unused")
    private int polling;
    /** Written and read only while holding {@link #polling}. */
    private boolean halted;

    /**
     * Pollers for {@code handlers} on {@code ring}, gating it from now on.
     *
     * @param ring     the ring; created with {@link #NO_WAIT}.
     * @param handlers the handlers, in the order they were added.
     * @param failures where failures are recorded.
     */
    PolledConsumers(final RingBuffer<AudioEvent> ring, final List<LinkHandler> handlers, final LinkFailures failures)
    {
        this.ring = ring;
        this.pollers = new HandlerPoller[handlers.size()];
        for (int i = 0; i < pollers.length; i++)
        {
            pollers[i] = new HandlerPoller(ring, handlers.get(i), failures);
        }
    }

    /** {@inheritDoc} Runs every handler's {@code onStart} on the calling thread. */
    @Override
    public void start()
    {
        takeFlag();
        try
        {
            for (final HandlerPoller p : pollers)
            {
                p.start();
            }
        }
        finally
        {
            POLLING.setRelease(this, 0);
        }
    }

    /** {@inheritDoc} Polls every {@link #POLL_EVERY_EVENTS} events. */
    @Override
    public void published(final long sequence)
    {
        if ((POLL_EVERY_EVENTS - 1) == (sequence & (POLL_EVERY_EVENTS - 1)))
        {
            tryPoll();
        }
    }

    /** {@inheritDoc} Polls (the handlers free every slot); yields if another thread is polling. */
    @Override
    public void ringFull()
    {
        if (!tryPoll())
        {
            Thread.yield();
        }
    }

    /** {@inheritDoc} Polls on the calling thread until every handler reached {@code target}. */
    @Override
    public boolean awaitDrained(final long target, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            tryPoll();
            if (ring.getMinimumGatingSequence() >= target)
            {
                return true;
            }
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            Thread.yield();
        }
    }

    /** {@inheritDoc} Hands the handlers what was published before, then runs their {@code onShutdown}. */
    @Override
    public void halt()
    {
        takeFlag();
        try
        {
            if (halted)
            {
                return;
            }
            pollAll();
            halted = true;
            for (final HandlerPoller p : pollers)
            {
                p.shutdown();
            }
        }
        finally
        {
            POLLING.setRelease(this, 0);
        }
    }

    /** Polls every handler unless another thread is polling; returns false if it did not poll. */
    private boolean tryPoll()
    {
        if (!POLLING.compareAndSet(this, 0, 1))
        {
            return false;
        }
        try
        {
            if (!halted)
            {
                pollAll();
            }
        }
        finally
        {
            POLLING.setRelease(this, 0);
        }
        return true;
    }

    private void pollAll()
    {
        for (final HandlerPoller p : pollers)
        {
            p.poll();
        }
    }

    private void takeFlag()
    {
        while (!POLLING.compareAndSet(this, 0, 1))
        {
            Thread.yield();
        }
    }
}

package dev.azalia.link;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * One {@link LinkHandler} driven by a Disruptor {@link EventPoller}: {@link #poll()} hands the handler every event
 * published since the last poll, in order, and then advances the poller's sequence, which gates the producer (the
 * ring never overwrites a slot this handler has not seen).
 *
 * <p>Memory ordering (the Disruptor's): the producer writes a slot and publishes it with a release store of the
 * ring's cursor; {@code poll} reads the cursor with an acquire load before reading the slots up to it, and after
 * handling them stores its sequence with release semantics, which the producer's claim reads (acquire) before it
 * reuses a slot. So a slot's contents are complete when a handler sees it and are not overwritten while it does.
 *
 * <p>Threading: one thread at a time calls {@link #poll()}, {@link #start()} and {@link #shutdown()}; callers that
 * poll from more than one thread hand over with a happens-before edge (see {@link PolledConsumers}). An exception
 * from the handler is recorded and the event counts as consumed, as a {@code BatchEventProcessor} does.
 */
final class HandlerPoller implements EventPoller.Handler<AudioEvent>
{
    private final LinkHandler handler;
    private final LinkFailures failures;
    private final EventPoller<AudioEvent> poller;

    /**
     * A poller gating {@code ring}. Create it before the first publish.
     *
     * @param ring     the ring.
     * @param handler  the handler it drives.
     * @param failures where the handler's failures are recorded.
     */
    HandlerPoller(final RingBuffer<AudioEvent> ring, final LinkHandler handler, final LinkFailures failures)
    {
        this.handler = handler;
        this.failures = failures;
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    /** The sequence of the last event handled (gates the producer). */
    Sequence sequence()
    {
        return poller.getSequence();
    }

    /** The handler. */
    LinkHandler handler()
    {
        return handler;
    }

    /** Calls {@link LinkHandler#onStart()}, recording a failure. */
    void start()
    {
        try
        {
            handler.onStart();
        }
        catch (final Throwable t)
        {
            failures.startFailed(handler.name(), t);
        }
    }

    /**
     * Handles every event published so far.
     *
     * @return true if there was at least one.
     */
    boolean poll()
    {
        try
        {
            return EventPoller.PollState.PROCESSING == poller.poll(this);
        }
        catch (final Exception e)
        {
            // onEvent below catches everything, so the poller itself cannot throw; kept for the signature
            failures.eventFailed(handler.name(), poller.getSequence().get() + 1, e);
            return false;
        }
    }

    /** Calls {@link LinkHandler#onShutdown()}, recording a failure. */
    void shutdown()
    {
        try
        {
            handler.onShutdown();
        }
        catch (final Throwable t)
        {
            failures.shutdownFailed(handler.name(), t);
        }
    }

    /** {@inheritDoc} Hands the event to the handler; a failure is recorded and polling goes on. */
    @Override
    public boolean onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            handler.onEvent(event, sequence, endOfBatch);
        }
        catch (final Throwable t)
        {
            failures.eventFailed(handler.name(), sequence, t);
        }
        return true;
    }
}

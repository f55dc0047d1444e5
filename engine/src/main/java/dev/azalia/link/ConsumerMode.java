package dev.azalia.link;

/**
 * Which threads run a {@link LinkRing}'s handlers. Every mode gives every handler every event once, in sequence
 * order, gates the producer by the slowest handler, and records handler failures the same way; they differ only in
 * the threads that call the handlers and in how a consumer learns of a new event.
 */
public enum ConsumerMode
{
    /**
     * Every handler on its own daemon thread (a Disruptor {@code BatchEventProcessor}), waiting with the ring's
     * wait strategy: the first {@link SinkWriter} on {@code link-sink}, every other handler on {@code link-probe-N}.
     */
    THREAD_PER_HANDLER,

    /**
     * For the real clock: only handlers that may block ({@link LinkHandler#blocks()}, the sink writer) get a thread
     * (as in {@link #THREAD_PER_HANDLER}); handlers that never block are polled by the thread of the first blocking
     * handler (a {@link SinkWriter} if there is one) after each of its events, so the probes run right after each
     * sink write without threads of their own. Without a blocking handler one {@code link-probe-0} thread polls them.
     */
    SINK_THREAD_POLLS,

    /**
     * For the virtual clock: no handler threads. The producer's thread (the one that runs the virtual kernel) polls
     * every handler's Disruptor {@code EventPoller} every few events, whenever the ring is full (instead of waiting
     * for a consumer), in {@link LinkRing#awaitDrained} and in {@link LinkRing#close()}. A publish wakes nobody.
     */
    PRODUCER_POLLS
}

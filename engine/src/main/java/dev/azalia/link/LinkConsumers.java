package dev.azalia.link;

/**
 * How a {@link LinkRing}'s handlers get its events ({@link ConsumerMode}): the ring calls these from its producer
 * and from the threads that wait for or close it. Implementations: {@link ThreadedConsumers} (handler threads) and
 * {@link PolledConsumers} (the producer's thread polls).
 */
interface LinkConsumers
{
    /** Starts consuming; called once, before the first publish, from the thread that starts the ring. */
    void start();

    /**
     * The producer published {@code sequence}; called on the producer's thread after each publish.
     *
     * @param sequence the sequence just published.
     */
    void published(long sequence);

    /** The producer found no free slot; returns once a slot may have been freed (after polling, or a back-off). */
    void ringFull();

    /**
     * Waits until every handler has consumed {@code target} (real time, whatever the link clock).
     *
     * @param target       the sequence to reach.
     * @param timeoutNanos the longest wait.
     * @return true if reached.
     */
    boolean awaitDrained(long target, long timeoutNanos);

    /** Stops consuming: handlers see no further event; their {@link LinkHandler#onShutdown()} runs. Once. */
    void halt();
}

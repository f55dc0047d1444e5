package dev.azalia.link;

/**
 * A consumer of the link ring: the sink writer or a probe. Each handler added to a {@link LinkRing} sees every
 * published event once, in sequence order.
 *
 * <p>Threading: the ring's {@link ConsumerMode} decides which thread calls the handler (its own thread, the sink
 * writer's thread, or the producer's); one thread at a time, with a happens-before edge from one call to the next
 * (so plain fields suffice for the handler's own state). An exception thrown by any method is caught by the ring,
 * logged and recorded ({@link LinkRing#failures()}); the handler then continues with the next event.
 */
public interface LinkHandler
{
    /**
     * Consumes one event. Must not keep a reference to {@code event} or its PCM after returning; must not allocate
     * per event on the steady-state path.
     *
     * @param event      the slot, valid only during the call.
     * @param sequence   its ring sequence number (0, 1, 2 ...).
     * @param endOfBatch whether it is the last event currently available.
     * @throws Exception on failure; recorded by the ring.
     */
    void onEvent(AudioEvent event, long sequence, boolean endOfBatch) throws Exception;

    /**
     * Called before the first event: on the handler's thread, or, when polled by the producer, on the thread that
     * starts the ring.
     */
    default void onStart()
    {
    }

    /**
     * Called after the last event, when the ring halts: on the handler's thread, or, when polled by the producer, on
     * the thread that closes the ring.
     */
    default void onShutdown()
    {
    }

    /**
     * Whether this handler may block (wait for a device, a file, a lock held elsewhere). A handler that may block
     * gets a thread of its own on the real clock; one that never blocks (a probe, a detector: CPU work on the event
     * and nothing else) is polled by another handler's thread ({@link ConsumerMode#SINK_THREAD_POLLS}). The safe
     * default is true.
     *
     * @return true unless the handler never blocks.
     */
    default boolean blocks()
    {
        return true;
    }

    /**
     * A short name for logs and reports, e.g. {@code "sink"}, {@code "frame-sequence"}.
     *
     * @return the name.
     */
    String name();
}

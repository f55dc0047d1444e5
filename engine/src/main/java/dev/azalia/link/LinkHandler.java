package dev.azalia.link;

/**
 * A consumer of the link ring: the sink writer or a probe. Each handler added to a {@link LinkRing} runs on its own
 * daemon thread and sees every published event, in sequence order.
 *
 * <p>Called from the handler's thread only. An exception thrown by any method is caught by the ring, logged and
 * recorded ({@link LinkRing#failures()}); the handler then continues with the next event.
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

    /** Called on the handler's thread before the first event. */
    default void onStart()
    {
    }

    /** Called on the handler's thread after the last event, when the ring halts. */
    default void onShutdown()
    {
    }

    /**
     * A short name for logs and reports, e.g. {@code "sink"}, {@code "frame-sequence"}.
     *
     * @return the name.
     */
    String name();
}

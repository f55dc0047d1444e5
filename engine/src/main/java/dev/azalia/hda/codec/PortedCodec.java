package dev.azalia.hda.codec;

/**
 * An emulated codec whose side of the link is a {@link CodecPort}: the address, the bus, the verb path, the verb and
 * drop counters and the stop of a controller's stream are the port's, the same for every such codec; the codec adds
 * its nodes, its sample path and its read-backs.
 *
 * <p>Threading: as {@link EmulatedCodec}; {@link #streamStopped} and {@link #deliverPendingEvents} are called from the
 * link clock thread only.
 */
public interface PortedCodec extends EmulatedCodec
{
    /**
     * The codec's port. For the codec's own implementation: the methods the port documents "under the lock" or
     * "outside the lock" belong to the codec's sample path and are not for other callers.
     *
     * @return the port (the same for the codec's lifetime).
     */
    CodecPort port();

    /**
     * {@inheritDoc}
     */
    @Override
    default int address()
    {
        return port().address();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Thread-safe; a jack event after this call goes to the new bus.
     */
    @Override
    default void attach(final CodecBus bus)
    {
        port().attach(bus);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    default void observe(final VerbObserver verbObserver)
    {
        port().observe(verbObserver);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The CAd field is not checked (the controller routes by address). A node that does not exist, or a verb a
     * node does not implement, answers 0 and counts in {@link #unknownVerbs()}.
     */
    @Override
    default int execute(final int verb)
    {
        return port().execute(verb);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    default long verbsExecuted()
    {
        return port().verbsExecuted();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    default long unknownVerbs()
    {
        return port().unknownVerbs();
    }

    /**
     * Bytes of stream data the codec did not output because no converter was bound to the tag (or, for a codec that
     * renders one pin, no pin was listened).
     *
     * @return total bytes since creation.
     */
    default long droppedStreamBytes()
    {
        return port().droppedStreamBytes();
    }

    /**
     * Unsolicited responses sent to the bus.
     *
     * @return count since creation.
     */
    default long unsolicitedSent()
    {
        return port().unsolicitedSent();
    }

    /**
     * The controller's stream with this tag stopped (RUN cleared): the converters receiving it stop, and the stops
     * due are delivered ({@link #deliverPendingEvents}). Link clock thread only.
     *
     * @param streamTag the stream tag 1 ... 15.
     */
    default void streamStopped(final int streamTag)
    {
        port().stopReceiving(streamTag);
        deliverPendingEvents();
    }

    /**
     * Delivers the {@link DacOutput#onStreamStop} due since the last delivery (a converter's tag or format changed by
     * a verb or a reset, or its stream stopped). Link clock thread only.
     */
    void deliverPendingEvents();
}

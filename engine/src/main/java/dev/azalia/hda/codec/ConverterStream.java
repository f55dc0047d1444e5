package dev.azalia.hda.codec;

/**
 * One converter's stream binding, as every emulated codec keeps it: the stream tag and channel
 * (SET_CHANNEL_STREAMID), the stream format (SET_STREAM_FORMAT), whether the converter is receiving a running stream,
 * and whether a stop is due because a verb or a reset changed the tag or the format while it was receiving. The output
 * converters of a codec are gathered in its {@link CodecPort}, which starts and stops them on the link side.
 *
 * <p>Not thread-safe: guarded by the owning codec's lock ({@link CodecPort#lock()}). The delivery snapshot
 * ({@link #stopDue()}, {@link #bound()}, {@link #startDue()}) is taken under that lock on the link clock thread and
 * read by that thread after releasing it.
 */
public final class ConverterStream
{
    private final int nid;
    private int streamTag;
    private int channel;
    private int format;

    boolean receiving;
    boolean stopPending;
    boolean stopDue;
    boolean bound;
    boolean startDue;

    /**
     * A binding in its power-on state.
     *
     * @param nid       the converter's node id (the node id the {@link DacOutput} is told).
     * @param streamTag the power-on stream tag 0 (none) ... 15.
     * @param channel   the power-on lowest channel 0 ... 15.
     * @param format    the power-on stream format (the 16-bit SET_STREAM_FORMAT payload).
     */
    public ConverterStream(final int nid, final int streamTag, final int channel, final int format)
    {
        this.nid = nid;
        this.streamTag = streamTag;
        this.channel = channel;
        this.format = format;
    }

    /**
     * The converter's node id.
     *
     * @return the node id.
     */
    public int nid()
    {
        return nid;
    }

    /**
     * The stream tag the converter is bound to.
     *
     * @return 0 (none) ... 15.
     */
    public int streamTag()
    {
        return streamTag;
    }

    /**
     * The lowest channel of the stream the converter takes.
     *
     * @return 0 ... 15.
     */
    public int channel()
    {
        return channel;
    }

    /**
     * The converter's stream format.
     *
     * @return the 16-bit format word.
     */
    public int format()
    {
        return format;
    }

    /**
     * The GET_CONV (F06) answer.
     *
     * @return {@code streamTag << 4 | channel}.
     */
    public int streamAndChannel()
    {
        return streamTag << 4 | channel;
    }

    /**
     * SET_CHANNEL_STREAMID (706): binds the converter to a stream tag and channel; a converter that was receiving
     * another tag stops (its stop is due at the next delivery).
     *
     * @param payload the verb's 8-bit payload: tag [7:4], channel [3:0].
     */
    public void setStreamAndChannel(final int payload)
    {
        final int tag = payload >>> 4 & 0xf;
        if (receiving && tag != streamTag)
        {
            stopReceiving();
        }
        streamTag = tag;
        channel = payload & 0xf;
    }

    /**
     * SET_STREAM_FORMAT (2): a converter that was receiving in another format stops (its stop is due at the next
     * delivery).
     *
     * @param payload the verb's 16-bit payload.
     */
    public void setFormat(final int payload)
    {
        final int word = payload & 0xffff;
        if (receiving && word != format)
        {
            stopReceiving();
        }
        format = word;
    }

    /**
     * Returns to a power-on state; a converter that was receiving stops (its stop is due at the next delivery).
     *
     * @param powerOnTag     the stream tag 0 ... 15.
     * @param powerOnChannel the lowest channel 0 ... 15.
     * @param powerOnFormat  the stream format.
     */
    public void reset(final int powerOnTag, final int powerOnChannel, final int powerOnFormat)
    {
        streamTag = powerOnTag;
        channel = powerOnChannel;
        format = powerOnFormat;
        if (receiving)
        {
            stopReceiving();
        }
    }

    /**
     * From the last delivery snapshot: whether the converter's {@link DacOutput#onStreamStop} is due.
     *
     * @return whether it stopped receiving since the snapshot before.
     */
    public boolean stopDue()
    {
        return stopDue;
    }

    /**
     * From the last delivery snapshot of stream data: whether the converter is bound to the delivered stream's tag.
     *
     * @return whether it receives the data.
     */
    public boolean bound()
    {
        return bound;
    }

    /**
     * From the last delivery snapshot of stream data: whether the converter started receiving with this delivery.
     *
     * @return whether its {@link DacOutput#onStreamStart} is due.
     */
    public boolean startDue()
    {
        return startDue;
    }

    void stopReceiving()
    {
        receiving = false;
        stopPending = true;
    }

    /** Takes the pending stop into the snapshot; returns it. */
    boolean takeStop()
    {
        stopDue = stopPending;
        stopPending = false;
        return stopDue;
    }

    /** Snapshots one delivery of a stream's data; returns whether this converter receives it. */
    boolean bind(final int deliveredTag)
    {
        takeStop();
        bound = streamTag != 0 && streamTag == deliveredTag;
        startDue = bound && !receiving;
        receiving |= bound;
        return bound;
    }
}

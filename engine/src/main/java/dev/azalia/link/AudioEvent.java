package dev.azalia.link;

import dev.azalia.hda.StreamFormat;

/**
 * One preallocated slot of the link ring: a chunk of PCM fetched by the stream DMA, or a marker. The ring creates
 * every slot once ({@link LinkRing}); the producer (the link clock thread) overwrites a slot with
 * {@link #set(Kind, int, int, StreamFormat, byte[], int, int, long, long, long)} and publishes it; handlers read it
 * while they process its sequence and must not keep a reference to it (or to {@link #pcm()}) afterwards: the slot is
 * reused when the ring wraps.
 *
 * <p>Not thread-safe by itself: the Disruptor's sequence publication orders the producer's writes before the
 * handlers' reads.
 */
public final class AudioEvent
{
    /** What a slot carries. */
    public enum Kind
    {
        /** PCM frames in {@link #pcm()}. */
        DATA,
        /** A converter started receiving a stream; {@link #format()} is the format it will receive. */
        STREAM_START,
        /** A converter stopped receiving a stream. */
        STREAM_STOP,
        /** Nothing more will follow: handlers flush (the sink writer drains its sink). */
        END_OF_STREAM
    }

    private final byte[] pcm;
    private Kind kind = Kind.DATA;
    private int lengthBytes;
    private int frames;
    private long firstFrameIndex;
    private StreamFormat format;
    private long dmaNanos;
    private long publishNanos;
    private int codecAddress;
    private int nid;

    /**
     * A slot whose PCM buffer holds {@code capacityBytes}.
     *
     * @param capacityBytes the fixed capacity of {@link #pcm()} in bytes; positive.
     */
    public AudioEvent(final int capacityBytes)
    {
        if (capacityBytes <= 0)
        {
            throw new IllegalArgumentException("slot capacity must be positive: " + capacityBytes + " bytes");
        }
        this.pcm = new byte[capacityBytes];
    }

    /**
     * Overwrites the slot. Called by the producer only, before publishing the slot's sequence; copies
     * {@code length} bytes with {@link System#arraycopy}, allocates nothing.
     *
     * @param newKind         what the slot carries.
     * @param newCodecAddress the codec's CAd.
     * @param newNid          the DAC's node id.
     * @param newFormat       the stream format (may be null for {@link Kind#END_OF_STREAM}).
     * @param src             source of the PCM bytes (ignored when {@code length} is 0).
     * @param offset          first byte in {@code src}.
     * @param length          bytes to copy; at most {@link #capacityBytes()}.
     * @param newFirstFrame   absolute index of the first frame since the link started.
     * @param newDmaNanos     link clock time at which the controller fetched the bytes.
     * @param newPublishNanos link clock time at which the slot is published.
     * @throws IllegalArgumentException if {@code length} exceeds the capacity.
     */
    public void set(final Kind newKind, final int newCodecAddress, final int newNid, final StreamFormat newFormat,
        final byte[] src, final int offset, final int length, final long newFirstFrame, final long newDmaNanos,
        final long newPublishNanos)
    {
        if (length > pcm.length)
        {
            throw new IllegalArgumentException("chunk of " + length + " bytes exceeds the slot's " + pcm.length);
        }
        if (length > 0)
        {
            System.arraycopy(src, offset, pcm, 0, length);
        }
        this.kind = newKind;
        this.codecAddress = newCodecAddress;
        this.nid = newNid;
        this.format = newFormat;
        this.lengthBytes = length;
        this.frames = null == newFormat || 0 == length ? 0 : length / newFormat.frameBytes();
        this.firstFrameIndex = newFirstFrame;
        this.dmaNanos = newDmaNanos;
        this.publishNanos = newPublishNanos;
    }

    /**
     * The slot's PCM buffer; the valid bytes are {@code [0, lengthBytes())}. Owned by the slot.
     *
     * @return the buffer (not a copy).
     */
    public byte[] pcm()
    {
        return pcm;
    }

    /**
     * The fixed capacity of the PCM buffer.
     *
     * @return bytes.
     */
    public int capacityBytes()
    {
        return pcm.length;
    }

    /**
     * What the slot carries.
     *
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * Valid PCM bytes in {@link #pcm()}; 0 for markers.
     *
     * @return bytes, a whole number of frames.
     */
    public int lengthBytes()
    {
        return lengthBytes;
    }

    /**
     * Frames in {@link #pcm()}; 0 for markers.
     *
     * @return frames.
     */
    public int frames()
    {
        return frames;
    }

    /**
     * Absolute index of the first frame of this chunk since the link started (for markers: the index the next
     * frame will have).
     *
     * @return a frame index.
     */
    public long firstFrameIndex()
    {
        return firstFrameIndex;
    }

    /**
     * The stream format of the PCM.
     *
     * @return the format; null only for an {@link Kind#END_OF_STREAM} published before any stream.
     */
    public StreamFormat format()
    {
        return format;
    }

    /**
     * When the controller fetched the bytes.
     *
     * @return link clock nanoseconds.
     */
    public long dmaNanos()
    {
        return dmaNanos;
    }

    /**
     * When the producer published the slot.
     *
     * @return link clock nanoseconds.
     */
    public long publishNanos()
    {
        return publishNanos;
    }

    /**
     * The codec that produced the samples.
     *
     * @return its CAd.
     */
    public int codecAddress()
    {
        return codecAddress;
    }

    /**
     * The DAC that produced the samples.
     *
     * @return its node id.
     */
    public int nid()
    {
        return nid;
    }
}

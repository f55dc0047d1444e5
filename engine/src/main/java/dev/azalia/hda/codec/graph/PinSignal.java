package dev.azalia.hda.codec.graph;

import dev.azalia.hda.StreamFormat;

/**
 * The signal at one output pin of a codec for a chunk of one stream's data: every converter bound to the stream
 * contributes its channels, and the graph between the converters and the pin (selectors, mixers, amps, power, pin
 * control, EAPD) decides what arrives. The result is in a buffer this object owns.
 *
 * <p>Threading: one instance per codec, used from the link clock thread only (under the codec's state lock). No
 * allocation per call once the buffer has grown to the largest chunk.
 */
public final class PinSignal
{
    private byte[] buffer = new byte[16 * 1024];
    private StreamFormat format = StreamFormat.CD;

    /**
     * Renders the signal at {@code pinNid}.
     *
     * @param graph     the codec's widgets and state.
     * @param pinNid    the output pin listened to.
     * @param streamTag the tag of the stream whose data this is.
     * @param stream    the stream's format (SDnFMT).
     * @param data      the stream's bytes, little-endian PCM.
     * @param offset    first byte.
     * @param length    bytes, whole frames.
     * @return the number of bytes in {@link #buffer()}, in {@link #format()}; the same number of frames as the input.
     */
    public int render(final WidgetGraph graph, final int pinNid, final int streamTag, final StreamFormat stream,
        final byte[] data, final int offset, final int length)
    {
        final int frames = length / stream.frameBytes();
        format = stream;
        final int bytes = frames * format.frameBytes();
        if (buffer.length < bytes)
        {
            buffer = new byte[bytes];
        }
        java.util.Arrays.fill(buffer, 0, bytes, (byte) 0);
        return bytes;
    }

    /**
     * The rendered bytes of the last {@link #render} call; valid until the next call.
     *
     * @return the buffer (owned by this object).
     */
    public byte[] buffer()
    {
        return buffer;
    }

    /**
     * The format of the last rendered signal: the stream's rate and sample size, the pin's channel count.
     *
     * @return the format.
     */
    public StreamFormat format()
    {
        return format;
    }
}

package dev.azalia.hda.codec.graph;

import dev.azalia.hda.StreamFormat;

import java.util.Arrays;

/**
 * The signal at one output pin of a codec for a chunk of one stream's data: every converter bound to the stream
 * contributes its channels, and the graph between the converters and the pin (selectors, mixers, amps, power, pin
 * control, EAPD) decides what arrives. The result is in a buffer this object owns. The rules are
 * {@link RouteBuilder}'s.
 *
 * <p>The routing (which stream channels reach each pin channel, through which mixers, with which gains) is compiled
 * only when the graph's {@link WidgetGraph#stateVersion() state version}, the pin, the stream tag or the stream's
 * channel count changes, and then applied frame by frame. 0 dB unmuted is bit-exact; a pin channel that is exactly a
 * stream channel at 0 dB with the same channel layout is a straight copy. Mixers and the pin saturate.
 *
 * <p>Output: the stream's rate, bits and container, the pin's channels (1 for a mono pin widget, else 2), the same
 * number of frames as the input.
 *
 * <p>Threading: one instance per codec, used from the link clock thread only (under the codec's state lock). No
 * allocation per call once the buffer has grown to the largest chunk and the routing to the largest graph.
 */
public final class PinSignal
{
    private final RouteBuilder builder = new RouteBuilder();
    private final Program[] programs = {new Program(), new Program()};
    private byte[] buffer = new byte[16 * 1024];
    private StreamFormat format = StreamFormat.CD;

    private WidgetGraph routedGraph;
    private long routedVersion;
    private int routedPin = -1;
    private int routedTag = -1;
    private int routedStreamChannels = -1;
    private int pinChannels = 2;
    private boolean silent = true;
    private boolean copy;
    private long routings;

    /**
     * Renders the signal at {@code pinNid}.
     *
     * @param graph     the codec's widgets and state.
     * @param pinNid    the output pin listened to.
     * @param streamTag the tag of the stream whose data this is.
     * @param stream    the stream's format (SDnFMT).
     * @param data      the stream's bytes, little-endian PCM.
     * @param offset    first byte.
     * @param length    bytes, whole frames (a partial frame, or bytes beyond {@code data}, are not rendered).
     * @return the number of bytes in {@link #buffer()}, in {@link #format()}; the same number of frames as the input.
     */
    public int render(final WidgetGraph graph, final int pinNid, final int streamTag, final StreamFormat stream,
        final byte[] data, final int offset, final int length)
    {
        final int streamChannels = stream.channels();
        if (graph != routedGraph || graph.stateVersion() != routedVersion || pinNid != routedPin
            || streamTag != routedTag || streamChannels != routedStreamChannels)
        {
            route(graph, pinNid, streamTag, streamChannels);
        }
        updateFormat(stream);
        final int container = stream.containerBytes();
        final int inFrameBytes = stream.frameBytes();
        final int outFrameBytes = pinChannels * container;
        final int frames = Math.max(0, Math.min(length, data.length - offset)) / inFrameBytes;
        final int bytes = frames * outFrameBytes;
        if (buffer.length < bytes)
        {
            buffer = new byte[bytes];
        }
        if (silent)
        {
            Arrays.fill(buffer, 0, bytes, Pcm.silence(container));
        }
        else if (copy)
        {
            System.arraycopy(data, offset, buffer, 0, bytes);
        }
        else
        {
            mix(stream, data, offset, frames);
        }
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

    /**
     * How many times the routing was compiled (a test hook).
     *
     * @return the count since construction.
     */
    long routings()
    {
        return routings;
    }

    /**
     * The compiled routing of a pin channel (a test hook).
     *
     * @param channel 0 or 1.
     * @return its readable form.
     */
    String routing(final int channel)
    {
        return programs[channel].toString();
    }

    private void route(final WidgetGraph graph, final int pinNid, final int streamTag, final int streamChannels)
    {
        routings++;
        routedGraph = graph;
        routedVersion = graph.stateVersion();
        routedPin = pinNid;
        routedTag = streamTag;
        routedStreamChannels = streamChannels;
        pinChannels = RouteBuilder.pinChannels(graph, pinNid);
        builder.build(graph, pinNid, streamTag, streamChannels, programs);
        silent = true;
        copy = pinChannels == streamChannels;
        for (int c = 0; c < pinChannels; c++)
        {
            silent &= programs[c].length() == 0;
            copy &= programs[c].isPlainSource(c);
        }
    }

    private void updateFormat(final StreamFormat stream)
    {
        final int word = stream.word() & ~0xf | (pinChannels - 1);
        if (format.word() != word)
        {
            format = word == stream.word() ? stream : new StreamFormat(word);
        }
    }

    private void mix(final StreamFormat stream, final byte[] data, final int offset, final int frames)
    {
        final int container = stream.containerBytes();
        final int bits = stream.bitsPerSample();
        final int pad = container == 4 ? 32 - bits : 0;
        final int inFrameBytes = stream.frameBytes();
        for (int f = 0; f < frames; f++)
        {
            final int in = offset + f * inFrameBytes;
            final int out = f * pinChannels * container;
            for (int c = 0; c < pinChannels; c++)
            {
                final Program program = programs[c];
                final long value = program.length() == 0 ? 0
                    : program.evaluate(data, in, container, pad, bits - 1);
                Pcm.write(buffer, out + c * container, value, container, pad);
            }
        }
    }
}

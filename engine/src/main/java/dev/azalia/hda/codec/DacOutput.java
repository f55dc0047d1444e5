package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;

/**
 * Where a codec's DAC sends the samples it converts: the link out of the card (the Disruptor ring in
 * {@code dev.azalia.link}), or a test capture.
 *
 * <p>Called from the link clock thread only, in stream order; must not block for long and must not allocate per
 * call on the real-time path.
 */
public interface DacOutput
{
    /**
     * Samples leaving a DAC, after its amp (mute gives zeros, 0 dB is bit-exact).
     *
     * @param codecAddress the codec's CAd.
     * @param nid          the DAC widget's node id.
     * @param format       the converter's stream format.
     * @param pcm          little-endian PCM; valid only during the call.
     * @param offset       first byte in {@code pcm}.
     * @param length       bytes, a whole number of frames.
     * @param nanos        link clock time at which the controller fetched them.
     */
    void onSamples(int codecAddress, int nid, StreamFormat format, byte[] pcm, int offset, int length, long nanos);

    /**
     * A converter started receiving a stream (its stream tag became active with RUN set).
     *
     * @param codecAddress the codec's CAd.
     * @param nid          the DAC widget's node id.
     * @param format       the format it will receive.
     */
    default void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
    {
    }

    /**
     * A converter stopped receiving a stream (RUN cleared, or its stream tag changed).
     *
     * @param codecAddress the codec's CAd.
     * @param nid          the DAC widget's node id.
     */
    default void onStreamStop(final int codecAddress, final int nid)
    {
    }
}

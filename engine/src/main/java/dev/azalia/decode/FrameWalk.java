package dev.azalia.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The chain of MPEG frames of a file walked header by header, without decoding, to say what a decoder that stopped
 * did not play: a change of format (JLayer's bit stream locks onto the first frame's sample rate and ends the stream
 * at a frame of another), or more frames than the Xing/Info tag counts. The walk ends at the first bytes that are not
 * a valid Layer III header (trailing tags, junk) or at a free-format frame, whose length a header does not give.
 *
 * @param framesOfFirstFormat frames of the first frame's format in an unbroken chain from the start.
 * @param changeAtBytes       the file offset of the first frame of another format (followed by a second frame of that
 *                            format), or -1 when the chain does not change format.
 * @param changedTo           that frame's header, or null.
 */
record FrameWalk(long framesOfFirstFormat, long changeAtBytes, MpegFrameHeader changedTo)
{
    /**
     * Walks from {@code startBytes}.
     *
     * @param channel    the file (its position is moved).
     * @param startBytes where the first audio frame starts.
     * @param first      the first frame's header.
     * @return what the chain holds.
     * @throws IOException when the file cannot be read.
     */
    static FrameWalk of(final SeekableByteChannel channel, final long startBytes, final MpegFrameHeader first)
        throws IOException
    {
        final long sizeBytes = channel.size();
        final ByteBuffer word = ByteBuffer.allocate(4);
        long position = startBytes;
        long frames = 0;
        while (true)
        {
            final MpegFrameHeader h = headerAt(channel, position, sizeBytes, word);
            if (null == h || h.frameSizeBytes() <= 0)
            {
                return new FrameWalk(frames, -1, null);
            }
            if (!first.isConsistentWith(h))
            {
                final MpegFrameHeader next = headerAt(channel, position + h.frameSizeBytes(), sizeBytes, word);
                final boolean chain = null != next && h.isConsistentWith(next);
                return new FrameWalk(frames, chain ? position : -1, chain ? h : null);
            }
            frames++;
            position += h.frameSizeBytes();
        }
    }

    private static MpegFrameHeader headerAt(final SeekableByteChannel channel, final long position,
        final long sizeBytes, final ByteBuffer word) throws IOException
    {
        if (position < 0 || position + 4 > sizeBytes)
        {
            return null;
        }
        word.clear();
        channel.position(position);
        while (word.hasRemaining() && channel.read(word) > 0)
        {
            // a file channel reads the four bytes at once; loop for other channels
        }
        return word.hasRemaining() ? null : MpegFrameHeader.parse(word.getInt(0));
    }
}

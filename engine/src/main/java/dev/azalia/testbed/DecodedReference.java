package dev.azalia.testbed;

import dev.azalia.link.ReferenceFrames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every frame the application decoded, kept so the frame-sequence probe can compare what reaches the sink with it.
 * Appended by the application thread before the frames are written into the card; read by the probe's thread,
 * which only asks for frames the card has already played (so they were appended before).
 *
 * <p>Storage grows in 256 KiB blocks; the published length is a volatile write after the bytes (release), read before
 * them (acquire).
 */
final class DecodedReference implements ReferenceFrames
{
    /** Bytes per block: the reference grows a block at a time, never copying what it holds. */
    static final int BLOCK_BYTES = 1 << 18;

    private final int frameBytes;
    private final List<byte[]> blocks = new ArrayList<>();
    private volatile byte[][] published = new byte[0][];
    private volatile long lengthBytes;

    /**
     * An empty reference.
     *
     * @param frameBytes bytes per frame.
     */
    DecodedReference(final int frameBytes)
    {
        this.frameBytes = frameBytes;
    }

    /**
     * Appends decoded frames. Application thread only.
     *
     * @param pcm    interleaved PCM.
     * @param offset first byte.
     * @param length bytes, whole frames.
     */
    void append(final byte[] pcm, final int offset, final int length)
    {
        long pos = lengthBytes;
        int done = 0;
        while (done < length)
        {
            final int block = (int)(pos / BLOCK_BYTES);
            if (block == blocks.size())
            {
                blocks.add(new byte[BLOCK_BYTES]);
                published = blocks.toArray(new byte[0][]);
            }
            final int at = (int)(pos % BLOCK_BYTES);
            final int n = Math.min(length - done, BLOCK_BYTES - at);
            System.arraycopy(pcm, offset + done, blocks.get(block), at, n);
            done += n;
            pos += n;
        }
        lengthBytes = pos;
    }

    /**
     * Frames appended so far.
     *
     * @return frames.
     */
    long frames()
    {
        return lengthBytes / frameBytes;
    }

    /** {@inheritDoc} */
    @Override
    public int frameBytes()
    {
        return frameBytes;
    }

    /** {@inheritDoc} */
    @Override
    public boolean frameAt(final long index, final byte[] dst, final int off)
    {
        final long length = lengthBytes;
        final long start = index * frameBytes;
        if (index < 0 || start + frameBytes > length)
        {
            return false;
        }
        final byte[][] view = published;
        final int at = (int)(start % BLOCK_BYTES);
        final byte[] block = view[(int)(start / BLOCK_BYTES)];
        if (at + frameBytes <= BLOCK_BYTES)
        {
            System.arraycopy(block, at, dst, off, frameBytes);
        }
        else
        {
            for (int i = 0; i < frameBytes; i++)
            {
                final long q = start + i;
                dst[off + i] = view[(int)(q / BLOCK_BYTES)][(int)(q % BLOCK_BYTES)];
            }
        }
        return true;
    }

    /** {@inheritDoc} Compares block by block with {@link Arrays#mismatch}. */
    @Override
    public int matchingFrames(final long index, final byte[] src, final int off, final int frames)
    {
        if (index < 0)
        {
            return 0;
        }
        final long length = lengthBytes;
        final byte[][] view = published;
        final long start = index * frameBytes;
        final long end = Math.min(length, start + (long)frames * frameBytes);
        if (end <= start)
        {
            return 0;
        }
        long pos = start;
        while (pos < end)
        {
            final int at = (int)(pos % BLOCK_BYTES);
            final int n = (int)Math.min(end - pos, BLOCK_BYTES - at);
            final int from = off + (int)(pos - start);
            final int differs = Arrays.mismatch(view[(int)(pos / BLOCK_BYTES)], at, at + n, src, from, from + n);
            if (differs >= 0)
            {
                return (int)((pos - start + differs) / frameBytes);
            }
            pos += n;
        }
        return (int)((end - start) / frameBytes);
    }
}

package dev.azalia.link;

import java.util.Arrays;

/**
 * The frames a {@link FrameSequenceProbe} expects, by index: reference frame 0 is the first frame the application
 * wrote. Random access (the probe looks a few thousand frames back and ahead when it resynchronises). Called from
 * the probe's thread only.
 */
public interface ReferenceFrames
{
    /**
     * Bytes per frame.
     *
     * @return bytes.
     */
    int frameBytes();

    /**
     * Copies one reference frame.
     *
     * @param index the frame index, from 0.
     * @param dst   where to copy {@link #frameBytes()} bytes.
     * @param off   first byte in {@code dst}.
     * @return false if there is no such frame (negative index or past the end); {@code dst} is then untouched.
     */
    boolean frameAt(long index, byte[] dst, int off);

    /**
     * How many of {@code frames} frames in {@code src} are equal, from the first on, to the reference frames from
     * {@code index} on: the length of the matching run, stopping at the first difference or at the end of the
     * reference. The probe's fast path while it is in sync; an implementation may return less than the true run
     * (the probe compares the rest frame by frame), and the default, 0, leaves every frame to {@link #frameAt}.
     * Must not allocate.
     *
     * @param index  the reference frame compared with the first frame of {@code src}.
     * @param src    interleaved frames.
     * @param off    first byte in {@code src}.
     * @param frames frames in {@code src}.
     * @return matching frames, from 0 to {@code frames}.
     */
    default int matchingFrames(long index, byte[] src, int off, int frames)
    {
        return 0;
    }

    /**
     * A reference held in memory.
     *
     * @param pcm        interleaved PCM, a whole number of frames; not copied, must not change.
     * @param frameBytes bytes per frame.
     * @return the reference.
     */
    static ReferenceFrames of(final byte[] pcm, final int frameBytes)
    {
        return new ReferenceFrames()
        {
            @Override
            public int frameBytes()
            {
                return frameBytes;
            }

            @Override
            public boolean frameAt(final long index, final byte[] dst, final int off)
            {
                if (index < 0 || (index + 1) * frameBytes > pcm.length)
                {
                    return false;
                }
                System.arraycopy(pcm, (int)index * frameBytes, dst, off, frameBytes);
                return true;
            }

            @Override
            public int matchingFrames(final long index, final byte[] src, final int off, final int frames)
            {
                final int n = (int)Math.min(frames, pcm.length / frameBytes - index);
                if (index < 0 || n <= 0)
                {
                    return 0;
                }
                final int start = (int)index * frameBytes;
                final int differs = Arrays.mismatch(pcm, start, start + n * frameBytes, src, off, off + n * frameBytes);
                return differs < 0 ? n : differs / frameBytes;
            }
        };
    }
}

package dev.azalia.link;

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
        };
    }
}

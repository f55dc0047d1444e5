package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;

/** Reads samples out of interleaved little-endian PCM in 16-bit or 32-bit containers. Stateless. */
final class Samples
{
    private Samples()
    {
    }

    /**
     * Refuses formats the detectors cannot read.
     *
     * @param format the format.
     * @throws IllegalArgumentException for 8-bit or non-PCM streams.
     */
    static void check(final StreamFormat format)
    {
        if (1 == format.containerBytes() || format.nonPcm())
        {
            throw new IllegalArgumentException("detectors read 16-bit or 32-bit-container PCM, not " + format);
        }
    }

    /**
     * One sample scaled to [-1, 1).
     *
     * @param pcm            the PCM.
     * @param at             its first byte.
     * @param containerBytes 2 or 4.
     * @return the value.
     */
    static double normalized(final byte[] pcm, final int at, final int containerBytes)
    {
        if (2 == containerBytes)
        {
            return (short)((pcm[at] & 0xff) | pcm[at + 1] << 8) / 32768.0;
        }
        return int32(pcm, at) / 2147483648.0;
    }

    /**
     * The top 16 bits of one sample, as a signed value (16-bit samples unchanged).
     *
     * @param pcm            the PCM.
     * @param at             its first byte.
     * @param containerBytes 2 or 4.
     * @return -32768 ... 32767.
     */
    static int top16(final byte[] pcm, final int at, final int containerBytes)
    {
        final int hi = at + containerBytes - 2;
        return (short)((pcm[hi] & 0xff) | pcm[hi + 1] << 8);
    }

    /**
     * Whether a frame is all zero bytes.
     *
     * @param pcm        the PCM.
     * @param at         its first byte.
     * @param frameBytes bytes per frame.
     * @return true if every byte is 0.
     */
    static boolean zero(final byte[] pcm, final int at, final int frameBytes)
    {
        for (int b = 0; b < frameBytes; b++)
        {
            if (0 != pcm[at + b])
            {
                return false;
            }
        }
        return true;
    }

    private static int int32(final byte[] pcm, final int at)
    {
        return (pcm[at] & 0xff) | (pcm[at + 1] & 0xff) << 8 | (pcm[at + 2] & 0xff) << 16 | pcm[at + 3] << 24;
    }
}

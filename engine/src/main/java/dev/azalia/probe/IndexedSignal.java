package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;

/**
 * A test signal that carries each frame's index in one channel, for {@link CounterDetector}: the channel's top 16
 * bits hold the code {@code index mod 65535 + 1} (1 ... 65535, never 0, so a zeroed frame is never a valid code;
 * lower bits of a 32-bit container are 0). The other channels may carry anything, e.g. a sine to listen to.
 * Stateless.
 */
public final class IndexedSignal
{
    /** Codes repeat after this many frames. */
    public static final int CODE_PERIOD = 65_535;

    private IndexedSignal()
    {
    }

    /**
     * The code of a frame index.
     *
     * @param frameIndex the index, from 0.
     * @return 1 ... 65535.
     */
    public static int code(final long frameIndex)
    {
        return (int)(frameIndex % CODE_PERIOD) + 1;
    }

    /**
     * Writes the codes of frames {@code firstIndex ...} into one channel of existing PCM, leaving the other channels
     * alone.
     *
     * @param pcm        interleaved little-endian PCM.
     * @param offset     first byte.
     * @param frames     frames to stamp.
     * @param format     its format (16-bit or 32-bit containers).
     * @param channel    the index channel.
     * @param firstIndex the index of the first frame.
     */
    public static void stamp(final byte[] pcm, final int offset, final int frames, final StreamFormat format,
        final int channel, final long firstIndex)
    {
        Samples.check(format);
        if (channel < 0 || channel >= format.channels())
        {
            throw new IllegalArgumentException("no channel " + channel + " in " + format);
        }
        final int container = format.containerBytes();
        for (int f = 0; f < frames; f++)
        {
            final int at = offset + f * format.frameBytes() + channel * container;
            final int code = code(firstIndex + f);
            for (int b = 0; b < container - 2; b++)
            {
                pcm[at + b] = 0;
            }
            pcm[at + container - 2] = (byte)code;
            pcm[at + container - 1] = (byte)(code >> 8);
        }
    }

    /**
     * A whole test signal: the index in {@code channel}, an 857 Hz-style sine (period {@code rate / 857} frames,
     * amplitude 0.5) in every other channel.
     *
     * @param frames  length in frames.
     * @param format  the format (16-bit or 32-bit containers).
     * @param channel the index channel.
     * @return interleaved little-endian PCM.
     */
    public static byte[] generate(final int frames, final StreamFormat format, final int channel)
    {
        Samples.check(format);
        final byte[] pcm = new byte[frames * format.frameBytes()];
        final int container = format.containerBytes();
        final int period = format.sampleRate() / SineLockDetector.TARGET_FREQUENCY_HZ;
        for (int f = 0; f < frames; f++)
        {
            final double v = 0.5 * Math.sin(2 * Math.PI * (f % period) / period);
            final long full = Math.round(v * (2 == container ? 32767.0 : 2147483647.0));
            for (int c = 0; c < format.channels(); c++)
            {
                final int at = f * format.frameBytes() + c * container;
                for (int b = 0; b < container; b++)
                {
                    pcm[at + b] = (byte)(full >> (8 * b));
                }
            }
        }
        stamp(pcm, 0, frames, format, channel, 0L);
        return pcm;
    }
}

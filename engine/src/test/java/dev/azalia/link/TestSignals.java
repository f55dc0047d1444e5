package dev.azalia.link;

/**
 * Deterministic, music-like 16-bit test signals for the link tests: a slowly changing chord per channel with an
 * envelope, plus a pseudo-random low bit, so that no two nearby frames are equal and there is no silence unless asked.
 */
public final class TestSignals
{
    private TestSignals()
    {
    }

    /**
     * A music-like signal: notes of three partials changing every quarter second, left and right different, a
     * deterministic LFSR in the least significant bit.
     *
     * @param frames     length in frames.
     * @param sampleRate frames per second.
     * @param channels   1 or 2.
     * @return interleaved signed 16-bit little-endian PCM.
     */
    public static byte[] music(final int frames, final int sampleRate, final int channels)
    {
        final double[] notes = {220.0, 261.63, 293.66, 329.63, 392.0, 440.0, 493.88, 523.25};
        final byte[] pcm = new byte[frames * channels * 2];
        int lfsr = 0xace1;
        final int noteFrames = sampleRate / 4;
        for (int n = 0; n < frames; n++)
        {
            final int note = n / noteFrames;
            final double t = (double)n / sampleRate;
            final double env = 0.35 + 0.25 * Math.sin(Math.PI * (n % noteFrames) / noteFrames);
            for (int c = 0; c < channels; c++)
            {
                final double f = notes[(note * 3 + c * 5) % notes.length];
                final double v = env * (0.6 * Math.sin(2 * Math.PI * f * t)
                    + 0.25 * Math.sin(2 * Math.PI * f * 1.5 * t + c)
                    + 0.15 * Math.sin(2 * Math.PI * f * 2.01 * t));
                final int bit = lfsr & 1;
                lfsr = (lfsr >>> 1) ^ (-(lfsr & 1) & 0xb400);
                final int s = ((int)Math.round(v * 20_000) & ~1) | bit;
                final int at = (n * channels + c) * 2;
                pcm[at] = (byte)s;
                pcm[at + 1] = (byte)(s >> 8);
            }
        }
        return pcm;
    }

    /**
     * Zeros frames {@code [from, to)} of interleaved PCM, in place.
     *
     * @param pcm        the PCM.
     * @param frameBytes bytes per frame.
     * @param from       first frame.
     * @param to         end frame, exclusive.
     * @return {@code pcm}.
     */
    static byte[] silence(final byte[] pcm, final int frameBytes, final int from, final int to)
    {
        java.util.Arrays.fill(pcm, from * frameBytes, to * frameBytes, (byte)0);
        return pcm;
    }
}

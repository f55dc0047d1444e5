package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.graph.Gain;

/**
 * Applies an amp's gain to little-endian PCM, exactly: each sample becomes {@code sample * 10^(dB/20)} rounded to
 * nearest (halves up) and clipped to the sample range, where {@code dB = gain - 0x4a} (1 dB steps, 0x4a = 0 dB).
 *
 * <p>Each gain value 0 ... 0x7f has a precomputed multiplier {@code round(10^(dB/20) * 2^53)} ({@link Gain}, which
 * holds the arithmetic for any amp caps); a sample is scaled with a 128-bit product, so 0 dB is the identity and the result is within 2^-20 of a
 * sample of the real product for every container. Gains above 0x4a (positive dB) are applied as given: the codec
 * stores the 7-bit gain field as written, and those values exercise clipping.
 *
 * <p>Containers: 8-bit samples are unsigned (silence 0x80); 16-bit samples are signed; 20, 24 and 32-bit samples
 * sit in 32-bit signed containers MSB-aligned (the significant bits at the top, as HD-Audio and ALSA's S32 with
 * msbits store them), so the gain is applied to {@code container >> (32 - bits)}, clipped to {@code bits}, and
 * shifted back, leaving the unused low bits zero.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class AmpGain
{
    /** The gain value that is 0 dB (the amp caps' offset). */
    static final int UNITY = 0x4a;
    /** A mute: every sample becomes silence. */
    static final long MUTED = 0;

    private static final long[] MULTIPLIERS = new long[128];

    static
    {
        for (int g = 0; g < MULTIPLIERS.length; g++)
        {
            MULTIPLIERS[g] = Gain.multiplier(Gain.quarterDb(HdaCodec.AMP_CAPS, g));
        }
    }

    private AmpGain()
    {
    }

    /**
     * The fixed-point multiplier of a gain, or {@link #MUTED}.
     *
     * @param gain  the 7-bit gain field.
     * @param muted whether the amp is muted.
     * @return the multiplier, scaled by 2^53.
     */
    static long multiplier(final int gain, final boolean muted)
    {
        return muted ? MUTED : MULTIPLIERS[gain & 0x7f];
    }

    /**
     * Whether a multiplier leaves samples unchanged.
     *
     * @param multiplier a value from {@link #multiplier}.
     * @return true for 0 dB unmuted.
     */
    static boolean isUnity(final long multiplier)
    {
        return multiplier == Gain.UNITY;
    }

    /**
     * Scales one sample, rounding to nearest.
     *
     * @param sample     the signed sample.
     * @param multiplier a value from {@link #multiplier}.
     * @return the scaled sample, not clipped.
     */
    static long scale(final long sample, final long multiplier)
    {
        return Gain.scale(sample, multiplier);
    }

    /**
     * Applies per-channel gain: even channels (left) use {@code leftMultiplier}, odd channels (right) use
     * {@code rightMultiplier}; a mono stream uses the left one.
     *
     * @param format          the layout of the bytes.
     * @param src             input PCM.
     * @param srcOffset       first input byte.
     * @param dst             output PCM; may be {@code src} with the same offset.
     * @param dstOffset       first output byte.
     * @param lengthBytes     bytes, a whole number of frames.
     * @param leftMultiplier  multiplier for channels 0, 2, ...
     * @param rightMultiplier multiplier for channels 1, 3, ...
     */
    static void apply(final StreamFormat format, final byte[] src, final int srcOffset, final byte[] dst,
        final int dstOffset, final int lengthBytes, final long leftMultiplier, final long rightMultiplier)
    {
        final int container = format.containerBytes();
        final int channels = format.channels();
        final int samples = lengthBytes / container;
        if (container == 1)
        {
            for (int i = 0; i < samples; i++)
            {
                final long m = ((i % channels) & 1) == 0 ? leftMultiplier : rightMultiplier;
                final long v = clip(scale((src[srcOffset + i] & 0xff) - 128, m), 7);
                dst[dstOffset + i] = (byte)(v + 128);
            }
        }
        else if (container == 2)
        {
            for (int i = 0; i < samples; i++)
            {
                final long m = ((i % channels) & 1) == 0 ? leftMultiplier : rightMultiplier;
                final int s = srcOffset + 2 * i;
                final long v = clip(scale((short)((src[s] & 0xff) | src[s + 1] << 8), m), 15);
                final int d = dstOffset + 2 * i;
                dst[d] = (byte)v;
                dst[d + 1] = (byte)(v >> 8);
            }
        }
        else
        {
            final int bits = format.bitsPerSample();
            final int pad = 32 - bits;
            for (int i = 0; i < samples; i++)
            {
                final long m = ((i % channels) & 1) == 0 ? leftMultiplier : rightMultiplier;
                final int s = srcOffset + 4 * i;
                final int raw = (src[s] & 0xff) | (src[s + 1] & 0xff) << 8 | (src[s + 2] & 0xff) << 16
                    | src[s + 3] << 24;
                final int v = (int)clip(scale(raw >> pad, m), bits - 1) << pad;
                final int d = dstOffset + 4 * i;
                dst[d] = (byte)v;
                dst[d + 1] = (byte)(v >> 8);
                dst[d + 2] = (byte)(v >> 16);
                dst[d + 3] = (byte)(v >> 24);
            }
        }
    }

    private static long clip(final long v, final int magnitudeBits)
    {
        return Gain.clip(v, magnitudeBits);
    }
}

package dev.azalia.hda.codec.graph;

/**
 * Little-endian PCM samples as HD-Audio stores them: 8-bit unsigned (silence 0x80), 16-bit signed, and 20, 24 and
 * 32-bit signed in 32-bit containers with the significant bits at the top (the {@code pad} low bits unused).
 * Values are signed and at the significant bits' scale.
 *
 * <p>Stateless; allocates nothing.
 */
final class Pcm
{
    private Pcm()
    {
    }

    /**
     * Reads one sample.
     *
     * @param data      the bytes.
     * @param at        the sample's first byte.
     * @param container bytes per sample: 1, 2 or 4.
     * @param pad       unused low bits of a 4-byte container ({@code 32 - bits}).
     * @return the signed value.
     */
    static long read(final byte[] data, final int at, final int container, final int pad)
    {
        if (container == 1)
        {
            return (data[at] & 0xff) - 128;
        }
        if (container == 2)
        {
            return (short)((data[at] & 0xff) | data[at + 1] << 8);
        }
        final int raw = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16
            | data[at + 3] << 24;
        return raw >> pad;
    }

    /**
     * Writes one sample.
     *
     * @param out       the bytes.
     * @param at        the sample's first byte.
     * @param value     the signed value, within the sample range.
     * @param container bytes per sample: 1, 2 or 4.
     * @param pad       unused low bits of a 4-byte container, written as zeros.
     */
    static void write(final byte[] out, final int at, final long value, final int container, final int pad)
    {
        if (container == 1)
        {
            out[at] = (byte)(value + 128);
            return;
        }
        if (container == 2)
        {
            out[at] = (byte)value;
            out[at + 1] = (byte)(value >> 8);
            return;
        }
        final int raw = (int)value << pad;
        out[at] = (byte)raw;
        out[at + 1] = (byte)(raw >> 8);
        out[at + 2] = (byte)(raw >> 16);
        out[at + 3] = (byte)(raw >> 24);
    }

    /**
     * The byte that fills silence.
     *
     * @param container bytes per sample.
     * @return 0x80 for 8-bit unsigned samples, else 0.
     */
    static byte silence(final int container)
    {
        return container == 1 ? (byte)0x80 : 0;
    }
}

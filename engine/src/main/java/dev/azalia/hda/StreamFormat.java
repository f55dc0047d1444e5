package dev.azalia.hda;

/**
 * An HD-Audio stream format: the 16-bit word written to SDnFMT and sent to a converter with the SET_STREAM_FORMAT
 * verb. Bit 15 non-PCM, bit 14 base rate (0 = 48 kHz, 1 = 44.1 kHz), bits 13..11 multiplier minus one,
 * bits 10..8 divisor minus one, bits 6..4 bits per sample (0 = 8, 1 = 16, 2 = 20, 3 = 24, 4 = 32),
 * bits 3..0 channels minus one. 44.1 kHz, 16 bit, stereo is {@code 0x4011}.
 *
 * <p>Samples are carried in containers of 8, 16 or 32 bits (20, 24 and 32 bits use a 32-bit container), so a
 * frame is {@code channels * containerBytes} bytes. Immutable.
 *
 * @param word the SDnFMT word.
 */
public record StreamFormat(int word)
{
    /** The 44.1 kHz, 16-bit stereo format, {@code 0x4011}. */
    public static final StreamFormat CD = new StreamFormat(0x4011);

    private static final int[] BITS = {8, 16, 20, 24, 32};

    /**
     * Validates the word.
     *
     * @throws IllegalArgumentException if the word does not describe a valid PCM format.
     */
    public StreamFormat
    {
        if ((word & ~0xffff) != 0)
        {
            throw new IllegalArgumentException("a stream format is 16 bits: 0x" + Integer.toHexString(word));
        }
        if (((word >> 4) & 7) > 4)
        {
            throw new IllegalArgumentException("reserved bits-per-sample code in 0x" + Integer.toHexString(word));
        }
        final int mult = ((word >> 11) & 7) + 1;
        if (mult == 3 || mult > 4)
        {
            throw new IllegalArgumentException("reserved rate multiplier in 0x" + Integer.toHexString(word));
        }
    }

    /**
     * Encodes a PCM format.
     *
     * @param sampleRate    frames per second; one of the rates HD-Audio can express (8000 ... 192000).
     * @param bitsPerSample 8, 16, 20, 24 or 32.
     * @param channels      1 ... 16.
     * @return the format.
     * @throws IllegalArgumentException if the rate, width or channel count cannot be expressed.
     */
    public static StreamFormat of(final int sampleRate, final int bitsPerSample, final int channels)
    {
        if (channels < 1 || channels > 16)
        {
            throw new IllegalArgumentException("channels must be 1..16: " + channels);
        }
        int bitsCode = -1;
        for (int i = 0; i < BITS.length; i++)
        {
            if (BITS[i] == bitsPerSample)
            {
                bitsCode = i;
            }
        }
        if (bitsCode < 0)
        {
            throw new IllegalArgumentException("bits per sample must be 8, 16, 20, 24 or 32: " + bitsPerSample);
        }
        for (int base = 0; base < 2; base++)
        {
            final int baseRate = base == 0 ? 48_000 : 44_100;
            for (int mult = 1; mult <= 4; mult++)
            {
                if (mult == 3)
                {
                    continue;
                }
                for (int div = 1; div <= 8; div++)
                {
                    if ((long)baseRate * mult == (long)sampleRate * div)
                    {
                        return new StreamFormat(base << 14 | (mult - 1) << 11 | (div - 1) << 8 | bitsCode << 4
                            | (channels - 1));
                    }
                }
            }
        }
        throw new IllegalArgumentException("HD-Audio cannot express a rate of " + sampleRate + " Hz");
    }

    /**
     * The sample rate.
     *
     * @return frames per second, e.g. 44100.
     */
    public int sampleRate()
    {
        final int base = (word & 0x4000) != 0 ? 44_100 : 48_000;
        final int mult = ((word >> 11) & 7) + 1;
        final int div = ((word >> 8) & 7) + 1;
        return base * mult / div;
    }

    /**
     * Significant bits per sample.
     *
     * @return 8, 16, 20, 24 or 32.
     */
    public int bitsPerSample()
    {
        return BITS[(word >> 4) & 7];
    }

    /**
     * Bytes of the container one sample occupies in memory.
     *
     * @return 1, 2 or 4.
     */
    public int containerBytes()
    {
        final int bits = bitsPerSample();
        return bits == 8 ? 1 : bits == 16 ? 2 : 4;
    }

    /**
     * Channels per frame.
     *
     * @return 1 ... 16.
     */
    public int channels()
    {
        return (word & 0xf) + 1;
    }

    /**
     * Whether bit 15 (non-PCM) is set.
     *
     * @return true for a non-PCM stream.
     */
    public boolean nonPcm()
    {
        return (word & 0x8000) != 0;
    }

    /**
     * Bytes per frame.
     *
     * @return {@code channels * containerBytes}.
     */
    public int frameBytes()
    {
        return channels() * containerBytes();
    }

    /**
     * Bytes per second at the nominal rate.
     *
     * @return {@code sampleRate * frameBytes}.
     */
    public long bytesPerSecond()
    {
        return (long)sampleRate() * frameBytes();
    }

    /**
     * A readable form: {@code 0x4011 (44100 Hz, 16 bit, 2 ch)}.
     *
     * @return the description.
     */
    @Override
    public String toString()
    {
        return String.format("0x%04x (%d Hz, %d bit, %d ch)", word, sampleRate(), bitsPerSample(), channels());
    }
}

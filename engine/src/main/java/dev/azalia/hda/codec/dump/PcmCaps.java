package dev.azalia.hda.codec.dump;

/**
 * A converter's or the function group's PCM capabilities: the raw PCM parameter (0x0A: rates in bits 11:0, sample
 * sizes in bits 20:16) and the raw stream-formats parameter (0x0B: bit 0 PCM, 1 FLOAT32, 2 AC3). A dump that printed
 * {@code N/A} (the read failed) has both values -1.
 *
 * @param pcmParameter    the PCM parameter; rates bit 0 8000 Hz ... bit 11 384000 Hz, bits bit 16 8-bit ... 20 32-bit.
 * @param streamParameter the stream-formats parameter.
 */
public record PcmCaps(int pcmParameter, int streamParameter)
{
    /** The caps of a dump that printed {@code N/A}. */
    public static final PcmCaps NOT_AVAILABLE = new PcmCaps(-1, -1);

    /** Rates in Hz, index = bit of the rates field. */
    static final int[] RATES_HZ = {8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000, 176400, 192000, 384000};
    /** Sample sizes in bits, index = bit of the bits field. */
    static final int[] SAMPLE_BITS = {8, 16, 20, 24, 32};

    /**
     * @param rates   the rates field (bits 11:0).
     * @param bits    the sample-size field (PCM parameter bits 23:16, shifted down).
     * @param formats the stream-formats field (bits 3:0).
     * @return the caps.
     */
    public static PcmCaps of(final int rates, final int bits, final int formats)
    {
        return new PcmCaps((rates & 0xfff) | (bits & 0xff) << 16, formats & 0xf);
    }

    /** @return false when the dump printed {@code N/A}. */
    public boolean available()
    {
        return pcmParameter != -1 && streamParameter != -1;
    }

    /** @return the rates bitmask (bit 0 = 8000 Hz ... bit 11 = 384000 Hz). */
    public int rates()
    {
        return pcmParameter & 0xfff;
    }

    /** @return the sample-size bitmask (bit 0 = 8 bits ... bit 4 = 32 bits). */
    public int bits()
    {
        return pcmParameter >>> 16 & 0xff;
    }

    /** @return the stream-formats bitmask (bit 0 PCM, 1 FLOAT32, 2 AC3). */
    public int formats()
    {
        return streamParameter & 0xf;
    }
}

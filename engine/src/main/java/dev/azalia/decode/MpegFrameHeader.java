package dev.azalia.decode;

/**
 * A validated MPEG audio Layer III frame header (the 32 bits at the start of every frame), with the values derived
 * from it. Only what the player accepts is representable: MPEG-1, MPEG-2 and MPEG-2.5 Layer III, a bitrate from the
 * table (free format is refused: JLayer cannot decode it), a defined sample rate and a non-reserved emphasis.
 *
 * @param versionBits     the two version bits: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5.
 * @param crcProtected    whether a 16-bit CRC follows the header.
 * @param bitrateKbps     the bitrate in kbit/s.
 * @param sampleRate      the sample rate in Hz.
 * @param padded          whether the frame carries one padding byte.
 * @param channelMode     the two mode bits: 0 stereo, 1 joint stereo, 2 dual channel, 3 single channel.
 * @param frameSizeBytes  the whole frame's size in bytes, header included.
 */
public record MpegFrameHeader(int versionBits, boolean crcProtected, int bitrateKbps, int sampleRate, boolean padded,
                              int channelMode, int frameSizeBytes)
{
    /** The largest Layer III frame in bytes (MPEG-1, 320 kbit/s at 32 kHz, padded). */
    public static final int MAX_FRAME_SIZE_BYTES = 1441;

    private static final int VERSION_MPEG1 = 3;
    private static final int MODE_SINGLE_CHANNEL = 3;
    private static final int[] BITRATES_MPEG1_KBPS =
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1};
    private static final int[] BITRATES_MPEG2_KBPS =
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
    private static final int[] SAMPLE_RATES_MPEG1 = {44100, 48000, 32000, -1};

    /**
     * Parses and validates a header.
     *
     * @param header the four header bytes, big-endian, as an int.
     * @return the header, or null when the bits are not a valid Layer III header we can decode.
     */
    public static MpegFrameHeader parse(final int header)
    {
        if ((header & 0xFFE00000) != 0xFFE00000)
        {
            return null;
        }
        final int version = (header >>> 19) & 3;
        final int layer = (header >>> 17) & 3;
        final int bitrateIndex = (header >>> 12) & 15;
        final int rateIndex = (header >>> 10) & 3;
        final int emphasis = header & 3;
        // version 1 is reserved; layer bits 01 mean Layer III; emphasis 2 is reserved
        if (1 == version || 1 != layer || 2 == emphasis || 0 == bitrateIndex || 15 == bitrateIndex || 3 == rateIndex)
        {
            return null;
        }
        final boolean mpeg1 = VERSION_MPEG1 == version;
        final int bitrateKbps = mpeg1 ? BITRATES_MPEG1_KBPS[bitrateIndex] : BITRATES_MPEG2_KBPS[bitrateIndex];
        final int divisor = mpeg1 ? 1 : (2 == version ? 2 : 4);
        final int sampleRate = SAMPLE_RATES_MPEG1[rateIndex] / divisor;
        final boolean padded = 0 != ((header >>> 9) & 1);
        final int slotsFactor = mpeg1 ? 144_000 : 72_000;
        final int frameSizeBytes = slotsFactor * bitrateKbps / sampleRate + (padded ? 1 : 0);
        final boolean crcProtected = 0 == ((header >>> 16) & 1);
        final int channelMode = (header >>> 6) & 3;
        return new MpegFrameHeader(version, crcProtected, bitrateKbps, sampleRate, padded, channelMode,
            frameSizeBytes);
    }

    /**
     * Audio channels in the decoded output.
     *
     * @return 1 for single channel, otherwise 2.
     */
    public int channels()
    {
        return MODE_SINGLE_CHANNEL == channelMode ? 1 : 2;
    }

    /**
     * PCM frames one MPEG frame decodes to.
     *
     * @return 1152 for MPEG-1, 576 for MPEG-2 and MPEG-2.5.
     */
    public int samplesPerFrame()
    {
        return VERSION_MPEG1 == versionBits ? 1152 : 576;
    }

    /**
     * The offset of the Xing/Info tag inside the frame: after the header, the CRC and the side information.
     *
     * @return the offset in bytes from the frame start.
     */
    public int sideInfoEndOffset()
    {
        final int sideInfoBytes;
        if (VERSION_MPEG1 == versionBits)
        {
            sideInfoBytes = 1 == channels() ? 17 : 32;
        }
        else
        {
            sideInfoBytes = 1 == channels() ? 9 : 17;
        }
        return 4 + (crcProtected ? 2 : 0) + sideInfoBytes;
    }

    /**
     * Whether {@code next} can follow this frame in the same stream: same version, sample rate and channel count.
     *
     * @param next the header of the following frame.
     * @return true if consistent.
     */
    public boolean isConsistentWith(final MpegFrameHeader next)
    {
        return versionBits == next.versionBits && sampleRate == next.sampleRate && channels() == next.channels();
    }

    /**
     * A short description, e.g. {@code "MPEG-1 Layer III, 44100 Hz, stereo, 192 kbit/s"}.
     *
     * @return the description.
     */
    public String describe()
    {
        final String version = VERSION_MPEG1 == versionBits ? "MPEG-1" : (2 == versionBits ? "MPEG-2" : "MPEG-2.5");
        return version + " Layer III, " + sampleRate + " Hz, " + (1 == channels() ? "mono" : "stereo") + ", "
            + bitrateKbps + " kbit/s";
    }
}

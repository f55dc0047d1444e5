package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.driver.PcmCapabilities;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the player sends to the codec for an input, chosen as alsa-lib's {@code plug} layer chooses for
 * {@code default}: the input's rate if the codec takes it, else the nearest rate it takes
 * ({@link PcmCapabilities#nearestRateHz}); the input's channels if taken, else the nearest count taken (a mono file on
 * a converter of at least 2 channels is duplicated); 16-bit samples, which every input gives.
 *
 * <p>Immutable; thread-safe.
 *
 * @param sourceRateHz   the input's rate.
 * @param sourceChannels the input's channels.
 * @param targetRateHz   the rate the codec gets.
 * @param targetChannels the channels the codec gets.
 * @param codec          what the codec takes.
 */
public record FormatPlan(int sourceRateHz, int sourceChannels, int targetRateHz, int targetChannels,
                         PcmCapabilities codec)
{
    /** The sample width of every input ({@link AudioSource}: 16-bit PCM). */
    private static final int BITS = 16;

    /**
     * Chooses the format for an input.
     *
     * @param rateHz   the input's rate.
     * @param channels the input's channels.
     * @param codec    what the codec takes.
     * @return the plan.
     * @throws InputException (one line) when no conversion fits: the codec takes no 16-bit samples, or the input
     *                        has more channels than the codec takes (they would be dropped).
     */
    public static FormatPlan choose(final int rateHz, final int channels, final PcmCapabilities codec)
        throws InputException
    {
        if (Arrays.stream(codec.bitsPerSample()).noneMatch(b -> b == BITS))
        {
            throw new InputException("16-bit samples cannot be converted for this codec (it takes "
                + codec.describe() + ")");
        }
        if (channels > codec.channelsMax())
        {
            throw new InputException(String.format(Locale.ROOT, "%d channels cannot be played without dropping "
                + "some (the codec takes %s)", channels, codec.describe()));
        }
        final boolean rateTaken = Arrays.stream(codec.ratesHz()).anyMatch(r -> r == rateHz);
        return new FormatPlan(rateHz, channels, rateTaken ? rateHz : codec.nearestRateHz(rateHz),
            codec.nearestChannels(channels), codec);
    }

    /**
     * Whether the input must be converted.
     *
     * @return true if the rate or the channels change.
     */
    public boolean converts()
    {
        return sourceRateHz != targetRateHz || sourceChannels != targetChannels;
    }

    /**
     * The one line the player says when it converts, e.g. {@code converting 24000 Hz mono to 22050 Hz stereo (the
     * codec takes 16000/22050/32000/44100/48000/88200/96000 Hz, 16 bit, 2 channels)}.
     *
     * @return the line.
     */
    public String describe()
    {
        return String.format(Locale.ROOT, "converting %d Hz %s to %d Hz %s (the codec takes %s)", sourceRateHz,
            channelWord(sourceChannels), targetRateHz, channelWord(targetChannels), codec.describe());
    }

    /**
     * The one line of {@code --no-convert} when the input needs converting.
     *
     * @param input the file, as the user named it.
     * @return the line.
     */
    public String refusal(final String input)
    {
        return String.format(Locale.ROOT, "%s: %d Hz %s is not a format the codec takes (%s); without --no-convert "
            + "it is converted to %d Hz %s", input, sourceRateHz, channelWord(sourceChannels), codec.describe(),
            targetRateHz, channelWord(targetChannels));
    }

    private static String channelWord(final int channels)
    {
        return 1 == channels ? "mono" : 2 == channels ? "stereo" : channels + " channels";
    }
}

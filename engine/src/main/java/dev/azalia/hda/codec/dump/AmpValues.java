package dev.azalia.hda.codec.dump;

import java.util.List;

/**
 * The current values of one amp direction, one entry per amp index (a mixer's or selector's connection index; pins
 * and output amps have one): the GET_AMP_GAIN_MUTE response, bit 7 mute and bits 6:0 the gain step.
 *
 * @param stereo whether each index printed a left and a right value.
 * @param left   the left (or only) channel per index.
 * @param right  the right channel per index when {@code stereo}, else empty.
 */
public record AmpValues(boolean stereo, List<Integer> left, List<Integer> right)
{
    /** No values (an empty {@code vals:} line). */
    public static final AmpValues NONE = new AmpValues(false, List.of(), List.of());

    /** Copies the lists; {@code right} must be as long as {@code left} when stereo and empty when mono. */
    public AmpValues
    {
        left = List.copyOf(left);
        right = List.copyOf(right);
        if (stereo ? right.size() != left.size() : !right.isEmpty())
        {
            throw new IllegalArgumentException("right channel values do not match the left ones");
        }
    }

    /** @return the number of amp indices. */
    public int count()
    {
        return left.size();
    }

    /**
     * @param index   the amp index, 0 ... count - 1.
     * @param channel 0 left, 1 right (a mono amp answers its only value for both).
     * @return the value.
     */
    public int value(final int index, final int channel)
    {
        return stereo && channel == 1 ? right.get(index) : left.get(index);
    }
}

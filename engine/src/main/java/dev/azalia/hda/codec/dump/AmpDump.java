package dev.azalia.hda.codec.dump;

/**
 * One amp of a widget: its caps parameter (0x0D in, 0x12 out; {@code N/A} is 0) and its current values.
 *
 * @param caps   the raw amp caps: bits 6:0 offset, 14:8 steps - 1, 22:16 step size in 0.25 dB - 1, bit 31 mute.
 * @param values the values per index and channel.
 */
public record AmpDump(int caps, AmpValues values)
{
    /**
     * @param offset   the step that is 0 dB (7 bits).
     * @param steps    the number of steps minus one (7 bits).
     * @param stepSize the step size in 0.25 dB units minus one (7 bits).
     * @param mute     whether the amp can mute.
     * @return the raw caps value.
     */
    public static int caps(final int offset, final int steps, final int stepSize, final boolean mute)
    {
        return (offset & 0x7f) | (steps & 0x7f) << 8 | (stepSize & 0x7f) << 16 | (mute ? 1 << 31 : 0);
    }

    /** @return the offset field (the 0 dB step). */
    public int offset()
    {
        return caps & 0x7f;
    }

    /** @return the number-of-steps field (steps - 1). */
    public int steps()
    {
        return caps >>> 8 & 0x7f;
    }

    /** @return the step-size field (0.25 dB units - 1). */
    public int stepSize()
    {
        return caps >>> 16 & 0x7f;
    }

    /** @return whether the amp can mute. */
    public boolean muteCapable()
    {
        return caps < 0;
    }
}

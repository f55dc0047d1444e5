package dev.azalia.hda.codec.graph;

/**
 * The arithmetic of HD-Audio amps for any amp capabilities: a gain step's level in quarter decibels, its exact
 * fixed-point multiplier, and rounding, clipping sample scaling.
 *
 * <p>Amp capabilities (parameter 0x0d / 0x12): bits 6:0 offset (the step that is 0 dB), 14:8 number of steps,
 * 22:16 step size ({@code (stepSize + 1) * 0.25 dB} per step), bit 31 mute capable. A step's level is
 * {@code (step - offset) * (stepSize + 1)} quarter decibels; an amp with no steps has a fixed 0 dB.
 *
 * <p>Multipliers are {@code round(10^(quarterDb / 80) * 2^53)}: 0 dB is exactly {@code 2^53} and
 * {@link #scale} with it is the identity. Levels above {@link #MAX_QUARTER_DB} (+60 dB) are applied as +60 dB, so a
 * 32-bit sample times a multiplier stays within a long.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
public final class Gain
{
    /** The multiplier of 0 dB: leaves samples unchanged. */
    public static final long UNITY = 1L << 53;
    /** The highest level a multiplier represents, in quarter decibels (+60 dB). */
    public static final int MAX_QUARTER_DB = 240;

    private static final int SHIFT = 53;
    private static final long HALF = 1L << (SHIFT - 1);

    private Gain()
    {
    }

    /**
     * The level of an amp's gain step.
     *
     * @param ampCaps the amp capabilities word.
     * @param step    the gain step as set (7 bits; steps above the amp's range are applied as given).
     * @return the level in quarter decibels relative to 0 dB; 0 when the amp has no steps.
     */
    public static int quarterDb(final int ampCaps, final int step)
    {
        final int steps = (ampCaps >> 8) & 0x7f;
        if (steps == 0)
        {
            return 0;
        }
        final int offset = ampCaps & 0x7f;
        final int stepSize = (ampCaps >> 16) & 0x7f;
        return ((step & 0x7f) - offset) * (stepSize + 1);
    }

    /**
     * The fixed-point multiplier of a level.
     *
     * @param quarterDb the level in quarter decibels (clamped to {@link #MAX_QUARTER_DB}).
     * @return the multiplier, scaled by 2^53; {@link #UNITY} for 0.
     */
    public static long multiplier(final int quarterDb)
    {
        final int level = Math.min(quarterDb, MAX_QUARTER_DB);
        return Math.round(Math.pow(10.0, level / 80.0) * (double)UNITY);
    }

    /**
     * Scales one sample, rounding to nearest (halves up), without clipping.
     *
     * @param sample     the signed sample.
     * @param multiplier a value from {@link #multiplier} (or 0 for silence).
     * @return the scaled sample.
     */
    public static long scale(final long sample, final long multiplier)
    {
        final long lo = sample * multiplier;
        long hi = Math.multiplyHigh(sample, multiplier);
        final long rounded = lo + HALF;
        if (Long.compareUnsigned(rounded, lo) < 0)
        {
            hi++;
        }
        return hi << (64 - SHIFT) | rounded >>> SHIFT;
    }

    /**
     * Saturates a value to a signed sample range.
     *
     * @param value         the value.
     * @param magnitudeBits the sample's bits minus the sign bit (7 for 8-bit, 15 for 16-bit, ...).
     * @return the value limited to {@code -2^magnitudeBits ... 2^magnitudeBits - 1}.
     */
    public static long clip(final long value, final int magnitudeBits)
    {
        final long max = (1L << magnitudeBits) - 1;
        final long min = -(1L << magnitudeBits);
        return value > max ? max : value < min ? min : value;
    }
}

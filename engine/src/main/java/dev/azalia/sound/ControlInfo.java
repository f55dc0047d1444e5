package dev.azalia.sound;

/**
 * What a {@link ControlElement} holds ({@code snd_ctl_elem_info}).
 *
 * @param type  the value type.
 * @param count how many values (channels), at least 1.
 * @param min   the smallest value (0 for {@link ControlType#BOOLEAN}).
 * @param max   the largest value (1 for {@link ControlType#BOOLEAN}).
 * @param step  the step between valid values; 0 or 1 means every value in range.
 */
public record ControlInfo(ControlType type, int count, long min, long max, long step)
{
    /**
     * Validates the description.
     *
     * @throws IllegalArgumentException if {@code count < 1}, {@code min > max} or {@code step < 0}.
     */
    public ControlInfo
    {
        if (null == type || count < 1 || min > max || step < 0)
        {
            throw new IllegalArgumentException("bad control info: " + type + " count " + count + " range " + min
                + ".." + max + " step " + step);
        }
    }

    /**
     * Whether {@code value} is valid for this element.
     *
     * @param value a value.
     * @return true if in range and on a step.
     */
    public boolean accepts(final long value)
    {
        if (value < min || value > max)
        {
            return false;
        }
        return step <= 1 || (value - min) % step == 0;
    }
}

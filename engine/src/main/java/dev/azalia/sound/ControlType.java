package dev.azalia.sound;

/**
 * The value type of a {@link ControlElement} ({@code SNDRV_CTL_ELEM_TYPE_*}).
 */
public enum ControlType
{
    /** A switch: each value 0 or 1. */
    BOOLEAN,
    /** An integer in {@code [min, max]} in steps of {@code step}. */
    INTEGER
}

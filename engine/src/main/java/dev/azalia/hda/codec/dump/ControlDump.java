package dev.azalia.hda.codec.dump;

import java.util.Optional;

/**
 * A {@code Control:} line (driver state, kept as an annotation): an ALSA mixer control Linux bound to the node.
 *
 * @param name   the control name.
 * @param index  the control index.
 * @param device the control's device number.
 * @param amp    the {@code ControlAmp:} line under it, if printed.
 */
public record ControlDump(String name, int index, int device, Optional<Amp> amp)
{
    /**
     * A {@code ControlAmp:} line: which amp of the node the control drives.
     *
     * @param channels bitmask, 1 left, 2 right.
     * @param output   true for {@code dir=Out}.
     * @param index    the amp index.
     * @param offset   the control's value offset.
     */
    public record Amp(int channels, boolean output, int index, int offset)
    {
    }
}

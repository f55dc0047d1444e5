package dev.azalia.hda.codec.dump;

/**
 * A {@code Volume-Knob:} line.
 *
 * @param caps    the volume-knob parameter (0x13): bit 7 delta, bits 6:0 steps.
 * @param control GET_VOLUME_KNOB_CONTROL (0xF0F): bit 7 direct, bits 6:0 value.
 */
public record VolumeKnobDump(int caps, int control)
{
}

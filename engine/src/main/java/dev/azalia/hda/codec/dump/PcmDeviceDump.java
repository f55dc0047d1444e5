package dev.azalia.hda.codec.dump;

/**
 * A {@code Device:} line (driver state, kept as an annotation): the PCM device Linux built on this converter.
 *
 * @param name   the PCM name.
 * @param type   {@code Audio}, {@code SPDIF}, {@code HDMI} or {@code Modem}.
 * @param device the PCM device number.
 */
public record PcmDeviceDump(String name, String type, int device)
{
}

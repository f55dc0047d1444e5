package dev.azalia.link;

/**
 * One Java Sound mixer that can give a {@code SourceDataLine}, as {@code ./play devices} lists it. Immutable.
 *
 * @param name            the mixer's name, e.g. {@code "default [default]"}; what {@code --out javasound:NAME}
 *                        matches (by substring).
 * @param description     its description.
 * @param vendor          its vendor.
 * @param className       the implementing class, e.g. {@code com.sun.media.sound.DirectAudioDevice}.
 * @param sourceLineCount how many {@code SourceDataLine} kinds it offers.
 */
public record MixerDescription(String name, String description, String vendor, String className,
    int sourceLineCount)
{
}

package dev.azalia.testbed.junit;

import dev.azalia.testbed.Testbed;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of a {@link TestbedMatrix}: a quiesce policy, a buffer and a codec. Immutable.
 *
 * @param policy       the quiesce policy.
 * @param periods      periods in the buffer.
 * @param periodFrames frames per period.
 * @param codec        a built-in codec's name or a dump file's path.
 */
public record TestbedCase(String policy, int periods, int periodFrames, String codec)
{
    /**
     * Checks the components.
     *
     * @throws NullPointerException when a name is null.
     */
    public TestbedCase
    {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(codec, "codec");
    }

    /**
     * Parses a buffer written {@code PERIODSxFRAMES}, e.g. {@code 2x64}.
     *
     * @param policy the policy.
     * @param buffer the buffer.
     * @param codec  the codec.
     * @return the case.
     * @throws IllegalArgumentException when the buffer is not written so.
     */
    public static TestbedCase of(final String policy, final String buffer, final String codec)
    {
        final String[] parts = buffer.toLowerCase(Locale.ROOT).split("x");
        if (2 != parts.length)
        {
            throw new IllegalArgumentException("a buffer is written PERIODSxFRAMES, e.g. 2x64: " + buffer);
        }
        try
        {
            return new TestbedCase(policy, Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                codec);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("a buffer is written PERIODSxFRAMES, e.g. 2x64: " + buffer, e);
        }
    }

    /**
     * A testbed builder with this case's policy, buffer and codec, and the defaults for everything else.
     *
     * @return a new builder.
     */
    public Testbed.Builder builder()
    {
        return Testbed.builder().policy(policy).buffer(periods, periodFrames).codec(codec);
    }

    /**
     * The case as a display name, e.g. {@code live 2x64 on qemu}.
     *
     * @return the name.
     */
    @Override
    public String toString()
    {
        return policy + " " + periods + "x" + periodFrames + " on " + codec;
    }
}

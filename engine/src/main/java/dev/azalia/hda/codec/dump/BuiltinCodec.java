package dev.azalia.hda.codec.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The codecs the project ships, written in the {@code /proc/asound/cardN/codec#M} format (resources beside this
 * class, {@code builtin/<name>.txt}), so that what a built-in is can be read, diffed against a real machine's dump
 * and printed back like any user's dump.
 *
 * <p>Immutable; thread-safe.
 */
public enum BuiltinCodec
{
    /** QEMU's {@code hda-duplex}: DAC, line-out pin, ADC, line-in pin (the default codec). */
    QEMU("qemu", "QEMU's hda-duplex: one DAC to a line-out, one ADC from a line-in"),

    /**
     * A laptop's analog codec: internal speaker and a headphone jack with their own DACs and a shared mixer path,
     * EAPD on the speaker pin, jack detection, internal and external microphones, a beep generator and a volume knob.
     */
    LAPTOP("laptop", "laptop analog codec: speaker, headphone jack (jack detection, EAPD), mics"),

    /** A desktop's analog codec: rear line-outs for 5.1, a front headphone jack, selectors between DACs and pins. */
    DESKTOP("desktop", "desktop analog codec: rear line-outs for 5.1, front headphone, selectors"),

    /** {@link #LAPTOP}'s codec at address 0 and an HDMI codec at address 2 on the same link. */
    LAPTOP_HDMI("laptop-hdmi", "the laptop codec at address 0 beside an HDMI codec at address 2");

    private final String id;
    private final String description;

    BuiltinCodec(final String id, final String description)
    {
        this.id = id;
        this.description = description;
    }

    /**
     * The name a user gives ({@code --codec laptop}).
     *
     * @return e.g. {@code "laptop"}.
     */
    public String id()
    {
        return id;
    }

    /**
     * One line saying what the codec is.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }

    /**
     * The dump text as shipped.
     *
     * @return the text (UTF-8 resource).
     */
    public String text()
    {
        final String resource = "builtin/" + id + ".txt";
        try (InputStream in = BuiltinCodec.class.getResourceAsStream(resource))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The parsed dump.
     *
     * @return its codecs.
     * @throws IllegalStateException if the shipped text does not parse (a build error, covered by tests).
     */
    public DumpFile dump()
    {
        try
        {
            return new CodecDumpParser().parse(id + ".txt", text());
        }
        catch (final DumpParseException e)
        {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The built-in of a name, case-insensitive.
     *
     * @param name e.g. {@code "laptop"}.
     * @return the built-in, or empty.
     */
    public static Optional<BuiltinCodec> byId(final String name)
    {
        for (final BuiltinCodec c : values())
        {
            if (c.id.equals(name.toLowerCase(Locale.ROOT)))
            {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

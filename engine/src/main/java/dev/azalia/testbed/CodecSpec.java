package dev.azalia.testbed;

import dev.azalia.decode.InputException;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpParser;
import dev.azalia.hda.codec.dump.DumpFile;
import dev.azalia.hda.codec.dump.DumpParseException;
import dev.azalia.machine.MachineCodec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * What {@code --codec} names: a built-in codec ({@code qemu}, the default, {@code laptop}, {@code desktop},
 * {@code laptop-hdmi}) or a codec dump file ({@code /proc/asound/cardN/codec#M} text or {@code alsa-info.sh}
 * output), optionally {@code PATH#N} for the N-th codec of the file (counting from 0 in file order, as
 * {@code ./play codec PATH} lists them). Without {@code #N} every codec of the file's first card goes on the link at
 * its own address. {@code --listen-pin} picks the output pin the player listens to.
 *
 * <p>Immutable; the file is read when {@link #resolve()} is called, so a bad file is an input error (exit 3), not a
 * usage error.
 *
 * @param text      the option's value as given.
 * @param listenPin the pin to listen to ({@code --listen-pin}), or empty for the first line-out, speaker or
 *                  headphone in Linux's order.
 */
public record CodecSpec(String text, OptionalInt listenPin)
{
    /** The default: QEMU's {@code hda-duplex}, the built-in model the Linux capture was made on. */
    public static final CodecSpec DEFAULT = new CodecSpec(BuiltinCodec.QEMU.id(), OptionalInt.empty());

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the text is empty or the pin is out of range.
     */
    public CodecSpec
    {
        if (null == text || text.isBlank())
        {
            throw new IllegalArgumentException("--codec needs a built-in name (" + builtinNames()
                + ") or a codec dump file");
        }
        if (null == listenPin)
        {
            listenPin = OptionalInt.empty();
        }
        if (listenPin.isPresent() && (listenPin.getAsInt() < 1 || listenPin.getAsInt() > 0xff))
        {
            throw new IllegalArgumentException("--listen-pin must be a node id from 0x01 to 0xff: " + listenPin);
        }
    }

    /**
     * Whether this is the default built-in model (QEMU's hda-duplex, emulated by the exact model).
     *
     * @return true for {@code qemu}.
     */
    public boolean isDefaultModel()
    {
        return BuiltinCodec.byId(text).filter(b -> b == BuiltinCodec.QEMU).isPresent();
    }

    /**
     * The codecs this names, parsed.
     *
     * @return the codecs, in link order.
     * @throws InputException when the file cannot be read or parsed, or {@code #N} names no codec (one line).
     */
    public List<CodecDump> codecs() throws InputException
    {
        final var builtin = BuiltinCodec.byId(text);
        if (builtin.isPresent())
        {
            return builtin.get().dump().codecList();
        }
        final int hash = text.lastIndexOf('#');
        final String pathText = hash > 0 && isIndex(text.substring(hash + 1)) ? text.substring(0, hash) : text;
        final Path path = Path.of(pathText);
        if (!Files.isRegularFile(path))
        {
            throw new InputException(String.format(Locale.ROOT, "%s: no such codec dump file (built-in codecs: %s)",
                pathText, builtinNames()));
        }
        final DumpFile file;
        try
        {
            file = new CodecDumpParser().parse(path);
        }
        catch (final DumpParseException e)
        {
            throw new InputException(e.getMessage());
        }
        if (pathText.equals(text))
        {
            final OptionalInt firstCard = file.codecs().get(0).card();
            return file.codecs().stream().filter(e -> e.card().equals(firstCard)).map(DumpFile.Entry::codec)
                .toList();
        }
        final int index = Integer.parseInt(text.substring(hash + 1));
        if (index >= file.codecs().size())
        {
            throw new InputException(String.format(Locale.ROOT, "%s: no codec #%d: the file has %d (0 to %d)",
                pathText, index, file.codecs().size(), file.codecs().size() - 1));
        }
        return List.of(file.codecs().get(index).codec());
    }

    /**
     * The machine's codec description.
     *
     * @return the built-in model for {@code qemu}, otherwise the codecs of the dump on the link, with the mixer
     *         restored at boot as a distribution's {@code alsactl restore} would.
     * @throws InputException as {@link #codecs()}.
     */
    public MachineCodec resolve() throws InputException
    {
        if (isDefaultModel() && listenPin.isEmpty())
        {
            return MachineCodec.DEFAULT;
        }
        try
        {
            final var builtin = BuiltinCodec.byId(text);
            if (builtin.isPresent() && !isDefaultModel())
            {
                return MachineCodec.builtin(builtin.get(), listenPin);
            }
            return MachineCodec.fromDump(codecs(), listenPin).withRestoreMixer(true);
        }
        catch (final IllegalArgumentException e)
        {
            throw new InputException(text + ": " + e.getMessage());
        }
    }

    private static boolean isIndex(final String s)
    {
        return !s.isEmpty() && s.length() <= 3 && s.chars().allMatch(Character::isDigit);
    }

    /** @return the built-in names, comma separated. */
    public static String builtinNames()
    {
        final StringBuilder b = new StringBuilder();
        for (final BuiltinCodec c : BuiltinCodec.values())
        {
            b.append(b.length() == 0 ? "" : ", ").append(c.id());
        }
        return b.toString();
    }
}

package dev.azalia.player;

import dev.azalia.decode.InputException;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.WidgetDump;
import dev.azalia.hda.codec.dumped.DumpCodec;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.testbed.CodecSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code ./play codec NAME|PATH[#N]}: what a codec dump holds and what the driver makes of it. Prints each codec
 * parsed (address, name, ids, its widgets by type, every pin with its default configuration), then boots the
 * emulated machine with those codecs on the link and prints the driver's log for them — Linux's
 * {@code autoconfig for ...} lines, to hold against a real machine's dmesg — and the pin the player listens to.
 *
 * <p>Runs on the main thread; the machine runs on the virtual clock and is closed before returning.
 */
@Command(name = "codec", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print a codec dump as parsed and the auto-configuration the driver chooses for it.")
public final class CodecCommand implements Callable<Integer>
{
    private static final String[] TYPE_NAMES = {"audio output", "audio input", "mixer", "selector", "pin",
        "power", "volume knob", "beep"};

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|PATH[#N]",
        description = "A built-in codec (qemu, laptop, desktop, laptop-hdmi) or a codec dump file "
            + "(/proc/asound/cardN/codec#M or alsa-info.sh output); #N picks the N-th codec of the file (from 0).")
    private String codec;

    @Option(names = "--listen-pin", paramLabel = "NID", converter = NodeIdConverter.class,
        description = "The output pin to listen to (default: the first line-out, speaker or headphone).")
    private Integer listenPin;

    /** Created by picocli. */
    public CodecCommand()
    {
        // fields are injected by picocli
    }

    /**
     * Prints the codecs and the driver's view of them.
     *
     * @return {@value Main#EXIT_OK}, or {@value Main#EXIT_FAILURE} when the driver did not probe the codecs.
     * @throws InputException when the dump cannot be read or parsed (status 3).
     * @throws InterruptedException if interrupted while the machine boots.
     */
    @Override
    public Integer call() throws InputException, InterruptedException
    {
        final CodecSpec codecSpec;
        try
        {
            codecSpec = new CodecSpec(codec, null == listenPin ? OptionalInt.empty() : OptionalInt.of(listenPin));
        }
        catch (final IllegalArgumentException e)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        final List<CodecDump> codecs = codecSpec.codecs();
        final PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < codecs.size(); i++)
        {
            describe(out, i, codecs.get(i));
        }
        try (Machine m = Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })
            .withCodec(codecSpec.resolve())))
        {
            out.println();
            out.println("driver:");
            for (final String line : m.log().lines())
            {
                if (line.contains("hdaudioC") || line.contains("Codec #") || line.contains("codec #"))
                {
                    out.println("  " + line);
                }
            }
            for (final var c : m.codecs())
            {
                if (c instanceof DumpCodec d && d.listenedPin().isPresent())
                {
                    out.println(String.format(Locale.ROOT, "the player listens at pin 0x%02x of codec %d",
                        d.listenedPin().getAsInt(), d.address()));
                }
            }
            out.flush();
            if (null != m.chip().probeFailure())
            {
                spec.commandLine().getErr().println("codec: the driver did not probe the codecs: "
                    + m.chip().probeFailure().getMessage());
                return Main.EXIT_FAILURE;
            }
        }
        return Main.EXIT_OK;
    }

    private static void describe(final PrintWriter out, final int index, final CodecDump c)
    {
        out.println(String.format(Locale.ROOT, "codec #%d at address %d: %s, vendor 0x%08x, subsystem 0x%08x, "
            + "revision 0x%x", index, c.address(), c.name(), c.vendorId(), c.subsystemId(), c.revisionId()));
        final int[] counts = new int[16];
        for (final WidgetDump w : c.widgets())
        {
            counts[w.type() & 0xf]++;
        }
        final StringBuilder b = new StringBuilder("  ").append(c.widgets().size()).append(" widgets:");
        for (int t = 0; t < TYPE_NAMES.length; t++)
        {
            if (counts[t] > 0)
            {
                b.append(' ').append(counts[t]).append(' ').append(TYPE_NAMES[t]).append(',');
            }
        }
        if (counts[0xf] > 0)
        {
            b.append(' ').append(counts[0xf]).append(" vendor,");
        }
        b.setLength(b.length() - 1);
        out.println(b);
        for (final WidgetDump w : c.widgets())
        {
            w.pinConfig().ifPresent(pc -> out.println(String.format(Locale.ROOT,
                "  pin 0x%02x: 0x%08x %s, association %d, sequence %d%s", w.nid(), pc.raw(), pc.describe(),
                pc.association(), pc.sequence(), w.connectionNids().isEmpty() ? ""
                    : ", connections " + hexList(w.connectionNids()))));
        }
    }

    private static String hexList(final List<Integer> nids)
    {
        final StringBuilder b = new StringBuilder();
        for (final int nid : nids)
        {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02x", nid));
        }
        return b.toString();
    }

    /** {@code --listen-pin}: a node id in hex ({@code 0x14}) or decimal. */
    static final class NodeIdConverter implements picocli.CommandLine.ITypeConverter<Integer>
    {
        /** {@inheritDoc} */
        @Override
        public Integer convert(final String value)
        {
            try
            {
                return value.startsWith("0x") || value.startsWith("0X") ? Integer.parseInt(value.substring(2), 16)
                    : Integer.parseInt(value);
            }
            catch (final NumberFormatException e)
            {
                throw new picocli.CommandLine.TypeConversionException("not a node id: '" + value + "'");
            }
        }
    }
}

package dev.azalia.hda.codec.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the dump fixtures under {@code codecs/} and parses texts for tests. */
final class Fixtures
{
    private Fixtures()
    {
    }

    static String text(final String name)
    {
        try (InputStream in = Fixtures.class.getResourceAsStream("/codecs/" + name))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static DumpFile parseFixture(final String name) throws DumpParseException
    {
        return new CodecDumpParser().parse(name, text(name));
    }

    static CodecDump codec(final String name) throws DumpParseException
    {
        return parseFixture(name).codecs().get(0).codec();
    }

    /** Parses one codec given as lines. */
    static CodecDump parse(final String... lines) throws DumpParseException
    {
        return new CodecDumpParser().parse("t.txt", String.join("\n", lines) + "\n").codecs().get(0).codec();
    }

    /** A minimal header for inline tests, followed by the given lines. */
    static CodecDump withNodes(final String... lines) throws DumpParseException
    {
        final String[] all = new String[HEADER.length + lines.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(lines, 0, all, HEADER.length, lines.length);
        return parse(all);
    }

    static final String[] HEADER = {
        "Codec: Test T1",
        "Address: 0",
        "AFG Function Id: 0x1 (unsol 1)",
        "Vendor Id: 0x1aa00001",
        "Subsystem Id: 0x1aa00002",
        "Revision Id: 0x100001",
        "No Modem Function Group found",
        "Default PCM:",
        "    rates [0x60]: 44100 48000",
        "    bits [0x2]: 16",
        "    formats [0x1]: PCM",
        "Default Amp-In caps: N/A",
        "Default Amp-Out caps: N/A",
        "State of AFG node 0x01:",
        "  Power states:  D0 D3",
        "  Power: setting=D0, actual=D0",
        "GPIO: io=0, o=0, i=0, unsolicited=0, wake=0",
    };
}

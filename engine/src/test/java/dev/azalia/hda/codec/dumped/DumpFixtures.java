package dev.azalia.hda.codec.dumped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.CodecBus;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpParser;
import dev.azalia.hda.codec.dump.DumpFile;
import dev.azalia.hda.codec.dump.DumpParseException;

/** Loads the dump fixtures under {@code codecs/} and records what a codec emits, for tests. */
final class DumpFixtures
{
    /** Every fixture that holds codecs (the top-level files and the damaged ones the parser tolerates). */
    static final String[] ALL = {"qemu-hda-duplex.txt", "laptop-analog.txt", "desktop-analog.txt", "hdmi.txt",
        "alsa-info-two-cards.txt", "damaged/crlf-bom.txt", "damaged/hook-lines.txt", "damaged/old-format.txt",
        "damaged/quoted-printable.txt", "damaged/squashed-indent.txt", "damaged/trailing-junk.txt"};

    private DumpFixtures()
    {
    }

    static String text(final String name)
    {
        try (InputStream in = DumpFixtures.class.getResourceAsStream("/codecs/" + name))
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

    static DumpFile file(final String name)
    {
        return parse(name, text(name));
    }

    static DumpFile parse(final String name, final String text)
    {
        try
        {
            return new CodecDumpParser().parse(name, text);
        }
        catch (final DumpParseException e)
        {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static CodecDump codec(final String name)
    {
        return file(name).codecList().get(0);
    }

    /** Records every DacOutput callback as text. Not thread-safe. */
    static final class Output implements DacOutput
    {
        final List<String> events = new ArrayList<>();
        long sampleBytes;

        @Override
        public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
            final int offset, final int length, final long nanos)
        {
            events.add("samples " + codecAddress + " " + nid + " " + length);
            sampleBytes += length;
        }

        @Override
        public void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
        {
            events.add("start " + codecAddress + " " + nid + " " + Integer.toHexString(format.word()));
        }

        @Override
        public void onStreamStop(final int codecAddress, final int nid)
        {
            events.add("stop " + codecAddress + " " + nid);
        }
    }

    /** Records unsolicited responses. Thread-safe. */
    static final class Bus implements CodecBus
    {
        final List<Integer> responses = new ArrayList<>();

        @Override
        public synchronized void unsolicited(final int codecAddress, final int response)
        {
            responses.add(response);
        }
    }
}

package dev.azalia.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The trimmed captures kept as test resources, and a builder of hand-written traces. */
final class Fixtures
{
    private Fixtures()
    {
    }

    static String resource(final String name)
    {
        try (InputStream in = Fixtures.class.getResourceAsStream("/conformance/" + name))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** The trimmed capture of {@code ich9} or {@code pch}: mmiotrace and events. */
    static TracePair capture(final String kind) throws TraceFormatException
    {
        return new TracePair(MmioTraceReader.parse(kind + "-mmiotrace.txt", resource(kind + "-mmiotrace.txt")),
            EventTraceReader.parse(kind + "-hda-events.txt", resource(kind + "-hda-events.txt")),
            KernelFunctions.none());
    }

    /** Writes a hand-made trace pair: accesses at BAR 0xfebd4000, one microsecond apart unless a time is set. */
    static final class Builder
    {
        private final StringBuilder mmio = new StringBuilder("VERSION 20070824\nMAP 0.000000 1 0xfebd4000 "
            + "0xffff000000000000 0x4000 0x0 0\n");
        private final StringBuilder events = new StringBuilder();
        private long micros = 1;

        Builder mark(final String name)
        {
            mmio.append(String.format(Locale.ROOT, "MARK %s %s%n", time(), name));
            micros++;
            return this;
        }

        Builder r(final int width, final int offset, final long value)
        {
            return access('R', width, offset, value);
        }

        Builder w(final int width, final int offset, final long value)
        {
            return access('W', width, offset, value);
        }

        private Builder access(final char kind, final int width, final int offset, final long value)
        {
            mmio.append(String.format(Locale.ROOT, "%c %d %s 1 0x%x 0x%x 0x0 0%n", kind, width, time(),
                0xfebd4000L + offset, value));
            micros++;
            return this;
        }

        Builder event(final String name, final String text)
        {
            return event(".....", name, text);
        }

        Builder irqEvent(final String name, final String text)
        {
            return event("d.h2.", name, text);
        }

        private Builder event(final String flags, final String name, final String text)
        {
            events.append(String.format(Locale.ROOT, "   task-1  [000] %s %12s: %s: %s%n", flags, time(), name, text));
            micros++;
            return this;
        }

        /** A verb round trip: the tracepoints and the accesses Linux makes for it. */
        Builder verb(final long verb, final long response)
        {
            event("hda_send_cmd", String.format(Locale.ROOT, "[0000:00:03.0:0] val=0x%08x", verb));
            r(2, 0x48, 0).r(2, 0x4a, 0).w(2, 0x48, 1).r(4, 0x24, 0xc0000000L).r(1, 0x5d, 1).w(1, 0x5d, 5)
                .r(2, 0x58, 1).r(4, 0x24, 0);
            return event("hda_get_response", String.format(Locale.ROOT, "[0000:00:03.0:0] val=0x%08x", response));
        }

        private String time()
        {
            return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
        }

        String mmioText()
        {
            return mmio.toString();
        }

        String eventText()
        {
            return events.toString();
        }

        TracePair build() throws TraceFormatException
        {
            return new TracePair(MmioTraceReader.parse("hand-mmiotrace", mmio.toString()),
                EventTraceReader.parse("hand-events", events.toString()), KernelFunctions.none());
        }
    }
}

package dev.azalia.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the readers: reading lines, parsing times and numbers with line-numbered errors. */
final class TraceText
{
    private TraceText()
    {
    }

    /** Reads every line of a file (UTF-8, any line ending). */
    static List<String> lines(final Path path) throws TraceFormatException
    {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            return lines(r);
        }
        catch (final java.nio.file.NoSuchFileException e)
        {
            throw new TraceFormatException(path.toString(), "no such file", e);
        }
        catch (final IOException | java.io.UncheckedIOException e)
        {
            throw new TraceFormatException(path.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads every line of a reader. */
    static List<String> lines(final BufferedReader r) throws IOException
    {
        final List<String> out = new ArrayList<>();
        for (String line = r.readLine(); null != line; line = r.readLine())
        {
            out.add(line);
        }
        return out;
    }

    /** Whether a line carries nothing: blank or a {@code #} comment. */
    static boolean skip(final String line)
    {
        final String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    /** Parses {@code "4.260110"} (seconds, up to six decimals kept) into microseconds. */
    static long micros(final String s, final String source, final int line) throws TraceFormatException
    {
        final int dot = s.indexOf('.');
        try
        {
            if (dot < 0)
            {
                return Math.multiplyExact(Long.parseLong(s), 1_000_000L);
            }
            final long whole = dot == 0 ? 0 : Long.parseLong(s.substring(0, dot));
            String frac = s.substring(dot + 1);
            if (frac.isEmpty() || !frac.chars().allMatch(Character::isDigit) || whole < 0)
            {
                throw new NumberFormatException();
            }
            frac = frac.length() > 6 ? frac.substring(0, 6) : (frac + "000000").substring(0, 6);
            return Math.addExact(Math.multiplyExact(whole, 1_000_000L), Long.parseLong(frac));
        }
        catch (final NumberFormatException | ArithmeticException e)
        {
            throw new TraceFormatException(source, line, "bad time stamp '" + s + "'");
        }
    }

    /** Parses a {@code 0x} hexadecimal (or plain hexadecimal) unsigned 64-bit number. */
    static long hex(final String s, final String what, final String source, final int line)
        throws TraceFormatException
    {
        final String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        try
        {
            if (digits.isEmpty() || digits.length() > 16)
            {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(digits, 16);
        }
        catch (final NumberFormatException e)
        {
            throw new TraceFormatException(source, line, "bad " + what + " '" + s + "'");
        }
    }

    /** Parses a decimal int. */
    static int decimal(final String s, final String what, final String source, final int line)
        throws TraceFormatException
    {
        try
        {
            return Integer.parseInt(s);
        }
        catch (final NumberFormatException e)
        {
            throw new TraceFormatException(source, line, "bad " + what + " '" + s + "'");
        }
    }
}

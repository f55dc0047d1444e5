package dev.azalia.hda.codec.dump;

import java.util.ArrayList;
import java.util.List;

/**
 * A dump's text cut into lines, repaired for the damage mail and forums do: a UTF-8 byte-order mark, CRLF or CR line
 * ends, and quoted-printable soft breaks (a line ending in {@code =} continues on the next line; {@code =3D} is
 * {@code =}). Each line keeps the 1-based number of the physical line it starts on. Linear in the text's length.
 */
final class DumpText
{
    private final List<String> lines;
    private final int[] numbers;
    private final int physicalLines;

    private DumpText(final List<String> lines, final int[] numbers, final int physicalLines)
    {
        this.lines = lines;
        this.numbers = numbers;
        this.physicalLines = physicalLines;
    }

    /**
     * @param text the whole text.
     * @return its lines.
     */
    static DumpText of(final String text)
    {
        final List<String> physical = new ArrayList<>();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        final int n = text.length();
        for (int i = start; i < n; i++)
        {
            final char c = text.charAt(i);
            if (c == '\n' || c == '\r')
            {
                physical.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n')
                {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n)
        {
            physical.add(text.substring(start));
        }
        final List<String> joined = new ArrayList<>(physical.size());
        final int[] numbers = new int[physical.size()];
        final StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < physical.size())
        {
            final int first = i;
            String line = physical.get(i++);
            if (softBreak(line))
            {
                sb.setLength(0);
                while (softBreak(line) && i < physical.size())
                {
                    sb.append(line, 0, line.length() - 1);
                    line = physical.get(i++);
                }
                sb.append(line);
                line = sb.toString();
            }
            if (line.contains("=3D"))
            {
                line = line.replace("=3D", "=");
            }
            numbers[joined.size()] = first + 1;
            joined.add(line);
        }
        return new DumpText(joined, numbers, physical.size());
    }

    /** A quoted-printable soft break: {@code =} at the end of a line (no line of the dump format ends so). */
    private static boolean softBreak(final String line)
    {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '=';
    }

    /** @return the number of (joined) lines. */
    int size()
    {
        return lines.size();
    }

    /** @return the line at an index. */
    String line(final int index)
    {
        return lines.get(index);
    }

    /** @return the 1-based physical line number a line starts on. */
    int number(final int index)
    {
        return numbers[index];
    }

    /** @return the number of physical lines (the last line's number). */
    int physicalLines()
    {
        return physicalLines;
    }
}

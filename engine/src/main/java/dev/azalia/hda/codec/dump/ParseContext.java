package dev.azalia.hda.codec.dump;

/**
 * The number parsing of one line, reporting failures as {@link DumpParseException} with the source and line.
 * Every number is bounded before use; nothing is allocated from a number in the input. Not thread-safe; one per
 * parse.
 */
final class ParseContext
{
    private final String source;
    private int lineNumber;

    ParseContext(final String source)
    {
        this.source = source;
    }

    /** @param lineNumber the line now being parsed. */
    void at(final int lineNumber)
    {
        this.lineNumber = lineNumber;
    }

    /** @return the line now being parsed. */
    int lineNumber()
    {
        return lineNumber;
    }

    /** @return the source name. */
    String source()
    {
        return source;
    }

    /** @return an exception at the current line. */
    DumpParseException error(final String reason)
    {
        return new DumpParseException(source, lineNumber, reason);
    }

    /** @return an exception at the given line. */
    DumpParseException error(final int line, final String reason)
    {
        return new DumpParseException(source, line, reason);
    }

    /**
     * Parses a 32-bit hex number, with or without {@code 0x}, trailing {@code :}, {@code ,} or {@code *} removed.
     *
     * @param token the token.
     * @param what  what the number is, for the message.
     * @return the value (bits 31:0).
     */
    int hex(final String token, final String what) throws DumpParseException
    {
        String t = strip(token);
        if (t.startsWith("0x") || t.startsWith("0X"))
        {
            t = t.substring(2);
        }
        int start = 0;
        while (start < t.length() - 1 && t.charAt(start) == '0')
        {
            start++;
        }
        if (t.isEmpty() || t.length() - start > 8)
        {
            throw error("malformed hex number '" + shorten(token) + "' in " + what);
        }
        long value = 0;
        for (int i = start; i < t.length(); i++)
        {
            final int digit = Character.digit(t.charAt(i), 16);
            if (digit < 0)
            {
                throw error("malformed hex number '" + shorten(token) + "' in " + what);
            }
            value = value << 4 | digit;
        }
        return (int)value;
    }

    /**
     * Parses a decimal number in -99999999 ... 999999999.
     *
     * @param token the token (trailing {@code ,} or {@code :} removed).
     * @param what  what the number is, for the message.
     * @return the value.
     */
    int decimal(final String token, final String what) throws DumpParseException
    {
        final String t = strip(token);
        final boolean negative = t.startsWith("-");
        final int start = negative ? 1 : 0;
        if (t.length() == start || t.length() - start > 9)
        {
            throw error("malformed number '" + shorten(token) + "' in " + what);
        }
        int value = 0;
        for (int i = start; i < t.length(); i++)
        {
            final char c = t.charAt(i);
            if (c < '0' || c > '9')
            {
                throw error("malformed number '" + shorten(token) + "' in " + what);
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /**
     * Parses a decimal number that must lie in a range.
     */
    int decimal(final String token, final String what, final int min, final int max) throws DumpParseException
    {
        final int value = decimal(token, what);
        if (value < min || value > max)
        {
            throw error(what + " " + value + " is out of range " + min + " ... " + max);
        }
        return value;
    }

    /**
     * The value of {@code key=value} (or {@code key = value}) in a line: the text after the key up to the next
     * {@code ,} or white space.
     *
     * @return the value, or null when the key is missing.
     */
    static String field(final String line, final String key)
    {
        int from = 0;
        while (true)
        {
            final int at = line.indexOf(key, from);
            if (at < 0)
            {
                return null;
            }
            final boolean boundary = at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1));
            int i = at + key.length();
            while (i < line.length() && line.charAt(i) == ' ')
            {
                i++;
            }
            if (boundary && i < line.length() && line.charAt(i) == '=')
            {
                i++;
                while (i < line.length() && line.charAt(i) == ' ')
                {
                    i++;
                }
                int end = i;
                while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != ' ')
                {
                    end++;
                }
                return line.substring(i, end);
            }
            from = at + key.length();
        }
    }

    /**
     * A required {@code key=value} field.
     */
    String requiredField(final String line, final String key, final String what) throws DumpParseException
    {
        final String value = field(line, key);
        if (value == null || value.isEmpty())
        {
            throw error(what + " has no " + key + "= value");
        }
        return value;
    }

    private static String strip(final String token)
    {
        int end = token.length();
        while (end > 0 && (token.charAt(end - 1) == ':' || token.charAt(end - 1) == ',' || token.charAt(end - 1) == '*'))
        {
            end--;
        }
        return token.substring(0, end).trim();
    }

    /** @return the token, cut to 20 characters for a message. */
    static String shorten(final String token)
    {
        return token.length() <= 20 ? token : token.substring(0, 20) + "...";
    }
}

package dev.azalia.conformance;

/**
 * A trace or list file that cannot be read or parsed. The message is one line naming the file and, for a malformed
 * line, its 1-based line number: {@code "trace.txt:12: R line needs 8 fields: R 4 1.0 1"}.
 */
public final class TraceFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * A malformed line.
     *
     * @param source     the file (or other source) name.
     * @param lineNumber the 1-based line number, or 0 when the problem is not on one line.
     * @param problem    what is wrong, without the file name.
     */
    public TraceFormatException(final String source, final int lineNumber, final String problem)
    {
        super(source + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + problem);
    }

    /**
     * An unreadable file.
     *
     * @param source  the file name.
     * @param problem what went wrong.
     * @param cause   the I/O failure.
     */
    public TraceFormatException(final String source, final String problem, final Throwable cause)
    {
        super(source + ": " + problem, cause);
    }
}

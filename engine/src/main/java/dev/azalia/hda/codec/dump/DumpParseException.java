package dev.azalia.hda.codec.dump;

/**
 * A codec dump that cannot be read: one line naming the source, the line number in that source and what is wrong,
 * e.g. {@code codec.txt:123: connection list of node 0x14 names node 0x30, which the codec does not have}.
 */
public final class DumpParseException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;
    private final String reason;

    /**
     * @param source     the name of the text (a file name), as it appears in the message.
     * @param lineNumber the 1-based line number in that text the problem is reported at.
     * @param reason     what is wrong, without source or line.
     */
    public DumpParseException(final String source, final int lineNumber, final String reason)
    {
        super(source + ":" + lineNumber + ": " + reason, null, false, false);
        this.source = source;
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /** @return the 1-based line number in the source text. */
    public int lineNumber()
    {
        return lineNumber;
    }

    /** @return the name of the source text. */
    public String source()
    {
        return source;
    }

    /** @return what is wrong, without the source and line prefix. */
    public String reason()
    {
        return reason;
    }
}

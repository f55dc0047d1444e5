package dev.azalia.link;

/**
 * A sink cannot be opened: no line, no mixer matching the request, an unsupported format, or a file that cannot
 * be created. The message is one line for the user, e.g. {@code "no audio output line for 0x4011 (44100 Hz, 16 bit,
 * 2 ch): no mixer"}.
 */
public final class SinkUnavailableException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a one-line message.
     *
     * @param message the message.
     */
    public SinkUnavailableException(final String message)
    {
        super(message);
    }

    /**
     * An exception with a one-line message and its cause.
     *
     * @param message the message.
     * @param cause   what the platform threw.
     */
    public SinkUnavailableException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

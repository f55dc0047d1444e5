package dev.azalia.decode;

/**
 * The input file cannot be played: missing, unreadable, empty, not MPEG audio, or corrupt beyond decoding.
 * The message is one line meant for the user, naming the file and the problem (the player prints it after
 * {@code "play: "} and exits with status 3). Never carries a stack trace to the user.
 */
public final class InputException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * An input problem.
     *
     * @param message one line naming the file and the problem.
     */
    public InputException(final String message)
    {
        super(message);
    }

    /**
     * An input problem caused by a lower-level failure (kept for diagnostics, not shown to the user).
     *
     * @param message one line naming the file and the problem.
     * @param cause   the underlying failure.
     */
    public InputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

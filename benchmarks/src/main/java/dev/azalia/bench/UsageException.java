package dev.azalia.bench;

/**
 * A user's mistake on a benchmark's command line (an unknown option, a missing or malformed value, a value out of
 * range, a file that is not there): the message is the one line to print after the program's name, with no
 * exception's class in it. Thrown by the mains' parse steps ({@link Arguments}); {@link Command} prints it and
 * exits with {@link Command#EXIT_USAGE}. Immutable.
 */
final class UsageException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * A mistake.
     *
     * @param message what is wrong, on one line, e.g. {@code "--seconds must be positive: 0"}.
     */
    UsageException(final String message)
    {
        super(message, null, false, false);
    }
}

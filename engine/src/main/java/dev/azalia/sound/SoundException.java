package dev.azalia.sound;

/**
 * A failed sound-core or driver operation, carrying the Linux error number the kernel would have returned.
 */
public final class SoundException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The error number; an enum, hence serializable. */
    private final Errno errno;

    /**
     * An error with a message.
     *
     * @param errno   the error number.
     * @param message what went wrong, e.g. {@code "playback write error (DMA or IRQ trouble?)"}.
     */
    public SoundException(final Errno errno, final String message)
    {
        super(message);
        this.errno = errno;
    }

    /**
     * An error with a message and a cause.
     *
     * @param errno   the error number.
     * @param message what went wrong.
     * @param cause   the underlying failure.
     */
    public SoundException(final Errno errno, final String message, final Throwable cause)
    {
        super(message, cause);
        this.errno = errno;
    }

    /**
     * The error number.
     *
     * @return the errno, e.g. {@link Errno#EPIPE} after an xrun.
     */
    public Errno errno()
    {
        return errno;
    }

    /**
     * The class name, errno and message.
     *
     * @return e.g. {@code "SoundException: EPIPE (-32): underrun"}.
     */
    @Override
    public String toString()
    {
        return "SoundException: " + errno + " (-" + errno.code() + "): " + getMessage();
    }
}

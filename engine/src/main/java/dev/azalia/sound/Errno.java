package dev.azalia.sound;

/**
 * The Linux error numbers the sound core reports, with their numeric values from {@code asm-generic/errno.h}.
 */
public enum Errno
{
    /** Operation not permitted. */
    EPERM(1),
    /** No such entry (e.g. an unknown control name). */
    ENOENT(2),
    /** Interrupted while sleeping. */
    EINTR(4),
    /** I/O error: the hardware made no progress ("DMA or IRQ trouble?"). */
    EIO(5),
    /** No such device or address. */
    ENXIO(6),
    /** Try again (also used for an unsupported {@code resume}, see {@link PcmSubstream#resume()}). */
    EAGAIN(11),
    /** Out of memory. */
    ENOMEM(12),
    /** Device or resource busy (already open, running stream). */
    EBUSY(16),
    /** No such device: the card was disconnected. */
    ENODEV(19),
    /** Invalid argument (parameters outside the hardware's constraints, out-of-range control values). */
    EINVAL(22),
    /** Broken pipe: an xrun happened; {@code prepare} recovers. */
    EPIPE(32),
    /** Function not implemented. */
    ENOSYS(38),
    /** File descriptor in bad state: the operation is not valid in the stream's current state. */
    EBADFD(77),
    /** Streams pipe error: the stream was suspended; {@code resume} or {@code prepare} recovers. */
    ESTRPIPE(86),
    /** Timed out. */
    ETIMEDOUT(110);

    private final int code;

    Errno(final int code)
    {
        this.code = code;
    }

    /**
     * The positive Linux error number; the kernel returns its negation.
     *
     * @return the number, e.g. 32 for {@link #EPIPE}.
     */
    public int code()
    {
        return code;
    }
}

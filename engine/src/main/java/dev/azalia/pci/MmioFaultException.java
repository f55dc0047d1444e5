package dev.azalia.pci;

/**
 * A CPU access through a mapping that no longer exists: the emulated kernel's page fault (an oops). Raised by an
 * {@code IoMapping} after {@code iounmap}; the access is also recorded, so a fault that some thread swallowed still
 * fails the run.
 */
public final class MmioFaultException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String threadName;

    /**
     * A fault at {@code offset} of a released mapping.
     *
     * @param message    the kernel-style message.
     * @param offset     the register offset that was accessed.
     * @param threadName the thread that made the access.
     */
    public MmioFaultException(final String message, final int offset, final String threadName)
    {
        super(message);
        this.offset = offset;
        this.threadName = threadName;
    }

    /**
     * The register offset inside the BAR that the faulting access used.
     *
     * @return the offset in bytes.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * The name of the thread that made the faulting access.
     *
     * @return the thread name.
     */
    public String threadName()
    {
        return threadName;
    }
}

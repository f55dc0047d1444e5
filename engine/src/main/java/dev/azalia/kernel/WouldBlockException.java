package dev.azalia.kernel;

/**
 * Thrown on a virtual machine when a restartable task (mixer traffic, a work item, an injected jack event) would
 * have to sleep until another task, further down the one thread's stack, releases something (the power gate, the
 * MMIO gate). A threaded kernel would simply block that task; the virtual kernel instead unwinds it and runs it
 * again a little later, counting the time it was held back as blocked time. Callers must leave no state behind
 * when it passes through them (drop references in {@code finally}).
 */
public final class WouldBlockException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The shared instance: it carries no state and no stack trace. */
    static final WouldBlockException INSTANCE = new WouldBlockException();

    private WouldBlockException()
    {
        super("would block", null, false, false);
    }
}

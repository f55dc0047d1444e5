package dev.azalia.kernel.trace;

/**
 * The task an event is charged to, as ftrace prints it ({@code comm-pid}, and whether it ran in hard interrupt
 * context). Azalia's execution contexts map onto the tasks a Linux capture shows (see {@link #forContext}).
 *
 * @param comm    the command name, at most 16 characters ({@code kworker/0:2}, {@code aplay}, {@code <idle>}).
 * @param pid     the process id; {@link #APPLICATION_PID} for the application, whose id the recorder assigns.
 * @param hardIrq whether the event runs in the interrupt handler (ftrace's {@code h} flag).
 */
public record Task(String comm, int pid, boolean hardIrq)
{
    /** The pid of {@link #APPLICATION}: the recorder numbers application processes itself. */
    public static final int APPLICATION_PID = -1;
    /** The system workqueue (probe work, unsolicited events, delayed work): Linux's {@code kworker/0:2-48}. */
    public static final Task WORKQUEUE = new Task("kworker/0:2", 48, false);
    /** The unbound workqueue (asynchronous suspend and resume): Linux's {@code kworker/u2:1-24}. */
    public static final Task UNBOUND = new Task("kworker/u2:1", 24, false);
    /** The interrupt handler, which on an idle CPU is charged to {@code <idle>-0}. */
    public static final Task HARDIRQ = new Task("<idle>", 0, true);
    /** The process playing the stream ({@code aplay}); its pid is numbered by the recorder. */
    public static final Task APPLICATION = new Task("aplay", APPLICATION_PID, false);
    /** A mixer application ({@code amixer}). */
    public static final Task MIXER = new Task("amixer", 200, false);
    /** A shell writing to sysfs (PCI rescan or remove). */
    public static final Task SHELL = new Task("sh", 1, false);

    /**
     * The task for an execution context: a virtual kernel's event context, or a real kernel's thread name.
     * <ul>
     * <li>{@code null} (no event running: the thread driving the machine) and any unknown name: the application;</li>
     * <li>{@code kworker}, {@code kworker/0:*}, {@code ktimer}: the system workqueue;</li>
     * <li>{@code events_unbound}, {@code kworker/u*}: the unbound workqueue;</li>
     * <li>{@code link}, {@code link-clock}, {@code irq/*}, {@code jack}: hard interrupt (the link clock delivers
     * the controller's interrupt, a jack event is the codec's);</li>
     * <li>{@code mixer}: {@code amixer}; {@code pci}: a shell.</li>
     * </ul>
     *
     * @param context the context or thread name, or null.
     * @return the task; one of the constants (no allocation).
     */
    public static Task forContext(final String context)
    {
        if (null == context)
        {
            return APPLICATION;
        }
        if ("kworker".equals(context) || context.startsWith("kworker/0") || "ktimer".equals(context))
        {
            return WORKQUEUE;
        }
        if ("events_unbound".equals(context) || context.startsWith("kworker/u"))
        {
            return UNBOUND;
        }
        if ("link".equals(context) || "link-clock".equals(context) || context.startsWith("irq/")
            || "jack".equals(context))
        {
            return HARDIRQ;
        }
        if ("mixer".equals(context))
        {
            return MIXER;
        }
        if ("pci".equals(context) || "pci-unplug".equals(context))
        {
            return SHELL;
        }
        return APPLICATION;
    }
}

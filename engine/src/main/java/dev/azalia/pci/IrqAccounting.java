package dev.azalia.pci;

import dev.azalia.log.KernelLog;

/**
 * The kernel's accounting of an interrupt line's deliveries ({@code note_interrupt}): handled and unhandled counts,
 * and the spurious-interrupt guard that disables a line when more than {@link #SPURIOUS_LIMIT} of a
 * window of {@link #SPURIOUS_WINDOW} deliveries were unhandled. Guarded by the line's lock.
 */
final class IrqAccounting
{
    /** Deliveries per spurious-detection window. */
    static final int SPURIOUS_WINDOW = 100_000;
    /** More unhandled deliveries than this in one window disable the line. */
    static final int SPURIOUS_LIMIT = 99_900;

    private final int irq;
    private final KernelLog log;
    private long delivered;
    private long handled;
    private long unhandled;
    private int windowCount;
    private int windowUnhandled;
    private boolean disabled;

    IrqAccounting(final int irq, final KernelLog log)
    {
        this.irq = irq;
        this.log = log;
    }

    /** A new handler was requested: the line is enabled again and a new window starts. */
    void reset()
    {
        disabled = false;
        windowCount = 0;
        windowUnhandled = 0;
    }

    /** Counts one delivery; logs and disables the line at the end of a window of mostly unhandled ones. */
    void account(final boolean ok)
    {
        delivered++;
        windowCount++;
        if (ok)
        {
            handled++;
        }
        else
        {
            unhandled++;
            windowUnhandled++;
        }
        if (windowCount < SPURIOUS_WINDOW)
        {
            return;
        }
        if (windowUnhandled > SPURIOUS_LIMIT && !disabled)
        {
            disabled = true;
            log.err("kernel", "irq " + irq + ": nobody cared (try booting with the \"irqpoll\" option)");
            log.err("kernel", "Disabling IRQ #" + irq);
        }
        windowCount = 0;
        windowUnhandled = 0;
    }

    boolean disabled()
    {
        return disabled;
    }

    long delivered()
    {
        return delivered;
    }

    long handled()
    {
        return handled;
    }

    long unhandled()
    {
        return unhandled;
    }
}

package dev.azalia.pci;

import dev.azalia.log.KernelLog;

import java.util.Arrays;

/**
 * The kernel log lines of a BAR rewrite ({@code BAR 0: releasing [mem ...]}, {@code BAR 0 updated: 0x... -> 0x...},
 * {@code BAR 0: assigned [mem ...]}), kept as numbers and a time stamp while the rescan's move window is open and
 * formatted once it has closed: nothing is allocated or formatted while drivers wait for the BAR. The lines keep
 * their text, their order and the time stamp of the moment they were due: they are logged when the rescan ends, or
 * earlier if anyone logs a line first (the log runs this before any line; see {@link KernelLog#setDeferredLines}).
 *
 * <p>Threading: recorded under the PCI lock; flushed by the PCI thread or by any thread about to log. Guarded by this
 * object's monitor. The storage grows only when a rescan holds more lines than every earlier one, which
 * {@link #ensureCapacity} does before the window opens.
 */
final class BarMoveLines implements Runnable
{
    private static final int RELEASING = 0;
    private static final int ASSIGNED = 1;
    private static final int UPDATED = 2;

    private final KernelLog log;
    private int[] kind = new int[0];
    private PciDevice[] device = new PciDevice[0];
    private int[] bar = new int[0];
    private long[] oldAddress = new long[0];
    private long[] newAddress = new long[0];
    private int[] sizeBytes = new int[0];
    private long[] dueNanos = new long[0];
    private int count;
    /** Read without the lock so that a line logged while nothing is deferred does not take it. */
    private volatile boolean pending;
    private boolean flushing;

    BarMoveLines(final KernelLog log)
    {
        this.log = log;
    }

    /** Makes room for {@code lines} more lines (outside the move window: this may allocate). */
    synchronized void ensureCapacity(final int lines)
    {
        final int needed = count + lines;
        if (needed <= kind.length)
        {
            return;
        }
        final int capacity = Math.max(needed, 2 * kind.length);
        kind = Arrays.copyOf(kind, capacity);
        device = Arrays.copyOf(device, capacity);
        bar = Arrays.copyOf(bar, capacity);
        oldAddress = Arrays.copyOf(oldAddress, capacity);
        newAddress = Arrays.copyOf(newAddress, capacity);
        sizeBytes = Arrays.copyOf(sizeBytes, capacity);
        dueNanos = Arrays.copyOf(dueNanos, capacity);
    }

    /** {@code BAR n: releasing [mem old-end]}, due at {@code nanos}. */
    synchronized void releasing(final PciDevice d, final int index, final long old, final int size, final long nanos)
    {
        add(RELEASING, d, index, old, -1L, size, nanos);
    }

    /** {@code BAR n: assigned [mem new-end]}, due at {@code nanos}. */
    synchronized void assigned(final PciDevice d, final int index, final long at, final int size, final long nanos)
    {
        add(ASSIGNED, d, index, -1L, at, size, nanos);
    }

    /** {@code BAR n updated: 0xold -> 0xnew}, due at {@code nanos}. */
    synchronized void updated(final PciDevice d, final int index, final long old, final long at, final long nanos)
    {
        add(UPDATED, d, index, old, at, 0, nanos);
    }

    private void add(final int what, final PciDevice d, final int index, final long old, final long at,
        final int size, final long nanos)
    {
        if (count == kind.length)
        {
            // more lines than ensureCapacity was told of: log the ones kept so far (in order) rather than lose one
            flush();
            ensureCapacity(1);
        }
        kind[count] = what;
        device[count] = d;
        bar[count] = index;
        oldAddress[count] = old;
        newAddress[count] = at;
        sizeBytes[count] = size;
        dueNanos[count] = nanos;
        count++;
        pending = true;
    }

    /** Logs the deferred lines, if any. */
    @Override
    public void run()
    {
        if (pending)
        {
            flush();
        }
    }

    /** Logs the deferred lines in order with their time stamps; a nested call (from the log) returns at once. */
    synchronized void flush()
    {
        if (flushing || 0 == count)
        {
            return;
        }
        flushing = true;
        try
        {
            for (int i = 0; i < count; i++)
            {
                log.logAt(KernelLog.Level.INFO, dueNanos[i], PciBus.src(device[i]), text(i));
                device[i] = null;
            }
        }
        finally
        {
            count = 0;
            pending = false;
            flushing = false;
        }
    }

    private String text(final int i)
    {
        return switch (kind[i])
        {
            case RELEASING -> "BAR " + bar[i] + ": releasing " + BarAllocator.range(oldAddress[i], sizeBytes[i]);
            case ASSIGNED -> "BAR " + bar[i] + ": assigned " + BarAllocator.range(newAddress[i], sizeBytes[i]);
            default -> "BAR " + bar[i] + " updated: 0x" + Long.toHexString(oldAddress[i]) + " -> 0x"
                + Long.toHexString(newAddress[i]);
        };
    }
}

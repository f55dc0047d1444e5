package dev.azalia.driver;

import dev.azalia.kernel.Kernel;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The gate every task-context user of the controller's registers passes (PCM ops, codec commands, control get/put,
 * unsolicited work, runtime PM): the {@code live} quiesce policy closes it to hold new users back and drain the
 * ones in flight while the BAR moves, then opens it again. Open, it costs a lock-free check and a counter.
 *
 * <p>Entries nest on one thread (a PCM op that sends codec verbs enters twice). A user inside the gate is an
 * operation in flight: on a virtual machine no other task runs nested inside it ({@link Kernel#enterNoPreempt}).
 *
 * <p>Thread-safe. The interrupt handler does not use the gate: the policy masks the interrupt line instead.
 */
public final class MmioGate
{
    private final Kernel kernel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private volatile boolean closed;
    private int inFlight;
    private long waits;
    private long waitedNanos;

    /**
     * An open gate.
     *
     * @param kernel kernel services (waits, no-preempt sections).
     */
    public MmioGate(final Kernel kernel)
    {
        this.kernel = kernel;
    }

    /**
     * Enters the gate, waiting while it is closed (unless this thread is already inside).
     */
    public void enter()
    {
        final int[] d = depth.get();
        if (d[0] > 0)
        {
            d[0]++;
            return;
        }
        lock.lock();
        try
        {
            if (closed)
            {
                final long start = kernel.clock().nanoTime();
                while (closed)
                {
                    try
                    {
                        kernel.await(changed, Long.MAX_VALUE);
                    }
                    catch (final InterruptedException e)
                    {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted at the MMIO gate", e);
                    }
                }
                waits++;
                waitedNanos += kernel.clock().nanoTime() - start;
            }
            inFlight++;
        }
        finally
        {
            lock.unlock();
        }
        d[0] = 1;
        kernel.enterNoPreempt();
    }

    /** Leaves the gate; the last user out wakes a policy draining it. */
    public void exit()
    {
        final int[] d = depth.get();
        if (--d[0] > 0)
        {
            return;
        }
        kernel.exitNoPreempt();
        lock.lock();
        try
        {
            if (--inFlight == 0)
            {
                changed.signalAll();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Closes the gate and waits until every user in flight has left.
     */
    public void closeAndDrain()
    {
        lock.lock();
        try
        {
            closed = true;
            while (inFlight > 0)
            {
                try
                {
                    kernel.await(changed, Long.MAX_VALUE);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted draining the MMIO gate", e);
                }
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Opens the gate and wakes the users waiting at it. */
    public void open()
    {
        lock.lock();
        try
        {
            closed = false;
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Whether the gate is closed.
     *
     * @return true while a policy holds it closed.
     */
    public boolean closed()
    {
        return closed;
    }

    /**
     * Users that had to wait at the closed gate.
     *
     * @return the count.
     */
    public long waits()
    {
        lock.lock();
        try
        {
            return waits;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Total time users waited at the closed gate.
     *
     * @return nanoseconds.
     */
    public long waitedNanos()
    {
        lock.lock();
        try
        {
            return waitedNanos;
        }
        finally
        {
            lock.unlock();
        }
    }
}

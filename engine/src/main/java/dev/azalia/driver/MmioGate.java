package dev.azalia.driver;

import dev.azalia.kernel.Kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The gate every task-context user of the controller's registers passes (PCM ops, codec commands, control get/put,
 * unsolicited work, runtime PM): the {@code live} quiesce policy closes it to hold new users back and drain the
 * ones in flight while the BAR moves, then opens it again. Open, it costs an atomic increment and decrement and a
 * volatile read; the lock is taken only while the gate is closed.
 *
 * <p>Protocol (a Dekker handshake, both sides sequentially consistent): a user increments {@code inFlight}, then
 * reads {@code closed}; the policy writes {@code closed}, then reads {@code inFlight}. Either the user sees the gate
 * closed (it backs out and waits) or the policy sees the user in flight (it waits for it to leave): no user is ever
 * inside while the policy believes the gate drained. {@code MmioGateStressTest} checks this under contention.
 *
 * <p>Entries nest on one thread (a PCM op that sends codec verbs enters twice). A user inside the gate is an
 * operation in flight: on a virtual machine no other task runs nested inside it ({@link Kernel#enterNoPreempt}).
 *
 * <p>Thread-safe. The interrupt handler does not use the gate: the policy masks the interrupt line instead.
 */
public final class MmioGate
{
    private static final VarHandle IN_FLIGHT;
    private static final VarHandle CLOSED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            IN_FLIGHT = lookup.findVarHandle(MmioGate.class, "inFlight", int.class);
            CLOSED = lookup.findVarHandle(MmioGate.class, "closed", boolean.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Kernel kernel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    // accessed only through CLOSED and IN_FLIGHT, with volatile (sequentially consistent) semantics
    private boolean closed;
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
        // increment, then read closed: pairs with closeAndDrain's write of closed, then read of inFlight
        IN_FLIGHT.getAndAdd(this, 1);
        if ((boolean)CLOSED.getVolatile(this))
        {
            leave();
            waitWhileClosed();
        }
        d[0] = 1;
        kernel.enterNoPreempt();
    }

    private void waitWhileClosed()
    {
        lock.lock();
        try
        {
            final long start = kernel.clock().nanoTime();
            while (true)
            {
                while ((boolean)CLOSED.getVolatile(this))
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
                IN_FLIGHT.getAndAdd(this, 1);
                if (!(boolean)CLOSED.getVolatile(this))
                {
                    break;
                }
                // closed again between the open and the increment: back out, wait for the next open
                leave();
            }
            waits++;
            waitedNanos += kernel.clock().nanoTime() - start;
        }
        finally
        {
            lock.unlock();
        }
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
        leave();
    }

    private void leave()
    {
        if (1 == (int)IN_FLIGHT.getAndAdd(this, -1) && (boolean)CLOSED.getVolatile(this))
        {
            // under the lock, so a drainer between its check and its await cannot miss the signal
            lock.lock();
            try
            {
                changed.signalAll();
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    /**
     * Closes the gate and waits until every user in flight has left.
     */
    public void closeAndDrain()
    {
        // write closed, then read inFlight: pairs with enter's increment, then read of closed
        CLOSED.setVolatile(this, true);
        if (0 == (int)IN_FLIGHT.getVolatile(this))
        {
            return;
        }
        lock.lock();
        try
        {
            while ((int)IN_FLIGHT.getVolatile(this) > 0)
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
            CLOSED.setVolatile(this, false);
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
        return (boolean)CLOSED.getVolatile(this);
    }

    /**
     * Users in flight (inside the gate, or briefly backing out of a closed one). Thread-safe.
     *
     * @return the count.
     */
    public int inFlight()
    {
        return (int)IN_FLIGHT.getVolatile(this);
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

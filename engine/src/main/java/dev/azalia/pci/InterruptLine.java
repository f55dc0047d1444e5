package dev.azalia.pci;

import dev.azalia.kernel.Threads;
import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A level-triggered INTx line with the kernel IRQ core's semantics: one handler ({@code request_irq}), a nesting
 * disable depth ({@code disable_irq}/{@code enable_irq}), {@code synchronize_irq}, {@code free_irq}, and the
 * spurious-interrupt detector that disables a line nobody handles.
 *
 * <p>Level semantics: while the line is asserted, enabled and a handler is installed, the handler is called; after
 * it returns the level is checked again and, if still asserted, the handler is called again. The handler is never
 * run concurrently with itself.
 *
 * <p>Delivery:
 * <ul>
 *   <li>{@link Delivery#THREADED}: a daemon thread {@code irq/<n>-<devName>} (started by {@link #requestIrq}) runs
 *       the handler.
 *   <li>{@link Delivery#INLINE}: the handler runs synchronously on the thread whose {@link #setLevel(boolean)}
 *       (or {@link #enableIrq()} / {@link #requestIrq}) made the line deliverable, before that call returns. If the
 *       handler itself re-asserts the line, the nested {@code setLevel} only records the level and the outer call
 *       loops instead of recursing. If another thread is already running the handler, {@code setLevel} returns at
 *       once and that thread's loop picks the new level up. Device models must therefore call {@code setLevel}
 *       without holding their own locks (see {@link InterruptPin}).
 * </ul>
 *
 * <p>Edge semantics, for a message-signalled vector ({@link #signalEdge()}): each message marks the line pending; the
 * pending mark is taken when the handler starts, so a message that arrives while the handler runs (or while the line
 * is disabled) is delivered once more afterwards, as Linux's {@code handle_edge_irq} replays an edge it saw in
 * flight. Several messages before the handler starts collapse into one delivery. A line normally carries one kind.
 *
 * <p>Spurious detector, as Linux's {@code note_interrupt}: deliveries are counted in windows of 100,000; if more
 * than 99,900 of a window were unhandled (the handler returned false or threw), the line logs
 * {@code irq <n>: nobody cared (try booting with the "irqpoll" option)} and {@code Disabling IRQ #<n>} and stays
 * disabled until the next {@link #requestIrq}. (Linux's reset of the count after 100 ms without an unhandled
 * interrupt is not modelled.)
 *
 * <p>A handler that throws is logged ({@code KernelLog} err), recorded in {@link #handlerFailures()} and counted as
 * unhandled; the line and its thread carry on.
 *
 * <p>Thread-safety: every method may be called from any thread; state is guarded by one monitor, which is never held
 * while the handler runs.
 */
public final class InterruptLine implements InterruptPin
{
    /** How the handler is run. */
    public enum Delivery
    {
        /** On a dedicated daemon thread per requested line. */
        THREADED,
        /** Synchronously on the thread that made the line deliverable (deterministic virtual-clock runs). */
        INLINE
    }

    private final int irq;
    private final KernelLog log;
    private final Delivery delivery;
    private final Object lock = new Object();
    private final List<Throwable> failures = new ArrayList<>();

    // All fields below are guarded by lock.
    private boolean level;
    private boolean edgePending;
    private long edges;
    private long threadWakeups;
    private IrqHandler handler;
    private String devName;
    private int disableDepth;
    private boolean closed;
    private Thread runner;
    private Thread irqThread;
    private final IrqAccounting accounting;
    // set under lock by a deferred wake, cleared by wakeDeferred(); volatile for its lock-free first read
    private volatile boolean wakePending;

    /**
     * A line with no handler, deasserted and enabled.
     *
     * @param irq      the IRQ number, used in thread names and log lines.
     * @param log      where the IRQ core reports.
     * @param delivery how handlers are run.
     */
    public InterruptLine(final int irq, final KernelLog log, final Delivery delivery)
    {
        this.irq = irq;
        this.log = Objects.requireNonNull(log, "log");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.accounting = new IrqAccounting(irq, log);
    }

    /**
     * The IRQ number.
     *
     * @return the number.
     */
    public int irq()
    {
        return irq;
    }

    /**
     * How this line delivers.
     *
     * @return the delivery mode.
     */
    public Delivery delivery()
    {
        return delivery;
    }

    /**
     * Sets the level, from the device side. Called from any device thread; in {@link Delivery#INLINE} mode an
     * assertion may run the handler on the calling thread before this returns.
     *
     * @param asserted true while the device requests service.
     */
    @Override
    public void setLevel(final boolean asserted)
    {
        setLevel(asserted, false);
    }

    /** {@inheritDoc} In {@link Delivery#THREADED} mode the line's thread is woken by {@link #wakeDeferred()}. */
    @Override
    public void setLevelDeferringWake(final boolean asserted)
    {
        setLevel(asserted, true);
    }

    private void setLevel(final boolean asserted, final boolean deferWake)
    {
        synchronized (lock)
        {
            level = asserted;
            if (!asserted || !wakeDeliverer(deferWake))
            {
                return;
            }
        }
        runInline();
    }

    /**
     * Signals one edge (a message-signalled interrupt arriving), from the device side. Called from any device thread;
     * in {@link Delivery#INLINE} mode it may run the handler on the calling thread before this returns.
     */
    public void signalEdge()
    {
        signalEdge(false);
    }

    /** {@link #signalEdge()}, leaving the line's thread to {@link #wakeDeferred()} as {@link #setLevelDeferringWake}. */
    public void signalEdgeDeferringWake()
    {
        signalEdge(true);
    }

    private void signalEdge(final boolean deferWake)
    {
        synchronized (lock)
        {
            edges++;
            edgePending = true;
            if (!wakeDeliverer(deferWake))
            {
                return;
            }
        }
        runInline();
    }

    @Override
    public void wakeDeferred()
    {
        // a volatile read first: most calls find nothing left and take no lock
        if (wakePending)
        {
            synchronized (lock)
            {
                wakePending = false;
                if (deliverable())
                {
                    lock.notifyAll();
                }
            }
        }
    }

    /** For tests of who wakes the line's thread: how many times it woke from its wait (delivery or not). */
    long threadWakeups()
    {
        synchronized (lock)
        {
            return threadWakeups;
        }
    }

    /** For tests: whether a deferred wake is left for {@link #wakeDeferred()}. */
    boolean wakePending()
    {
        return wakePending;
    }

    /**
     * How many edges (messages) the device signalled.
     *
     * @return the count.
     */
    public long edgeCount()
    {
        synchronized (lock)
        {
            return edges;
        }
    }

    /**
     * A line for another vector of the same platform: same log and delivery mode, no handler.
     *
     * @param otherIrq the other line's IRQ number.
     * @return the new line.
     */
    InterruptLine sibling(final int otherIrq)
    {
        return new InterruptLine(otherIrq, log, delivery);
    }

    /**
     * Whether the device currently asserts the line.
     *
     * @return the level.
     */
    public boolean asserted()
    {
        synchronized (lock)
        {
            return level;
        }
    }

    /**
     * Installs the handler, like {@code request_irq}; in threaded mode starts the thread {@code irq/<n>-<devName>}.
     * Clears a previous spurious disable. If the line is already asserted the handler runs at once (inline mode: on
     * this thread, before returning).
     *
     * @param name       the device name shown in the thread name and log lines.
     * @param irqHandler the handler.
     * @throws IllegalStateException if a handler is already installed or the line is closed.
     */
    public void requestIrq(final String name, final IrqHandler irqHandler)
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(irqHandler, "irqHandler");
        synchronized (lock)
        {
            if (closed)
            {
                throw new IllegalStateException("IRQ " + irq + " is closed");
            }
            if (null != handler)
            {
                throw new IllegalStateException("IRQ " + irq + " busy: requested by " + devName);
            }
            handler = irqHandler;
            devName = name;
            accounting.reset();
            if (Delivery.THREADED == delivery)
            {
                final Thread t = new Thread(this::threadLoop, "irq/" + irq + "-" + name);
                t.setDaemon(true);
                irqThread = t;
                t.start();
                return;
            }
            if (!claimInline())
            {
                return;
            }
        }
        runInline();
    }

    /**
     * Removes the handler, like {@code free_irq}: waits for a running handler to finish and stops the thread.
     * Freeing a line without a handler logs {@code Trying to free already-free IRQ <n>} and does nothing.
     *
     * @throws IllegalStateException if called from inside the handler (that would wait for itself).
     */
    public void freeIrq()
    {
        final Thread stopped;
        synchronized (lock)
        {
            if (null == handler)
            {
                log.warn("kernel", "Trying to free already-free IRQ " + irq);
                return;
            }
            if (Thread.currentThread() == runner)
            {
                throw new IllegalStateException("free_irq(" + irq + ") from its own handler");
            }
            handler = null;
            stopped = irqThread;
            irqThread = null;
            lock.notifyAll();
            awaitNoRunner();
        }
        join(stopped);
    }

    /**
     * Waits until no handler is running on this line, like {@code synchronize_irq}: after it returns, every handler
     * invocation that started before the call has finished. Called from inside the handler itself (where waiting
     * would deadlock) it returns at once: the caller is the running handler, which finishes after it anyway.
     */
    public void synchronizeIrq()
    {
        synchronized (lock)
        {
            if (Thread.currentThread() != runner)
            {
                awaitNoRunner();
            }
        }
    }

    /**
     * Disables delivery (nesting), like {@code disable_irq}: increments the depth and waits for a running handler.
     * From inside the handler it does not wait (like {@code disable_irq_nosync}); the handler's current run is the
     * last one.
     */
    public void disableIrq()
    {
        synchronized (lock)
        {
            disableDepth++;
            if (Thread.currentThread() != runner)
            {
                awaitNoRunner();
            }
        }
    }

    /**
     * Re-enables delivery, like {@code enable_irq}: decrements the depth; at zero a still-asserted line is delivered
     * (inline mode: on this thread, before returning). An enable without a matching disable logs
     * {@code Unbalanced enable for IRQ <n>} and is ignored.
     */
    public void enableIrq()
    {
        synchronized (lock)
        {
            if (0 == disableDepth)
            {
                log.warn("kernel", "Unbalanced enable for IRQ " + irq);
                return;
            }
            disableDepth--;
            if (0 != disableDepth)
            {
                return;
            }
            if (!wakeDeliverer(false))
            {
                return;
            }
        }
        runInline();
    }

    /**
     * The line's delivery counts, read together.
     *
     * @return a snapshot.
     */
    public IrqCounts counts()
    {
        synchronized (lock)
        {
            return new IrqCounts(accounting.delivered(), accounting.handled(), accounting.unhandled(),
                accounting.disabled());
        }
    }

    /**
     * Every exception a handler threw, in order.
     *
     * @return a copy.
     */
    public List<Throwable> handlerFailures()
    {
        synchronized (lock)
        {
            return List.copyOf(failures);
        }
    }

    /**
     * Shuts the line down: no further deliveries, the handler is dropped and the thread stopped (joined unless
     * called from that thread). Idempotent.
     */
    public void close()
    {
        final Thread stopped;
        synchronized (lock)
        {
            closed = true;
            handler = null;
            stopped = irqThread;
            irqThread = null;
            lock.notifyAll();
        }
        join(stopped);
    }

    private boolean deliverable()
    {
        return (level || edgePending) && null != handler && 0 == disableDepth && !accounting.disabled() && !closed;
    }

    /**
     * The line may have become deliverable: wakes the IRQ thread (threaded), or claims the inline delivery for the
     * current thread. Called with {@link #lock} held.
     *
     * @return true if the caller must now run {@link #runInline()} (after releasing the lock).
     */
    private boolean wakeDeliverer(final boolean deferWake)
    {
        if (Delivery.THREADED == delivery)
        {
            // only when there is something to deliver: a woken thread that finds nothing waits again, and waking it
            // costs the waker its CPU on a busy machine (enable_irq with nothing pending resends nothing)
            if (deferWake)
            {
                wakePending = wakePending || deliverable();
            }
            else if (deliverable())
            {
                lock.notifyAll();
            }
            return false;
        }
        return claimInline();
    }

    private boolean claimInline()
    {
        if (null != runner || !deliverable())
        {
            return false;
        }
        runner = Thread.currentThread();
        return true;
    }

    /** The current thread is the runner: deliver until the line is no longer deliverable. */
    private void runInline()
    {
        while (true)
        {
            final IrqHandler h;
            final String name;
            synchronized (lock)
            {
                if (!deliverable())
                {
                    runner = null;
                    lock.notifyAll();
                    return;
                }
                h = handler;
                name = devName;
                edgePending = false;
            }
            final boolean ok = invoke(h, name);
            synchronized (lock)
            {
                accounting.account(ok);
            }
        }
    }

    private void threadLoop()
    {
        final Thread self = Thread.currentThread();
        while (true)
        {
            try
            {
                if (!threadStep(self))
                {
                    return;
                }
            }
            catch (final Throwable t)
            {
                synchronized (lock)
                {
                    failures.add(t);
                    if (self == runner)
                    {
                        runner = null;
                        lock.notifyAll();
                    }
                }
                log.err("kernel", "irq " + irq + ": interrupt thread failed: " + t);
            }
        }
    }

    /** One delivery on the line's thread; false when the thread must stop. */
    private boolean threadStep(final Thread self)
    {
        final IrqHandler h;
        final String name;
        synchronized (lock)
        {
            while (self == irqThread && !deliverable())
            {
                try
                {
                    lock.wait();
                    threadWakeups++;
                }
                catch (final InterruptedException e)
                {
                    // Only close()/freeIrq() stop this thread; an interrupt from elsewhere is ignored.
                    continue;
                }
            }
            if (self != irqThread)
            {
                return false;
            }
            runner = self;
            h = handler;
            name = devName;
            edgePending = false;
        }
        final boolean ok = invoke(h, name);
        synchronized (lock)
        {
            runner = null;
            accounting.account(ok);
            lock.notifyAll();
        }
        return true;
    }

    private boolean invoke(final IrqHandler h, final String name)
    {
        try
        {
            return h.handle();
        }
        catch (final Throwable t)
        {
            synchronized (lock)
            {
                failures.add(t);
            }
            log.err("kernel", "irq " + irq + ": handler of " + name + " threw " + t);
            return false;
        }
    }

    /** Caller holds lock. */
    private void awaitNoRunner()
    {
        boolean interrupted = false;
        while (null != runner)
        {
            try
            {
                lock.wait();
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(final Thread t)
    {
        if (null != t && Thread.currentThread() != t)
        {
            Threads.joinUninterruptibly(t);
        }
    }
}

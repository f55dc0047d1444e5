package dev.azalia.kernel;

import dev.azalia.kernel.trace.Task;
import dev.azalia.kernel.trace.Tracepoints;
import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.function.LongConsumer;

/**
 * Kernel services on a virtual clock: one thread runs everything, and time passes only when that thread waits.
 * Work, delayed work and periodic "hardware" ticks (the link clock's DMA step) are events on one queue ordered by
 * time and then by submission; a {@link #delayNanos delay} or a {@link #await wait} runs the events that fall due
 * instead of sleeping. The same inputs therefore give the same interleaving, and a minute of audio runs as fast as
 * the CPU allows.
 *
 * <p>Events carry a context name ({@code "kworker"}, {@code "link"}, {@code "pci"}...); an event never runs nested
 * inside another event of the same context (a work item does not preempt itself, a DMA step does not re-enter
 * the DMA step): it is deferred until that context is free, as a kernel thread would be.
 *
 * <p>Not thread-safe for concurrent drivers: all driver, sound-core and hardware activity happens on the one thread
 * that drives the machine. Other threads (the link's consumers) must not call into it.
 */
public final class VirtualKernel implements Kernel
{
    /** The context of workqueue items. */
    public static final String WORKQUEUE = "kworker";

    private final VirtualNanoClock clock;
    private final KernelLog log;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final List<Event> deferred = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private long sequence;
    private long eventsRun;
    private int noPreemptDepth;
    /** The events running now, outermost first (an event's task may run nested events while it waits). */
    private Event[] running = new Event[8];
    private int runningDepth;
    private long deferrals;
    private LongConsumer blockedListener = nanos -> { };
    private Tracepoints tracepoints = Tracepoints.off();
    /** How long a task that would block is held back before it runs again. */
    public static final long RETRY_NANOS = 50_000L;

    /**
     * A virtual machine on {@code clock}.
     *
     * @param clock the virtual clock this kernel advances.
     * @param log   the kernel log.
     */
    public VirtualKernel(final VirtualNanoClock clock, final KernelLog log)
    {
        this.clock = clock;
        this.log = log;
    }

    private static final class Event implements Comparable<Event>
    {
        /** When it is due; a periodic event is re-armed in place (only while it is out of the queue). */
        long atNanos;
        long seq;
        final String context;
        final String name;
        final Runnable task;
        final long periodNanos;
        final boolean hardware;
        final boolean restartable;
        long firstAttemptNanos = -1;
        long originalSeq = -1;
        boolean cancelled;

        Event(final long atNanos, final long seq, final String context, final String name, final Runnable task,
            final long periodNanos, final boolean hardware, final boolean restartable)
        {
            this.hardware = hardware;
            this.restartable = restartable;
            this.atNanos = atNanos;
            this.seq = seq;
            this.context = context;
            this.name = name;
            this.task = task;
            this.periodNanos = periodNanos;
        }

        long firstSeq()
        {
            return originalSeq < 0 ? seq : originalSeq;
        }

        @Override
        public int compareTo(final Event o)
        {
            final int byTime = Long.compare(atNanos, o.atNanos);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    /** {@inheritDoc} */
    @Override
    public VirtualNanoClock clock()
    {
        return clock;
    }

    /** {@inheritDoc} */
    @Override
    public KernelLog log()
    {
        return log;
    }

    /**
     * Schedules {@code task} at an absolute time in a context.
     *
     * @param context     the context (events of one context never nest).
     * @param name        what it is.
     * @param atNanos     when, on the virtual clock.
     * @param task        what to run.
     * @return a handle to cancel it.
     */
    public Cancellable at(final String context, final String name, final long atNanos, final Runnable task)
    {
        return add(new Event(atNanos, sequence++, context, name, task, 0, false, false));
    }

    /**
     * Schedules a restartable task at an absolute time: if it would block (see {@link WouldBlockException}) it is
     * unwound and run again {@link #RETRY_NANOS} later, from the start.
     *
     * @param context the context.
     * @param name    what it is.
     * @param atNanos when, on the virtual clock.
     * @param task    what to run; must leave no state behind when unwound.
     * @return a handle to cancel it.
     */
    public Cancellable atRestartable(final String context, final String name, final long atNanos,
        final Runnable task)
    {
        return add(new Event(atNanos, sequence++, context, name, task, 0, false, true));
    }

    /**
     * Sets who hears how long a restartable task was held back before it completed (blocked time).
     *
     * @param listener receives nanoseconds of virtual time.
     */
    public void setBlockedListener(final LongConsumer listener)
    {
        this.blockedListener = listener;
    }

    /**
     * How many times a restartable task was unwound because it would have blocked.
     *
     * @return the count.
     */
    public long deferrals()
    {
        return deferrals;
    }

    /**
     * Schedules {@code task} every {@code periodNanos}, first at {@code firstNanos}: a hardware tick, which also
     * runs inside no-preempt sections.
     *
     * @param context     the context (e.g. {@code "link"}).
     * @param name        what it is.
     * @param firstNanos  first run, on the virtual clock.
     * @param periodNanos the period, positive.
     * @param task        what to run.
     * @return a handle that stops the ticks.
     */
    public Cancellable every(final String context, final String name, final long firstNanos, final long periodNanos,
        final Runnable task)
    {
        if (periodNanos <= 0)
        {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        return add(new Event(firstNanos, sequence++, context, name, task, periodNanos, true, false));
    }

    /**
     * Schedules a one-shot hardware event (a device's timer): like {@link #at}, but it also runs inside no-preempt
     * sections, as the ticks of {@link #every} do.
     *
     * @param context the context (events of one context never nest).
     * @param name    what it is.
     * @param atNanos when, on the virtual clock.
     * @param task    what to run.
     * @return a handle to cancel it.
     */
    public Cancellable atHardware(final String context, final String name, final long atNanos, final Runnable task)
    {
        return add(new Event(atNanos, sequence++, context, name, task, 0, true, false));
    }

    private Cancellable add(final Event e)
    {
        events.add(e);
        return () ->
        {
            final boolean pending = !e.cancelled && (events.contains(e) || deferred.contains(e));
            e.cancelled = true;
            return pending;
        };
    }

    /**
     * Runs every event due up to {@code deadlineNanos} in order, then sets the clock to the deadline (if it is
     * later than now).
     *
     * @param deadlineNanos the virtual time to reach.
     */
    public void runUntil(final long deadlineNanos)
    {
        while (runNext(deadlineNanos))
        {
            // each iteration ran one event
        }
        if (deadlineNanos > clock.nanoTime())
        {
            clock.advance(deadlineNanos - clock.nanoTime());
        }
    }

    /**
     * Runs the next event due at or before {@code deadlineNanos}, advancing the clock to its time.
     *
     * @param deadlineNanos the latest time to consider.
     * @return true if an event ran; false if none is due by the deadline (the clock is not moved).
     */
    public boolean runNext(final long deadlineNanos)
    {
        Event e;
        while (true)
        {
            e = events.peek();
            if (null == e || e.atNanos > deadlineNanos)
            {
                return false;
            }
            events.poll();
            if (e.cancelled)
            {
                continue;
            }
            if (busy(e.context) || (noPreemptDepth > 0 && !e.hardware))
            {
                deferred.add(e);
                continue;
            }
            break;
        }
        if (e.atNanos > clock.nanoTime())
        {
            clock.advance(e.atNanos - clock.nanoTime());
        }
        if (e.periodNanos > 0)
        {
            // the same event, re-armed: its handle can still cancel it, and a tick allocates nothing
            e.atNanos += e.periodNanos;
            e.seq = sequence++;
            events.add(e);
        }
        if (runningDepth == running.length)
        {
            running = Arrays.copyOf(running, 2 * runningDepth);
        }
        running[runningDepth++] = e;
        eventsRun++;
        if (e.firstAttemptNanos < 0)
        {
            e.firstAttemptNanos = clock.nanoTime();
        }
        try
        {
            e.task.run();
            if (e.originalSeq >= 0)
            {
                blockedListener.accept(clock.nanoTime() - e.firstAttemptNanos);
            }
        }
        catch (final WouldBlockException wouldBlock)
        {
            deferrals++;
            final Event again = new Event(clock.nanoTime() + RETRY_NANOS, sequence++, e.context, e.name, e.task, 0,
                false, true);
            again.firstAttemptNanos = e.firstAttemptNanos;
            again.originalSeq = e.firstSeq();
            events.add(again);
        }
        catch (final RuntimeException | Error t)
        {
            recordFailure(e.context + ": " + e.name, t);
        }
        finally
        {
            running[--runningDepth] = null;
            releaseDeferred(e.context);
        }
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public void enterNoPreempt()
    {
        noPreemptDepth++;
    }

    /** {@inheritDoc} */
    @Override
    public void exitNoPreempt()
    {
        if (--noPreemptDepth == 0)
        {
            releaseDeferred(null);
        }
    }

    /** Whether an event of {@code context} is running (the nesting is a few events deep: a scan, no allocation). */
    private boolean busy(final String context)
    {
        for (int i = 0; i < runningDepth; i++)
        {
            if (running[i].context.equals(context))
            {
                return true;
            }
        }
        return false;
    }

    private void releaseDeferred(final String context)
    {
        for (int i = 0; i < deferred.size(); i++)
        {
            final Event d = deferred.get(i);
            if (null == context ? !busy(d.context) : d.context.equals(context))
            {
                deferred.remove(i--);
                // A periodic tick that missed its slot runs now; it re-arms on its own grid when it runs.
                events.add(d);
            }
        }
    }

    /**
     * How many events have run.
     *
     * @return the count.
     */
    public long eventsRun()
    {
        return eventsRun;
    }

    /**
     * The time of the earliest pending event.
     *
     * @return virtual nanoseconds, or {@link Long#MAX_VALUE} if none.
     */
    public long nextEventNanos()
    {
        final Event e = events.peek();
        return null == e ? Long.MAX_VALUE : e.atNanos;
    }

    /** {@inheritDoc} */
    @Override
    public void delayNanos(final long nanos)
    {
        if (nanos > 0)
        {
            runUntil(clock.nanoTime() + nanos);
        }
    }

    /**
     * Runs the next due event (or lets time reach the deadline when none is due); the caller's lock stays held,
     * which is safe because every party runs on this one thread with reentrant locks.
     *
     * @param condition     ignored: nothing else can signal it.
     * @param deadlineNanos when to give up.
     * @return false once the clock has reached the deadline.
     */
    @Override
    public boolean await(final Condition condition, final long deadlineNanos)
    {
        final Event current = 0 == runningDepth ? null : running[runningDepth - 1];
        if (null != current && current.restartable && noPreemptDepth == 0)
        {
            // only another task further down this thread's stack could wake it: unwind and retry later
            throw WouldBlockException.INSTANCE;
        }
        if (!runNext(deadlineNanos) && deadlineNanos > clock.nanoTime())
        {
            clock.advance(deadlineNanos - clock.nanoTime());
        }
        return clock.nanoTime() < deadlineNanos;
    }

    /** {@inheritDoc} */
    @Override
    public void queueWork(final String name, final Runnable work)
    {
        atRestartable(WORKQUEUE, name, clock.nanoTime(), work);
    }

    /** {@inheritDoc} */
    @Override
    public void flushWork()
    {
        final long now = clock.nanoTime();
        boolean pending = true;
        while (pending)
        {
            pending = false;
            for (final Event e : events)
            {
                if (!e.cancelled && WORKQUEUE.equals(e.context) && e.atNanos <= now)
                {
                    pending = true;
                    break;
                }
            }
            if (pending && !runNext(now))
            {
                return;
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public Cancellable schedule(final String name, final long delayNanos, final Runnable work)
    {
        return atRestartable(WORKQUEUE, name, clock.nanoTime() + Math.max(0, delayNanos), work);
    }

    /** {@inheritDoc} */
    @Override
    public List<Throwable> failures()
    {
        return List.copyOf(failures);
    }

    /** {@inheritDoc} */
    @Override
    public void recordFailure(final String where, final Throwable thrown)
    {
        failures.add(thrown);
        log.err("kernel", where + ": unexpected " + thrown);
    }

    /** {@inheritDoc} */
    @Override
    public boolean virtual()
    {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public Tracepoints tracepoints()
    {
        return tracepoints;
    }

    /**
     * Installs the tracepoint recorder (before the machine boots).
     *
     * @param recorder the recorder; {@link Tracepoints#off()} for none.
     */
    public void setTracepoints(final Tracepoints recorder)
    {
        this.tracepoints = recorder;
    }

    /**
     * The context of the innermost event running now (an event's task may run nested events while it waits).
     *
     * @return the context name, or null when the thread driving the machine runs outside any event.
     */
    public String currentContext()
    {
        return 0 == runningDepth ? null : running[runningDepth - 1].context;
    }

    /**
     * The task charged with what runs now, for tracepoints: {@link Task#forContext} of {@link #currentContext()}.
     *
     * @return the task.
     */
    public Task currentTask()
    {
        return Task.forContext(currentContext());
    }
}

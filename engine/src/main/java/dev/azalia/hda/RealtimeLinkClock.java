package dev.azalia.hda;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The real-time link clock: a daemon thread named {@code link-clock} that calls {@link HdaController#advance()}
 * every {@code tickNanos} of the given clock (deadlines on a fixed grid, so late wake-ups do not accumulate; the
 * controller itself catches up on whatever time passed). Exceptions thrown by the step are caught, logged and
 * recorded ({@link #failures()}); the thread keeps ticking after a {@link RuntimeException} and ends on an
 * {@link Error}. It is also the controller's {@link LinkTimer}: between ticks the thread wakes at the link frame
 * boundaries the command engine asks for and runs {@link HdaController#runCommandFrames()} there: a boundary up to
 * {@link #SPIN_NANOS} ahead is spun for (on time), a later one parked for (as late as the operating system's timer
 * allows, never early). A step that raised the interrupt line yields the thread's CPU before it hands the fetched
 * bytes on ({@link HdaController#setAfterRaise}), so an interrupt thread woken on that CPU runs first.
 *
 * <p>{@link #start()}/{@link #stop()} from the owning thread; {@link #failures()} from any thread.
 */
public final class RealtimeLinkClock implements LinkClock
{
    /** The default tick: 1 ms, like QEMU's hda-codec timer. */
    public static final long DEFAULT_TICK_NANOS = 1_000_000L;

    /**
     * A frame boundary the command engine waits for at most this far ahead is spun for, not parked for. A verb goes
     * out at the next frame boundary and its response comes in at the one after (each at most 21 µs ahead); a timed
     * park for such a wait returns tens of microseconds late (the operating system's timer slack and wake-up), which
     * doubled a verb's round trip on the real clock (CORBWP write to the response in the RIRB: p50 108 µs parked,
     * 54-60 µs spun, against 21-42 µs of link time).
     */
    static final long SPIN_NANOS = 50_000L;
    /** {@link #waitNanos}: the next tick is due. */
    static final long TICK_DUE = -1;
    /** {@link #waitNanos}: spin, a command frame is due within {@link #SPIN_NANOS}. */
    static final long SPIN = 0;

    private static final String LOG_SOURCE = "intel-hda";
    private static final int MAX_RECORDED_FAILURES = 64;

    private final HdaController controller;
    private final NanoClock clock;
    private final long tickNanos;
    private final KernelLog log;
    private final List<Throwable> failures = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Thread thread;
    /** The earliest frame boundary the command engine asked for; MAX_VALUE when none. */
    private final AtomicLong wakeNanos = new AtomicLong(Long.MAX_VALUE);
    private final Runnable dmaStep;
    private final Runnable commandStep;

    /**
     * A clock ticking every {@code tickNanos}.
     *
     * @param controller the controller to step.
     * @param clock      the time base (normally the one the controller uses).
     * @param tickNanos  nanoseconds between steps, positive.
     * @param log        where failures are logged.
     */
    public RealtimeLinkClock(final HdaController controller, final NanoClock clock, final long tickNanos,
        final KernelLog log)
    {
        if (tickNanos <= 0)
        {
            throw new IllegalArgumentException("tick must be positive: " + tickNanos + " ns");
        }
        this.controller = controller;
        this.clock = clock;
        this.tickNanos = tickNanos;
        this.log = log;
        this.dmaStep = controller::advance;
        this.commandStep = controller::runCommandFrames;
        controller.setLinkTimer(this::wakeAt);
        controller.setAfterRaise(Thread::yield);
    }

    /** The link timer: records the earliest requested boundary and wakes the thread (under the device lock). */
    private void wakeAt(final long atNanos)
    {
        if (wakeNanos.accumulateAndGet(atNanos, Math::min) == atNanos)
        {
            final Thread t = thread;
            if (null != t)
            {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * A clock ticking every {@link #DEFAULT_TICK_NANOS}.
     *
     * @param controller the controller to step.
     * @param clock      the time base.
     * @param log        where failures are logged.
     */
    public RealtimeLinkClock(final HdaController controller, final NanoClock clock, final KernelLog log)
    {
        this(controller, clock, DEFAULT_TICK_NANOS, log);
    }

    /**
     * Starts the {@code link-clock} thread.
     *
     * @throws IllegalStateException if already started.
     */
    @Override
    public synchronized void start()
    {
        if (null != thread)
        {
            throw new IllegalStateException("link clock already started");
        }
        stopping = false;
        thread = new Thread(this::run, "link-clock");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for it to end (interrupt-safe: the interrupt status is kept). */
    @Override
    public synchronized void stop()
    {
        final Thread t = thread;
        if (null == t)
        {
            return;
        }
        stopping = true;
        LockSupport.unpark(t);
        boolean interrupted = false;
        while (t.isAlive())
        {
            try
            {
                t.join();
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        thread = null;
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Exceptions the step threw on the link-clock thread.
     *
     * @return a snapshot, at most the first 64.
     */
    public List<Throwable> failures()
    {
        synchronized (failures)
        {
            return List.copyOf(failures);
        }
    }

    private void run()
    {
        long deadline = clock.nanoTime();
        while (!stopping)
        {
            if (!step(dmaStep))
            {
                return;
            }
            deadline += tickNanos;
            if (deadline - clock.nanoTime() < -tickNanos)
            {
                // Far behind (machine stalled): resynchronise the grid instead of spinning to catch up.
                deadline = clock.nanoTime();
            }
            while (!stopping)
            {
                final long now = clock.nanoTime();
                final long wake = wakeNanos.get();
                if (wake <= now)
                {
                    if (wakeNanos.compareAndSet(wake, Long.MAX_VALUE) && !step(commandStep))
                    {
                        return;
                    }
                    continue;
                }
                final long wait = waitNanos(now, deadline, wake);
                if (TICK_DUE == wait)
                {
                    break;
                }
                if (SPIN == wait)
                {
                    Thread.onSpinWait();
                    continue;
                }
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /**
     * How the thread waits at {@code now} when no command frame is due yet: {@link #TICK_DUE} when the next tick's
     * deadline has come, {@link #SPIN} when the next command frame is within {@link #SPIN_NANOS} (a tick before it is
     * then met while spinning), otherwise the nanoseconds to park until the earlier of the two.
     *
     * @param now      the clock now.
     * @param deadline the next tick's deadline.
     * @param wake     the next command frame boundary, or {@link Long#MAX_VALUE}; after {@code now}.
     * @return {@link #TICK_DUE}, {@link #SPIN} or a positive number of nanoseconds.
     */
    static long waitNanos(final long now, final long deadline, final long wake)
    {
        final long until = Math.min(deadline, wake);
        if (until <= now)
        {
            return TICK_DUE;
        }
        return wake - now <= SPIN_NANOS ? SPIN : until - now;
    }

    /** Runs one step of the controller; false if the thread must end (an {@link Error}). */
    private boolean step(final Runnable work)
    {
        try
        {
            work.run();
            return true;
        }
        catch (final RuntimeException e)
        {
            record(e);
            return true;
        }
        catch (final Error e)
        {
            record(e);
            return false;
        }
    }

    private void record(final Throwable e)
    {
        log.err(LOG_SOURCE, "link clock step failed: " + e);
        synchronized (failures)
        {
            if (failures.size() < MAX_RECORDED_FAILURES)
            {
                failures.add(e);
            }
        }
    }
}

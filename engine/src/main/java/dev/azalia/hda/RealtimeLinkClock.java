package dev.azalia.hda;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The real-time link clock: a daemon thread named {@code link-clock} that calls {@link HdaController#advance()}
 * every {@code tickNanos} of the given clock (deadlines on a fixed grid, so late wake-ups do not accumulate; the
 * controller itself catches up on whatever time passed). Exceptions thrown by the step are caught, logged and
 * recorded ({@link #failures()}); the thread keeps ticking after a {@link RuntimeException} and ends on an
 * {@link Error}.
 *
 * <p>{@link #start()}/{@link #stop()} from the owning thread; {@link #failures()} from any thread.
 */
public final class RealtimeLinkClock implements LinkClock
{
    /** The default tick: 1 ms, like QEMU's hda-codec timer. */
    public static final long DEFAULT_TICK_NANOS = 1_000_000L;

    private static final String LOG_SOURCE = "intel-hda";
    private static final int MAX_RECORDED_FAILURES = 64;

    private final HdaController controller;
    private final NanoClock clock;
    private final long tickNanos;
    private final KernelLog log;
    private final List<Throwable> failures = new ArrayList<>();
    private volatile boolean stopping;
    private Thread thread;

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
            try
            {
                controller.advance();
            }
            catch (final RuntimeException e)
            {
                record(e);
            }
            catch (final Error e)
            {
                record(e);
                return;
            }
            deadline += tickNanos;
            long wait = deadline - clock.nanoTime();
            if (wait < -tickNanos)
            {
                // Far behind (machine stalled): resynchronise the grid instead of spinning to catch up.
                deadline = clock.nanoTime();
                wait = 0;
            }
            if (wait > 0)
            {
                LockSupport.parkNanos(this, wait);
            }
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

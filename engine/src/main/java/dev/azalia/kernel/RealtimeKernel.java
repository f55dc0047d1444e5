package dev.azalia.kernel;

import dev.azalia.kernel.trace.Tracepoints;
import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * Kernel services on the real clock: a {@code kworker} thread runs the workqueue, a timer thread fires delayed
 * work into it, delays park and spin their last 200 µs, waits use {@link Condition#awaitNanos}.
 *
 * <p>Thread-safe. {@link #close()} stops the threads.
 */
public final class RealtimeKernel implements Kernel, AutoCloseable
{
    /**
     * How much of a delay is spun rather than parked: the last 200 µs. A timed park on a shared 2-vCPU machine comes
     * back p50 90-125 µs late, p90 up to 230 µs (500 µs, 1 ms and 20 ms delays), and a move of the {@code suspend}
     * policy sleeps three times; parked to the end, the delays alone put it 0.3-0.4 ms behind its model.
     */
    static final long SPIN_NANOS = 200_000L;

    private final NanoClock clock;
    private final KernelLog log;
    private final ExecutorService workqueue;
    private final ScheduledExecutorService timers;
    private final List<Throwable> failures = new ArrayList<>();
    private volatile Tracepoints tracepoints = Tracepoints.off();
    private volatile boolean closing;

    /**
     * Kernel services on {@code clock} (normally {@link dev.azalia.time.SystemNanoClock}).
     *
     * @param clock the clock.
     * @param log   the kernel log.
     */
    public RealtimeKernel(final NanoClock clock, final KernelLog log)
    {
        this.clock = clock;
        this.log = log;
        this.workqueue = Executors.newSingleThreadExecutor(r -> daemon(r, "kworker/0:1"));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ktimer"));
    }

    private static Thread daemon(final Runnable r, final String name)
    {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** {@inheritDoc} */
    @Override
    public NanoClock clock()
    {
        return clock;
    }

    /** {@inheritDoc} */
    @Override
    public KernelLog log()
    {
        return log;
    }

    /** {@inheritDoc} */
    @Override
    public void delayNanos(final long nanos)
    {
        if (nanos <= 0)
        {
            return;
        }
        final long deadline = clock.nanoTime() + nanos;
        long left = nanos;
        while (left > 0)
        {
            final long park = parkNanos(left);
            if (park > 0)
            {
                LockSupport.parkNanos(park);
            }
            else
            {
                Thread.onSpinWait();
            }
            left = deadline - clock.nanoTime();
        }
    }

    /**
     * How long a delay with {@code leftNanos} to go parks before it looks at the clock again: all but the last
     * {@link #SPIN_NANOS}, which are spun (0).
     *
     * @param leftNanos the time left, positive.
     * @return nanoseconds to park, or 0 to spin.
     */
    static long parkNanos(final long leftNanos)
    {
        return leftNanos > SPIN_NANOS ? leftNanos - SPIN_NANOS : 0L;
    }

    /** {@inheritDoc} */
    @Override
    public boolean await(final Condition condition, final long deadlineNanos) throws InterruptedException
    {
        final long left = deadlineNanos - clock.nanoTime();
        if (left <= 0)
        {
            return false;
        }
        condition.awaitNanos(left);
        return deadlineNanos - clock.nanoTime() > 0;
    }

    /** {@inheritDoc} */
    @Override
    public void queueWork(final String name, final Runnable work)
    {
        workqueue.execute(() -> runGuarded(name, work));
    }

    /** {@inheritDoc} */
    @Override
    public void flushWork()
    {
        final CountDownLatch done = new CountDownLatch(1);
        workqueue.execute(done::countDown);
        try
        {
            done.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Cancellable schedule(final String name, final long delayNanos, final Runnable work)
    {
        final ScheduledFuture<?> f = timers.schedule(() -> queueWork(name, work), delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** {@inheritDoc} */
    @Override
    public List<Throwable> failures()
    {
        synchronized (failures)
        {
            return List.copyOf(failures);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void recordFailure(final String where, final Throwable thrown)
    {
        synchronized (failures)
        {
            failures.add(thrown);
        }
        log.err("kernel", where + ": unexpected " + thrown);
    }

    /** {@inheritDoc} */
    @Override
    public boolean virtual()
    {
        return false;
    }

    private void runGuarded(final String name, final Runnable work)
    {
        try
        {
            work.run();
        }
        catch (final RuntimeException | Error e)
        {
            if (closing)
            {
                // close() interrupted the work (e.g. a verb waiting for its response): the end of the machine, not
                // a failure of the run.
                log.debug("kernel", "workqueue: " + name + " stopped by close: " + e.getMessage());
                return;
            }
            recordFailure("workqueue: " + name, e);
        }
    }

    /**
     * Stops the workqueue and timer threads; pending work is dropped, running work is interrupted, and close waits up
     * to a second for it to end. What the interrupted work throws is logged at debug level, not recorded as a failure.
     */
    @Override
    public void close()
    {
        closing = true;
        timers.shutdownNow();
        workqueue.shutdownNow();
        try
        {
            workqueue.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
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
}

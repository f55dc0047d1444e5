package dev.azalia.kernel;

import dev.azalia.kernel.trace.Tracepoints;
import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * Kernel services for drivers and the sound core: the clock, the log, delays ({@code udelay}/{@code usleep}),
 * waiting on a condition with a deadline, the system workqueue and delayed work. Injected, so the same driver code
 * runs threaded on the real clock and single-threaded on a virtual one.
 *
 * <p>Thread-safe.
 */
public interface Kernel
{
    /**
     * The machine's clock.
     *
     * @return the clock.
     */
    NanoClock clock();

    /**
     * The kernel log.
     *
     * @return the log.
     */
    KernelLog log();

    /**
     * Busy-waits or sleeps for at least {@code nanos}, like {@code udelay}/{@code usleep_range}. On a virtual
     * machine time passes (and the hardware runs) instead.
     *
     * @param nanos how long, in nanoseconds.
     */
    void delayNanos(long nanos);

    /**
     * Waits on {@code condition} (whose lock the caller holds) until signalled or until the clock reaches
     * {@code deadlineNanos}. Spurious returns are allowed: callers re-check their predicate.
     *
     * @param condition     the condition, its lock held by the caller.
     * @param deadlineNanos the clock reading at which to give up.
     * @return false if the deadline has passed.
     * @throws InterruptedException if the waiting thread is interrupted.
     */
    boolean await(Condition condition, long deadlineNanos) throws InterruptedException;

    /**
     * Queues work on the system workqueue ({@code schedule_work}); runs on the workqueue thread, in order.
     * An exception thrown by the work is logged and recorded in {@link #failures()}.
     *
     * @param name what the work is, for the log.
     * @param work the work.
     */
    void queueWork(String name, Runnable work);

    /**
     * Waits until every work queued so far has run ({@code flush_workqueue}). Must not be called from a work item.
     */
    void flushWork();

    /**
     * Runs {@code work} on the workqueue after {@code delayNanos} ({@code schedule_delayed_work}).
     *
     * @param name       what the work is.
     * @param delayNanos the delay in nanoseconds.
     * @param work       the work.
     * @return a handle to cancel it.
     */
    Cancellable schedule(String name, long delayNanos, Runnable work);

    /**
     * Unexpected exceptions from work items and kernel threads. A run with failures has failed.
     *
     * @return a snapshot.
     */
    List<Throwable> failures();

    /**
     * Records an unexpected exception from a device or kernel thread: logs it and keeps it in {@link #failures()}.
     *
     * @param where  the thread or work that failed.
     * @param thrown the exception.
     */
    void recordFailure(String where, Throwable thrown);

    /**
     * Whether this machine runs on a virtual clock (single-threaded, deterministic).
     *
     * @return true for a {@link VirtualKernel}.
     */
    boolean virtual();

    /**
     * Enters a section in which the calling task holds a lock that other tasks need (the command mutex while it
     * polls for a codec response). On a threaded kernel other tasks simply block on that lock; a virtual kernel,
     * which runs other tasks on the waiting thread, holds them back until {@link #exitNoPreempt()} and runs only
     * hardware (the link clock, inline interrupts) meanwhile. Sections nest.
     */
    default void enterNoPreempt()
    {
    }

    /** Leaves a section entered with {@link #enterNoPreempt()}. */
    default void exitNoPreempt()
    {
    }

    /**
     * The tracepoint recorder drivers emit their trace events to ({@code hda_send_cmd}, {@code azx_pcm_*}...).
     *
     * @return the recorder; {@link Tracepoints#off()} unless one was installed.
     */
    default Tracepoints tracepoints()
    {
        return Tracepoints.off();
    }

    /**
     * A cancellable delayed work.
     */
    @FunctionalInterface
    interface Cancellable
    {
        /**
         * Cancels the work if it has not started ({@code cancel_delayed_work}).
         *
         * @return true if it was cancelled before running.
         */
        boolean cancel();
    }
}

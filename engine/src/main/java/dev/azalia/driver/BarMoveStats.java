package dev.azalia.driver;

import dev.azalia.metrics.LatencyRecorder;
import dev.azalia.time.NanoClock;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the BAR moves of one chip cost: for each move the stall (from the start of {@code rescan_prepare} to the end
 * of {@code rescan_done}), whether it failed (a callback threw, or the driver logged an error during the move), and
 * a histogram of stalls; plus the time callers were blocked at the power gate, the MMIO gate or the PCM semaphore.
 *
 * <p>Latency probes (microsecond {@link LatencyRecorder}s, no coordinated-omission correction: moves are not
 * periodic): the phases of each move, {@code rescan_prepare} ({@link #prepareLatency()}), the PCI core's work
 * between the two callbacks while the BAR moves ({@link #remapLatency()}), {@code rescan_done}
 * ({@link #doneLatency()}), from the end of {@code rescan_done} to the next period interrupt that reached
 * {@code periodElapsed} ({@link #firstPeriodLatency()}); and the time PCM ioctls and control operations waited on the
 * card's power gate ({@link #gateWaitLatency()}).
 *
 * <p>Nothing is allocated inside a move once the statistics are {@link #arm armed} (the PCI core's rescan does it
 * before the first window opens, through the driver's {@code bar_fixed}): the histograms span their whole range
 * from the start (one hour; longer values are recorded as one hour) instead of resizing, the probes are armed, and
 * the moves are kept in a ring of the newest {@link #KEPT_MOVES} (start, stall, failed) with the counts of all of
 * them, so that nothing grows with the length of the run. Unarmed (a run without moves), they cost a few objects.
 *
 * <p>Written on the PCI thread (moves), the interrupt thread ({@link #onPeriod}) and by blocked callers (blocked
 * time); read after the run. Synchronised: moves are rare events, not the real-time path; {@link #onPeriod} takes no
 * lock and allocates nothing.
 */
public final class BarMoveStats
{
    /**
     * One move as the driver saw it.
     *
     * @param startNanos when {@code rescan_prepare} began, on the kernel clock.
     * @param stallNanos time from prepare start to done end.
     * @param failed     whether it failed.
     */
    public record Move(long startNanos, long stallNanos, boolean failed)
    {
    }

    /** How many of the newest moves {@link #moves()} keeps. */
    public static final int KEPT_MOVES = 1 << 12;
    /** The largest stall or wait the histograms tell apart: one hour, in nanoseconds. */
    public static final long HIGHEST_NANOS = 3_600_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    // made by arm() (or by the first value): two one-hour ranges (270 KB each) that never resize
    private Histogram stallNanos;
    private Histogram blockedNanos;
    private long[] moveStartNanos;
    private long[] moveStallNanos;
    private boolean[] moveFailed;
    private long moveCount;
    private long failedCount;
    private final LatencyRecorder prepare = new LatencyRecorder("barMovePrepare");
    private final LatencyRecorder remap = new LatencyRecorder("barMoveRemap");
    private final LatencyRecorder done = new LatencyRecorder("barMoveDone");
    private final LatencyRecorder firstPeriod = new LatencyRecorder("firstPeriodAfterMove");
    private final LatencyRecorder gateWait = new LatencyRecorder("gateWait");
    /** End of the last rescan_done on the kernel clock, or -1 once the first period after it was recorded. */
    private final AtomicLong firstPeriodPendingSince = new AtomicLong(-1L);
    private long startNanos;
    private long preparedNanos;
    private long doneStartNanos;
    private long errorsAtStart;
    private boolean callbackFailed;

    /**
     * Makes the storage of moves now (the histograms, the ring of moves, the probes' recorders), so that a move
     * allocates nothing. Idempotent; called before a rescan's window opens.
     */
    public synchronized void arm()
    {
        if (null == stallNanos)
        {
            stallNanos = new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
            moveStartNanos = new long[KEPT_MOVES];
            moveStallNanos = new long[KEPT_MOVES];
            moveFailed = new boolean[KEPT_MOVES];
        }
        blockedHistogram();
        prepare.arm();
        remap.arm();
        done.arm();
        firstPeriod.arm();
        gateWait.arm();
    }

    private Histogram blockedHistogram()
    {
        if (null == blockedNanos)
        {
            blockedNanos = new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        }
        return blockedNanos;
    }

    synchronized void begin(final long nowNanos, final long kernelErrors)
    {
        arm();
        startNanos = nowNanos;
        preparedNanos = nowNanos;
        doneStartNanos = nowNanos;
        errorsAtStart = kernelErrors;
        callbackFailed = false;
        firstPeriodPendingSince.set(-1L);
    }

    synchronized void prepared(final long nowNanos)
    {
        preparedNanos = nowNanos;
        prepare.recordNanos(nowNanos - startNanos);
    }

    synchronized void doneStarted(final long nowNanos)
    {
        doneStartNanos = nowNanos;
        remap.recordNanos(nowNanos - preparedNanos);
    }

    synchronized void callbackFailed()
    {
        callbackFailed = true;
    }

    synchronized void end(final long nowNanos, final long kernelErrors)
    {
        arm();
        final long stall = Math.max(0, nowNanos - startNanos);
        stallNanos.recordValue(Math.min(HIGHEST_NANOS, stall));
        done.recordNanos(nowNanos - doneStartNanos);
        final boolean failed = callbackFailed || kernelErrors > errorsAtStart;
        final int i = (int)(moveCount % KEPT_MOVES);
        moveStartNanos[i] = startNanos;
        moveStallNanos[i] = stall;
        moveFailed[i] = failed;
        moveCount++;
        failedCount += failed ? 1 : 0;
        firstPeriodPendingSince.set(nowNanos);
    }

    /**
     * A period interrupt reached {@code periodElapsed}: records the first one after a move. Called on the interrupt
     * thread; lock-free, reads the clock only right after a move.
     *
     * @param clock the kernel clock.
     */
    void onPeriod(final NanoClock clock)
    {
        if (firstPeriodPendingSince.get() < 0)
        {
            return;
        }
        final long since = firstPeriodPendingSince.getAndSet(-1L);
        if (since >= 0)
        {
            firstPeriod.recordNanos(clock.nanoTime() - since);
        }
    }

    /**
     * Records a PCM ioctl or control operation that waited on the card's power gate (also counted as blocked).
     *
     * @param nanos how long it waited.
     */
    public void recordGateWait(final long nanos)
    {
        gateWait.recordNanos(nanos);
        recordBlocked(nanos);
    }

    /**
     * {@code rescan_prepare} durations.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder prepareLatency()
    {
        return prepare;
    }

    /**
     * The PCI core's time between {@code rescan_prepare} and {@code rescan_done} (the BAR is reassigned).
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder remapLatency()
    {
        return remap;
    }

    /**
     * {@code rescan_done} durations.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder doneLatency()
    {
        return done;
    }

    /**
     * From the end of {@code rescan_done} to the next period reported to the sound core.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder firstPeriodLatency()
    {
        return firstPeriod;
    }

    /**
     * Waits of PCM ioctls and control operations on the power gate.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder gateWaitLatency()
    {
        return gateWait;
    }

    /**
     * Records a caller that waited because of a move.
     *
     * @param nanos how long it waited.
     */
    public synchronized void recordBlocked(final long nanos)
    {
        blockedHistogram().recordValue(Math.max(0, Math.min(HIGHEST_NANOS, nanos)));
    }

    /**
     * The newest moves ({@link #KEPT_MOVES} at most: all of them in any run shorter than that), oldest first.
     *
     * @return a new list.
     */
    public synchronized List<Move> moves()
    {
        final int kept = (int)Math.min(moveCount, KEPT_MOVES);
        final List<Move> list = new ArrayList<>(kept);
        for (long m = moveCount - kept; m < moveCount; m++)
        {
            final int i = (int)(m % KEPT_MOVES);
            list.add(new Move(moveStartNanos[i], moveStallNanos[i], moveFailed[i]));
        }
        return list;
    }

    /**
     * How many moves ended (kept or not).
     *
     * @return the count.
     */
    public synchronized long count()
    {
        return moveCount;
    }

    /**
     * How many moves failed.
     *
     * @return the count.
     */
    public synchronized long failed()
    {
        return failedCount;
    }

    /**
     * Stalls, nanoseconds.
     *
     * @return a copy of the histogram (empty when nothing moved).
     */
    public synchronized Histogram stalls()
    {
        return null == stallNanos ? new Histogram(SIGNIFICANT_DIGITS) : stallNanos.copy();
    }

    /**
     * Blocked callers' waits, nanoseconds.
     *
     * @return a copy of the histogram (empty when nobody waited).
     */
    public synchronized Histogram blocked()
    {
        return null == blockedNanos ? new Histogram(SIGNIFICANT_DIGITS) : blockedNanos.copy();
    }
}

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
 * <p>Written on the PCI thread (moves), the interrupt thread ({@link #onPeriod}) and by blocked callers (blocked
 * time); read after the run. Synchronised: moves are rare events, not the real-time path; {@link #onPeriod} takes no
 * lock and allocates nothing unless a move just ended.
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

    // auto-resizing: a run without moves keeps two tiny histograms instead of two 270 KB one-hour ranges
    private final Histogram stallNanos = new Histogram(3);
    private final Histogram blockedNanos = new Histogram(3);
    private final List<Move> moves = new ArrayList<>();
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

    synchronized void begin(final long nowNanos, final long kernelErrors)
    {
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
        final long stall = Math.max(0, nowNanos - startNanos);
        stallNanos.recordValue(stall);
        done.recordNanos(nowNanos - doneStartNanos);
        moves.add(new Move(startNanos, stall, callbackFailed || kernelErrors > errorsAtStart));
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
        blockedNanos.recordValue(Math.max(0, nanos));
    }

    /**
     * The moves so far.
     *
     * @return a copy.
     */
    public synchronized List<Move> moves()
    {
        return List.copyOf(moves);
    }

    /**
     * How many moves failed.
     *
     * @return the count.
     */
    public synchronized long failed()
    {
        return moves.stream().filter(Move::failed).count();
    }

    /**
     * Stalls, nanoseconds.
     *
     * @return a copy of the histogram.
     */
    public synchronized Histogram stalls()
    {
        return stallNanos.copy();
    }

    /**
     * Blocked callers' waits, nanoseconds.
     *
     * @return a copy of the histogram.
     */
    public synchronized Histogram blocked()
    {
        return blockedNanos.copy();
    }
}

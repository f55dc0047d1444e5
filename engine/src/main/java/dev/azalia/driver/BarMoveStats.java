package dev.azalia.driver;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * What the BAR moves of one chip cost: for each move the stall (from the start of {@code rescan_prepare} to the end
 * of {@code rescan_done}), whether it failed (a callback threw, or the driver logged an error during the move), and
 * a histogram of stalls; plus the time callers were blocked at the power gate, the MMIO gate or the PCM semaphore.
 *
 * <p>Written on the PCI thread (moves) and by blocked callers (blocked time); read after the run. Synchronised:
 * moves are rare events, not the real-time path.
 */
public final class BarMoveStats
{
    /**
     * One move as the driver saw it.
     *
     * @param stallNanos time from prepare start to done end.
     * @param failed     whether it failed.
     */
    public record Move(long stallNanos, boolean failed)
    {
    }

    private final Histogram stallNanos = new Histogram(3_600_000_000_000L, 3);
    private final Histogram blockedNanos = new Histogram(3_600_000_000_000L, 3);
    private final List<Move> moves = new ArrayList<>();
    private long startNanos;
    private long errorsAtStart;
    private boolean callbackFailed;

    synchronized void begin(final long nowNanos, final long kernelErrors)
    {
        startNanos = nowNanos;
        errorsAtStart = kernelErrors;
        callbackFailed = false;
    }

    synchronized void callbackFailed()
    {
        callbackFailed = true;
    }

    synchronized void end(final long nowNanos, final long kernelErrors)
    {
        final long stall = Math.max(0, nowNanos - startNanos);
        stallNanos.recordValue(stall);
        moves.add(new Move(stall, callbackFailed || kernelErrors > errorsAtStart));
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

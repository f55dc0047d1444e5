package dev.azalia.link;

import dev.azalia.metrics.LatencyRecorder;
import dev.azalia.time.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * End-to-end latency: when the application writes the first frame of each period ({@link #stampPeriod}) and when
 * that frame reaches the sink ({@link #framesConsumed}). The write times sit in a ring indexed by period number
 * (stream frame / period frames); a slot also holds its period number, so a slot overwritten by a later period is
 * recognised and skipped instead of giving a wrong latency.
 *
 * <p>Frames are counted from the start of the stream on both sides: the application's frames written and the
 * sink's frames written. After an xrun and re-prepare both keep counting, so the pairing stays right as long as the
 * link neither drops nor repeats frames (the frame-sequence probe reports when it does).
 *
 * <p>Threading: one writer ({@link #stampPeriod}, the application thread) and one reader ({@link #framesConsumed},
 * the sink's handler thread). Allocation-free after construction.
 */
public final class WriteStamps
{
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final NanoClock clock;
    private final int periodFrames;
    private final int mask;
    private final long[] stampNanos;
    /** Period number held by each slot; written with setRelease after the stamp, read with getAcquire. */
    private final long[] periodOf;
    private final LatencyRecorder endToEnd;

    /**
     * A ring of write stamps.
     *
     * @param clock        the clock both sides read (the link clock).
     * @param periodFrames frames per period (the stamp granularity).
     * @param slots        periods remembered; rounded up to a power of two. Must exceed the periods in flight
     *                     between the application and the sink (PCM buffer, link ring, device buffer).
     * @param endToEnd     where the latencies go.
     */
    public WriteStamps(final NanoClock clock, final int periodFrames, final int slots, final LatencyRecorder endToEnd)
    {
        if (periodFrames <= 0 || slots <= 0)
        {
            throw new IllegalArgumentException("periodFrames and slots must be positive");
        }
        this.clock = clock;
        this.periodFrames = periodFrames;
        final int size = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
        this.mask = size - 1;
        this.stampNanos = new long[size];
        this.periodOf = new long[size];
        Arrays.fill(periodOf, -1L);
        this.endToEnd = endToEnd;
    }

    /**
     * Stamps the write time of the period that starts at {@code firstFrame}, if a period starts there. Call on the
     * application thread just before writing the chunk that begins at that frame.
     *
     * @param firstFrame the stream frame the next write begins with.
     */
    public void stampPeriod(final long firstFrame)
    {
        if (firstFrame % periodFrames != 0)
        {
            return;
        }
        final long period = firstFrame / periodFrames;
        final int slot = (int)(period & mask);
        stampNanos[slot] = clock.nanoTime();
        // pairs with the getAcquire in framesConsumed: the stamp is visible before the period number
        LONGS.setRelease(periodOf, slot, period);
    }

    /**
     * Records the end-to-end latency of every period whose first frame lies in
     * [{@code firstFrame}, {@code firstFrame + frames}): the sink has just accepted those frames. Call on the
     * sink's thread.
     *
     * @param firstFrame the first frame the sink accepted (frames the sink had before).
     * @param frames     how many it accepted.
     */
    public void framesConsumed(final long firstFrame, final int frames)
    {
        if (frames <= 0)
        {
            return;
        }
        final long now = clock.nanoTime();
        long period = (firstFrame + periodFrames - 1) / periodFrames;
        final long end = firstFrame + frames;
        while (period * periodFrames < end)
        {
            final int slot = (int)(period & mask);
            if ((long)LONGS.getAcquire(periodOf, slot) == period)
            {
                endToEnd.recordNanos(now - stampNanos[slot]);
            }
            period++;
        }
    }

    /**
     * The recorder the latencies go to.
     *
     * @return the end-to-end recorder.
     */
    public LatencyRecorder recorder()
    {
        return endToEnd;
    }
}

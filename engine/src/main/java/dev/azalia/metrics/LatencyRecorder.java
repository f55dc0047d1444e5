package dev.azalia.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency probe: an HdrHistogram {@link Recorder} of microseconds (1 µs to 60 s, 3 significant digits), fed in
 * nanoseconds. The histograms auto-resize: they start small and cover the largest value seen so far, so a probe that
 * records little (a BAR-move phase in a run without moves) costs a few hundred bytes, not the 140 KB counts array of
 * the full 60 s range, and reading it walks only the buckets in use. With an expected interval (the period of the event that is timed) every value is recorded with
 * {@link Recorder#recordValueWithExpectedInterval}, which back-fills the samples a stall hid (coordinated
 * omission); without one (rare events such as BAR moves) values are recorded as they come.
 *
 * <p>Threading: {@link #recordNanos} is wait-free and, once the histogram covers the value, allocation-free (a value
 * beyond every earlier one grows the counts array: a few times per run, not per period); it may be called from any number of threads
 * (it is meant for the interrupt thread, the application thread and the link's handler threads); the read methods
 * may be called from any thread and add up every interval taken so far.
 */
public final class LatencyRecorder
{
    /** The largest value recorded: 60 s in microseconds; larger values are recorded as this. */
    public static final long HIGHEST_MICROS = 60_000_000L;

    private static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final long expectedIntervalMicros;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram recycled;

    /**
     * A probe without coordinated-omission correction.
     *
     * @param name its key in reports, e.g. {@code "barMovePrepare"}.
     */
    public LatencyRecorder(final String name)
    {
        this(name, 0L);
    }

    /**
     * A probe correcting for coordinated omission.
     *
     * @param name                  its key in reports, e.g. {@code "periodElapsed"}.
     * @param expectedIntervalNanos the interval at which values are expected (the period), in nanoseconds; 0 (or
     *                              less than 1 µs) for no correction.
     */
    public LatencyRecorder(final String name, final long expectedIntervalNanos)
    {
        this.name = name;
        this.expectedIntervalMicros = Math.max(0L, expectedIntervalNanos / 1_000L);
    }

    /**
     * Records one latency. Wait-free; allocation-free unless the value is beyond every earlier one.
     *
     * @param latencyNanos the latency in nanoseconds; negative values are dropped, the rest clamped to
     *                     [1 µs, 60 s] after conversion to microseconds.
     */
    public void recordNanos(final long latencyNanos)
    {
        if (latencyNanos < 0)
        {
            return;
        }
        final long micros = Math.max(1L, Math.min(HIGHEST_MICROS, latencyNanos / 1_000L));
        if (expectedIntervalMicros > 0)
        {
            recorder.recordValueWithExpectedInterval(micros, expectedIntervalMicros);
        }
        else
        {
            recorder.recordValue(micros);
        }
    }

    /**
     * Everything recorded so far (cumulative), in microseconds.
     *
     * @return a new histogram owned by the caller.
     */
    public synchronized Histogram snapshotMicros()
    {
        return foldedTotal().copy();
    }

    /**
     * Percentiles of everything recorded so far.
     *
     * @return p50, p99, p99.9 and max in microseconds; {@link Percentiles#EMPTY} when nothing was recorded.
     */
    public synchronized Percentiles percentilesMicros()
    {
        // reads the total in place: no copy of the (large) counts array
        return Percentiles.of(foldedTotal(), 1.0);
    }

    /** Adds the interval recorded since the last call to the total; called with this object's monitor held. */
    private Histogram foldedTotal()
    {
        final Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        recycled = interval;
        return total;
    }

    /**
     * The probe's name.
     *
     * @return its key in reports.
     */
    public String name()
    {
        return name;
    }

    /**
     * The interval values are expected at.
     *
     * @return microseconds; 0 when there is no coordinated-omission correction.
     */
    public long expectedIntervalMicros()
    {
        return expectedIntervalMicros;
    }
}

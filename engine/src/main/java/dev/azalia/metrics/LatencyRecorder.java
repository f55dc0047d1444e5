package dev.azalia.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One latency probe: an HdrHistogram {@link Recorder} of microseconds (1 µs to 60 s, 3 significant digits), fed in
 * nanoseconds. With an expected interval (the period of the event that is timed) every value is recorded with
 * {@link Recorder#recordValueWithExpectedInterval}, which back-fills the samples a stall hid (coordinated
 * omission); without one (rare events such as BAR moves) values are recorded as they come.
 *
 * <p>Cheap while unused: the recorder is created by the first value (or by {@link #arm()}, for a caller that knows
 * it will record where nothing may be allocated). A probe that never fires in a run (a BAR-move phase without moves)
 * costs one object. Once created, the recorder's two histograms span the whole range (about 140 KB each), so that
 * recording never resizes them: an auto-resizing histogram would allocate (and copy) on the recording thread
 * whenever a value beyond every earlier one arrived, e.g. inside a BAR move or on the interrupt thread.
 *
 * <p>Threading: {@link #recordNanos} may be called from any number of threads (it is meant for the interrupt
 * thread, the application thread and the link's handler threads); it is wait-free and allocation-free except for the
 * first value of a probe that was not armed. The read methods may be called from any thread and add up every
 * interval taken so far.
 */
public final class LatencyRecorder
{
    /** The largest value recorded: 60 s in microseconds; larger values are recorded as this. */
    public static final long HIGHEST_MICROS = 60_000_000L;

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final VarHandle RECORDER;

    static
    {
        try
        {
            RECORDER = MethodHandles.lookup().findVarHandle(LatencyRecorder.class, "recorder", Recorder.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final long expectedIntervalMicros;
    /** Null until the first value; set once by compareAndExchange (release) and read with getAcquire. */
    @SuppressWarnings("unused")
    private Recorder recorder;
    private Histogram total;
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
     * Records one latency. Wait-free; allocation-free except for the first value of a probe not {@link #arm armed}.
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
        final Recorder r = recorder();
        if (expectedIntervalMicros > 0)
        {
            r.recordValueWithExpectedInterval(micros, expectedIntervalMicros);
        }
        else
        {
            r.recordValue(micros);
        }
    }

    /**
     * Creates the recorder now if no value did yet, so that later values allocate nothing. Idempotent; any thread.
     */
    public void arm()
    {
        recorder();
    }

    /** The recorder, created by the first caller; racing creators agree on one (the loser's is dropped). */
    private Recorder recorder()
    {
        // pairs with the compareAndExchange below: a recorder seen here is fully constructed
        final Recorder current = (Recorder)RECORDER.getAcquire(this);
        if (null != current)
        {
            return current;
        }
        // the whole range at once (lowest 1 µs, as an auto-resizing one: the same buckets and the same figures)
        final Recorder created = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        final Recorder witness = (Recorder)RECORDER.compareAndExchange(this, (Recorder)null, created);
        return null == witness ? created : witness;
    }

    /**
     * Everything recorded so far (cumulative), in microseconds.
     *
     * @return a new histogram owned by the caller.
     */
    public synchronized Histogram snapshotMicros()
    {
        final Histogram folded = foldedTotal();
        return null == folded ? new Histogram(SIGNIFICANT_DIGITS) : folded.copy();
    }

    /**
     * Percentiles of everything recorded so far.
     *
     * @return p50, p99, p99.9 and max in microseconds; {@link Percentiles#EMPTY} when nothing was recorded.
     */
    public synchronized Percentiles percentilesMicros()
    {
        // reads the total in place: no copy of the counts array
        final Histogram folded = foldedTotal();
        return null == folded ? Percentiles.EMPTY : Percentiles.of(folded, 1.0);
    }

    /**
     * Adds the interval recorded since the last call to the total; called with this object's monitor held.
     *
     * @return the total, or null when nothing was ever recorded.
     */
    private Histogram foldedTotal()
    {
        final Recorder r = (Recorder)RECORDER.getAcquire(this);
        if (null == r)
        {
            return null;
        }
        if (null == total)
        {
            total = new Histogram(SIGNIFICANT_DIGITS);
        }
        final Histogram interval = r.getIntervalHistogram(recycled);
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

package dev.azalia.link;

import dev.azalia.metrics.Percentiles;
import dev.azalia.time.NanoClock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency of the link in microseconds, in an HdrHistogram {@link Recorder} (3 significant digits, 1 µs to 60 s;
 * larger values are recorded as 60 s). As a handler, it records for every DATA event the time from the DMA fetch
 * ({@link AudioEvent#dmaNanos()}) to the moment this handler consumes it, on the link clock. The
 * {@link SinkWriter} can also feed one through {@link #recordNanos(long)} (DMA fetch to sink write).
 *
 * <p>Recording is wait-free and allocation-free from one thread at a time per value (the Recorder allows concurrent
 * writers); {@link #snapshot()} may be called from any thread and accumulates the intervals read so far.
 */
public final class LatencyProbe implements LinkHandler
{
    /** The largest value recorded: 60 s in microseconds. */
    public static final long HIGHEST_MICROS = 60_000_000L;

    private static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final NanoClock clock;
    private final Recorder recorder = new Recorder(1L, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(1L, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private Histogram recycled;

    /**
     * A probe.
     *
     * @param name  its name in reports, e.g. {@code "dma-to-handler"}.
     * @param clock the link clock, the same one that stamps {@link AudioEvent#dmaNanos()}.
     */
    public LatencyProbe(final String name, final NanoClock clock)
    {
        this.name = name;
        this.clock = clock;
    }

    /** {@inheritDoc} Records DMA fetch to now for DATA events. */
    @Override
    public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
    {
        if (AudioEvent.Kind.DATA == event.kind())
        {
            recordNanos(clock.nanoTime() - event.dmaNanos());
        }
    }

    /**
     * Records one latency. Allocation-free.
     *
     * @param latencyNanos the latency in nanoseconds; clamped to [1 µs, 60 s] after conversion to microseconds.
     */
    public void recordNanos(final long latencyNanos)
    {
        final long micros = Math.max(1L, Math.min(HIGHEST_MICROS, latencyNanos / 1_000L));
        recorder.recordValue(micros);
    }

    /**
     * Everything recorded so far (cumulative), in microseconds.
     *
     * @return a new histogram owned by the caller.
     */
    public synchronized Histogram snapshot()
    {
        final Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        recycled = interval;
        return total.copy();
    }

    /**
     * Percentiles of everything recorded so far.
     *
     * @return p50, p99, p99.9 and max in microseconds.
     */
    public Percentiles percentilesMicros()
    {
        return Percentiles.of(snapshot(), 1.0);
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return name;
    }
}

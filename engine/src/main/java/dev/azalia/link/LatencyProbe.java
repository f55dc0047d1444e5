package dev.azalia.link;

import dev.azalia.metrics.LatencyRecorder;
import dev.azalia.metrics.Percentiles;
import dev.azalia.time.NanoClock;
import org.HdrHistogram.Histogram;

/**
 * Latency of the link in microseconds, in an HdrHistogram {@link Recorder} (3 significant digits, 1 µs to 60 s;
 * larger values are recorded as 60 s). As a handler, it records for every DATA event the time from the DMA fetch
 * ({@link AudioEvent#dmaNanos()}) to the moment this handler consumes it, on the link clock: on its own thread
 * ({@link ConsumerMode#THREAD_PER_HANDLER}), after the sink writer's write of that event or of a later one (it never
 * blocks, so {@link ConsumerMode#SINK_THREAD_POLLS} polls it from the sink thread), or when the producer polls, at
 * most a few events after the publish ({@link ConsumerMode#PRODUCER_POLLS}). The
 * {@link SinkWriter} can also feed one through {@link #recordNanos(long)} (DMA fetch to sink write).
 *
 * <p>Recording is wait-free and allocation-free from one thread at a time per value (the Recorder allows concurrent
 * writers); {@link #snapshot()} may be called from any thread and accumulates the intervals read so far.
 */
public final class LatencyProbe implements LinkHandler
{
    /** The largest latency kept, microseconds (longer ones are clamped to it). */
    public static final long HIGHEST_MICROS = LatencyRecorder.HIGHEST_MICROS;

    private final NanoClock clock;
    private final LatencyRecorder recorder;

    /**
     * A probe.
     *
     * @param name  what it measures, for reports.
     * @param clock the link clock (the one that stamped {@link AudioEvent#dmaNanos()}).
     */
    public LatencyProbe(final String name, final NanoClock clock)
    {
        this.clock = clock;
        this.recorder = new LatencyRecorder(name);
    }

    /**
     * Records the time since the DMA fetched a DATA event's frames. Called on this handler's link thread.
     *
     * @param event      the event.
     * @param sequence   its ring sequence.
     * @param endOfBatch whether it ends a batch.
     */
    @Override
    public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
    {
        if (AudioEvent.Kind.DATA == event.kind())
        {
            recordNanos(clock.nanoTime() - event.dmaNanos());
        }
    }

    /**
     * Records one latency (wait-free, no allocation); negative values are dropped.
     *
     * @param latencyNanos the latency in nanoseconds.
     */
    public void recordNanos(final long latencyNanos)
    {
        recorder.recordNanos(latencyNanos);
    }

    /**
     * Everything recorded so far, in microseconds.
     *
     * @return a copy of the running total.
     */
    public Histogram snapshot()
    {
        return recorder.snapshotMicros();
    }

    /**
     * The percentiles recorded so far, in microseconds.
     *
     * @return p50, p99, p99.9, max.
     */
    public Percentiles percentilesMicros()
    {
        return recorder.percentilesMicros();
    }

    /** {@inheritDoc} Never: it only records a latency. */
    @Override
    public boolean blocks()
    {
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return recorder.name();
    }
}

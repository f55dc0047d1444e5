package dev.azalia.link;

/**
 * Real-mode drift correction of the link clock against the sink: the card's stream DMA runs on the host clock
 * while the sound device consumes on its own crystal, so the fill between them ({@code published - played}) drifts.
 * Each call compares the fill with a target and returns a small shift of the stream's time base, to be applied with
 * {@code controller.adjustPacing(sd, delta)} (positive = fetch sooner).
 *
 * <p>The rule follows the idea of QEMU's HD-Audio codec timer adjustment: no correction inside a dead band around
 * the target; one step when the fill is outside it; a stronger step (4x) when the fill has fallen more than twice
 * the dead band below the target, because starvation is audible and an over-full buffer only costs latency. Steps
 * are bounded, so a single wild position reading cannot jerk the stream.
 *
 * <p>Not thread-safe: called from the link clock thread only. Allocation-free.
 */
public final class LinkPacer
{
    /** Multiplier of the step when the fill is far below the target. */
    public static final int URGENT_FACTOR = 4;

    private final long targetFillFrames;
    private final long deadBandFrames;
    private final long stepNanos;
    private long adjustments;
    private long totalAdjustmentNanos;
    private long lastFillFrames;

    /**
     * A pacer.
     *
     * @param targetFillFrames the fill to hold, in frames (e.g. half the sink buffer plus one period).
     * @param deadBandFrames   no correction while {@code |fill - target| <= deadBandFrames}; non-negative.
     * @param stepNanos        the correction per call outside the dead band, in nanoseconds; positive.
     */
    public LinkPacer(final long targetFillFrames, final long deadBandFrames, final long stepNanos)
    {
        if (deadBandFrames < 0 || stepNanos <= 0)
        {
            throw new IllegalArgumentException("dead band must be >= 0 and step > 0");
        }
        this.targetFillFrames = targetFillFrames;
        this.deadBandFrames = deadBandFrames;
        this.stepNanos = stepNanos;
    }

    /**
     * The usual pacer for a sink: target = half the sink buffer plus one period, dead band = an eighth of the
     * sink buffer (at least one frame), step = 1 ms or a sixteenth of the buffer time, whichever is smaller.
     *
     * @param sinkBufferFrames the sink's buffer ({@link AudioSink#bufferFrames()}), frames.
     * @param periodFrames     the stream's period, frames.
     * @param sampleRate       frames per second.
     * @return the pacer.
     */
    public static LinkPacer forSink(final int sinkBufferFrames, final int periodFrames, final int sampleRate)
    {
        final long bufferNanos = sinkBufferFrames * 1_000_000_000L / sampleRate;
        final long step = Math.max(1_000L, Math.min(1_000_000L, bufferNanos / 16));
        return new LinkPacer(sinkBufferFrames / 2 + periodFrames, Math.max(1, sinkBufferFrames / 8), step);
    }

    /** The largest speed change a correction may ask for: 25 % of the time since the previous call. */
    public static final double MAX_SLEW = 0.25;

    /**
     * Computes the correction for the current fill, limited to {@link #MAX_SLEW} of {@code elapsedNanos}: the DMA
     * then never runs more than a quarter faster (or slower) than the nominal rate, however far the fill
     * is off, so the application feeding the stream can keep up.
     *
     * @param publishedFrames        frames the link has delivered towards the sink.
     * @param playbackPositionFrames frames the sink has consumed.
     * @param elapsedNanos           time since the previous call.
     * @return the time-base shift in nanoseconds, as {@link #adjustNanos(long, long)} but bounded.
     */
    public long adjustNanos(final long publishedFrames, final long playbackPositionFrames, final long elapsedNanos)
    {
        final long limit = Math.max(1L, (long)(elapsedNanos * MAX_SLEW));
        final long delta = adjustNanos(publishedFrames, playbackPositionFrames);
        return Math.max(-limit, Math.min(limit, delta));
    }

    /**
     * Computes the correction for the current fill.
     *
     * @param publishedFrames        frames the link has delivered towards the sink.
     * @param playbackPositionFrames frames the sink has consumed ({@link AudioSink#playbackPositionFrames()}).
     * @return the time-base shift in nanoseconds: positive to fetch sooner (fill too low), negative to fetch
     *         later (fill too high), 0 inside the dead band.
     */
    public long adjustNanos(final long publishedFrames, final long playbackPositionFrames)
    {
        final long fill = publishedFrames - playbackPositionFrames;
        lastFillFrames = fill;
        final long error = fill - targetFillFrames;
        final long delta;
        if (error < -2 * deadBandFrames)
        {
            delta = URGENT_FACTOR * stepNanos;
        }
        else if (error < -deadBandFrames)
        {
            delta = stepNanos;
        }
        else if (error > deadBandFrames)
        {
            delta = -stepNanos;
        }
        else
        {
            delta = 0L;
        }
        if (0L != delta)
        {
            adjustments++;
            totalAdjustmentNanos += delta;
        }
        return delta;
    }

    /**
     * Calls that returned a non-zero correction.
     *
     * @return count.
     */
    public long adjustments()
    {
        return adjustments;
    }

    /**
     * Sum of every correction returned.
     *
     * @return nanoseconds (positive: the link was sped up overall).
     */
    public long totalAdjustmentNanos()
    {
        return totalAdjustmentNanos;
    }

    /**
     * The fill seen by the last call.
     *
     * @return frames.
     */
    public long lastFillFrames()
    {
        return lastFillFrames;
    }

    /**
     * The target fill.
     *
     * @return frames.
     */
    public long targetFillFrames()
    {
        return targetFillFrames;
    }
}

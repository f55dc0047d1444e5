package dev.azalia.probe;

/**
 * One glitch found by a detector. Immutable.
 *
 * @param frameIndex where it starts: the index of the first affected frame in the analysed stream (from 0), or for
 *                   timing events the stream position when it happened (-1 if unknown).
 * @param kind       what went wrong.
 * @param frames     how many frames it concerns: lost, duplicated, zeroed, held or disturbed frames (0 for timing
 *                   events measured in time only).
 * @param millis     its duration in milliseconds (frames at the stream's rate, or the measured delay of a timing
 *                   event).
 */
public record Glitch(long frameIndex, Kind kind, long frames, double millis)
{
    /** The fault classes the detectors tell apart. */
    public enum Kind
    {
        /** Frames missing from the sequence: the stream jumped ahead. */
        DROP,
        /** Frames that arrived again (a repeat) or were inserted. */
        DUPLICATE,
        /** A frame that arrived after a later one (it filled a gap found earlier). */
        REORDER,
        /** A run of all-zero frames where there should be audio. */
        ZERO_RUN,
        /** A run of identical frames (a sample-and-hold) inside audio. */
        HOLD,
        /** Frames whose content is wrong and not zero (e.g. a gain change on a bit-exact path). */
        CORRUPT,
        /** The end of the reference never arrived. */
        MISSING_TAIL,
        /** Samples farther from the locked sine than the tolerance. */
        SINE_DEVIATION,
        /** A per-period phase correction beyond the limit, or the sine's magnitude collapsing, while locked. */
        PHASE_JUMP,
        /** A disturbance too long to measure: the sine lock was lost and had to be regained. */
        LOST_LOCK,
        /** The PCM's hardware pointer overtook the application pointer (ALSA xrun). */
        PCM_XRUN,
        /** The output device ran out of data. */
        SINK_UNDERRUN,
        /** A periodic cycle that completed after its deadline (PipeWire's graph xrun). */
        DEADLINE_MISS;

        /** Cached {@link #values()}: one array for every counter table. */
        static final Kind[] ALL = values();
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code kind} is null or a count is negative.
     */
    public Glitch
    {
        if (null == kind || frames < 0 || millis < 0 || Double.isNaN(millis))
        {
            throw new IllegalArgumentException("a glitch needs a kind and non-negative frames and millis");
        }
    }

    /**
     * Where it starts in seconds at a given rate.
     *
     * @param sampleRate frames per second.
     * @return seconds from the start of the stream, or -1 if the position is unknown.
     */
    public double seconds(final int sampleRate)
    {
        return frameIndex < 0 ? -1.0 : (double)frameIndex / sampleRate;
    }
}

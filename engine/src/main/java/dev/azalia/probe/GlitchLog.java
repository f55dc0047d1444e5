package dev.azalia.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The accumulator every detector records into: counters per kind, lost and largest milliseconds, and the first
 * glitches with their positions, in preallocated arrays. A glitch that continues the previous one (same kind,
 * starting where it ended) can extend it instead of counting again.
 *
 * <p>Confined to the detector's thread. Nothing is allocated when recording; {@link #report(String)} builds the
 * immutable report.
 */
public final class GlitchLog
{
    /** Default number of glitches kept with their positions. */
    public static final int DEFAULT_KEPT = 64;

    private final long[] keptFrameIndex;
    private final int[] keptKind;
    private final long[] keptFrames;
    private final double[] keptMillis;
    private final long[] countByKind = new long[Glitch.Kind.ALL.length];
    private final long[] framesByKind = new long[Glitch.Kind.ALL.length];
    private final List<String> notes = new ArrayList<>();
    private final GlitchFilter filter;
    private int kept;
    private int sampleRate;
    private long framesAnalyzed;
    private long count;
    private double lostMillis;
    private double largestMillis;
    private long filteredOut;
    private Glitch.Kind lastKind;
    private long lastEnd = Long.MIN_VALUE;
    private double lastMillis;
    private int lastSlot = -1;

    /** A log keeping the first {@value #DEFAULT_KEPT} glitches, filtering nothing. */
    public GlitchLog()
    {
        this(DEFAULT_KEPT, GlitchFilter.ALL);
    }

    /**
     * A log.
     *
     * @param keep   how many glitches to keep with their positions; non-negative.
     * @param filter decides which glitches are reported; not null.
     */
    public GlitchLog(final int keep, final GlitchFilter filter)
    {
        if (keep < 0 || null == filter)
        {
            throw new IllegalArgumentException("keep must be non-negative and the filter not null");
        }
        this.keptFrameIndex = new long[keep];
        this.keptKind = new int[keep];
        this.keptFrames = new long[keep];
        this.keptMillis = new double[keep];
        this.filter = filter;
    }

    /**
     * Sets the stream's rate (frames are converted to milliseconds with it). Call before recording frame-based
     * glitches.
     *
     * @param rate frames per second; positive.
     */
    public void sampleRate(final int rate)
    {
        if (rate <= 0)
        {
            throw new IllegalArgumentException("sample rate must be positive: " + rate);
        }
        this.sampleRate = rate;
    }

    /**
     * The rate set with {@link #sampleRate(int)}.
     *
     * @return frames per second, or 0 if not set.
     */
    public int sampleRate()
    {
        return sampleRate;
    }

    /**
     * Counts analysed frames.
     *
     * @param frames frames just analysed.
     */
    public void analyzed(final long frames)
    {
        framesAnalyzed += frames;
    }

    /**
     * Frames analysed so far.
     *
     * @return frames.
     */
    public long framesAnalyzed()
    {
        return framesAnalyzed;
    }

    /**
     * Records a new glitch measured in frames (its duration is {@code frames} at the stream's rate).
     *
     * @param frameIndex its first frame.
     * @param kind       its kind.
     * @param frames     frames concerned; positive.
     */
    public void record(final long frameIndex, final Glitch.Kind kind, final long frames)
    {
        record(frameIndex, kind, frames, millis(frames));
    }

    /**
     * Records a new glitch with an explicit duration (timing events).
     *
     * @param frameIndex its first frame, or -1 if unknown.
     * @param kind       its kind.
     * @param frames     frames concerned, 0 if none.
     * @param millis     its duration in milliseconds.
     */
    public void record(final long frameIndex, final Glitch.Kind kind, final long frames, final double millis)
    {
        if (!filter.keep(frameIndex, kind, frames))
        {
            filteredOut++;
            lastKind = null;
            return;
        }
        count++;
        countByKind[kind.ordinal()]++;
        framesByKind[kind.ordinal()] += frames;
        lostMillis += millis;
        largestMillis = Math.max(largestMillis, millis);
        lastKind = kind;
        lastEnd = frameIndex + frames;
        lastMillis = millis;
        if (kept < keptFrameIndex.length)
        {
            keptFrameIndex[kept] = frameIndex;
            keptKind[kept] = kind.ordinal();
            keptFrames[kept] = frames;
            keptMillis[kept] = millis;
            lastSlot = kept;
            kept++;
        }
        else
        {
            lastSlot = -1;
        }
    }

    /**
     * Records a glitch, extending the previous one instead when it has the same kind and ends where this one
     * starts (a run found frame by frame counts once).
     *
     * @param frameIndex its first frame.
     * @param kind       its kind.
     * @param frames     frames concerned; positive.
     */
    public void recordOrExtend(final long frameIndex, final Glitch.Kind kind, final long frames)
    {
        if (kind != lastKind || frameIndex != lastEnd)
        {
            record(frameIndex, kind, frames);
            return;
        }
        final double more = millis(frames);
        framesByKind[kind.ordinal()] += frames;
        lostMillis += more;
        lastEnd += frames;
        lastMillis += more;
        largestMillis = Math.max(largestMillis, lastMillis);
        if (lastSlot >= 0)
        {
            keptFrames[lastSlot] += frames;
            keptMillis[lastSlot] = lastMillis;
        }
    }

    /**
     * Adds a remark to the report (rare events only: allocates).
     *
     * @param note one line.
     */
    public void note(final String note)
    {
        notes.add(note);
    }

    /**
     * Glitches recorded so far (not counting filtered ones).
     *
     * @return glitches.
     */
    public long count()
    {
        return count;
    }

    /**
     * Builds the report.
     *
     * @param detector the detector's name.
     * @return an immutable report; the kept glitches sorted by position.
     */
    public GlitchReport report(final String detector)
    {
        final Map<Glitch.Kind, Long> counts = new EnumMap<>(Glitch.Kind.class);
        final Map<Glitch.Kind, Long> frames = new EnumMap<>(Glitch.Kind.class);
        for (final Glitch.Kind k : Glitch.Kind.ALL)
        {
            if (countByKind[k.ordinal()] > 0)
            {
                counts.put(k, countByKind[k.ordinal()]);
                frames.put(k, framesByKind[k.ordinal()]);
            }
        }
        final List<Glitch> first = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++)
        {
            first.add(new Glitch(keptFrameIndex[i], Glitch.Kind.ALL[keptKind[i]], keptFrames[i], keptMillis[i]));
        }
        first.sort(Comparator.comparingLong(Glitch::frameIndex));
        final long lost = framesByKind[Glitch.Kind.DROP.ordinal()]
            + framesByKind[Glitch.Kind.MISSING_TAIL.ordinal()];
        return new GlitchReport(detector, sampleRate, framesAnalyzed, count, lostMillis, largestMillis, lost,
            framesByKind[Glitch.Kind.DUPLICATE.ordinal()], countByKind[Glitch.Kind.ZERO_RUN.ordinal()], counts, frames,
            first, filteredOut, notes);
    }

    private double millis(final long frames)
    {
        return 0 == sampleRate ? 0.0 : frames * 1000.0 / sampleRate;
    }
}

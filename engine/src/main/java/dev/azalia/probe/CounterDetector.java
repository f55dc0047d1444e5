package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;

/**
 * Decodes the per-frame index written by {@link IndexedSignal} and reports, exactly and with positions, every
 * dropped, duplicated, reordered or zeroed frame, without a reference.
 *
 * <p>Per arrival: code 0 is a zeroed frame ({@link Glitch.Kind#ZERO_RUN}, whether it replaced frames or was
 * inserted: the index after the run tells which, and only the rest counts as a drop). A code ahead of the expected
 * one opens a gap; arrivals that later fill it (within {@code reorderWindowFrames}) are
 * {@link Glitch.Kind#REORDER}, and what is still missing when the window has passed is a {@link Glitch.Kind#DROP},
 * positioned at the arrival where the jump was seen. A code behind the expected one that fills no gap is a
 * {@link Glitch.Kind#DUPLICATE}; consecutive ones form one run. Positions are arrival indices from the first frame
 * fed. Jumps of half the code period (32767 frames) or more cannot be told apart from repeats. Zero frames before
 * the first code, and at the very end, are silence around the signal, not glitches.
 *
 * <p>Confined to the feeding thread; nothing allocated per chunk (a fixed table of open gaps).
 */
public final class CounterDetector implements GlitchDetector
{
    /** Default arrivals after a jump within which late frames count as reordered, not lost. */
    public static final int DEFAULT_REORDER_WINDOW_FRAMES = 64;
    private static final int MAX_GAPS = 32;
    private static final int HALF = IndexedSignal.CODE_PERIOD / 2;

    private final int channel;
    private final int reorderWindowFrames;
    private final GlitchLog log;
    private final long[] gapStart = new long[MAX_GAPS];
    private final long[] gapLength = new long[MAX_GAPS];
    private final long[] gapFilled = new long[MAX_GAPS];
    private final long[] gapArrival = new long[MAX_GAPS];
    private int gaps;
    private StreamFormat format;
    private long arrival;
    private long expected;
    private boolean started;
    private long zeroRun;
    private long zeroStart;
    private boolean finished;

    /**
     * A detector reading the index from one channel, with the default reorder window and log.
     *
     * @param channel the index channel.
     */
    public CounterDetector(final int channel)
    {
        this(channel, DEFAULT_REORDER_WINDOW_FRAMES, new GlitchLog());
    }

    /**
     * A detector.
     *
     * @param channel             the index channel.
     * @param reorderWindowFrames arrivals after a jump within which late frames count as reordered.
     * @param log                 where glitches are recorded.
     */
    public CounterDetector(final int channel, final int reorderWindowFrames, final GlitchLog log)
    {
        if (channel < 0 || reorderWindowFrames < 1)
        {
            throw new IllegalArgumentException("channel must be non-negative and the window positive");
        }
        this.channel = channel;
        this.reorderWindowFrames = reorderWindowFrames;
        this.log = log;
    }

    /** {@inheritDoc} */
    @Override
    public void accept(final byte[] pcm, final int offset, final int frames, final StreamFormat newFormat)
    {
        if (finished)
        {
            return;
        }
        if (null == format)
        {
            Samples.check(newFormat);
            if (channel >= newFormat.channels())
            {
                throw new IllegalArgumentException("no channel " + channel + " in " + newFormat);
            }
            format = newFormat;
            log.sampleRate(newFormat.sampleRate());
        }
        else if (!format.equals(newFormat))
        {
            throw new IllegalArgumentException("format changed from " + format + " to " + newFormat);
        }
        final int frameBytes = format.frameBytes();
        final int container = format.containerBytes();
        for (int f = 0; f < frames; f++)
        {
            final int code = Samples.top16(pcm, offset + f * frameBytes + channel * container, container) & 0xffff;
            onCode(code);
            arrival++;
            expireGaps(false);
        }
        log.analyzed(frames);
    }

    private void onCode(final int code)
    {
        if (0 == code)
        {
            if (!started)
            {
                // silence before the signal starts (e.g. a prefill) is not a glitch
                return;
            }
            if (0 == zeroRun)
            {
                zeroStart = arrival;
            }
            zeroRun++;
            return;
        }
        if (!started)
        {
            started = true;
            expected = code - 1;
        }
        if (zeroRun > 0)
        {
            log.record(zeroStart, Glitch.Kind.ZERO_RUN, zeroRun);
            final long ahead = forward(code);
            if (ahead <= zeroRun)
            {
                // the zeros replaced or were inserted before the frames that follow: no drop
                expected += ahead;
                zeroRun = 0;
                expected++;
                return;
            }
            expected += zeroRun;
            zeroRun = 0;
        }
        final long ahead = forward(code);
        if (0 == ahead)
        {
            expected++;
        }
        else if (ahead < HALF)
        {
            openGap(expected, ahead);
            expected += ahead + 1;
        }
        else
        {
            final long target = expected - (IndexedSignal.CODE_PERIOD - ahead);
            if (!fillGap(target))
            {
                log.recordOrExtend(arrival, Glitch.Kind.DUPLICATE, 1);
            }
        }
    }

    /** How far {@code code} is ahead of the expected index, modulo the code period: 0 ... 65534. */
    private long forward(final int code)
    {
        final long delta = (code - 1) - expected % IndexedSignal.CODE_PERIOD;
        return delta < 0 ? delta + IndexedSignal.CODE_PERIOD : delta;
    }

    private void openGap(final long start, final long length)
    {
        if (gaps == MAX_GAPS)
        {
            expireGaps(true);
        }
        gapStart[gaps] = start;
        gapLength[gaps] = length;
        gapFilled[gaps] = 0;
        gapArrival[gaps] = arrival;
        gaps++;
    }

    private boolean fillGap(final long index)
    {
        for (int g = 0; g < gaps; g++)
        {
            if (index >= gapStart[g] && index < gapStart[g] + gapLength[g] && gapFilled[g] < gapLength[g])
            {
                gapFilled[g]++;
                log.record(arrival, Glitch.Kind.REORDER, 1);
                return true;
            }
        }
        return false;
    }

    private void expireGaps(final boolean all)
    {
        int g = 0;
        while (g < gaps)
        {
            if (all || arrival - gapArrival[g] > reorderWindowFrames)
            {
                final long lost = gapLength[g] - gapFilled[g];
                if (lost > 0)
                {
                    log.record(gapArrival[g], Glitch.Kind.DROP, lost);
                }
                gaps--;
                gapStart[g] = gapStart[gaps];
                gapLength[g] = gapLength[gaps];
                gapFilled[g] = gapFilled[gaps];
                gapArrival[g] = gapArrival[gaps];
            }
            else
            {
                g++;
            }
        }
    }

    /**
     * {@inheritDoc} Closes open gaps as drops. Zeros at the very end cannot be told from silence after the signal:
     * they are noted in the report, not counted.
     */
    @Override
    public void finish()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        if (zeroRun > 0)
        {
            log.note(zeroRun + " zero frames at the end (from frame " + zeroStart + ") not counted");
            zeroRun = 0;
        }
        expireGaps(true);
    }

    /** {@inheritDoc} */
    @Override
    public GlitchReport report()
    {
        return log.report(name());
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "counter";
    }
}

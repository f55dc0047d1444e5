package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;

import java.util.Arrays;

/**
 * Gaps inside audio: a run of at least {@code minZeroFrames} all-zero frames ({@link Glitch.Kind#ZERO_RUN}), or of
 * at least {@code minHoldFrames} identical non-zero frames ({@link Glitch.Kind#HOLD}, a sample-and-hold), counts
 * when the audio around it is not silent: the RMS of the {@code contextFrames} before the run and of the
 * {@code contextFrames} after it (fewer at the end of the stream) are both at or above {@code thresholdDbfs}. A run
 * at the very start or end of the stream, or inside silence, is not a glitch. A run is judged once its following
 * context has been seen. Works without a reference, on any path; the level is measured on the top 16 bits.
 *
 * <p>Confined to the feeding thread; nothing allocated per chunk (a ring of frame energies, a fixed table of runs
 * awaiting their following context).
 */
public final class SilenceDetector implements GlitchDetector
{
    /** Default shortest zero run counted. */
    public static final int DEFAULT_MIN_ZERO_FRAMES = 2;
    /** Default shortest hold counted (identical frames in a row). */
    public static final int DEFAULT_MIN_HOLD_FRAMES = 3;
    /** Default context measured on each side of a run. */
    public static final int DEFAULT_CONTEXT_FRAMES = 1024;
    /** Default level the context must reach. */
    public static final double DEFAULT_THRESHOLD_DBFS = -50.0;
    private static final int MAX_PENDING = 64;

    private final int minZeroFrames;
    private final int minHoldFrames;
    private final int contextFrames;
    private final double thresholdMeanSquare;
    private final GlitchLog log;
    private final long[] energyRing;
    private long ringSum;
    private long ringCount;

    private final long[] pendingStart = new long[MAX_PENDING];
    private final long[] pendingFrames = new long[MAX_PENDING];
    private final boolean[] pendingZero = new boolean[MAX_PENDING];
    private final double[] pendingPre = new double[MAX_PENDING];
    private final long[] pendingPostSum = new long[MAX_PENDING];
    private final long[] pendingPostCount = new long[MAX_PENDING];
    private int pending;

    private StreamFormat format;
    private byte[] previousFrame;
    private long frame;
    private boolean runZero;
    private long runStart = -1;
    private long runFrames;
    private double runPre;
    private boolean finished;

    /** A detector with the defaults. */
    public SilenceDetector()
    {
        this(DEFAULT_MIN_ZERO_FRAMES, DEFAULT_MIN_HOLD_FRAMES, DEFAULT_CONTEXT_FRAMES, DEFAULT_THRESHOLD_DBFS,
            new GlitchLog());
    }

    /**
     * A detector.
     *
     * @param minZeroFrames shortest zero run counted; at least 1.
     * @param minHoldFrames shortest run of identical frames counted; at least 2.
     * @param contextFrames frames measured on each side of a run; positive.
     * @param thresholdDbfs level (RMS, dB relative to full scale) the context must reach on both sides.
     * @param log           where glitches are recorded (its filter may discount runs that are in a reference).
     */
    public SilenceDetector(final int minZeroFrames, final int minHoldFrames, final int contextFrames,
        final double thresholdDbfs, final GlitchLog log)
    {
        if (minZeroFrames < 1 || minHoldFrames < 2 || contextFrames < 1 || null == log)
        {
            throw new IllegalArgumentException("invalid silence detector parameters");
        }
        this.minZeroFrames = minZeroFrames;
        this.minHoldFrames = minHoldFrames;
        this.contextFrames = contextFrames;
        final double full = 32768.0 * Math.pow(10.0, thresholdDbfs / 20.0);
        this.thresholdMeanSquare = full * full;
        this.log = log;
        this.energyRing = new long[contextFrames];
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
            format = newFormat;
            previousFrame = new byte[newFormat.frameBytes()];
            log.sampleRate(newFormat.sampleRate());
        }
        else if (!format.equals(newFormat))
        {
            throw new IllegalArgumentException("format changed from " + format + " to " + newFormat);
        }
        final int frameBytes = format.frameBytes();
        for (int f = 0; f < frames; f++)
        {
            step(pcm, offset + f * frameBytes, frameBytes);
        }
        log.analyzed(frames);
    }

    private void step(final byte[] pcm, final int at, final int frameBytes)
    {
        final long energy = energy(pcm, at);
        for (int p = 0; p < pending; p++)
        {
            pendingPostSum[p] += energy;
            pendingPostCount[p]++;
        }
        judgePending(false);
        final boolean zero = Samples.zero(pcm, at, frameBytes);
        final boolean same = frame > 0 && Arrays.equals(pcm, at, at + frameBytes, previousFrame, 0, frameBytes);
        if (runStart >= 0)
        {
            if (runZero ? zero : same && !zero)
            {
                runFrames++;
            }
            else
            {
                endRun();
            }
        }
        if (runStart < 0)
        {
            if (zero)
            {
                beginRun(frame, true);
            }
            else if (same)
            {
                // the hold includes the frame that is repeated
                beginRun(frame - 1, false);
                runFrames = 2;
            }
        }
        System.arraycopy(pcm, at, previousFrame, 0, frameBytes);
        final int slot = (int)(frame % contextFrames);
        ringSum += energy - energyRing[slot];
        energyRing[slot] = energy;
        ringCount = Math.min(ringCount + 1, contextFrames);
        frame++;
    }

    private void beginRun(final long start, final boolean zero)
    {
        runStart = start;
        runZero = zero;
        runFrames = 1;
        // the context before a hold includes its first frame, which is already in the ring: close enough
        runPre = 0 == ringCount ? 0.0 : (double)ringSum / ringCount;
    }

    private void endRun()
    {
        final long min = runZero ? minZeroFrames : minHoldFrames;
        if (runFrames >= min && runStart > 0)
        {
            if (pending == MAX_PENDING)
            {
                judgePending(true);
            }
            pendingStart[pending] = runStart;
            pendingFrames[pending] = runFrames;
            pendingZero[pending] = runZero;
            pendingPre[pending] = runPre;
            pendingPostSum[pending] = 0;
            pendingPostCount[pending] = 0;
            pending++;
        }
        runStart = -1;
        runFrames = 0;
    }

    private void judgePending(final boolean all)
    {
        int p = 0;
        while (p < pending)
        {
            if (all || pendingPostCount[p] >= contextFrames)
            {
                if (pendingPostCount[p] > 0 && pendingPre[p] >= thresholdMeanSquare
                    && (double)pendingPostSum[p] / pendingPostCount[p] >= thresholdMeanSquare)
                {
                    log.record(pendingStart[p], pendingZero[p] ? Glitch.Kind.ZERO_RUN : Glitch.Kind.HOLD,
                        pendingFrames[p]);
                }
                pending--;
                pendingStart[p] = pendingStart[pending];
                pendingFrames[p] = pendingFrames[pending];
                pendingZero[p] = pendingZero[pending];
                pendingPre[p] = pendingPre[pending];
                pendingPostSum[p] = pendingPostSum[pending];
                pendingPostCount[p] = pendingPostCount[pending];
            }
            else
            {
                p++;
            }
        }
    }

    /** Mean over channels of the squared top-16-bit sample values. */
    private long energy(final byte[] pcm, final int at)
    {
        final int container = format.containerBytes();
        final int channels = format.channels();
        long sum = 0;
        for (int c = 0; c < channels; c++)
        {
            final long v = Samples.top16(pcm, at + c * container, container);
            sum += v * v;
        }
        return sum / channels;
    }

    /** {@inheritDoc} Judges the runs awaiting context with what followed them; a run reaching the end is not. */
    @Override
    public void finish()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        judgePending(true);
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
        return "silence";
    }
}

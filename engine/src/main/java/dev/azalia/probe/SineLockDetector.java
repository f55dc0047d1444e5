package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;

import java.util.Locale;

/**
 * Phase-locked sine analysis for paths that are not bit-exact (a sound server, a real device), in the manner of
 * OboeTester's glitch analyser: it locks onto a sine in one channel and compares every sample with the prediction.
 *
 * <p><b>States.</b> IDLE ({@code idleFrames}) and IMMUNE ({@code immuneFrames}, the output settling), then
 * WAITING_FOR_SIGNAL (a sample above {@value #SIGNAL_THRESHOLD}), WAITING_FOR_LOCK (sin/cos correlation over
 * {@value #PERIODS_FOR_LOCK} periods gives magnitude {@code 2·sqrt(s²+c²)} and phase {@code atan2(c, s)}; the
 * reference phase is corrected until a measurement is within {@link #MAX_PHASE_ERROR_RADIANS} (9°) and the sine
 * carries all but 1 % of the power, so that music or noise is never locked onto), LOCKED and GLITCHING.
 *
 * <p><b>Locked.</b> A sample is bad if {@code |magnitude·sin(phase) − x| > tolerance·magnitude} (tolerance 0.10);
 * the first bad sample starts a glitch. Good samples are correlated period by period: the magnitude follows with a
 * one-pole filter (0.1), a sixteenth of the phase offset is added to the reference phase (enough to follow clock
 * drift of a few hundred ppm, too little to hide a one-sample slip before the next zero crossing reveals it), and
 * an offset beyond 9° or a magnitude below the threshold starts a {@link Glitch.Kind#PHASE_JUMP}. A glitch ends
 * after more than one period of good samples ({@link Glitch.Kind#SINE_DEVIATION} or {@code PHASE_JUMP}, its length
 * from the first to the last bad sample); one still bad after {@value #RELOCK_PERIODS} periods (e.g. a slip that
 * shifted the phase for good, a gain step) loses the lock and the detector locks again
 * ({@link Glitch.Kind#LOST_LOCK}, its length until the lock is regained). A signal that ends (and is not locked
 * again before the end of stream) is noted, not counted.
 *
 * <p><b>What it catches</b> (simulated rates at 48 kHz, period 56): a dropped or duplicated sample at every phase, a
 * run of two or more zeroed samples at every phase, a single zeroed sample except near zero crossings (about 54 of
 * 56 phases), phase steps of 10° and gain steps of 15 %; not 5° or 5 %.
 *
 * <p>Confined to the feeding thread; nothing allocated per chunk.
 */
public final class SineLockDetector implements GlitchDetector
{
    /** The test frequency (matches the CTS verifier): the period is {@code sampleRate / 857} frames. */
    public static final int TARGET_FREQUENCY_HZ = 857;
    /** Default tolerance, as a fraction of the magnitude. */
    public static final double DEFAULT_TOLERANCE = 0.10;
    /** Largest phase correction per period while locked: 0.05π, 9°. */
    public static final double MAX_PHASE_ERROR_RADIANS = Math.PI * 0.05;
    /** Level (full scale = 1) that counts as a signal. */
    public static final double SIGNAL_THRESHOLD = 0.005;
    /** Periods correlated to lock. */
    public static final int PERIODS_FOR_LOCK = 8;
    /** Default frames in each of the IDLE and IMMUNE states. */
    public static final int DEFAULT_SETTLE_FRAMES = 4800;
    private static final double MAGNITUDE_SMOOTHING = 0.1;
    /** Fraction of the measured phase offset applied per period while locked (follows drift up to ~300 ppm). */
    private static final double PHASE_FOLLOW = 1.0 / 16;
    /** Power besides the sine allowed when locking, relative to the sine's: 1 % (a signal-to-noise of 20 dB). */
    private static final double MAX_RESIDUAL_POWER = 0.01;
    /** A glitch still bad after this many periods loses the lock. */
    public static final int RELOCK_PERIODS = 4;
    private static final double TWO_PI = 2 * Math.PI;

    /** The analyser's states. */
    private enum State
    {
        IDLE, IMMUNE, WAITING_FOR_SIGNAL, WAITING_FOR_LOCK, LOCKED, GLITCHING
    }

    private final int channel;
    private final double frequencyHz;
    private final int idleFrames;
    private final int immuneFrames;
    private final double tolerance;
    private final GlitchLog log;

    private StreamFormat format;
    private double periodFrames;
    private double phaseIncrement;
    private int trackFrames;
    private int lockFrames;

    private State state = State.IDLE;
    private long frame;
    private long stateFrames;
    private double refPhase;
    private double magnitude;
    private double sinSum;
    private double cosSum;
    private double squareSum;
    private int accFrames;
    private long glitchStart;
    private long lastBad;
    private long consecutiveGood;
    private Glitch.Kind glitchKind;
    private double maxDeviation;
    private long lostLockStart = -1;
    private long firstLockFrame = -1;
    private long locks;
    private boolean finished;

    /**
     * A detector on channel 0 at the 857 Hz-style test frequency, with the default settling, tolerance and log.
     */
    public SineLockDetector()
    {
        this(0, 0.0, DEFAULT_SETTLE_FRAMES, DEFAULT_SETTLE_FRAMES, DEFAULT_TOLERANCE, new GlitchLog());
    }

    /**
     * A detector.
     *
     * @param channel      the channel carrying the sine.
     * @param frequencyHz  the sine's frequency; 0 for the test frequency (period {@code sampleRate / 857} frames).
     * @param idleFrames   frames ignored at the start.
     * @param immuneFrames further frames ignored while the output settles.
     * @param tolerance    largest deviation of a good sample, as a fraction of the magnitude (0.10).
     * @param log          where glitches are recorded.
     */
    public SineLockDetector(final int channel, final double frequencyHz, final int idleFrames,
        final int immuneFrames, final double tolerance, final GlitchLog log)
    {
        if (channel < 0 || frequencyHz < 0 || idleFrames < 0 || immuneFrames < 0 || !(tolerance > 0)
            || null == log)
        {
            throw new IllegalArgumentException("invalid sine-lock parameters");
        }
        this.channel = channel;
        this.frequencyHz = frequencyHz;
        this.idleFrames = idleFrames;
        this.immuneFrames = immuneFrames;
        this.tolerance = tolerance;
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
            start(newFormat);
        }
        else if (!format.equals(newFormat))
        {
            throw new IllegalArgumentException("format changed from " + format + " to " + newFormat);
        }
        final int frameBytes = format.frameBytes();
        final int container = format.containerBytes();
        final int at = offset + channel * container;
        for (int f = 0; f < frames; f++)
        {
            step(Samples.normalized(pcm, at + f * frameBytes, container));
            frame++;
        }
        log.analyzed(frames);
    }

    private void start(final StreamFormat newFormat)
    {
        Samples.check(newFormat);
        if (channel >= newFormat.channels())
        {
            throw new IllegalArgumentException("no channel " + channel + " in " + newFormat);
        }
        final int rate = newFormat.sampleRate();
        periodFrames = frequencyHz > 0 ? rate / frequencyHz : rate / TARGET_FREQUENCY_HZ;
        if (periodFrames < 4)
        {
            throw new IllegalArgumentException("a sine of " + frequencyHz + " Hz has fewer than 4 frames a period");
        }
        phaseIncrement = TWO_PI / periodFrames;
        trackFrames = (int)Math.round(periodFrames);
        lockFrames = (int)Math.round(PERIODS_FOR_LOCK * periodFrames);
        format = newFormat;
        log.sampleRate(rate);
    }

    private void step(final double x)
    {
        switch (state)
        {
            case IDLE:
                if (++stateFrames >= idleFrames)
                {
                    enter(State.IMMUNE);
                }
                return;
            case IMMUNE:
                if (++stateFrames >= immuneFrames)
                {
                    enter(State.WAITING_FOR_SIGNAL);
                }
                return;
            case WAITING_FOR_SIGNAL:
                if (Math.abs(x) > SIGNAL_THRESHOLD)
                {
                    refPhase = 0.0;
                    enter(State.WAITING_FOR_LOCK);
                    lockStep(x);
                }
                return;
            case WAITING_FOR_LOCK:
                lockStep(x);
                return;
            default:
                lockedStep(x);
        }
    }

    private void enter(final State next)
    {
        state = next;
        stateFrames = 0;
        sinSum = 0.0;
        cosSum = 0.0;
        squareSum = 0.0;
        accFrames = 0;
    }

    private void lockStep(final double x)
    {
        sinSum += x * Math.sin(refPhase);
        cosSum += x * Math.cos(refPhase);
        squareSum += x * x;
        accFrames++;
        advance();
        if (accFrames < lockFrames)
        {
            return;
        }
        final double sinMean = sinSum / accFrames;
        final double cosMean = cosSum / accFrames;
        final double measured = 2.0 * Math.sqrt(sinMean * sinMean + cosMean * cosMean);
        final double offset = Math.atan2(cosMean, sinMean);
        if (measured < SIGNAL_THRESHOLD)
        {
            enter(State.WAITING_FOR_SIGNAL);
            return;
        }
        refPhase = wrap(refPhase + offset);
        magnitude = measured;
        final double sinePower = measured * measured / 2;
        final boolean pure = squareSum / accFrames - sinePower <= MAX_RESIDUAL_POWER * sinePower;
        if (pure && Math.abs(offset) < MAX_PHASE_ERROR_RADIANS)
        {
            locked();
            enter(State.LOCKED);
        }
        else
        {
            enter(State.WAITING_FOR_LOCK);
        }
    }

    private void locked()
    {
        locks++;
        if (firstLockFrame < 0)
        {
            firstLockFrame = frame;
        }
        if (lostLockStart >= 0)
        {
            log.record(lostLockStart, Glitch.Kind.LOST_LOCK, frame + 1 - lostLockStart);
            lostLockStart = -1;
        }
    }

    private void lockedStep(final double x)
    {
        final double s = Math.sin(refPhase);
        final double deviation = Math.abs(x - magnitude * s);
        final boolean bad = deviation > tolerance * magnitude;
        if (State.LOCKED == state)
        {
            if (bad)
            {
                startGlitch(Glitch.Kind.SINE_DEVIATION, deviation);
            }
            else
            {
                // track on good samples only, one full period at a time
                sinSum += x * s;
                cosSum += x * Math.cos(refPhase);
                accFrames++;
                if (accFrames >= trackFrames)
                {
                    track();
                }
            }
        }
        else if (bad)
        {
            lastBad = frame;
            consecutiveGood = 0;
            maxDeviation = Math.max(maxDeviation, deviation);
            if (frame - glitchStart + 1 > RELOCK_PERIODS * periodFrames)
            {
                // too long to measure: lock again, and count the time without a lock as the glitch
                lostLockStart = glitchStart;
                advance();
                enter(State.WAITING_FOR_LOCK);
                return;
            }
        }
        else if (++consecutiveGood > periodFrames)
        {
            log.record(glitchStart, glitchKind, lastBad - glitchStart + 1);
            enter(State.LOCKED);
        }
        advance();
    }

    private void track()
    {
        final double sinMean = sinSum / accFrames;
        final double cosMean = cosSum / accFrames;
        final double measured = 2.0 * Math.sqrt(sinMean * sinMean + cosMean * cosMean);
        final double offset = Math.atan2(cosMean, sinMean);
        sinSum = 0.0;
        cosSum = 0.0;
        accFrames = 0;
        // a slow phase follower for clock drift; a sudden slip stays visible until the next zero crossing
        refPhase = wrap(refPhase + PHASE_FOLLOW * offset);
        magnitude += MAGNITUDE_SMOOTHING * (measured - magnitude);
        if (Math.abs(offset) > MAX_PHASE_ERROR_RADIANS || magnitude < SIGNAL_THRESHOLD)
        {
            startGlitch(Glitch.Kind.PHASE_JUMP, 0.0);
        }
    }

    private void startGlitch(final Glitch.Kind kind, final double deviation)
    {
        state = State.GLITCHING;
        glitchKind = kind;
        glitchStart = frame;
        lastBad = frame;
        consecutiveGood = 0;
        maxDeviation = Math.max(maxDeviation, deviation);
    }

    private void advance()
    {
        refPhase += phaseIncrement;
        if (refPhase >= Math.PI)
        {
            refPhase -= TWO_PI;
        }
    }

    private static double wrap(final double phase)
    {
        double p = phase;
        while (p >= Math.PI)
        {
            p -= TWO_PI;
        }
        while (p < -Math.PI)
        {
            p += TWO_PI;
        }
        return p;
    }

    /** {@inheritDoc} Notes a sine that never locked, ended, or was off at the very end. */
    @Override
    public void finish()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        if (firstLockFrame < 0)
        {
            log.note("no sine locked on channel " + channel);
            return;
        }
        log.note(String.format(Locale.ROOT, "locked at frame %d on a %.2f Hz sine (period %.2f frames), "
            + "magnitude %.4f, %d lock%s", firstLockFrame, null == format ? 0.0 : format.sampleRate() / periodFrames,
            periodFrames, magnitude, locks, 1 == locks ? "" : "s"));
        if (lostLockStart >= 0)
        {
            log.note("the sine ended at frame " + lostLockStart + " (not locked again): not counted");
        }
        else if (State.GLITCHING == state)
        {
            log.note("off the sine from frame " + glitchStart + " to the end: not counted (the signal may end)");
        }
    }

    /**
     * Whether the detector has locked at least once.
     *
     * @return true after the first lock.
     */
    public boolean everLocked()
    {
        return firstLockFrame >= 0;
    }

    /**
     * The largest deviation of a bad sample from the prediction seen so far.
     *
     * @return full-scale units (1 = full scale).
     */
    public double maxDeviation()
    {
        return maxDeviation;
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
        return "sine-lock";
    }

    /**
     * Estimates a sine's frequency from rising zero crossings (with hysteresis and linear interpolation) over the
     * first second after the signal starts, to give {@link SineLockDetector} a frequency other than the test one.
     *
     * @param pcm     interleaved PCM.
     * @param offset  first byte.
     * @param frames  frames available.
     * @param format  their format.
     * @param channel the channel.
     * @return the frequency in Hz, or 0 if fewer than three crossings were found.
     */
    public static double estimateFrequencyHz(final byte[] pcm, final int offset, final int frames,
        final StreamFormat format, final int channel)
    {
        Samples.check(format);
        final int container = format.containerBytes();
        final int frameBytes = format.frameBytes();
        double peak = 0.0;
        int first = -1;
        final int limit = Math.min(frames, 2 * format.sampleRate());
        for (int f = 0; f < limit; f++)
        {
            final double x = Math.abs(Samples.normalized(pcm, offset + f * frameBytes + channel * container,
                container));
            if (first < 0 && x > SIGNAL_THRESHOLD)
            {
                first = f;
            }
            peak = Math.max(peak, x);
        }
        if (first < 0)
        {
            return 0.0;
        }
        final double hysteresis = 0.1 * peak;
        final int end = Math.min(frames, first + format.sampleRate());
        boolean armed = false;
        int crossings = 0;
        double firstCrossing = 0.0;
        double lastCrossing = 0.0;
        double previous = Samples.normalized(pcm, offset + first * frameBytes + channel * container, container);
        for (int f = first + 1; f < end; f++)
        {
            final double x = Samples.normalized(pcm, offset + f * frameBytes + channel * container, container);
            if (x < -hysteresis)
            {
                armed = true;
            }
            if (armed && previous < 0 && x >= 0)
            {
                final double t = f - 1 + (-previous) / (x - previous);
                if (0 == crossings)
                {
                    firstCrossing = t;
                }
                lastCrossing = t;
                crossings++;
                armed = false;
            }
            previous = x;
        }
        return crossings < 3 ? 0.0 : (crossings - 1) * format.sampleRate() / (lastCrossing - firstCrossing);
    }
}

package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.time.NanoClock;

/**
 * A sink that discards the audio. Unpaced, it consumes everything at once (its position is the frames written;
 * for virtual-clock runs). Paced, it consumes at the nominal rate on its clock from the first write, like a device
 * that never drifts: a real-time run with no sound card still plays in real time, and the link clock's drift
 * correction ({@link LinkPacer}) has a position to follow.
 *
 * <p>Paced model: the position is {@code min(written, base + elapsed * rate)}; when the clock would carry it past
 * the frames written the device starves: one underrun is counted, the position stays at the frames written, and
 * consumption restarts once the sink holds its start threshold again (as a real device restarts after an
 * underrun). Exactly on time is not an underrun. The start threshold (ALSA's {@code start_threshold}, a device's
 * prefill) is the cushion that absorbs late deliveries: with the default of one frame the device starts at the
 * first write and any delivery later than its nominal time is an underrun; with a period it starts once a period
 * is buffered, and only a delivery a period late starves it. {@link #write} never blocks, so a paced null sink on
 * a {@link dev.azalia.time.VirtualNanoClock} cannot deadlock a pipeline that steps the clock from another thread.
 *
 * <p>Thread-safe (one lock); nothing is allocated per write.
 */
public final class NullSink implements AudioSink
{
    /** The nominal buffer reported by {@link #bufferFrames()} when none is given. */
    public static final int DEFAULT_BUFFER_FRAMES = 2048;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final NanoClock clock;
    private final boolean paced;
    private final int nominalBufferFrames;
    private final long startThresholdFrames;
    private final Object lock = new Object();

    /** Guarded by {@link #lock}; likewise every field below. */
    private int sampleRate;
    private int frameBytes = 1;
    private boolean open;
    private long writtenFrames;
    private long baseFrames;
    private long baseNanos;
    private boolean armed;
    private boolean starving;
    private boolean draining;
    private long underruns;

    /**
     * A null sink with the default nominal buffer.
     *
     * @param clock the clock that paces consumption.
     * @param paced whether to consume at the nominal rate (true) or instantly (false).
     */
    public NullSink(final NanoClock clock, final boolean paced)
    {
        this(clock, paced, DEFAULT_BUFFER_FRAMES);
    }

    /**
     * A null sink reporting {@code bufferFrames} as its buffer (the pacer's target fill is derived from it).
     *
     * @param clock        the clock that paces consumption.
     * @param paced        whether to consume at the nominal rate.
     * @param bufferFrames the nominal buffer in frames; not enforced, {@link #write} never blocks.
     */
    public NullSink(final NanoClock clock, final boolean paced, final int bufferFrames)
    {
        this(clock, paced, bufferFrames, 1);
    }

    /**
     * A paced null sink that starts consuming once it holds {@code startThresholdFrames}, and restarts the same way
     * after an underrun.
     *
     * @param clock                the clock that paces consumption.
     * @param paced                whether to consume at the nominal rate.
     * @param bufferFrames         the nominal buffer in frames; not enforced, {@link #write} never blocks.
     * @param startThresholdFrames frames buffered before consumption starts, at least 1.
     * @throws IllegalArgumentException if {@code startThresholdFrames} is less than 1.
     */
    public NullSink(final NanoClock clock, final boolean paced, final int bufferFrames,
        final int startThresholdFrames)
    {
        if (startThresholdFrames < 1)
        {
            throw new IllegalArgumentException("start threshold must be at least one frame: " + startThresholdFrames);
        }
        this.clock = clock;
        this.paced = paced;
        this.nominalBufferFrames = bufferFrames;
        this.startThresholdFrames = startThresholdFrames;
    }

    /** {@inheritDoc} */
    @Override
    public void open(final StreamFormat format)
    {
        synchronized (lock)
        {
            this.sampleRate = format.sampleRate();
            this.frameBytes = format.frameBytes();
            this.open = true;
        }
    }

    /** {@inheritDoc} Counts the frames; never blocks. */
    @Override
    public void write(final byte[] pcm, final int offset, final int length)
    {
        synchronized (lock)
        {
            if (!open)
            {
                throw new IllegalStateException("the sink is not open");
            }
            final long now = clock.nanoTime();
            if (paced && armed && !starving)
            {
                update(now);
            }
            writtenFrames += length / frameBytes;
            if (paced && (!armed || starving) && writtenFrames - baseFrames >= startThresholdFrames)
            {
                // (re)start: the device consumes from where it stopped, now that it holds its start threshold
                armed = true;
                starving = false;
                baseNanos = now;
            }
        }
    }

    private long update(final long now)
    {
        final long elapsed = now - baseNanos;
        final long consumed = baseFrames + elapsed / NANOS_PER_SECOND * sampleRate
            + elapsed % NANOS_PER_SECOND * sampleRate / NANOS_PER_SECOND;
        if (consumed > writtenFrames && !starving && !draining)
        {
            // it played everything it had and stops there until it holds its start threshold again
            starving = true;
            underruns++;
            baseFrames = writtenFrames;
        }
        return Math.min(consumed, writtenFrames);
    }

    /** {@inheritDoc} */
    @Override
    public long framesWritten()
    {
        synchronized (lock)
        {
            return writtenFrames;
        }
    }

    /** {@inheritDoc} Paced: follows the clock, never past the frames written. Unpaced: the frames written. */
    @Override
    public long playbackPositionFrames()
    {
        synchronized (lock)
        {
            if (!paced || !armed)
            {
                return paced ? 0L : writtenFrames;
            }
            if (starving)
            {
                return baseFrames;
            }
            return update(clock.nanoTime());
        }
    }

    /** {@inheritDoc} Paced only; includes a starvation in progress. */
    @Override
    public long underruns()
    {
        synchronized (lock)
        {
            if (paced && armed && !starving)
            {
                update(clock.nanoTime());
            }
            return underruns;
        }
    }

    /** {@inheritDoc} The nominal buffer given at construction. */
    @Override
    public int bufferFrames()
    {
        return nominalBufferFrames;
    }

    /** {@inheritDoc} */
    @Override
    public String describe()
    {
        return paced ? "null (paced) buffer " + nominalBufferFrames + " frames" : "null";
    }

    /** {@inheritDoc} Does not wait (the clock may be virtual); no underrun is counted afterwards. */
    @Override
    public void drain()
    {
        synchronized (lock)
        {
            if (paced && armed && !starving)
            {
                update(clock.nanoTime());
            }
            draining = true;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void close()
    {
        synchronized (lock)
        {
            open = false;
        }
    }
}

package dev.azalia.testbed;

import dev.azalia.link.AudioEvent;
import dev.azalia.link.LinkHandler;

import java.util.Arrays;

/**
 * The output level along a playback, for the timeline plot: the RMS level in dBFS of each block of about 10 ms of
 * 16-bit audio on the link, stamped with the link-clock time the block's first DMA fetch happened
 * ({@link AudioEvent#dmaNanos()}).
 *
 * <p>Runs on whichever thread the link ring calls its handlers on; read {@link #count()}, {@link #timeNanos()} and {@link #levelDbfs()} after
 * the ring drained. Its arrays are sized for the expected length of the playback and grow (doubling) only if the
 * playback runs longer, so nothing is allocated per event in the steady state.
 */
public final class OutputLevelTimeline implements LinkHandler
{
    /** The level of digital silence, in dBFS (the floor of the plot). */
    public static final double SILENCE_DBFS = -100.0;

    private final int blockFrames;
    private long[] times;
    private double[] levels;
    private int count;
    private long blockStartNanos;
    private int framesInBlock;
    private double sumSquares;
    private long samplesInBlock;

    /**
     * A timeline.
     *
     * @param sampleRate     frames per second; the block is a hundredth of it (10 ms).
     * @param expectedFrames frames the playback is expected to carry (sizes the arrays); 0 if unknown.
     */
    public OutputLevelTimeline(final int sampleRate, final long expectedFrames)
    {
        this.blockFrames = Math.max(1, sampleRate / 100);
        final int capacity = (int)Math.min(Integer.MAX_VALUE - 8, Math.max(1024, expectedFrames / blockFrames + 64));
        this.times = new long[capacity];
        this.levels = new double[capacity];
    }

    /** {@inheritDoc} Accumulates DATA events of 16-bit little-endian audio. */
    @Override
    public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
    {
        if (AudioEvent.Kind.DATA != event.kind() || 16 != event.format().bitsPerSample() || 2 != event.format().containerBytes())
        {
            return;
        }
        final byte[] pcm = event.pcm();
        final int channels = event.format().channels();
        final int frames = event.frames();
        for (int f = 0; f < frames; f++)
        {
            if (0 == framesInBlock)
            {
                blockStartNanos = event.dmaNanos();
            }
            for (int c = 0; c < channels; c++)
            {
                final int at = (f * channels + c) * 2;
                final int sample = (short)((pcm[at] & 0xff) | (pcm[at + 1] << 8));
                sumSquares += (double)sample * sample;
            }
            samplesInBlock += channels;
            if (++framesInBlock == blockFrames)
            {
                endBlock();
            }
        }
    }

    private void endBlock()
    {
        if (count == times.length)
        {
            times = Arrays.copyOf(times, count * 2);
            levels = Arrays.copyOf(levels, count * 2);
        }
        final double rms = Math.sqrt(sumSquares / Math.max(1, samplesInBlock)) / 32768.0;
        times[count] = blockStartNanos;
        levels[count] = rms > 0 ? Math.max(SILENCE_DBFS, 20.0 * Math.log10(rms)) : SILENCE_DBFS;
        count++;
        framesInBlock = 0;
        sumSquares = 0.0;
        samplesInBlock = 0;
    }

    /**
     * Blocks measured.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * When each block's first frame was fetched.
     *
     * @return a copy, link-clock nanoseconds, {@link #count()} long.
     */
    public long[] timeNanos()
    {
        return Arrays.copyOf(times, count);
    }

    /**
     * Each block's RMS level.
     *
     * @return a copy, dBFS (at least {@link #SILENCE_DBFS}), {@link #count()} long.
     */
    public double[] levelDbfs()
    {
        return Arrays.copyOf(levels, count);
    }

    /** {@inheritDoc} Never: it only accumulates levels. */
    @Override
    public boolean blocks()
    {
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "level";
    }
}

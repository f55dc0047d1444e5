package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.time.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The handler that writes the link's audio to an {@link AudioSink}. It opens the sink on the first
 * {@link AudioEvent.Kind#STREAM_START} (or the first DATA event, whichever comes first) with that event's format,
 * writes every DATA event's bytes, and drains the sink on {@link AudioEvent.Kind#END_OF_STREAM}. A later stream in a
 * different format is a failure (the sink is not reopened). The sink stays owned by the caller, who closes it after
 * {@link LinkRing#awaitDrained} (a WAV file is finished by {@link AudioSink#close()}).
 *
 * <p>End-to-end timing hook: when given a {@link LatencyProbe}, records for each DATA event the time from the DMA
 * fetch ({@link AudioEvent#dmaNanos()}) to the moment the sink accepted the bytes, on the link clock. When given
 * {@link WriteStamps} instead, it reports each write to them, which record the application-to-sink latency.
 *
 * <p>Runs on the {@code link-sink} thread (or, on a polled ring, on the producer's thread: {@link ConsumerMode});
 * it may block, so it keeps a thread of its own on the real clock. {@link #framesWritten()} may be read from any
 * thread.
 */
public final class SinkWriter implements LinkHandler
{
    private static final VarHandle FRAMES_WRITTEN;

    static
    {
        try
        {
            FRAMES_WRITTEN = MethodHandles.lookup().findVarHandle(SinkWriter.class, "framesWritten", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AudioSink sink;
    private final NanoClock clock;
    private final LatencyProbe endToEnd;
    private final WriteStamps writeStamps;
    private StreamFormat openFormat;
    private volatile long committedFrames = Long.MAX_VALUE;
    /** Written by the sink thread only (setRelease); read with getAcquire. */
    @SuppressWarnings("unused")
    private long framesWritten;
    private long overrunFrames;

    /**
     * A writer without timing.
     *
     * @param sink the sink; opened by the writer, closed by the caller.
     */
    public SinkWriter(final AudioSink sink)
    {
        this(sink, null, null);
    }

    /**
     * A writer recording DMA-to-sink latency.
     *
     * @param sink           the sink; opened by the writer, closed by the caller.
     * @param clockOrNull    the link clock for the timing hook, or null for none.
     * @param endToEndOrNull where to record the latency of each DATA event, or null for none.
     */
    public SinkWriter(final AudioSink sink, final NanoClock clockOrNull, final LatencyProbe endToEndOrNull)
    {
        this.sink = sink;
        this.clock = clockOrNull;
        this.endToEnd = null == clockOrNull ? null : endToEndOrNull;
        this.writeStamps = null;
    }

    /**
     * A writer recording the application-to-sink latency: for each period whose first frame it writes, the time
     * since the application wrote that frame.
     *
     * @param sink        the sink; opened by the writer, closed by the caller.
     * @param writeStamps the application's write stamps; this writer is their only reader.
     */
    public SinkWriter(final AudioSink sink, final WriteStamps writeStamps)
    {
        this.sink = sink;
        this.clock = null;
        this.endToEnd = null;
        this.writeStamps = writeStamps;
    }

    /** {@inheritDoc} */
    @Override
    public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
        throws SinkUnavailableException
    {
        switch (event.kind())
        {
            case STREAM_START:
                openFor(event.format());
                break;
            case DATA:
                openFor(event.format());
                final long written = (long)FRAMES_WRITTEN.getAcquire(this);
                final int frames = (int)Math.min(event.frames(), Math.max(0L, committedFrames - written));
                if (frames == 0)
                {
                    overrunFrames += event.frames();
                    break;
                }
                sink.write(event.pcm(), 0, frames * event.format().frameBytes());
                overrunFrames += event.frames() - frames;
                FRAMES_WRITTEN.setRelease(this, written + frames);
                if (null != writeStamps)
                {
                    writeStamps.framesConsumed(written, frames);
                }
                if (null != endToEnd)
                {
                    endToEnd.recordNanos(clock.nanoTime() - event.dmaNanos());
                }
                break;
            case END_OF_STREAM:
                if (null != openFormat)
                {
                    sink.drain();
                }
                break;
            default:
                break;
        }
    }

    private void openFor(final StreamFormat format) throws SinkUnavailableException
    {
        if (null == openFormat)
        {
            sink.open(format);
            openFormat = format;
        }
        else if (!openFormat.equals(format))
        {
            throw new IllegalStateException("sink opened for " + openFormat + " cannot take " + format);
        }
    }

    /**
     * Limits what reaches the sink to the frames the application has committed to the stream so far. After the
     * last frame a card keeps fetching until the stream stops (stale buffer contents, as real hardware plays
     * them); with a limit those frames are counted in {@link #overrunFrames()} instead of written, so a capture
     * holds exactly the application's frames. Call before writing each chunk (so the limit never lags the data).
     *
     * @param frames frames committed so far; {@link Long#MAX_VALUE} for no limit.
     */
    public void setCommittedFrames(final long frames)
    {
        this.committedFrames = frames;
    }

    /**
     * Frames that arrived beyond the committed limit and were not written. Read after the ring is drained.
     *
     * @return frames.
     */
    public long overrunFrames()
    {
        return overrunFrames;
    }

    /**
     * Frames written to the sink so far. Thread-safe.
     *
     * @return frames.
     */
    public long framesWritten()
    {
        return (long)FRAMES_WRITTEN.getAcquire(this);
    }

    /**
     * The sink this writer feeds.
     *
     * @return the sink.
     */
    public AudioSink sink()
    {
        return sink;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "sink";
    }
}

package dev.azalia.player;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;

import java.util.concurrent.locks.LockSupport;

/**
 * An {@link AudioSource} decoded ahead on a thread of its own: the decoder thread fills large batches (64 KiB by
 * default) and hands them to the reading thread over a single-producer single-consumer ring of batch slots, so that
 * decoding overlaps the emulated machine's work on a second core. The reader gets exactly the frames, in order, that
 * the wrapped source delivers; a failure of the source is thrown to the reader after the frames decoded before it.
 *
 * <p>Protocol: {@code published} counts the batches the decoder has filled, {@code released} the batches the reader
 * has finished with; both only grow and are volatile, so a slot's bytes and length, written before the decoder
 * publishes it, are visible to the reader that sees the count (release/acquire), and a slot is refilled only after
 * the reader released it. {@code finished} is set after the last batch is published. A side that must wait sets its
 * own volatile parked flag, checks the condition again and parks; the other side unparks it when the flag is set
 * after each publish or release (both flags and counters are volatile: no lost wake-up). Nothing is allocated per
 * batch.
 *
 * <p>Threading: one reading thread calls {@link #readFrames}, {@link #framesDecoded} and {@link #close}; the decoder
 * thread, started by the constructor, is the wrapped source's only user until {@link #close} has joined it, so the
 * caller may close the wrapped source afterwards. The wrapped source's format getters are read once, by the
 * constructor.
 */
public final class DecodeAheadSource implements AudioSource
{
    /** Bytes per batch by default: 64 KiB, about 0.37 s of 44.1 kHz stereo. */
    static final int DEFAULT_BATCH_BYTES = 64 * 1024;
    /** Batches in flight by default. */
    static final int DEFAULT_BATCHES = 4;

    private final AudioSource source;
    private final int sampleRate;
    private final int channels;
    private final int frameBytes;
    private final long totalFrames;
    private final String describe;
    private final byte[][] batches;
    private final int[] batchBytes;
    private final Thread decoder;

    private volatile long published;
    private volatile long released;
    private volatile boolean finished;
    private volatile boolean closed;
    private volatile boolean readerParked;
    private volatile boolean decoderParked;
    private volatile Thread reader;
    /** Written by the decoder thread before {@code finished}; read by the reader after it. */
    private Throwable failure;

    /** Reader's state: the batch being read and the position in it. */
    private int readOffset;
    private long framesRead;

    /**
     * Starts decoding {@code source} ahead with the default batch size and count.
     *
     * @param source the source; the caller still owns it and closes it after {@link #close}.
     */
    public DecodeAheadSource(final AudioSource source)
    {
        this(source, DEFAULT_BATCH_BYTES, DEFAULT_BATCHES);
    }

    /**
     * Starts decoding {@code source} ahead.
     *
     * @param source     the source; the caller still owns it and closes it after {@link #close}.
     * @param batchBytes bytes per batch, rounded down to whole frames (at least one frame).
     * @param batches    batches in flight, at least 2.
     */
    DecodeAheadSource(final AudioSource source, final int batchBytes, final int batches)
    {
        if (batches < 2)
        {
            throw new IllegalArgumentException("at least 2 batches: " + batches);
        }
        this.source = source;
        this.sampleRate = source.sampleRate();
        this.channels = source.channels();
        this.frameBytes = source.frameSizeBytes();
        this.totalFrames = source.totalFrames();
        this.describe = source.describe();
        final int bytes = Math.max(1, batchBytes / frameBytes) * frameBytes;
        this.batches = new byte[batches][bytes];
        this.batchBytes = new int[batches];
        this.decoder = new Thread(new Decoder(), "decode-ahead");
        this.decoder.setDaemon(true);
        this.decoder.start();
    }

    /** {@inheritDoc} */
    @Override
    public int sampleRate()
    {
        return sampleRate;
    }

    /** {@inheritDoc} */
    @Override
    public int channels()
    {
        return channels;
    }

    /** {@inheritDoc} */
    @Override
    public int frameSizeBytes()
    {
        return frameBytes;
    }

    /** {@inheritDoc} */
    @Override
    public long totalFrames()
    {
        return totalFrames;
    }

    /** {@inheritDoc} */
    @Override
    public String describe()
    {
        return describe;
    }

    /** {@inheritDoc} */
    @Override
    public long framesDecoded()
    {
        return framesRead;
    }

    /** {@inheritDoc} */
    @Override
    public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
    {
        final long index = released;
        if (!awaitPublished(index))
        {
            return end();
        }
        final int slot = (int)(index % batches.length);
        final int available = (batchBytes[slot] - readOffset) / frameBytes;
        final int frames = Math.min(available, maxFrames);
        System.arraycopy(batches[slot], readOffset, dst, offset, frames * frameBytes);
        readOffset += frames * frameBytes;
        framesRead += frames;
        if (readOffset >= batchBytes[slot])
        {
            readOffset = 0;
            released = index + 1;
            if (decoderParked)
            {
                LockSupport.unpark(decoder);
            }
        }
        return frames;
    }

    /** Waits until batch {@code index} is published; false when the decoder finished without it. Reader. */
    private boolean awaitPublished(final long index)
    {
        while (published <= index)
        {
            if (finished)
            {
                // the last publish happened before finished was set
                return published > index;
            }
            reader = Thread.currentThread();
            readerParked = true;
            if (published <= index && !finished)
            {
                LockSupport.park(this);
            }
            readerParked = false;
        }
        return true;
    }

    private int end() throws InputException
    {
        final Throwable f = failure;
        if (f instanceof InputException e)
        {
            throw e;
        }
        if (f instanceof RuntimeException e)
        {
            throw e;
        }
        if (f instanceof Error e)
        {
            throw e;
        }
        return -1;
    }

    /**
     * Stops the decoder thread and waits for it; the wrapped source is then free to close. Idempotent.
     */
    @Override
    public void close()
    {
        closed = true;
        LockSupport.unpark(decoder);
        boolean interrupted = false;
        while (decoder.isAlive())
        {
            try
            {
                decoder.join();
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the decoder thread still runs (for tests).
     *
     * @return true until it ended.
     */
    boolean decoderAlive()
    {
        return decoder.isAlive();
    }

    /** The decoder thread: fills and publishes batches until the source ends, fails or the reader closes. */
    private final class Decoder implements Runnable
    {
        @Override
        public void run()
        {
            try
            {
                long index = 0;
                boolean more = true;
                while (more && !closed)
                {
                    if (!awaitFree(index))
                    {
                        return;
                    }
                    final int slot = (int)(index % batches.length);
                    final byte[] batch = batches[slot];
                    int filled = 0;
                    try
                    {
                        while (filled < batch.length)
                        {
                            final int frames = source.readFrames(batch, filled, (batch.length - filled) / frameBytes);
                            if (frames < 0)
                            {
                                more = false;
                                break;
                            }
                            filled += frames * frameBytes;
                        }
                    }
                    catch (final InputException | RuntimeException | Error e)
                    {
                        failure = e;
                        more = false;
                    }
                    if (filled > 0)
                    {
                        batchBytes[slot] = filled;
                        published = ++index;
                        wakeReader();
                    }
                }
            }
            finally
            {
                finished = true;
                wakeReader();
            }
        }

        /** Waits until slot {@code index} is free; false when the reader closed. */
        private boolean awaitFree(final long index)
        {
            while (index - released >= batches.length)
            {
                decoderParked = true;
                if (index - released >= batches.length && !closed)
                {
                    LockSupport.park(this);
                }
                decoderParked = false;
                if (closed)
                {
                    return false;
                }
            }
            return true;
        }

        private void wakeReader()
        {
            final Thread r = reader;
            if (readerParked && null != r)
            {
                LockSupport.unpark(r);
            }
        }
    }
}

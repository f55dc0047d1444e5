package dev.azalia.player.decode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes on its own thread ({@code decoder}), a few chunks ahead of the application thread that writes them into the
 * PCM, as a player's decoder thread feeds its audio thread: decoding and the card's work (on the virtual clock, the
 * whole emulated machine) run on different cores, and a slow MP3 frame never delays a {@code writei}.
 *
 * <p>The chunks are a fixed pool of buffers passed between the two threads through two bounded queues (filled and
 * free), so nothing is allocated per chunk. Chunks arrive in decoding order; the decoder's failure (a corrupt stream)
 * is handed over in order too and thrown by {@link #next()} after the chunks decoded before it.
 *
 * <p>Threading: {@link #next()}, {@link #recycle} and {@link #close()} are called from one consumer thread (the
 * application thread); the decoder is used only by the decode thread until {@link #close()} returns.
 */
public final class DecodeAhead implements AutoCloseable
{
    /** A decoded chunk: {@link #frames} frames at the start of {@link #pcm}. Owned by the consumer until recycled. */
    public static final class Chunk
    {
        private final byte[] pcm;
        private int frames;
        private InputException failure;

        private Chunk(final int bytes)
        {
            this.pcm = new byte[bytes];
        }

        /**
         * The decoded bytes (16-bit little-endian interleaved).
         *
         * @return the buffer; only the first {@code frames() * frameBytes} bytes are valid.
         */
        public byte[] pcm()
        {
            return pcm;
        }

        /**
         * Frames in this chunk.
         *
         * @return at least 1.
         */
        public int frames()
        {
            return frames;
        }
    }

    private final Mp3Decoder decoder;
    private final int chunkFrames;
    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<Chunk> free;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    /**
     * Starts decoding {@code decoder} on a new daemon thread named {@code decoder}.
     *
     * @param decoder     the open decoder; the decode thread owns it until {@link #close()}.
     * @param chunkFrames frames per chunk (the player's period).
     * @param chunks      chunks in the pool: how far the decoder may run ahead (at least 2).
     */
    public DecodeAhead(final Mp3Decoder decoder, final int chunkFrames, final int chunks)
    {
        if (chunkFrames < 1 || chunks < 2)
        {
            throw new IllegalArgumentException("chunkFrames " + chunkFrames + ", chunks " + chunks);
        }
        this.decoder = decoder;
        this.chunkFrames = chunkFrames;
        this.filled = new ArrayBlockingQueue<>(chunks + 1);
        this.free = new ArrayBlockingQueue<>(chunks);
        for (int i = 0; i < chunks; i++)
        {
            free.add(new Chunk(chunkFrames * decoder.frameSizeBytes()));
        }
        this.thread = new Thread(this::decodeLoop, "decoder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void decodeLoop()
    {
        try
        {
            while (!closed)
            {
                final Chunk c = free.take();
                try
                {
                    c.frames = decoder.readFrames(c.pcm, 0, chunkFrames);
                }
                catch (final InputException e)
                {
                    c.frames = 0;
                    c.failure = e;
                }
                catch (final RuntimeException e)
                {
                    // a decoder bug must not end the thread silently: hand it over as a failure of the input
                    c.frames = 0;
                    c.failure = new InputException("decoding failed: " + e);
                }
                filled.put(c);
                if (c.frames <= 0)
                {
                    return;
                }
            }
        }
        catch (final InterruptedException e)
        {
            // close(): stop quietly
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next decoded chunk, waiting for the decoder if it is behind.
     *
     * @return the chunk, or null at the end of the stream.
     * @throws InputException when the stream is corrupt beyond what the decoder can skip (after every chunk decoded
     *                        before the corruption was returned).
     * @throws InterruptedException if the consumer is interrupted while waiting.
     */
    public Chunk next() throws InputException, InterruptedException
    {
        if (ended)
        {
            return null;
        }
        final Chunk c = filled.take();
        if (c.frames > 0)
        {
            return c;
        }
        ended = true;
        if (null != c.failure)
        {
            throw c.failure;
        }
        return null;
    }

    /**
     * Gives a chunk back to the decoder once its frames were written.
     *
     * @param chunk a chunk returned by {@link #next()}.
     */
    public void recycle(final Chunk chunk)
    {
        free.add(chunk);
    }

    /**
     * Stops the decode thread and waits for it; the decoder may then be closed by its owner.
     *
     * @throws InterruptedException if interrupted while waiting for the decode thread.
     */
    @Override
    public void close() throws InterruptedException
    {
        closed = true;
        thread.interrupt();
        thread.join();
    }
}

package dev.azalia.testbed;

import dev.azalia.link.ReferenceFrames;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames the application decoded, kept so the frame-sequence probe can compare what reaches the sink with them.
 * Appended by the application thread before the frames are written into the card; read by the probe's thread,
 * which only asks for frames the card has already played (so they were appended before) and looks a few thousand
 * frames back when it resynchronises.
 *
 * <p>A sliding window, so that neither the heap nor the garbage collector grows with the length of a run: the
 * newest blocks of 256 KiB are kept in a ring and older ones are overwritten. The run sizes the window
 * ({@link #windowBlocksFor}) to twice what can lie between the application and the probe: the card's buffer, the
 * link ring (which holds the producer back when full), the device and DMA buffers and the probe's look-back; at
 * least {@link #MIN_WINDOW_BLOCKS} blocks, at most {@link #DEFAULT_WINDOW_BLOCKS}. The blocks are allocated once,
 * in the first seconds, and reused after: a long run keeps a few MiB, not minutes of audio that every young
 * collection would copy. Should a read reach a block that was overwritten, it is refused ({@code false}, no frames
 * matched) and counted ({@link #evictedReads()}); the run reports that as a failure rather than judging frames it
 * no longer has.
 *
 * <p>Memory ordering: the published length is a volatile write after the bytes (release), read before them
 * (acquire). Reusing a slot raises {@code firstKeptBlock} (a volatile write followed by a store-store fence) before
 * the slot's bytes are overwritten; a reader checks it after its copy or comparison, behind a load-load fence, and
 * discards what it read if the block was overwritten meanwhile (the pairing of a sequence lock).
 */
final class DecodedReference implements ReferenceFrames
{
    /** Bytes per block: the reference grows a block at a time, never copying what it holds. */
    static final int BLOCK_BYTES = 1 << 18;
    /** Blocks kept at most, and by default: 64 MiB. */
    static final int DEFAULT_WINDOW_BLOCKS = 256;
    /** Blocks kept at least: 4 MiB. */
    static final int MIN_WINDOW_BLOCKS = 16;

    private final int frameBytes;
    private final byte[][] ring;
    private volatile long lengthBytes;
    /** The oldest block still held: blocks below it were overwritten. */
    private volatile long firstKeptBlock;
    /** Tests only: runs between a read's copy and its check, to overwrite the block it read in between. */
    private Runnable afterReadForTest;
    /** Reads of overwritten frames (the probe's and the detectors' threads count, anyone reads). */
    private final AtomicLong evictedReads = new AtomicLong();

    /**
     * An empty reference keeping the default window.
     *
     * @param frameBytes bytes per frame.
     */
    DecodedReference(final int frameBytes)
    {
        this(frameBytes, DEFAULT_WINDOW_BLOCKS);
    }

    /**
     * An empty reference.
     *
     * @param frameBytes   bytes per frame.
     * @param windowBlocks blocks of {@link #BLOCK_BYTES} kept, at least 2.
     */
    DecodedReference(final int frameBytes, final int windowBlocks)
    {
        if (windowBlocks < 2)
        {
            throw new IllegalArgumentException("a window of at least 2 blocks: " + windowBlocks);
        }
        this.frameBytes = frameBytes;
        this.ring = new byte[windowBlocks][];
    }

    /**
     * The window for a run: twice {@code lagBytes} in blocks, rounded up, plus one block being written and one being
     * read, within [{@link #MIN_WINDOW_BLOCKS}, {@link #DEFAULT_WINDOW_BLOCKS}].
     *
     * @param lagBytes the most bytes that can have been appended and not yet read by the slowest reader.
     * @return blocks to keep.
     */
    static int windowBlocksFor(final long lagBytes)
    {
        final long blocks = (2 * Math.max(0L, lagBytes) + BLOCK_BYTES - 1) / BLOCK_BYTES + 2;
        return (int)Math.max(MIN_WINDOW_BLOCKS, Math.min(DEFAULT_WINDOW_BLOCKS, blocks));
    }

    /**
     * Appends decoded frames. Application thread only.
     *
     * @param pcm    interleaved PCM.
     * @param offset first byte.
     * @param length bytes, whole frames.
     */
    void append(final byte[] pcm, final int offset, final int length)
    {
        long pos = lengthBytes;
        int done = 0;
        while (done < length)
        {
            final long block = pos / BLOCK_BYTES;
            final int slot = (int)(block % ring.length);
            final int at = (int)(pos % BLOCK_BYTES);
            if (0 == at)
            {
                if (null == ring[slot])
                {
                    ring[slot] = new byte[BLOCK_BYTES];
                }
                else
                {
                    // Pairs with the load-load fence and the read of firstKeptBlock in kept().
                    firstKeptBlock = block - ring.length + 1;
                    VarHandle.storeStoreFence();
                }
            }
            final int n = Math.min(length - done, BLOCK_BYTES - at);
            System.arraycopy(pcm, offset + done, ring[slot], at, n);
            done += n;
            pos += n;
        }
        lengthBytes = pos;
    }

    /**
     * Frames appended so far.
     *
     * @return frames.
     */
    long frames()
    {
        return lengthBytes / frameBytes;
    }

    /**
     * Reads that asked for frames already overwritten (a probe further behind the application than the window).
     *
     * @return the count; 0 in every run the window was large enough for.
     */
    long evictedReads()
    {
        return evictedReads.get();
    }

    /**
     * The window: the bytes kept at most.
     *
     * @return blocks kept times {@link #BLOCK_BYTES}.
     */
    long windowBytes()
    {
        return (long)ring.length * BLOCK_BYTES;
    }

    /**
     * Blocks allocated so far: at most the window.
     *
     * @return blocks of {@link #BLOCK_BYTES}.
     */
    int blocksAllocated()
    {
        int n = 0;
        for (final byte[] b : ring)
        {
            n += null == b ? 0 : 1;
        }
        return n;
    }

    /**
     * Tests only: an action run inside {@link #frameAt} after the copy and before the check, as a writer that
     * overwrites the block in between would interleave.
     *
     * @param action the action, or null.
     */
    void setAfterReadForTest(final Runnable action)
    {
        afterReadForTest = action;
    }

    /** {@inheritDoc} */
    @Override
    public int frameBytes()
    {
        return frameBytes;
    }

    /** {@inheritDoc} False also for a frame the window no longer holds (counted in {@link #evictedReads()}). */
    @Override
    public boolean frameAt(final long index, final byte[] dst, final int off)
    {
        final long length = lengthBytes;
        final long start = index * frameBytes;
        if (index < 0 || start + frameBytes > length)
        {
            return false;
        }
        if (!kept(start))
        {
            return false;
        }
        final int at = (int)(start % BLOCK_BYTES);
        final byte[] block = ring[(int)(start / BLOCK_BYTES % ring.length)];
        if (at + frameBytes <= BLOCK_BYTES)
        {
            System.arraycopy(block, at, dst, off, frameBytes);
        }
        else
        {
            for (int i = 0; i < frameBytes; i++)
            {
                final long q = start + i;
                dst[off + i] = ring[(int)(q / BLOCK_BYTES % ring.length)][(int)(q % BLOCK_BYTES)];
            }
        }
        if (null != afterReadForTest)
        {
            afterReadForTest.run();
        }
        return kept(start);
    }

    /** {@inheritDoc} Compares block by block with {@link Arrays#mismatch}; 0 for frames no longer held. */
    @Override
    public int matchingFrames(final long index, final byte[] src, final int off, final int frames)
    {
        if (index < 0)
        {
            return 0;
        }
        final long length = lengthBytes;
        final long start = index * frameBytes;
        final long end = Math.min(length, start + (long)frames * frameBytes);
        if (end <= start || !kept(start))
        {
            return 0;
        }
        long pos = start;
        int matched = (int)((end - start) / frameBytes);
        while (pos < end)
        {
            final int at = (int)(pos % BLOCK_BYTES);
            final int n = (int)Math.min(end - pos, BLOCK_BYTES - at);
            final int from = off + (int)(pos - start);
            final int differs = Arrays.mismatch(ring[(int)(pos / BLOCK_BYTES % ring.length)], at, at + n, src, from,
                from + n);
            if (differs >= 0)
            {
                matched = (int)((pos - start + differs) / frameBytes);
                break;
            }
            pos += n;
        }
        return kept(start) ? matched : 0;
    }

    /** Whether the block holding byte {@code at} is still in the window; counts a read that came too late. */
    private boolean kept(final long at)
    {
        // Pairs with the store-store fence in append(): what was read before this is discarded if the slot was reused.
        VarHandle.loadLoadFence();
        if (at / BLOCK_BYTES >= firstKeptBlock)
        {
            return true;
        }
        evictedReads.incrementAndGet();
        return false;
    }
}

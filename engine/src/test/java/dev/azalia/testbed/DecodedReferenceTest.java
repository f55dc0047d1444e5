package dev.azalia.testbed;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

final class DecodedReferenceTest
{
    private static final int FRAME_BYTES = 4;
    /** Frames in one block of {@link DecodedReference}. */
    private static final int BLOCK_FRAMES = DecodedReference.BLOCK_BYTES / FRAME_BYTES;

    private static byte[] pcm(final int frames, final long seed)
    {
        final byte[] pcm = new byte[frames * FRAME_BYTES];
        new Random(seed).nextBytes(pcm);
        return pcm;
    }

    /** Appends {@code pcm} in uneven chunks, as decoded periods of varying length arrive. */
    private static DecodedReference reference(final byte[] pcm)
    {
        final DecodedReference reference = new DecodedReference(FRAME_BYTES);
        int at = 0;
        int chunk = 1;
        while (at < pcm.length)
        {
            final int n = Math.min(chunk * FRAME_BYTES, pcm.length - at);
            reference.append(pcm, at, n);
            at += n;
            chunk = chunk * 7 % 4099 + 1;
        }
        return reference;
    }

    @Test
    void shouldMatchAWholeRunAcrossABlockBoundary()
    {
        final byte[] pcm = pcm(BLOCK_FRAMES + 5000, 1);
        final DecodedReference reference = reference(pcm);
        final int from = BLOCK_FRAMES - 3000;

        assertThat(reference.frames()).isEqualTo(BLOCK_FRAMES + 5000);
        assertThat(reference.matchingFrames(from, pcm, from * FRAME_BYTES, 6000)).isEqualTo(6000);
    }

    @Test
    void shouldStopAtTheFirstDifferentFrameOnEitherSideOfABlockBoundary()
    {
        final byte[] pcm = pcm(BLOCK_FRAMES + 5000, 2);
        final DecodedReference reference = reference(pcm);
        final int from = BLOCK_FRAMES - 3000;
        for (final int wrong : new int[] {from, BLOCK_FRAMES - 1, BLOCK_FRAMES, BLOCK_FRAMES + 1, from + 5999})
        {
            final byte[] arrivals = pcm.clone();
            arrivals[wrong * FRAME_BYTES + 3] ^= 1;

            assertThat(reference.matchingFrames(from, arrivals, from * FRAME_BYTES, 6000)).isEqualTo(wrong - from);
        }
    }

    @Test
    void shouldStopAtTheEndOfWhatWasDecoded()
    {
        final byte[] pcm = pcm(10_000, 3);
        final DecodedReference reference = reference(Arrays.copyOf(pcm, 8000 * FRAME_BYTES));

        assertThat(reference.matchingFrames(7000, pcm, 7000 * FRAME_BYTES, 3000)).isEqualTo(1000);
        assertThat(reference.matchingFrames(8000, pcm, 8000 * FRAME_BYTES, 10)).isZero();
        assertThat(reference.matchingFrames(9000, pcm, 0, 10)).isZero();
        assertThat(reference.matchingFrames(-1, pcm, 0, 10)).isZero();
    }

    @Test
    void shouldAgreeWithFrameAtForEveryFrame()
    {
        final byte[] pcm = pcm(BLOCK_FRAMES + 100, 4);
        final DecodedReference reference = reference(pcm);
        final byte[] frame = new byte[FRAME_BYTES];
        for (final int index : new int[] {0, 1, BLOCK_FRAMES - 1, BLOCK_FRAMES, BLOCK_FRAMES + 99})
        {
            assertThat(reference.frameAt(index, frame, 0)).isTrue();
            assertThat(frame).containsExactly(Arrays.copyOfRange(pcm, index * FRAME_BYTES,
                (index + 1) * FRAME_BYTES));
            assertThat(reference.matchingFrames(index, frame, 0, 1)).isOne();
        }
        assertThat(reference.frameAt(BLOCK_FRAMES + 100, frame, 0)).isFalse();
    }

    @Test
    void shouldSizeTheWindowToTwiceTheLagWithinItsBounds()
    {
        final int block = DecodedReference.BLOCK_BYTES;

        assertThat(DecodedReference.windowBlocksFor(0)).isEqualTo(DecodedReference.MIN_WINDOW_BLOCKS);
        assertThat(DecodedReference.windowBlocksFor(block)).isEqualTo(DecodedReference.MIN_WINDOW_BLOCKS);
        // 20 blocks of lag: 40 kept, and one block written and one read besides
        assertThat(DecodedReference.windowBlocksFor(20L * block)).isEqualTo(42);
        assertThat(DecodedReference.windowBlocksFor(20L * block + 1)).isEqualTo(43);
        assertThat(DecodedReference.windowBlocksFor(1L << 40)).isEqualTo(DecodedReference.DEFAULT_WINDOW_BLOCKS);
    }

    @Test
    void shouldKeepOnlyItsWindowAndRefuseAndCountReadsOfOverwrittenFrames()
    {
        final byte[] pcm = pcm(10 * BLOCK_FRAMES + 100, 5);
        final DecodedReference reference = new DecodedReference(FRAME_BYTES, 4);
        reference.append(pcm, 0, pcm.length);
        final byte[] frame = new byte[FRAME_BYTES];

        assertThat(reference.blocksAllocated()).isEqualTo(4);
        assertThat(reference.frames()).isEqualTo(10 * BLOCK_FRAMES + 100);
        assertThat(reference.frameAt(0, frame, 0)).isFalse();
        assertThat(reference.matchingFrames(7 * BLOCK_FRAMES - 1, pcm, (7 * BLOCK_FRAMES - 1) * FRAME_BYTES, 10))
            .as("the first frame asked for is in an overwritten block").isZero();
        assertThat(reference.evictedReads()).isEqualTo(2);
        final int from = 7 * BLOCK_FRAMES;
        assertThat(reference.matchingFrames(from, pcm, from * FRAME_BYTES, 3 * BLOCK_FRAMES + 100))
            .isEqualTo(3 * BLOCK_FRAMES + 100);
        assertThat(reference.frameAt(from, frame, 0)).isTrue();
        assertThat(frame).containsExactly(Arrays.copyOfRange(pcm, from * FRAME_BYTES, (from + 1) * FRAME_BYTES));
        assertThat(reference.evictedReads()).isEqualTo(2);
    }

    @Test
    void shouldHoldTheSameMemoryHoweverLongTheRun()
    {
        final DecodedReference reference = new DecodedReference(FRAME_BYTES);
        final byte[] chunk = pcm(16_384, 6);
        for (int i = 0; i < 8192; i++)
        {
            reference.append(chunk, 0, chunk.length);
        }

        assertThat(reference.frames()).as("512 MiB appended").isEqualTo(8192L * 16_384);
        assertThat(reference.blocksAllocated()).isEqualTo(DecodedReference.DEFAULT_WINDOW_BLOCKS);
    }

    @Test
    void shouldRefuseAFrameWhoseBlockWasOverwrittenWhileItWasCopied()
    {
        final byte[] pcm = pcm(3 * BLOCK_FRAMES, 8);
        final DecodedReference reference = new DecodedReference(FRAME_BYTES, 2);
        reference.append(pcm, 0, 2 * BLOCK_FRAMES * FRAME_BYTES);
        final byte[] frame = new byte[FRAME_BYTES];
        reference.setAfterReadForTest(() -> reference.append(pcm, 2 * BLOCK_FRAMES * FRAME_BYTES, FRAME_BYTES));

        assertThat(reference.frameAt(10, frame, 0)).as("block 0 was overwritten by block 2 during the copy").isFalse();
        assertThat(reference.evictedReads()).isOne();
        reference.setAfterReadForTest(null);
        assertThat(reference.frameAt(BLOCK_FRAMES + 10, frame, 0)).isTrue();
    }

    /**
     * The window's sequence-lock protocol under a writer that keeps overwriting the oldest block: every frame a
     * reader accepts is the frame appended at that index (each frame holds its own index), however the threads
     * interleave; reads that lost the race are refused, never wrong.
     */
    @Test
    void shouldNeverReturnAnOverwrittenFrameWhileTheWriterReusesItsBlock() throws Exception
    {
        final DecodedReference reference = new DecodedReference(FRAME_BYTES, 2);
        final int chunkFrames = 1024;
        final long totalFrames = 256L * BLOCK_FRAMES;
        final Thread writer = new Thread(() ->
        {
            final byte[] chunk = new byte[chunkFrames * FRAME_BYTES];
            for (long f = 0; f < totalFrames; f += chunkFrames)
            {
                for (int i = 0; i < chunkFrames; i++)
                {
                    final long v = f + i;
                    chunk[i * 4] = (byte)v;
                    chunk[i * 4 + 1] = (byte)(v >> 8);
                    chunk[i * 4 + 2] = (byte)(v >> 16);
                    chunk[i * 4 + 3] = (byte)(v >> 24);
                }
                reference.append(chunk, 0, chunk.length);
            }
        }, "writer");
        writer.start();
        final byte[] frame = new byte[FRAME_BYTES];
        final byte[] expected = new byte[FRAME_BYTES];
        final Random random = new Random(7);
        long accepted = 0;
        long wrong = 0;
        while (writer.isAlive() || accepted == 0)
        {
            final long newest = reference.frames();
            // the first frames of the oldest block kept: the next block the writer begins overwrites them
            final long index = Math.max(0, (newest / BLOCK_FRAMES - 1) * BLOCK_FRAMES + random.nextInt(4 * chunkFrames));
            if (reference.frameAt(index, frame, 0))
            {
                accepted++;
                expected[0] = (byte)index;
                expected[1] = (byte)(index >> 8);
                expected[2] = (byte)(index >> 16);
                expected[3] = (byte)(index >> 24);
                wrong += Arrays.equals(frame, expected) ? 0 : 1;
            }
        }
        writer.join();

        assertThat(wrong).as("frames accepted with another index's bytes, of %d", accepted).isZero();
        assertThat(accepted).isPositive();
    }
}

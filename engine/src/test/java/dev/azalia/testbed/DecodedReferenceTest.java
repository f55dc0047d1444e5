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
}

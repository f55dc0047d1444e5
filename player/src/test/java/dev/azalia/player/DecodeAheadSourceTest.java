package dev.azalia.player;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.decode.Mp3Decoder;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DecodeAheadSourceTest
{
    private static final Path MUSIC = Path.of("..", "samples", "music-44k1-stereo-vbr.mp3");
    /** A lost wake-up parks a side for ever: the hand-off tests fail instead of hanging. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void shouldDeliverExactlyTheDecodersFramesInOrderWhateverTheReadSizes() throws Exception
    {
        final byte[] direct;
        try (Mp3Decoder decoder = Mp3Decoder.open(MUSIC))
        {
            direct = readAll(decoder, new SplittableRandom(1));
        }
        final byte[] ahead;
        final long framesDecoded;
        try (Mp3Decoder decoder = Mp3Decoder.open(MUSIC); DecodeAheadSource source = new DecodeAheadSource(decoder))
        {
            assertThat(source.sampleRate()).isEqualTo(44_100);
            assertThat(source.channels()).isEqualTo(2);
            assertThat(source.totalFrames()).isEqualTo(decoder.totalFrames());
            ahead = readAll(source, new SplittableRandom(2));
            framesDecoded = source.framesDecoded();
        }

        assertThat(ahead).isEqualTo(direct);
        assertThat(framesDecoded).isEqualTo(direct.length / 4);
    }

    @Test
    void shouldHandOverEveryFrameOnceInOrderThroughManySmallBatches()
    {
        assertTimeoutPreemptively(HANG_GUARD, DecodeAheadSourceTest::handOverThroughSmallBatches);
    }

    private static void handOverThroughSmallBatches() throws Exception
    {
        // a counter source through 3 slots of 7 frames: the ring wraps thousands of times and both sides park
        final int frames = 300_000;
        try (DecodeAheadSource source = new DecodeAheadSource(new CounterSource(frames, -1), 7 * 4, 3))
        {
            final SplittableRandom random = new SplittableRandom(3);
            final byte[] chunk = new byte[64 * 4];
            long expected = 0;
            int n;
            while ((n = source.readFrames(chunk, 0, 1 + random.nextInt(64))) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    assertThat(CounterSource.frameAt(chunk, i)).as("frame %d", expected).isEqualTo((int)expected);
                    expected++;
                }
            }
            assertThat(expected).isEqualTo(frames);
            assertThat(source.readFrames(chunk, 0, 1)).isEqualTo(-1);
        }
    }

    @Test
    void shouldDeliverTheFramesBeforeAFailureAndThenThrowIt() throws Exception
    {
        try (DecodeAheadSource source = new DecodeAheadSource(new CounterSource(10_000, 1_234), 100 * 4, 2))
        {
            final byte[] chunk = new byte[256 * 4];
            long delivered = 0;
            InputException thrown = null;
            try
            {
                int n;
                while ((n = source.readFrames(chunk, 0, 256)) > 0)
                {
                    delivered += n;
                }
            }
            catch (final InputException e)
            {
                thrown = e;
            }

            assertThat(delivered).isEqualTo(1_234);
            assertThat(thrown).hasMessage("corrupt frame after 1234 frames");
        }
    }

    @Test
    void shouldStopTheDecoderThreadWhenClosedBeforeTheEnd() throws Exception
    {
        final DecodeAheadSource source = new DecodeAheadSource(new CounterSource(Integer.MAX_VALUE, -1), 64, 2);
        source.readFrames(new byte[4], 0, 1);

        source.close();

        assertThat(source.decoderAlive()).isFalse();
        assertThatThrownBy(() -> new DecodeAheadSource(new CounterSource(1, -1), 4, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] readAll(final AudioSource source, final SplittableRandom random) throws InputException
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096 * source.frameSizeBytes()];
        int n;
        while ((n = source.readFrames(chunk, 0, 1 + random.nextInt(4096))) > 0)
        {
            all.write(chunk, 0, n * source.frameSizeBytes());
        }
        return all.toByteArray();
    }

    /** Stereo frames whose two samples hold the frame's index; optionally fails after some frames. */
    private static final class CounterSource implements AudioSource
    {
        private final long frames;
        private final long failAfter;
        private long next;

        CounterSource(final long frames, final long failAfter)
        {
            this.frames = frames;
            this.failAfter = failAfter;
        }

        static int frameAt(final byte[] pcm, final int frame)
        {
            final int at = frame * 4;
            return (pcm[at] & 0xff) | (pcm[at + 1] & 0xff) << 8 | (pcm[at + 2] & 0xff) << 16
                | (pcm[at + 3] & 0xff) << 24;
        }

        @Override
        public int sampleRate()
        {
            return 48_000;
        }

        @Override
        public int channels()
        {
            return 2;
        }

        @Override
        public int frameSizeBytes()
        {
            return 4;
        }

        @Override
        public long totalFrames()
        {
            return frames;
        }

        @Override
        public String describe()
        {
            return "counter";
        }

        @Override
        public long framesDecoded()
        {
            return next;
        }

        @Override
        public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
        {
            if (next == failAfter)
            {
                throw new InputException("corrupt frame after " + next + " frames");
            }
            if (next >= frames)
            {
                return -1;
            }
            long end = Math.min(frames, next + maxFrames);
            if (failAfter >= 0)
            {
                end = Math.min(end, failAfter);
            }
            final int n = (int)(end - next);
            for (int i = 0; i < n; i++)
            {
                final int v = (int)next++;
                final int at = offset + i * 4;
                dst[at] = (byte)v;
                dst[at + 1] = (byte)(v >>> 8);
                dst[at + 2] = (byte)(v >>> 16);
                dst[at + 3] = (byte)(v >>> 24);
            }
            return n;
        }

        @Override
        public void close()
        {
            // nothing held
        }
    }
}

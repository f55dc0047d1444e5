package dev.azalia.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class WavSourceTest
{
    private static final int FRAMES = 16 * 1024 * 1024;

    /** A 64 MiB stereo WAV whose frame i holds (i, ~i) as 16-bit samples, with a LIST chunk before the data. */
    private static Path longWav(final Path dir) throws Exception
    {
        final Path p = dir.resolve("long.wav");
        final long data = FRAMES * 4L;
        try (OutputStream out = Files.newOutputStream(p))
        {
            final ByteBuffer h = ByteBuffer.allocate(12 + 24 + 8 + 6 + 8).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes()).putInt((int)(4 + 24 + 14 + 8 + data)).put("WAVE".getBytes());
            h.put("fmt ".getBytes()).putInt(16).putShort((short)1).putShort((short)2).putInt(48_000).putInt(192_000)
                .putShort((short)4).putShort((short)16);
            h.put("LIST".getBytes()).putInt(5).put(new byte[6]);
            h.put("data".getBytes()).putInt((int)data);
            out.write(h.array());
            final ByteBuffer chunk = ByteBuffer.allocate(4 * 65_536).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < FRAMES; i++)
            {
                chunk.putShort((short)i).putShort((short)~i);
                if (!chunk.hasRemaining())
                {
                    out.write(chunk.array());
                    chunk.clear();
                }
            }
        }
        return p;
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void shouldPlayAFileOfAnyLengthInConstantMemory(@TempDir final Path dir) throws Exception
    {
        final Path wav = longWav(dir);
        final byte[] buf = new byte[4 * 4096];
        final long before = allocatedBytes();
        long frames = 0;
        long wrong = 0;
        try (AudioSource source = InputFiles.open(wav))
        {
            assertThat(source.totalFrames()).isEqualTo(FRAMES);
            int n;
            while ((n = source.readFrames(buf, 0, 4096)) > 0)
            {
                for (int k = 0; k < n; k += 997)
                {
                    final int left = (short)((buf[4 * k] & 0xff) | buf[4 * k + 1] << 8);
                    final int right = (short)((buf[4 * k + 2] & 0xff) | buf[4 * k + 3] << 8);
                    wrong += left == (short)(frames + k) && right == (short)~(frames + k) ? 0 : 1;
                }
                frames += n;
            }
            assertThat(source.framesDecoded()).isEqualTo(FRAMES);
        }
        final long allocated = allocatedBytes() - before;

        assertThat(frames).isEqualTo(FRAMES);
        assertThat(wrong).isZero();
        assertThat(allocated).as("bytes allocated to play 64 MiB of samples").isLessThan(4L << 20);
    }

    @Test
    void shouldSayInOneLineWhenTheFileIsCutAfterItWasOpened(@TempDir final Path dir) throws Exception
    {
        final Path wav = longWav(dir);
        try (AudioSource source = InputFiles.open(wav))
        {
            Files.write(wav, new byte[100]);
            assertThatThrownBy(() -> source.readFrames(new byte[4096], 0, 1024)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(wav + ": cannot read the samples at byte 58: ")
                .hasMessageNotContaining("\n");
        }
    }
}

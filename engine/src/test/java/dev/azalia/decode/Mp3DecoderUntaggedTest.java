package dev.azalia.decode;

import de.sciss.jump3r.lowlevel.LameEncoder;
import dev.azalia.decode.Mp3Decoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;

import static org.assertj.core.api.Assertions.assertThat;

final class Mp3DecoderUntaggedTest
{
    @TempDir
    Path dir;

    /** A stream without Xing/LAME tag (what jump3r writes): only the decoder delay is trimmed, at the start. */
    @Test
    void shouldTrimOnlyTheDecoderDelayWithoutALameTag() throws IOException, InputException
    {
        final int rate = 44100;
        final int frames = 44100;
        final byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++)
        {
            final short v = (short)Math.round(Math.sin(2 * Math.PI * 1000.0 * i / rate) * 16000);
            pcm[2 * i] = (byte)v;
            pcm[2 * i + 1] = (byte)(v >> 8);
        }
        final LameEncoder encoder = new LameEncoder(new AudioFormat(rate, 16, 1, true, false), 128,
            LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
        final ByteArrayOutputStream mp3 = new ByteArrayOutputStream();
        final byte[] out = new byte[encoder.getMP3BufferSize()];
        final int chunk = encoder.getPCMBufferSize();
        for (int off = 0; off < pcm.length; off += chunk)
        {
            final int n = encoder.encodeBuffer(pcm, off, Math.min(chunk, pcm.length - off), out);
            mp3.write(out, 0, n);
        }
        mp3.write(out, 0, encoder.encodeFinish(out));
        encoder.close();
        final byte[] bytes = mp3.toByteArray();
        final Path file = Files.write(dir.resolve("untagged.mp3"), bytes);
        final int mpegFrames = countFrames(bytes);

        try (Mp3Decoder decoder = Mp3Decoder.open(file))
        {
            assertThat(decoder.gaplessInfo()).isFalse();
            assertThat(decoder.encoderDelayFrames()).isZero();
            assertThat(decoder.paddingFrames()).isZero();
            assertThat(decoder.totalFrames()).isEqualTo(-1);
            final short[] decoded = Mp3DecoderTest.decodeAll(decoder);
            assertThat(decoded.length).isEqualTo(mpegFrames * 1152 - Mp3Decoder.DECODER_DELAY_FRAMES);
        }
    }

    private static int countFrames(final byte[] bytes)
    {
        int count = 0;
        int pos = 0;
        while (pos + 4 <= bytes.length)
        {
            final MpegFrameHeader h = MpegFrameHeader.parse(((bytes[pos] & 0xFF) << 24)
                | ((bytes[pos + 1] & 0xFF) << 16) | ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF));
            assertThat(h).as("frame header at %d", pos).isNotNull();
            pos += h.frameSizeBytes();
            count++;
        }
        return count;
    }
}

package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class WavFileSinkTest
{
    @TempDir
    Path dir;

    private static String tag(final ByteBuffer b, final int at)
    {
        final byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({"44100,16,2,44", "48000,16,1,44", "48000,32,2,44", "96000,24,2,68", "44100,16,6,68"})
    void shouldWriteTheBytesUnchangedBehindACorrectHeader(final int rate, final int bits, final int channels,
        final int headerBytes) throws Exception
    {
        final StreamFormat format = StreamFormat.of(rate, bits, channels);
        final int frames = 40_000;
        final byte[] pcm = new byte[frames * format.frameBytes()];
        new SplittableRandom(rate + bits + channels).nextBytes(pcm);
        final Path file = dir.resolve("out.wav");

        try (WavFileSink sink = new WavFileSink(file))
        {
            sink.open(format);
            int at = 0;
            int chunk = format.frameBytes();
            while (at < pcm.length)
            {
                final int n = Math.min(chunk, pcm.length - at);
                sink.write(pcm, at, n);
                at += n;
                chunk = (chunk * 3 % 70_000) / format.frameBytes() * format.frameBytes() + format.frameBytes();
            }
            assertThat(sink.framesWritten()).isEqualTo(frames);
            assertThat(sink.playbackPositionFrames()).isEqualTo(frames);
            assertThat(sink.headerBytes()).isEqualTo(headerBytes);
        }

        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(headerBytes + pcm.length);
        assertThat(tag(b, 0)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(tag(b, 8)).isEqualTo("WAVE");
        assertThat(tag(b, 12)).isEqualTo("fmt ");
        assertThat(b.getInt(16)).isEqualTo(headerBytes == 44 ? 16 : 40);
        assertThat(b.getShort(20) & 0xffff).isEqualTo(headerBytes == 44 ? 1 : 0xfffe);
        assertThat(b.getShort(22)).isEqualTo((short)channels);
        assertThat(b.getInt(24)).isEqualTo(rate);
        assertThat(b.getInt(28)).isEqualTo(rate * format.frameBytes());
        assertThat(b.getShort(32)).isEqualTo((short)format.frameBytes());
        assertThat(b.getShort(34)).isEqualTo((short)(format.containerBytes() * 8));
        if (68 == headerBytes)
        {
            assertThat(b.getShort(38)).isEqualTo((short)bits);
            assertThat(b.getInt(44)).isEqualTo(1);
        }
        assertThat(tag(b, headerBytes - 8)).isEqualTo("data");
        assertThat(b.getInt(headerBytes - 4)).isEqualTo(pcm.length);
        assertThat(Arrays.copyOfRange(bytes, headerBytes, bytes.length)).isEqualTo(pcm);
    }

    @Test
    void shouldBeReadableByJavaSoundAsTheSameFormat() throws Exception
    {
        final byte[] pcm = TestSignals.music(4410, 44_100, 2);
        final Path file = dir.resolve("music.wav");
        try (WavFileSink sink = new WavFileSink(file))
        {
            sink.open(StreamFormat.CD);
            sink.write(pcm, 0, pcm.length);
        }

        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile()))
        {
            assertThat(in.getFormat().getSampleRate()).isEqualTo(44_100f);
            assertThat(in.getFormat().getChannels()).isEqualTo(2);
            assertThat(in.getFormat().getSampleSizeInBits()).isEqualTo(16);
            assertThat(in.getFormat().isBigEndian()).isFalse();
            assertThat(in.getFrameLength()).isEqualTo(4410);
            assertThat(in.readAllBytes()).isEqualTo(pcm);
        }
    }

    @Test
    void shouldRefuseEightBitAndAnUncreatableFile()
    {
        assertThatThrownBy(() -> new WavFileSink(dir.resolve("a.wav")).open(StreamFormat.of(48_000, 8, 2)))
            .isInstanceOf(SinkUnavailableException.class)
            .hasMessageContaining("8-bit");
        assertThatThrownBy(() -> new WavFileSink(dir.resolve("missing/dir/a.wav")).open(StreamFormat.CD))
            .isInstanceOf(SinkUnavailableException.class)
            .hasMessageStartingWith("wav: cannot create");
    }
}

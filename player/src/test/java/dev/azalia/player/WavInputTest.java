package dev.azalia.player;

import dev.azalia.hda.StreamFormat;
import dev.azalia.link.WavFileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WAV input: a 16-bit PCM file plays unchanged, whatever its name; anything else is refused with one line and
 * status 3.
 */
final class WavInputTest
{
    @TempDir
    Path dir;

    /** A canonical RIFF/WAVE file: a fmt chunk of {@code fmtSize} bytes and a data chunk. */
    static byte[] wav(final int tag, final int rate, final int channels, final int bits, final byte[] data,
        final long dataSizeField)
    {
        final int block = channels * bits / 8;
        final ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short)tag).putShort((short)channels).putInt(rate)
            .putInt(rate * block).putShort((short)block).putShort((short)bits);
        b.put("data".getBytes()).putInt((int)dataSizeField).put(data);
        return b.array();
    }

    private static byte[] noise(final int frames, final int channels, final int seed)
    {
        final byte[] pcm = new byte[frames * channels * 2];
        new SplittableRandom(seed).nextBytes(pcm);
        return pcm;
    }

    @ParameterizedTest
    @CsvSource({"48000, 2, song.wav", "22050, 2, named-like-an.mp3", "96000, 2, no-extension"})
    void shouldPlayA16BitWavBitExactWhateverItsName(final int rate, final int channels, final String name)
        throws Exception
    {
        final byte[] pcm = noise(rate / 3 + 17, channels, rate + channels);
        final Path in = Files.write(dir.resolve(name), wav(1, rate, channels, 16, pcm, pcm.length));
        final Path out = dir.resolve("out.wav");
        final CliRun run = CliRun.of("-q", "--out", "wav:" + out, in.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(Samples.wavData(out)).isEqualTo(pcm);
    }

    @Test
    void shouldPlayAMonoWavWithEachSampleInBothChannels() throws Exception
    {
        final byte[] pcm = noise(44_100 / 3 + 17, 1, 44_101);
        final Path in = Files.write(dir.resolve("mono.wav"), wav(1, 44_100, 1, 16, pcm, pcm.length));
        final Path out = dir.resolve("out.wav");
        final CliRun run = CliRun.of("-q", "--out", "wav:" + out, in.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final byte[] stereo = new byte[2 * pcm.length];
        for (int n = 0; n < pcm.length / 2; n++)
        {
            System.arraycopy(pcm, 2 * n, stereo, 4 * n, 2);
            System.arraycopy(pcm, 2 * n, stereo, 4 * n + 2, 2);
        }
        assertThat(Samples.wavData(out)).isEqualTo(stereo);
    }

    @Test
    void shouldPlayAWavWrittenByTheWavOutputBitExact() throws Exception
    {
        final byte[] pcm = noise(20_000, 2, 7);
        final Path in = dir.resolve("first.wav");
        try (WavFileSink w = new WavFileSink(in))
        {
            w.open(StreamFormat.of(48_000, 16, 2));
            w.write(pcm, 0, pcm.length);
        }
        final Path out = dir.resolve("second.wav");
        final CliRun run = CliRun.of("-q", "--out", "wav:" + out, in.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
    }

    @Test
    void shouldPlayEachOfSeveralPlaysBitExact() throws Exception
    {
        final byte[] pcm = noise(12_000, 2, 3);
        final Path in = Files.write(dir.resolve("three.wav"), wav(1, 48_000, 2, 16, pcm, pcm.length));
        final Path out = dir.resolve("out.wav");
        final CliRun run = CliRun.of("-q", "--plays", "3", "--idle-after", "200ms", "--out", "wav:" + out,
            in.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final ByteArrayOutputStream thrice = new ByteArrayOutputStream();
        for (int k = 0; k < 3; k++)
        {
            thrice.write(pcm);
        }
        assertThat(Samples.wavData(out)).isEqualTo(thrice.toByteArray());
    }

    @Test
    void shouldRefuseA24BitWav() throws Exception
    {
        assertRefused(wav(1, 48_000, 2, 24, new byte[600], 600), "24-bit PCM");
    }

    @Test
    void shouldRefuseAFloatWav() throws Exception
    {
        assertRefused(wav(3, 48_000, 2, 32, new byte[800], 800), "32-bit float");
    }

    @Test
    void shouldRefuseABrokenHeader() throws Exception
    {
        final byte[] file = wav(1, 48_000, 2, 16, new byte[400], 400);
        // block align says 3 bytes for a 16-bit stereo frame
        file[32] = 3;
        assertRefused(file, "broken WAV header");
        assertRefused(Arrays.copyOf(file, 30), "broken WAV header");
    }

    @Test
    void shouldRefuseATruncatedDataChunk() throws Exception
    {
        assertRefused(wav(1, 48_000, 2, 16, new byte[400], 4000), "truncated data chunk");
        assertRefused(wav(1, 48_000, 2, 16, new byte[402], 402), "truncated data chunk");
    }

    @Test
    void shouldRefuseARateTheCodecDoesNotTakeWithNoConvert() throws Exception
    {
        assertRefused(wav(1, 24_000, 2, 16, new byte[400], 400), "24000 Hz stereo is not a format the codec takes",
            "--no-convert");
        assertRefused(wav(1, 64_000, 2, 16, new byte[400], 400), "(16000/22050/32000/44100/48000/88200/96000 Hz",
            "--no-convert");
    }

    @Test
    void shouldConvertARateTheCodecDoesNotTake() throws Exception
    {
        final Path in = Files.write(dir.resolve("odd.wav"), wav(1, 24_000, 2, 16, new byte[4000], 4000));
        final CliRun run = CliRun.of("--out", "null", "--clock", "virtual", in.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).anyMatch(l -> l.startsWith("converting 24000 Hz stereo to 22050 Hz stereo"));
    }

    @Test
    void shouldRefuseARateHdAudioCannotExpress() throws Exception
    {
        assertRefused(wav(1, 12_345, 2, 16, new byte[400], 400), "12345 Hz");
    }

    @Test
    void shouldRefuseMoreChannelsThanTheCodecTakes() throws Exception
    {
        assertRefused(wav(1, 48_000, 3, 16, new byte[600], 600), "3 channels cannot be played without dropping some");
    }

    private void assertRefused(final byte[] file, final String reason, final String... options) throws Exception
    {
        final Path in = Files.write(dir.resolve("bad.wav"), file);
        final String[] args = new String[options.length + 6];
        System.arraycopy(options, 0, args, 0, options.length);
        System.arraycopy(new String[] {"-q", "--out", "null", "--clock", "virtual", in.toString()}, 0, args,
            options.length, 6);
        final CliRun run = CliRun.of(args);
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("play: " + in + ": ").contains(reason);
    }
}

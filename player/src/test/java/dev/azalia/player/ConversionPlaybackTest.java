package dev.azalia.player;

import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.link.TestSignals;
import dev.azalia.machine.MachineCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files at rates or channel counts the QEMU codec does not take play converted (said in one line) and bit-exactly
 * against the converted stream; {@code --no-convert} refuses them with what the codec takes (status 3).
 */
final class ConversionPlaybackTest
{
    private static final String QEMU_TAKES = "16000/22050/32000/44100/48000/88200/96000 Hz, 16 bit, 2 channels";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"tone-24k-stereo-cbr.mp3, 24000 Hz stereo, 22050 Hz stereo, 66162",
        "sweep-12k-mono-cbr.mp3, 12000 Hz mono, 16000 Hz stereo, 48010"})
    void shouldPlayAnMpeg2Or25FileConvertedAndSayItOnce(final String name, final String from, final String to,
        final long convertedFrames) throws Exception
    {
        final Path mp3 = Samples.dir().resolve(name);
        final Path wav = dir.resolve("out.wav");
        final CliRun run = CliRun.of("--detect", "--fail-on-glitch", "--bar-move-every", "10ms", "--out",
            "wav:" + wav, mp3.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).filteredOn(l -> l.startsWith("converting"))
            .containsExactly("converting " + from + " to " + to + " (the codec takes " + QEMU_TAKES + ")");
        final byte[] converted = Samples.converted(mp3);
        assertThat(converted.length / 4).isEqualTo(convertedFrames);
        assertThat(Samples.wavData(wav)).isEqualTo(converted);
    }

    @Test
    void shouldSayNothingWhenQuiet() throws Exception
    {
        final CliRun run = CliRun.of("-q", "--out", "null", "--clock", "virtual",
            Samples.dir().resolve("tone-24k-stereo-cbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"tone-24k-stereo-cbr.mp3, 24000 Hz stereo", "sweep-12k-mono-cbr.mp3, 12000 Hz mono",
        "tone-48k-mono-cbr.mp3, 48000 Hz mono"})
    void shouldRefuseWithNoConvertListingWhatTheCodecTakes(final String name, final String format)
    {
        final Path mp3 = Samples.dir().resolve(name);
        final CliRun run = CliRun.of("-q", "--no-convert", "--out", "null", "--clock", "virtual", mp3.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("play: " + mp3 + ": " + format + " is not a format the codec "
            + "takes (" + QEMU_TAKES + ")");
    }

    @Test
    void shouldPlayAMonoFileOnTheStereoOnlyConverterWithTheSampleInBothChannels() throws Exception
    {
        final Path mp3 = Samples.dir().resolve("tone-44k1-mono-cbr.mp3");
        final Path wav = dir.resolve("mono.wav");
        final CliRun run = CliRun.of("--out", "wav:" + wav, mp3.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).contains("converting 44100 Hz mono to 44100 Hz stereo (the codec takes "
            + QEMU_TAKES + ")");
        final byte[] mono = Samples.decode(mp3);
        final byte[] stereo = Samples.wavData(wav);
        assertThat(stereo).hasSize(2 * mono.length);
        for (int n = 0; n < mono.length / 2; n++)
        {
            for (int c = 0; c < 2; c++)
            {
                assertThat(stereo[4 * n + 2 * c]).isEqualTo(mono[2 * n]);
                assertThat(stereo[4 * n + 2 * c + 1]).isEqualTo(mono[2 * n + 1]);
            }
        }
    }

    @Test
    void shouldPlayAStereoFileAtATakenRateWithNoConvert() throws Exception
    {
        final Path mp3 = Samples.dir().resolve("sweep-44k1-stereo-cbr.mp3");
        final Path wav = dir.resolve("as-is.wav");
        final CliRun run = CliRun.of("-q", "--no-convert", "--out", "wav:" + wav, mp3.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(Samples.wavData(wav)).isEqualTo(Samples.decode(mp3));
    }

    @ParameterizedTest(name = "{0} Hz, {1} channel(s), --codec {2}")
    @CsvSource({"24000, 2, qemu", "22050, 1, qemu", "16000, 2, qemu", "12000, 1, qemu", "11025, 2, qemu",
        "8000, 1, qemu", "8000, 2, laptop", "11025, 1, desktop"})
    void shouldPlayAnMp3AtEveryMpeg2And25RateBitExactlyAgainstTheConvertedStream(final int rate, final int channels,
        final String codec) throws Exception
    {
        final Path mp3 = Files.write(dir.resolve("in-" + rate + ".mp3"),
            Samples.encodeMp3(TestSignals.music(rate, rate, channels), rate, channels));
        final Path wav = dir.resolve("out.wav");
        final CliRun run = CliRun.of("--codec", codec, "--detect", "--fail-on-glitch", "--out", "wav:" + wav,
            mp3.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).anyMatch(l -> l.startsWith("Playing " + mp3) && l.contains(rate + " Hz"));
        final MachineCodec machineCodec = MachineCodec.builtin(BuiltinCodec.byId(codec).orElseThrow(),
            OptionalInt.empty());
        final byte[] expected = Samples.converted(mp3, machineCodec);
        assertThat(expected).hasSizeGreaterThan(0);
        assertThat(Samples.wavData(wav)).isEqualTo(expected);
    }
}

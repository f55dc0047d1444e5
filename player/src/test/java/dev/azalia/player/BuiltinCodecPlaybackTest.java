package dev.azalia.player;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.machine.MachineCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in codec ({@code --codec}) plays every sample bit-exactly to {@code wav:} while the BAR moves every
 * 10 ms, with mixer traffic and jack events, the detectors on; the audio is heard at the pin the driver configured,
 * and a pin it left alone is heard as silence and caught.
 */
final class BuiltinCodecPlaybackTest
{
    @TempDir
    Path dir;

    static Stream<Arguments> codecsAndSamples() throws Exception
    {
        final List<Arguments> rows = new ArrayList<>();
        for (final BuiltinCodec codec : BuiltinCodec.values())
        {
            for (final Path sample : Samples.all())
            {
                rows.add(Arguments.of(codec, sample.getFileName().toString()));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "--codec {0}: {1}")
    @MethodSource("codecsAndSamples")
    void shouldPlayEverySampleBitExactlyOnEveryBuiltinCodecWhileTheBarMoves(final BuiltinCodec codec,
        final String sample) throws Exception
    {
        final Path mp3 = Samples.dir().resolve(sample);
        final Path wav = dir.resolve("out.wav");
        final CliRun run = CliRun.of("--codec", codec.id(), "--detect", "--fail-on-glitch", "--bar-move-every", "10ms",
            "--mixer-traffic", "--jack-events", "--out", "wav:" + wav, mp3.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).as(run.err()).anyMatch(l -> l.startsWith("clean: " + sample + ", ")
            && l.contains(" BAR moves (live"));
        final MachineCodec machineCodec = MachineCodec.builtin(codec, OptionalInt.empty())
            .forJackEvents(true);
        assertThat(Samples.wavData(wav)).isEqualTo(Samples.converted(mp3, machineCodec));
    }

    @Test
    void shouldHearTheHeadphoneWhenListenedThereWhileItsJackIsPluggedAndPulled() throws Exception
    {
        final Path mp3 = Samples.dir().resolve("tone-44k1-mono-cbr.mp3");
        final Path wav = dir.resolve("hp.wav");
        final CliRun run = CliRun.of("--codec", "laptop", "--listen-pin", "0x11", "--jack-events", "--detect",
            "--fail-on-glitch", "--out", "wav:" + wav, mp3.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(Samples.wavData(wav)).isEqualTo(Samples.converted(mp3,
            MachineCodec.builtin(BuiltinCodec.LAPTOP, OptionalInt.of(0x11))));
    }

    @Test
    void shouldReportTheCodecsOnTheLinkTheListenedPinAndTheirVerbs() throws Exception
    {
        final Path report = dir.resolve("r.json");
        final CliRun run = CliRun.of("-q", "--codec", "laptop-hdmi", "--out", "null", "--clock", "virtual",
            "--report", report.toString(), Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final JsonNode codec = new ObjectMapper().readTree(report.toFile()).get("codec");
        assertThat(codec.get("name").asText()).isEqualTo("laptop-hdmi");
        assertThat(codec.get("addresses").toString()).isEqualTo("[0,2]");
        assertThat(codec.get("listenPin").asText()).isEqualTo("0x10");
        assertThat(codec.get("verbs").asLong()).isGreaterThan(100);
    }

    @Test
    void shouldCatchSilenceAtAnOutputPinTheDriverLeftUnconfigured() throws Exception
    {
        // pin 0x14 of the laptop codec is "[N/A]" in its default configuration: the driver never enables it
        final CliRun run = CliRun.of("--codec", "laptop", "--listen-pin", "0x14", "--detect", "--fail-on-glitch",
            "--out", "null", "--clock", "virtual", Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.errLines()).anyMatch(l -> l.startsWith("GLITCHED: tone-44k1-mono-cbr.mp3"));
        assertThat(run.errLines()).anyMatch(l -> l.startsWith("play: glitch detected:") && l.contains("detectors"));
    }

    @Test
    void shouldCatchAMutedMixerInputOnThePathWithDetect() throws Exception
    {
        // the desktop's line-out 0x14 hears DAC 0x02 through mixer 0x0c, input 0; one second into the play a verb
        // the driver never sends mutes that input
        final int mixer = 0x0c;
        final Playback muting = new CardPlayback(System.err, UnaryOperator.identity(), machine ->
            ((VirtualKernel)machine.kernel()).at("test", "wrong verb", machine.clock().nanoTime() + 1_000_000_000L,
                () -> machine.codecs().get(0).execute(Verbs.make(0, mixer, Verbs.SET_AMP_GAIN_MUTE,
                    Verbs.AMP_SET_INPUT | Verbs.AMP_SET_LEFT | Verbs.AMP_SET_RIGHT | Verbs.AMP_MUTE))));
        final String[] args = {"--codec", "desktop", "--detect", "--fail-on-glitch", "--out", "null", "--clock",
            "virtual", Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString()};

        final CliRun clean = CliRun.with(new CardPlayback(System.err, UnaryOperator.identity(), m -> { }), args);
        final CliRun muted = CliRun.with(muting, args);

        assertThat(clean.status()).as(clean.err()).isEqualTo(Main.EXIT_OK);
        assertThat(muted.status()).as(muted.err()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(muted.errLines()).anyMatch(l -> l.startsWith("GLITCHED: tone-44k1-mono-cbr.mp3")
            && l.contains("glitches"));
        assertThat(muted.errLines()).anyMatch(l -> l.startsWith("play: glitch detected:")
            && l.contains("reference"));
    }

    @Test
    void shouldRefuseAListenPinNoCodecHasAsAnOutput()
    {
        final CliRun run = CliRun.of("-q", "--codec", "desktop", "--listen-pin", "0x0c", "--out", "null",
            Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).containsExactly("play: desktop: no codec has an output pin 0x0c");
    }
}

package dev.azalia.player;

import dev.azalia.testbed.ClockMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MainOptionsTest
{
    @Test
    void shouldApplyTheDefaults()
    {
        final PlayOptions o = Main.parse("song.mp3");
        assertThat(o).isEqualTo(PlayOptions.defaults(Path.of("song.mp3")));
        assertThat(o.out()).isEqualTo(new OutputSpec.Default());
        assertThat(o.clock()).isEqualTo(ClockMode.REAL);
        assertThat(o.periodFrames()).isEqualTo(1024);
        assertThat(o.periods()).isEqualTo(4);
        assertThat(o.policy()).isEqualTo("live");
        assertThat(o.barMoves()).isEqualTo(PlayOptions.UNLIMITED);
        assertThat(o.barMoveEvery()).isNull();
        assertThat(o.unplugAfter()).isNull();
        assertThat(o.report()).isNull();
    }

    @Test
    void shouldParseEveryOption()
    {
        final PlayOptions o = Main.parse("--out", "javasound:PCH", "--clock", "virtual", "--period", "256",
            "--periods", "2", "--mmiotrace", "t.txt", "--report", "r.json", "--log", "--quiet", "--policy",
            "suspend", "--bar-move-every", "250ms", "--bar-moves", "7", "--mixer-traffic", "--jack-events",
            "--detect", "--fail-on-glitch", "--plot", "p.png", "--unplug-after", "1.5s", "in.mp3");
        assertThat(o).isEqualTo(new PlayOptions(Path.of("in.mp3"), new OutputSpec.JavaSound("PCH"),
            ClockMode.VIRTUAL, 256, 2, Path.of("t.txt"), Path.of("r.json"), true, true, "suspend",
            Duration.ofMillis(250), 7, true, true, true, true, Path.of("p.png"), Duration.ofMillis(1500)));
    }

    @Test
    void shouldDefaultToTheVirtualClockForWavOutput()
    {
        final PlayOptions o = Main.parse("--out", "wav:out/x.wav", "a.mp3");
        assertThat(o.out()).isEqualTo(new OutputSpec.Wav(Path.of("out/x.wav")));
        assertThat(o.clock()).isEqualTo(ClockMode.VIRTUAL);
        assertThat(Main.parse("--out", "wav:x.wav", "--clock", "REAL", "a.mp3").clock()).isEqualTo(ClockMode.REAL);
    }

    @Test
    void shouldParseEveryOutputForm()
    {
        assertThat(OutputSpec.parse("default")).isEqualTo(new OutputSpec.Default());
        assertThat(OutputSpec.parse("null")).isEqualTo(new OutputSpec.Null());
        assertThat(OutputSpec.parse("javasound")).isEqualTo(new OutputSpec.JavaSound(null));
        assertThat(OutputSpec.parse("javasound:default [default]").text()).isEqualTo("javasound:default [default]");
        assertThat(OutputSpec.parse("wav:a b.wav").text()).isEqualTo("wav:a b.wav");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--out=speaker", "--out=wav:", "--out=javasound:", "--clock=fast", "--period=0",
        "--period=x", "--periods=1", "--policy=yolo", "--bar-move-every=250", "--bar-move-every=0ms",
        "--bar-moves=-2", "--unplug-after=soon", "--no-such-option"})
    void shouldExitTwoWithOneLineAndAHintOnABadValue(final String option)
    {
        final CliRun run = CliRun.of(option, "in.mp3");
        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith("play: ");
        assertThat(run.errLines().get(1)).isEqualTo("Try 'play --help' for more information.");
        assertThatThrownBy(() -> Main.parse(option, "in.mp3")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void shouldExitTwoWithoutAFile()
    {
        final CliRun run = CliRun.of();
        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines().get(0)).isEqualTo("play: Missing required parameter: 'FILE'");
    }

    @Test
    void shouldPrintHelpAndVersion()
    {
        final CliRun help = CliRun.of("--help");
        assertThat(help.status()).isEqualTo(Main.EXIT_OK);
        assertThat(help.out()).contains("Usage: play", "--out", "--bar-move-every", "--unplug-after", "devices");
        final CliRun version = CliRun.of("--version");
        assertThat(version.status()).isEqualTo(Main.EXIT_OK);
        assertThat(version.out()).startsWith("play (Azalia) ");
    }

    @Test
    void shouldListDevicesOrSayThereAreNone()
    {
        final CliRun run = CliRun.of("devices");
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).satisfiesAnyOf(
            out -> assertThat(out).contains("source lines: "),
            out -> assertThat(out).contains(DevicesCommand.NONE));
    }

    @Test
    void shouldGiveASubcommandsBadOptionTheSameOneLineUsageErrorAsThePlayersOwn()
    {
        final CliRun run = CliRun.of("codec", "--bogus", "qemu");

        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("play: Unknown option: '--bogus'",
            "Try 'play --help' for more information.");
    }
}

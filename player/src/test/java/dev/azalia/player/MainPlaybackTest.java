package dev.azalia.player;

import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class MainPlaybackTest
{
    private static Path sample()
    {
        final Path p = Files.isDirectory(Path.of("..", "samples")) ? Path.of("..", "samples") : Path.of("samples");
        return p.resolve("tone-44k1-mono-cbr.mp3");
    }

    private static Playback fixed(final long lost, final long underruns)
    {
        return (options, decoder, progress) -> new RunResult(new Report.Output("null", 10, underruns),
            new Report.Stream(options.periodFrames(), options.periods(), 1, 0, 44_100, 2), new Report.Probe(10, lost, 0),
            Report.LatencyMicros.none(), List.of());
    }

    @Test
    void shouldExitFourOnAGlitchOnlyWithFailOnGlitch()
    {
        assertThat(CliRun.with(fixed(3, 0), "-q", sample().toString()).status()).isEqualTo(Main.EXIT_OK);
        final CliRun run = CliRun.with(fixed(3, 0), "-q", "--fail-on-glitch", sample().toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.errLines()).containsExactly("play: glitch detected: 3 frames lost, 0 duplicated, 0 underruns");
        assertThat(CliRun.with(fixed(0, 1), "-q", "--fail-on-glitch", sample().toString()).status())
            .isEqualTo(Main.EXIT_GLITCH);
        assertThat(CliRun.with(fixed(0, 0), "-q", "--fail-on-glitch", sample().toString()).status())
            .isEqualTo(Main.EXIT_OK);
    }

    @Test
    void shouldExitOneWithOneLineOnAPlaybackFailure()
    {
        final Playback broken = (options, decoder, progress) ->
        {
            throw new IOException("link clock died\n  at somewhere");
        };
        final CliRun run = CliRun.with(broken, "-q", sample().toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.errLines()).containsExactly("play: link clock died at somewhere");
    }

    @Test
    void shouldCallAFailureWithoutAMessageAnInternalErrorAndSayWhereToLook()
    {
        // no exception class name: what stopped, that it is internal, and the option that shows more
        final Playback broken = (options, decoder, progress) ->
        {
            throw new IllegalStateException();
        };
        final Playback npe = (options, decoder, progress) ->
        {
            throw new NullPointerException("Cannot invoke \"Object.toString()\" because \"x\" is null");
        };
        final String line = "play: internal error: 'play' stopped without saying why; run it again with --log to"
            + " see what the driver and the device did";
        for (final Playback p : List.of(broken, npe))
        {
            final CliRun run = CliRun.with(p, "-q", sample().toString());
            assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(run.errLines()).containsExactly(line);
        }
    }

    @Test
    void shouldRefuseAWavPathThatCannotBeCreatedBeforePlaying(@org.junit.jupiter.api.io.TempDir final Path dir)
    {
        // an option error (exit 2), no longer a link failure after boot naming the sink's exception class (exit 1)
        final CliRun run = CliRun.of("-q", "--out", "wav:" + dir.resolve("no/such/dir/x.wav"), sample().toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines().get(0)).startsWith("play: --out wav:").contains("no such directory")
            .doesNotContain("Exception");
    }

    @Test
    void shouldHandThePlaybackTheParsedOptions()
    {
        final PlayOptions[] seen = new PlayOptions[1];
        final Playback spy = (options, decoder, progress) ->
        {
            seen[0] = options;
            return fixed(0, 0).play(options, decoder, progress);
        };
        CliRun.with(spy, "-q", "--policy", "naive", "--bar-move-every", "100us", sample().toString());
        assertThat(seen[0].policy()).isEqualTo("naive");
        assertThat(seen[0].barMoveEvery()).isEqualTo(java.time.Duration.ofNanos(100_000));
    }

    @Test
    void shouldPrintWhatItPlaysUnlessQuiet() throws IOException
    {
        final CliRun run = CliRun.with(fixed(0, 0), "--clock", "virtual", sample().toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0))
            .contains("MPEG-1 Layer III, 44100 Hz, mono, 64 kbit/s", "6.00 s", "gapless (delay 576, padding 935)");
        assertThat(run.errLines().get(1)).isEqualTo("clean: tone-44k1-mono-cbr.mp3, 0.00 s, no BAR moves, "
            + "0 frames lost, 0 duplicated, 0 xruns, 0 underruns");
        assertThat(Files.exists(sample())).isTrue();
    }

    @Test
    void shouldEndWithOneSummaryLineThatSaysWhetherTheRunWasClean()
    {
        final Playback moved = (options, decoder, progress) -> new RunResult(
            new Report.Output("null", 88_200, 0), new Report.Stream(256, 4, 344, 1, 44_100, 2), new Report.Probe(88_200, 12, 0),
            Report.LatencyMicros.none(), new Report.BarMoves("suspend", 5, 0, 0, 0,
                new Report.Spread(900, 1234.4, 1500), Report.Spread.ZERO, List.of()),
            Report.Glitches.off(), List.of(), null);
        final CliRun run = CliRun.with(moved, sample().toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        assertThat(run.errLines()).last().isEqualTo("GLITCHED: tone-44k1-mono-cbr.mp3, 2.00 s, 5 BAR moves "
            + "(suspend, stall p99 1234 µs), 12 frames lost, 0 duplicated, 1 xruns, 0 underruns");
        assertThat(CliRun.with(moved, "-q", sample().toString()).errLines()).isEmpty();
    }
}

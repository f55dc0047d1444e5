package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --detect} and {@code --fail-on-glitch} on whole playbacks through the emulated card, on the virtual clock.
 */
final class DetectPlaybackTest
{
    @TempDir
    Path dir;

    private JsonNode report(final Path file) throws Exception
    {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void shouldExitZeroAndReportNoGlitchOnACleanRunWhileTheBarMoves() throws Exception
    {
        final Path report = dir.resolve("live.json");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--out", "null", "--detect", "--fail-on-glitch",
            "--policy", "live", "--bar-move-every", "10ms", "--bar-moves", "100", "--mixer-traffic", "--jack-events",
            "--report", report.toString(), Samples.dir().resolve("music-44k1-stereo-vbr.mp3").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final JsonNode r = report(report);
        assertThat(r.at("/barMoves/count").asLong()).isEqualTo(100);
        assertThat(r.at("/glitches/enabled").asBoolean()).isTrue();
        assertThat(r.at("/glitches/count").asLong()).isZero();
        assertThat(r.at("/glitches/lostMillis").asDouble()).isZero();
        assertThat(r.at("/glitches/framesLost").asLong()).isZero();
        assertThat(r.at("/glitches/framesDuplicated").asLong()).isZero();
        assertThat(r.at("/glitches/zeroRuns").asLong()).isZero();
        assertThat(r.at("/glitches/detectors/reference").isIntegralNumber()).isTrue();
        assertThat(r.at("/glitches/detectors/reference").asLong()).isZero();
        assertThat(r.at("/glitches/detectors/silence").asLong()).isZero();
    }

    @Test
    void shouldExitFourWhenTheDetectorsFindWhatTheRwsemPolicyBreaks() throws Exception
    {
        // rwsem leaves the mixer path open: control operations reach the codec while the chip is re-initialised,
        // commands time out, the bus is reset, and the audio leaving the card is damaged
        final Path report = dir.resolve("rwsem.json");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--out", "null", "--detect", "--fail-on-glitch",
            "--policy", "rwsem", "--period", "64", "--periods", "2", "--bar-move-every", "10ms", "--bar-moves",
            "300", "--mixer-traffic", "--jack-events", "--report", report.toString(),
            Samples.dir().resolve("music-44k1-stereo-vbr.mp3").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.errLines()).singleElement().asString().startsWith("play: glitch detected: ")
            .contains("glitches found by the detectors");
        final JsonNode r = report(report);
        assertThat(r.at("/glitches/count").asLong()).isPositive();
        assertThat(r.at("/glitches/detectors/reference").asLong()).isPositive();
        assertThat(r.at("/glitches/largestMillis").asDouble()).isPositive();
        assertThat(r.at("/barMoves/failed").asLong()).isPositive();
    }

    @Test
    void shouldPutTheGlitchesOfAStuckNaiveStreamInTheReportOfTheFailedRun() throws Exception
    {
        final Path report = dir.resolve("naive.json");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--out", "null", "--detect", "--fail-on-glitch",
            "--policy", "naive", "--bar-move-every", "50ms", "--bar-moves", "2", "--report", report.toString(),
            Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());

        // the card failed: that is exit 1, before any glitch verdict, with the report written
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
        final JsonNode r = report(report);
        assertThat(r.at("/glitches/enabled").asBoolean()).isTrue();
        assertThat(r.at("/glitches/count").asLong()).isPositive();
        assertThat(r.at("/glitches/detectors/reference").asLong()).isPositive();
        assertThat(r.at("/glitches/framesLost").asLong()).isPositive();
    }

    @Test
    void shouldWriteZeroGlitchesAndNoDetectorsWithoutDetect() throws Exception
    {
        final Path report = dir.resolve("off.json");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--out", "null", "--report", report.toString(),
            Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final JsonNode r = report(report);
        assertThat(r.at("/glitches/enabled").asBoolean()).isFalse();
        assertThat(r.at("/glitches/count").asLong()).isZero();
        assertThat(r.at("/glitches/detectors").size()).isZero();
    }
}

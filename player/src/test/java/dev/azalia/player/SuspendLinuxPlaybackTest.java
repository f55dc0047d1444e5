package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code suspend-linux} policy from the command line: each move suspends the stream, the player recovers from
 * ESTRPIPE as aplay does (resume fails, re-prepare) and the audio buffered at the move is lost, where {@code suspend}
 * (Azalia's full-resume extension) stays bit-exact.
 */
final class SuspendLinuxPlaybackTest
{
    @TempDir
    Path dir;

    private JsonNode play(final String policy) throws Exception
    {
        final Path report = dir.resolve(policy + ".json");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--out", "null", "--detect", "--policy", policy,
            "--bar-move-every", "100ms", "--bar-moves", "3", "--period", "256", "--periods", "4", "--report",
            report.toString(), Samples.dir().resolve("music-44k1-stereo-vbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        return new ObjectMapper().readTree(report.toFile());
    }

    @Test
    void shouldLoseTheBufferedFramesAtEachMoveAndPlayOnAfterRePreparing() throws Exception
    {
        final JsonNode linux = play("suspend-linux");
        assertThat(linux.at("/barMoves/policy").asText()).isEqualTo("suspend-linux");
        assertThat(linux.at("/barMoves/count").asLong()).isEqualTo(3);
        assertThat(linux.at("/barMoves/failed").asLong()).isZero();
        assertThat(linux.at("/probe/framesLost").asLong()).isGreaterThan(0);
        assertThat(linux.at("/glitches/framesLost").asLong()).isGreaterThan(0);

        final JsonNode full = play("suspend");
        assertThat(full.at("/barMoves/count").asLong()).isEqualTo(3);
        assertThat(full.at("/probe/framesLost").asLong()).isZero();
        assertThat(full.at("/glitches/framesLost").asLong()).isZero();
    }
}

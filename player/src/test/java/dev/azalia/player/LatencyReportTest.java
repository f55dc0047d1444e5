package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency probes in the report of a virtual-clock playback with BAR moves: recorded and consistent, no timing.
 */
final class LatencyReportTest
{
    private static final List<String> RECORDED = List.of("periodElapsed", "endToEnd", "irqEntry", "wakeup",
        "barMovePrepare", "barMoveRemap", "barMoveDone", "firstPeriodAfterMove");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"live", "suspend"})
    void shouldRecordEveryProbeWithOrderedPercentiles(final String policy) throws Exception
    {
        final Path report = dir.resolve(policy + ".json");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--policy", policy, "--bar-move-every", "20ms",
            "--bar-moves", "20", "--mixer-traffic", "--period", "256", "--periods", "4", "--out", "null",
            "--report", report.toString(), Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);

        final JsonNode latency = new ObjectMapper().readTree(report.toFile()).get("latencyMicros");
        for (final String key : RECORDED)
        {
            final JsonNode p = latency.get(key);
            assertThat(p).as(key).isNotNull();
            // a recorded value is at least 1 µs, so max > 0 means the probe saw something
            assertThat(p.get("max").asDouble()).as(key + " max").isPositive();
            assertThat(p.get("max").asDouble()).as(key).isGreaterThanOrEqualTo(p.get("p999").asDouble());
            assertThat(p.get("p999").asDouble()).as(key).isGreaterThanOrEqualTo(p.get("p99").asDouble());
            assertThat(p.get("p99").asDouble()).as(key).isGreaterThanOrEqualTo(p.get("p50").asDouble());
            assertThat(p.get("p50").asDouble()).as(key + " p50").isPositive();
        }
        // present even when no operation waited on the power gate in this run
        assertThat(latency.get("gateWait").get("max").asDouble()).isGreaterThanOrEqualTo(0.0);
    }
}

package dev.azalia.player.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azalia.testbed.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class ReportWriterTest
{
    private static final Report REPORT = new Report(new Report.Input("a.mp3", 48000, 1, 1000),
        new Report.Output("wav:o.wav", 999, 2), new Report.Stream(256, 3, 4, 5, 44_100, 2), new Report.Probe(999, 1, 0),
        new Report.LatencyMicros(new Report.Percentiles(10.5, 20, 30, 40), Report.Percentiles.ZERO),
        new Report.BarMoves("suspend", 2, 0, 0, 0, new Report.Spread(900, 1100, 1200), new Report.Spread(0, 800, 950),
            List.of(new Report.Move("0xfe000000", "0xfebfc000"), new Report.Move("0xfebfc000", "0xfe000000"))),
        new Report.Glitches(true, 3, 4.5, 2.5, 96, 0, 1, Map.of("reference", 2L)),
        List.of("pci 0000:00:1b.0: BAR 0 moved", "snd_hda_intel 0000:00:1b.0: resumed"),
        new Report.Codec("laptop-hdmi", List.of(0, 2), "0x10", 812, 3));

    @Test
    void shouldWriteEveryKeyInOrderWithItsType(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("r.json");
        ReportWriter.write(file, REPORT);
        final JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(fieldNames(json)).containsExactly("input", "codec", "output", "stream", "probe",
            "latencyMicros", "barMoves", "glitches", "kernelLog");
        assertThat(fieldNames(json.get("glitches"))).containsExactly("enabled", "count", "lostMillis",
            "largestMillis", "framesLost", "framesDuplicated", "zeroRuns", "detectors");
        assertThat(json.at("/glitches/enabled").asBoolean()).isTrue();
        assertThat(json.at("/glitches/count").asLong()).isEqualTo(3);
        assertThat(json.at("/glitches/lostMillis").asDouble()).isEqualTo(4.5);
        assertThat(json.at("/glitches/largestMillis").asDouble()).isEqualTo(2.5);
        assertThat(json.at("/glitches/framesLost").asLong()).isEqualTo(96);
        assertThat(json.at("/glitches/zeroRuns").asLong()).isEqualTo(1);
        assertThat(json.at("/glitches/detectors/reference").asLong()).isEqualTo(2);
        assertThat(fieldNames(json.get("barMoves"))).containsExactly("policy", "count", "failed", "staleMmioAccesses",
            "faults", "stallMicros", "blockedMicros", "moves");
        assertThat(fieldNames(json.at("/barMoves/stallMicros"))).containsExactly("p50", "p99", "max");
        assertThat(fieldNames(json.at("/barMoves/blockedMicros"))).containsExactly("p50", "p99", "max");
        assertThat(json.at("/barMoves/moves/1/newAddress").asText()).isEqualTo("0xfe000000");
        assertThat(json.at("/barMoves/count").asLong()).isEqualTo(2);
        assertThat(fieldNames(json.get("input"))).containsExactly("path", "sampleRate", "channels", "framesDecoded");
        assertThat(fieldNames(json.get("codec"))).containsExactly("name", "addresses", "listenPin", "verbs",
            "unknownVerbs");
        assertThat(json.at("/codec/addresses/1").asInt()).isEqualTo(2);
        assertThat(json.at("/codec/listenPin").asText()).isEqualTo("0x10");
        assertThat(fieldNames(json.get("output"))).containsExactly("sink", "framesWritten", "underruns");
        assertThat(fieldNames(json.get("stream"))).containsExactly("periodFrames", "periods", "periodsElapsed",
            "xruns", "rateHz", "channels");
        assertThat(fieldNames(json.get("probe"))).containsExactly("framesChecked", "framesLost", "framesDuplicated");
        for (final String latency : List.of("periodElapsed", "endToEnd"))
        {
            final JsonNode p = json.get("latencyMicros").get(latency);
            assertThat(fieldNames(p)).containsExactly("p50", "p99", "p999", "max");
            p.forEach(v -> assertThat(v.isNumber()).isTrue());
        }
        assertThat(json.at("/input/path").isTextual()).isTrue();
        assertThat(json.at("/output/sink").asText()).isEqualTo("wav:o.wav");
        assertThat(json.at("/input/sampleRate").isInt()).isTrue();
        assertThat(json.at("/input/framesDecoded").isIntegralNumber()).isTrue();
        assertThat(json.at("/stream/xruns").asLong()).isEqualTo(5);
        assertThat(json.at("/stream/rateHz").asInt()).isEqualTo(44_100);
        assertThat(json.at("/probe/framesLost").asLong()).isEqualTo(1);
        assertThat(json.at("/latencyMicros/periodElapsed/p50").asDouble()).isEqualTo(10.5);
        assertThat(json.get("kernelLog").isArray()).isTrue();
        assertThat(json.get("kernelLog").get(1).asText()).isEqualTo("snd_hda_intel 0000:00:1b.0: resumed");
    }

    @Test
    void shouldWriteTheGlitchKeysWithZerosWhenTheDetectorsDidNotRun()
    {
        final Report off = new Report(REPORT.input(), REPORT.output(), REPORT.stream(), REPORT.probe(),
            REPORT.latencyMicros(), REPORT.barMoves(), Report.Glitches.off(), REPORT.kernelLog(), REPORT.codec());
        final String json = ReportWriter.toJson(off);
        assertThat(json).contains("\"glitches\" : {", "\"enabled\" : false", "\"count\" : 0",
            "\"detectors\" : { }");
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

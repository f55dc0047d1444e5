package dev.azalia.testbed.junit;

import dev.azalia.probe.Glitch;
import dev.azalia.probe.GlitchReport;
import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.azalia.testbed.junit.TestbedAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunResultAssertTest
{
    private static RunResult result(final long lost, final long stale, final List<GlitchReport> detections)
    {
        return new RunResult(new Report.Output("null", 48_000, 0), new Report.Stream(64, 2, 750, 0, 48_000, 2),
            new Report.Probe(48_000, lost, 0), Report.LatencyMicros.none(),
            new Report.BarMoves("rwsem", 4, 0, stale, 0, new Report.Spread(10, 250.5, 300), Report.Spread.ZERO,
                List.of()), Report.Glitches.off(), List.of(), null, Report.Codec.none(), detections);
    }

    private static GlitchReport reference(final Glitch... glitches)
    {
        return new GlitchReport("reference", 48_000, 48_000, glitches.length, 1.0, 1.0, 64, 0, 0, Map.of(), Map.of(),
            List.of(glitches), 0, List.of());
    }

    @Test
    void shouldPassACleanRun()
    {
        assertThatCode(() -> assertThat(result(0, 0, List.of(reference()))).isGapless().hasNoGlitches()
            .hasNoStaleMmioAccesses().hasBarMoves().completed().hasNoXruns().hasNoUnderruns())
            .doesNotThrowAnyException();
    }

    @Test
    void shouldNameEachGlitchWithItsDetectorKindFrameAndTime()
    {
        final RunResult r = result(64, 0, List.of(reference(new Glitch(24_000, Glitch.Kind.DROP, 64, 1.33))));

        assertThatThrownBy(() -> assertThat(r).isGapless())
            .isInstanceOf(AssertionError.class)
            .hasMessage("Expected a gapless run (policy rwsem, 2x64 frames at 48000 Hz, 4 BAR moves, 48000 frames to "
                + "null), but:\n  frame-sequence probe: 64 frames lost and 0 duplicated of 48000 checked\n"
                + "  reference detector: 1 glitch: DROP of 64 frames at frame 24000 (0.500 s)");
    }

    @Test
    void shouldSayTheDetectorsDidNotRunWhenAskedForTheirVerdict()
    {
        assertThatThrownBy(() -> assertThat(result(0, 0, List.of())).hasNoGlitches())
            .hasMessageContaining("they did not run: build the testbed with detectGlitches()");
    }

    @Test
    void shouldCountStaleMmioAccesses()
    {
        assertThatThrownBy(() -> assertThat(result(0, 3, List.of())).hasNoStaleMmioAccesses())
            .hasMessageEndingWith("but 3 accesses went to a BAR's old address and 0 faulted over 4 BAR moves");
    }

    @Test
    void shouldCompareTheStallP99InMicroseconds()
    {
        assertThatThrownBy(() -> assertThat(result(0, 0, List.of())).stallP99Micros().isLessThan(100))
            .hasMessageContaining("BAR-move stall p99 in µs")
            .hasMessageContaining("250.5");
    }

    @Test
    void shouldParseTheMatrixBuffers()
    {
        org.assertj.core.api.Assertions.assertThat(TestbedCase.of("live", "2x64", "laptop"))
            .isEqualTo(new TestbedCase("live", 2, 64, "laptop"))
            .hasToString("live 2x64 on laptop");
        assertThatThrownBy(() -> TestbedCase.of("live", "64", "qemu"))
            .hasMessage("a buffer is written PERIODSxFRAMES, e.g. 2x64: 64");
    }
}

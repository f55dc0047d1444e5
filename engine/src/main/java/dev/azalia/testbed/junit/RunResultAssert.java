package dev.azalia.testbed.junit;

import dev.azalia.probe.Glitch;
import dev.azalia.probe.GlitchReport;
import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;

import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AssertJ assertions on a {@link RunResult}. A failure says what went wrong where: each glitch with its detector,
 * kind, frame index and time in the stream, the frame-sequence probe's lost and duplicated frames, xruns,
 * underruns, stale MMIO accesses and the card's failure. Not thread-safe (as any AssertJ assertion object).
 */
public final class RunResultAssert extends AbstractObjectAssert<RunResultAssert, RunResult>
{
    private static final int MAX_GLITCHES_SHOWN = 5;

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the result.
     */
    public RunResultAssert(final RunResult actual)
    {
        super(actual, RunResultAssert.class);
    }

    /**
     * Verifies that the run played every frame once, in order, without a glitch: the card did not fail, the
     * frame-sequence probe saw no frame lost or duplicated, the sink never starved, the PCM never ran into an xrun,
     * and the glitch detectors (when they ran) found nothing.
     *
     * @return this.
     */
    public RunResultAssert isGapless()
    {
        isNotNull();
        final List<String> problems = new ArrayList<>();
        if (null != actual.failure())
        {
            problems.add("the card failed: " + actual.failure());
        }
        final Report.Probe probe = actual.probe();
        if (probe.framesLost() > 0 || probe.framesDuplicated() > 0)
        {
            problems.add(String.format(Locale.ROOT,
                "frame-sequence probe: %d frames lost and %d duplicated of %d checked", probe.framesLost(),
                probe.framesDuplicated(), probe.framesChecked()));
        }
        if (actual.stream().xruns() > 0)
        {
            problems.add(actual.stream().xruns() + " PCM xruns");
        }
        if (actual.output().underruns() > 0)
        {
            problems.add(actual.output().underruns() + " sink underruns");
        }
        problems.addAll(glitchLines());
        if (!problems.isEmpty())
        {
            failWithMessage("Expected a gapless run (%s), but:%n  %s", run(), String.join("\n  ", problems));
        }
        return this;
    }

    /**
     * Verifies that the glitch detectors ran and found nothing (xruns and underruns they count included).
     *
     * @return this.
     */
    public RunResultAssert hasNoGlitches()
    {
        isNotNull();
        if (actual.detections().isEmpty())
        {
            failWithMessage("Expected the glitch detectors' verdict (%s), but they did not run: build the testbed "
                + "with detectGlitches()", run());
        }
        final List<String> lines = glitchLines();
        if (!lines.isEmpty())
        {
            failWithMessage("Expected no glitch (%s), but:%n  %s", run(), String.join("\n  ", lines));
        }
        return this;
    }

    /**
     * Verifies that no MMIO access reached the card's old BAR address after a move, and none faulted.
     *
     * @return this.
     */
    public RunResultAssert hasNoStaleMmioAccesses()
    {
        isNotNull();
        final Report.BarMoves m = actual.barMoves();
        if (m.staleMmioAccesses() > 0 || m.faults() > 0)
        {
            failWithMessage("Expected no stale MMIO access (%s), but %d accesses went to a BAR's old address and %d "
                + "faulted over %d BAR moves", run(), m.staleMmioAccesses(), m.faults(), m.count());
        }
        return this;
    }

    /**
     * Verifies that the PCI core moved the card's BAR at least once.
     *
     * @return this.
     */
    public RunResultAssert hasBarMoves()
    {
        isNotNull();
        if (0 == actual.barMoves().count())
        {
            failWithMessage("Expected BAR moves (%s), but none was made (%d failed)", run(),
                actual.barMoves().failed());
        }
        return this;
    }

    /**
     * Verifies that the run completed: the card did not fail, was not unplugged, and the link did not fail.
     *
     * @return this.
     */
    public RunResultAssert completed()
    {
        isNotNull();
        if (null != actual.failure())
        {
            failWithMessage("Expected the run to complete (%s), but %s", run(), actual.failure());
        }
        return this;
    }

    /**
     * Verifies that the PCM never ran into an xrun.
     *
     * @return this.
     */
    public RunResultAssert hasNoXruns()
    {
        isNotNull();
        if (actual.stream().xruns() > 0)
        {
            failWithMessage("Expected no xrun (%s), but the application saw %d", run(), actual.stream().xruns());
        }
        return this;
    }

    /**
     * Verifies that the sink never starved.
     *
     * @return this.
     */
    public RunResultAssert hasNoUnderruns()
    {
        isNotNull();
        if (actual.output().underruns() > 0)
        {
            failWithMessage("Expected no underrun (%s), but %s starved %d times", run(), actual.output().sink(),
                actual.output().underruns());
        }
        return this;
    }

    /**
     * Assertions on the 99th percentile of the BAR-move stall (the time the device was held), in microseconds.
     *
     * @return a double assertion described as the stall p99.
     */
    public AbstractDoubleAssert<?> stallP99Micros()
    {
        isNotNull();
        return Assertions.assertThat(actual.barMoves().stallMicros().p99())
            .as("BAR-move stall p99 in µs (%s)", run());
    }

    /**
     * Assertions on the 99th percentile of the period-elapsed latency (interrupt to the PCM's period handling), in
     * microseconds.
     *
     * @return a double assertion described as the period latency p99.
     */
    public AbstractDoubleAssert<?> periodLatencyP99Micros()
    {
        isNotNull();
        return Assertions.assertThat(actual.latencyMicros().periodElapsed().p99())
            .as("period-elapsed latency p99 in µs (%s)", run());
    }

    private String run()
    {
        final Report.Stream s = actual.stream();
        return String.format(Locale.ROOT, "policy %s, %dx%d frames at %d Hz, %d BAR moves, %d frames to %s",
            actual.barMoves().policy(), s.periods(), s.periodFrames(), s.rateHz(), actual.barMoves().count(),
            actual.output().framesWritten(), actual.output().sink());
    }

    private List<String> glitchLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final GlitchReport r : actual.detections())
        {
            if (0 == r.count())
            {
                continue;
            }
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s detector: %d glitch%s",
                r.detector(), r.count(), 1 == r.count() ? "" : "es"));
            int shown = 0;
            for (final Glitch g : r.firstGlitches())
            {
                if (shown++ == MAX_GLITCHES_SHOWN)
                {
                    line.append(", ...");
                    break;
                }
                line.append(shown == 1 ? ": " : ", ").append(describe(g, r.sampleRate()));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String describe(final Glitch g, final int sampleRate)
    {
        final String at = sampleRate > 0
            ? String.format(Locale.ROOT, " (%.3f s)", g.seconds(sampleRate))
            : "";
        return String.format(Locale.ROOT, "%s of %d frames at frame %d%s", g.kind(), g.frames(), g.frameIndex(), at);
    }
}

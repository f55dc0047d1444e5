package dev.azalia.testbed;

import dev.azalia.probe.GlitchReport;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Testbed} run measured: every figure of the JSON report (together with the input's facts it makes the
 * {@link Report}), and the detectors' own reports with the positions of the first glitches. Immutable.
 *
 * @param output        the sink actually used and what reached it.
 * @param stream        the PCM stream's counters.
 * @param probe         the glitch probe's counts (all zero when no probe ran).
 * @param latencyMicros latency percentiles (all zero when not measured).
 * @param barMoves      the BAR moves made.
 * @param glitches      what the glitch detectors found ({@code --detect}), or {@link Report.Glitches#off()}.
 * @param kernelLog     the kernel log lines, in order.
 * @param failure       why playback failed part-way (one line), or null when it completed.
 * @param codec         the codecs on the link and the verbs they executed ({@link Report.Codec#none()} if unknown).
 * @param detections    each glitch detector's report (reference, silence, then the xrun accounting), with the first
 *                      glitches' frame indices; empty when the detectors did not run.
 * @param activity      what the disturbances did besides the BAR moves (mixer operations, jack events).
 * @param faults        what the injected faults did ({@link FaultReport#NONE} without any).
 */
public record RunResult(Report.Output output, Report.Stream stream, Report.Probe probe,
                         Report.LatencyMicros latencyMicros, Report.BarMoves barMoves, Report.Glitches glitches,
                         List<String> kernelLog, String failure, Report.Codec codec, List<GlitchReport> detections,
                         Activity activity, FaultReport faults)
{
    /**
     * A result without injected faults.
     *
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param barMoves      not null.
     * @param glitches      not null.
     * @param kernelLog     not null; copied.
     * @param failure       why playback failed part-way, or null.
     * @param codec         not null.
     * @param detections    not null; copied.
     * @param activity      not null.
     */
    public RunResult(final Report.Output output, final Report.Stream stream, final Report.Probe probe,
        final Report.LatencyMicros latencyMicros, final Report.BarMoves barMoves, final Report.Glitches glitches,
        final List<String> kernelLog, final String failure, final Report.Codec codec,
        final List<GlitchReport> detections, final Activity activity)
    {
        this(output, stream, probe, latencyMicros, barMoves, glitches, kernelLog, failure, codec, detections,
            activity, FaultReport.NONE);
    }

    /**
     * What the mixer traffic and the jack events did during a run.
     *
     * @param mixerOps    mixer control gets and puts made.
     * @param mixerErrors of those, the ones that failed.
     * @param jackEvents  jack events injected.
     */
    public record Activity(long mixerOps, long mixerErrors, long jackEvents)
    {
        /** Nothing ran. */
        public static final Activity NONE = new Activity(0, 0, 0);
    }

    /**
     * A result without the disturbances' activity.
     *
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param barMoves      not null.
     * @param glitches      not null.
     * @param kernelLog     not null; copied.
     * @param failure       why playback failed part-way, or null.
     * @param codec         not null.
     * @param detections    not null; copied.
     */
    public RunResult(final Report.Output output, final Report.Stream stream, final Report.Probe probe,
        final Report.LatencyMicros latencyMicros, final Report.BarMoves barMoves, final Report.Glitches glitches,
        final List<String> kernelLog, final String failure, final Report.Codec codec,
        final List<GlitchReport> detections)
    {
        this(output, stream, probe, latencyMicros, barMoves, glitches, kernelLog, failure, codec, detections,
            Activity.NONE);
    }

    /**
     * A result without BAR moves (policy {@code live}, none made).
     *
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param kernelLog     not null; copied.
     */
    public RunResult(final Report.Output output, final Report.Stream stream, final Report.Probe probe,
        final Report.LatencyMicros latencyMicros, final List<String> kernelLog)
    {
        this(output, stream, probe, latencyMicros, Report.BarMoves.none("live"),
            Report.Glitches.off(), kernelLog, null, Report.Codec.none());
    }

    /**
     * A result without the codec's figures.
     *
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param barMoves      not null.
     * @param glitches      not null.
     * @param kernelLog     not null; copied.
     * @param failure       why playback failed part-way, or null.
     */
    public RunResult(final Report.Output output, final Report.Stream stream, final Report.Probe probe,
        final Report.LatencyMicros latencyMicros, final Report.BarMoves barMoves, final Report.Glitches glitches,
        final List<String> kernelLog, final String failure)
    {
        this(output, stream, probe, latencyMicros, barMoves, glitches, kernelLog, failure, Report.Codec.none());
    }

    /**
     * A result without the detectors' own reports.
     *
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param barMoves      not null.
     * @param glitches      not null.
     * @param kernelLog     not null; copied.
     * @param failure       why playback failed part-way, or null.
     * @param codec         not null.
     */
    public RunResult(final Report.Output output, final Report.Stream stream, final Report.Probe probe,
        final Report.LatencyMicros latencyMicros, final Report.BarMoves barMoves, final Report.Glitches glitches,
        final List<String> kernelLog, final String failure, final Report.Codec codec)
    {
        this(output, stream, probe, latencyMicros, barMoves, glitches, kernelLog, failure, codec, List.of());
    }

    /**
     * Checks the components and copies the log.
     *
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param barMoves      not null.
     * @param glitches      not null; {@link Report.Glitches#off()} when the detectors did not run.
     * @param kernelLog     not null; copied.
     * @param failure       why playback failed part-way (one line), or null when it completed.
     * @param codec         not null.
     * @param detections    not null; copied.
     * @param activity      not null.
     * @param faults        not null.
     */
    public RunResult
    {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        Objects.requireNonNull(barMoves, "barMoves");
        Objects.requireNonNull(glitches, "glitches");
        kernelLog = List.copyOf(kernelLog);
        detections = List.copyOf(detections);
    }

    /**
     * Whether playback glitched: a frame lost or duplicated, the sink starved, or a glitch detector fired.
     *
     * @return true on any glitch.
     */
    public boolean glitchDetected()
    {
        return probe.glitch() || output.underruns() > 0 || glitches.glitch();
    }

    /**
     * The full report for this result.
     *
     * @param input the decoded input.
     * @return the report.
     */
    public Report toReport(final Report.Input input)
    {
        return new Report(input, output, stream, probe, latencyMicros, barMoves, glitches, kernelLog, codec);
    }
}

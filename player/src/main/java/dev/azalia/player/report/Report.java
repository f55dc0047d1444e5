package dev.azalia.player.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * The player's JSON report ({@code --report PATH}). Its keys are a contract other tools read: {@code input.path},
 * {@code input.sampleRate}, {@code input.channels}, {@code input.framesDecoded}; {@code output.sink},
 * {@code output.framesWritten}, {@code output.underruns}; {@code stream.periodFrames}, {@code stream.periods},
 * {@code stream.periodsElapsed}, {@code stream.xruns}; {@code probe.framesChecked}, {@code probe.framesLost},
 * {@code probe.framesDuplicated}; {@code latencyMicros.periodElapsed} and {@code latencyMicros.endToEnd}, each
 * {@code {p50, p99, p999, max}}; {@code kernelLog} (array of lines). Immutable.
 *
 * @param input         what was decoded.
 * @param output        what reached the sink.
 * @param stream        the emulated PCM stream.
 * @param probe         the glitch probe's counts.
 * @param latencyMicros latency percentiles in microseconds.
 * @param kernelLog     the kernel log lines, in order.
 */
@JsonPropertyOrder({"input", "output", "stream", "probe", "latencyMicros", "kernelLog"})
public record Report(Input input, Output output, Stream stream, Probe probe, LatencyMicros latencyMicros,
                     List<String> kernelLog)
{
    /**
     * Checks the components and copies the log.
     *
     * @param input         not null.
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param kernelLog     not null; copied.
     */
    public Report
    {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        kernelLog = List.copyOf(kernelLog);
    }

    /**
     * The decoded input.
     *
     * @param path          the file as the user named it.
     * @param sampleRate    frames per second.
     * @param channels      1 or 2.
     * @param framesDecoded frames the decoder delivered (after gapless trimming).
     */
    @JsonPropertyOrder({"path", "sampleRate", "channels", "framesDecoded"})
    public record Input(String path, int sampleRate, int channels, long framesDecoded)
    {
    }

    /**
     * The sink.
     *
     * @param sink          the output actually used, in {@code --out} syntax (after any fallback).
     * @param framesWritten frames handed to the sink.
     * @param underruns     times the sink starved.
     */
    @JsonPropertyOrder({"sink", "framesWritten", "underruns"})
    public record Output(String sink, long framesWritten, long underruns)
    {
    }

    /**
     * The emulated PCM stream.
     *
     * @param periodFrames   frames per period.
     * @param periods        periods in the ring buffer.
     * @param periodsElapsed period-elapsed events delivered.
     * @param xruns          xruns the PCM core saw.
     */
    @JsonPropertyOrder({"periodFrames", "periods", "periodsElapsed", "xruns"})
    public record Stream(int periodFrames, int periods, long periodsElapsed, long xruns)
    {
    }

    /**
     * The per-frame sequence probe on the digital path.
     *
     * @param framesChecked    frames the probe saw.
     * @param framesLost       frames that never arrived.
     * @param framesDuplicated frames that arrived more than once.
     */
    @JsonPropertyOrder({"framesChecked", "framesLost", "framesDuplicated"})
    public record Probe(long framesChecked, long framesLost, long framesDuplicated)
    {
        /**
         * Whether the probe saw a glitch.
         *
         * @return true if any frame was lost or duplicated.
         */
        public boolean glitch()
        {
            return framesLost > 0 || framesDuplicated > 0;
        }
    }

    /**
     * Latency percentiles.
     *
     * @param periodElapsed from a period's ideal end to its period-elapsed callback.
     * @param endToEnd      from a frame's write by the application to its arrival at the sink.
     */
    @JsonPropertyOrder({"periodElapsed", "endToEnd"})
    public record LatencyMicros(Percentiles periodElapsed, Percentiles endToEnd)
    {
        /**
         * Both latencies unmeasured (all zero).
         *
         * @return zero percentiles for both.
         */
        public static LatencyMicros none()
        {
            return new LatencyMicros(Percentiles.ZERO, Percentiles.ZERO);
        }
    }

    /**
     * Percentiles of one latency, in microseconds.
     *
     * @param p50  the median.
     * @param p99  the 99th percentile.
     * @param p999 the 99.9th percentile.
     * @param max  the largest value.
     */
    @JsonPropertyOrder({"p50", "p99", "p999", "max"})
    public record Percentiles(double p50, double p99, double p999, double max)
    {
        /** All zero: nothing measured. */
        public static final Percentiles ZERO = new Percentiles(0, 0, 0, 0);
    }
}

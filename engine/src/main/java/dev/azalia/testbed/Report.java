package dev.azalia.testbed;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The player's JSON report ({@code --report PATH}). Its keys are a contract other tools read: {@code input.path},
 * {@code input.sampleRate}, {@code input.channels}, {@code input.framesDecoded}; {@code output.sink},
 * {@code output.framesWritten}, {@code output.underruns}; {@code stream.periodFrames}, {@code stream.periods},
 * {@code stream.periodsElapsed}, {@code stream.xruns}; {@code probe.framesChecked}, {@code probe.framesLost},
 * {@code probe.framesDuplicated}; {@code latencyMicros.periodElapsed}, {@code latencyMicros.endToEnd},
 * {@code latencyMicros.irqEntry}, {@code latencyMicros.wakeup}, {@code latencyMicros.barMovePrepare},
 * {@code latencyMicros.barMoveRemap}, {@code latencyMicros.barMoveDone}, {@code latencyMicros.firstPeriodAfterMove}
 * and {@code latencyMicros.gateWait}, each {@code {p50, p99, p999, max}}; {@code glitches.enabled}, {@code glitches.count}, {@code glitches.lostMillis},
 * {@code glitches.largestMillis}, {@code glitches.framesLost}, {@code glitches.framesDuplicated},
 * {@code glitches.zeroRuns}, {@code glitches.detectors} (detector name to glitch count); {@code kernelLog} (array of
 * lines). Immutable.
 *
 * @param input         what was decoded.
 * @param output        what reached the sink.
 * @param stream        the emulated PCM stream.
 * @param probe         the glitch probe's counts.
 * @param latencyMicros latency percentiles in microseconds.
 * @param barMoves      the BAR moves made during playback.
 * @param glitches      what the glitch detectors found ({@code --detect}); all zero when they did not run.
 * @param kernelLog     the kernel log lines, in order.
 * @param codec         the codecs on the link and the verbs they executed.
 */
@JsonPropertyOrder({"input", "codec", "output", "stream", "probe", "latencyMicros", "barMoves", "glitches",
    "kernelLog"})
public record Report(Input input, Output output, Stream stream, Probe probe, LatencyMicros latencyMicros,
                     BarMoves barMoves, Glitches glitches, List<String> kernelLog, Codec codec)
{
    /**
     * Checks the components and copies the log.
     *
     * @param input         not null.
     * @param output        not null.
     * @param stream        not null.
     * @param probe         not null.
     * @param latencyMicros not null.
     * @param barMoves      not null.
     * @param glitches      not null.
     * @param kernelLog     not null; copied.
     * @param codec         not null.
     */
    public Report
    {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        Objects.requireNonNull(barMoves, "barMoves");
        Objects.requireNonNull(glitches, "glitches");
        kernelLog = List.copyOf(kernelLog);
    }

    /**
     * The codecs on the link.
     *
     * @param name         what {@code --codec} named ({@code qemu}, a built-in name, or the dump file as given).
     * @param addresses    the codecs' addresses on the link, ascending; copied.
     * @param listenPin    the pin the player listened at ({@code "0x10"}), or null for the QEMU model's only pin.
     * @param verbs        verbs the codecs executed during the run, boot included.
     * @param unknownVerbs verbs answered 0 because the node or verb does not exist (vendor verbs included).
     */
    @JsonPropertyOrder({"name", "addresses", "listenPin", "verbs", "unknownVerbs"})
    public record Codec(String name, List<Integer> addresses, String listenPin, long verbs, long unknownVerbs)
    {
        /**
         * Checks the name and copies the addresses.
         *
         * @throws NullPointerException if the name or the addresses are null.
         */
        public Codec
        {
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
        }

        /**
         * The default codec, when nothing was measured (a result built without a machine).
         *
         * @return {@code qemu} at address 0, no verbs.
         */
        public static Codec none()
        {
            return new Codec("qemu", List.of(0), null, 0, 0);
        }
    }

    /**
     * What the glitch detectors found on the outgoing audio. The key is always present: without {@code --detect}
     * {@code enabled} is false, every figure is 0 and {@code detectors} is empty. The figures add up the detectors'
     * reports (a fault two detectors both see counts twice; {@code detectors} tells them apart), except
     * {@code largestMillis}, the largest over all.
     *
     * @param enabled          whether the detectors ran.
     * @param count            glitches found.
     * @param lostMillis       the glitches' summed duration, in milliseconds.
     * @param largestMillis    the longest glitch, in milliseconds.
     * @param framesLost       frames dropped or never played.
     * @param framesDuplicated frames repeated or inserted.
     * @param zeroRuns         runs of zero frames inside the audio.
     * @param detectors        each detector's glitch count by its name (e.g. {@code reference}, {@code silence}),
     *                         in the order they ran; copied.
     */
    @JsonPropertyOrder({"enabled", "count", "lostMillis", "largestMillis", "framesLost", "framesDuplicated",
        "zeroRuns", "detectors"})
    public record Glitches(boolean enabled, long count, double lostMillis, double largestMillis, long framesLost,
                           long framesDuplicated, long zeroRuns, Map<String, Long> detectors)
    {
        /**
         * Copies the map, keeping its order.
         *
         * @param enabled          whether the detectors ran.
         * @param count            glitches.
         * @param lostMillis       milliseconds.
         * @param largestMillis    milliseconds.
         * @param framesLost       frames.
         * @param framesDuplicated frames.
         * @param zeroRuns         runs.
         * @param detectors        not null; copied.
         */
        public Glitches
        {
            detectors = Collections.unmodifiableMap(new LinkedHashMap<>(detectors));
        }

        /**
         * The record when the detectors did not run.
         *
         * @return all zeros, not enabled.
         */
        public static Glitches off()
        {
            return new Glitches(false, 0, 0.0, 0.0, 0, 0, 0, Map.of());
        }

        /**
         * Whether any detector fired.
         *
         * @return true if {@link #count()} is positive.
         */
        public boolean glitch()
        {
            return count > 0;
        }
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
     * @param rateHz         the stream's rate (the file's, or what it was converted to).
     * @param channels       the stream's channels.
     */
    @JsonPropertyOrder({"periodFrames", "periods", "periodsElapsed", "xruns", "rateHz", "channels"})
    public record Stream(int periodFrames, int periods, long periodsElapsed, long xruns, int rateHz, int channels)
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
     * Latency percentiles, each from an HdrHistogram recorder; the period-path ones are corrected for coordinated
     * omission (expected interval: the period).
     *
     * @param periodElapsed        from a period's IOC to its period-elapsed callback.
     * @param endToEnd             from a period's first frame written by the application to its arrival at the
     *                             sink.
     * @param irqEntry             from a period's IOC to the interrupt handler's entry.
     * @param wakeup               from a period-elapsed callback to the application's return from the
     *                             {@code writei} that waited on it.
     * @param barMovePrepare       {@code rescan_prepare} of each BAR move.
     * @param barMoveRemap         the PCI core's work between {@code rescan_prepare} and {@code rescan_done}.
     * @param barMoveDone          {@code rescan_done} of each BAR move.
     * @param firstPeriodAfterMove from the end of {@code rescan_done} to the next period-elapsed callback.
     * @param gateWait             how long a PCM ioctl or control operation waited on the card's power gate.
     */
    @JsonPropertyOrder({"periodElapsed", "endToEnd", "irqEntry", "wakeup", "barMovePrepare", "barMoveRemap",
        "barMoveDone", "firstPeriodAfterMove", "gateWait"})
    public record LatencyMicros(Percentiles periodElapsed, Percentiles endToEnd, Percentiles irqEntry,
                                Percentiles wakeup, Percentiles barMovePrepare, Percentiles barMoveRemap,
                                Percentiles barMoveDone, Percentiles firstPeriodAfterMove, Percentiles gateWait)
    {
        /**
         * Only the period-elapsed and end-to-end latencies; the others unmeasured (zero).
         *
         * @param periodElapsed IOC to period-elapsed.
         * @param endToEnd      application to sink.
         */
        public LatencyMicros(final Percentiles periodElapsed, final Percentiles endToEnd)
        {
            this(periodElapsed, endToEnd, Percentiles.ZERO, Percentiles.ZERO, Percentiles.ZERO, Percentiles.ZERO,
                Percentiles.ZERO, Percentiles.ZERO, Percentiles.ZERO);
        }

        /**
         * All latencies unmeasured (all zero).
         *
         * @return zero percentiles for all.
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

    /**
     * The BAR moves during playback and what they cost.
     *
     * @param policy            the quiesce policy.
     * @param count             moves the PCI core made.
     * @param failed            moves during which a callback failed or the driver logged an error.
     * @param staleMmioAccesses CPU accesses through a mapping whose BAR had moved or stopped decoding.
     * @param faults            CPU accesses through an unmapped mapping (page faults).
     * @param stallMicros       rescan_prepare start to rescan_done end.
     * @param blockedMicros     time callers (PCM ops, controls, work) waited because of a move.
     * @param moves             each move's old and new BAR address.
     */
    @JsonPropertyOrder({"policy", "count", "failed", "staleMmioAccesses", "faults", "stallMicros", "blockedMicros",
        "moves"})
    public record BarMoves(String policy, long count, long failed, long staleMmioAccesses, long faults,
                           Spread stallMicros, Spread blockedMicros, List<Move> moves)
    {
        /**
         * Copies the list.
         *
         * @param policy            the policy.
         * @param count             moves.
         * @param failed            failed moves.
         * @param staleMmioAccesses stale accesses.
         * @param faults            faults.
         * @param stallMicros       stalls.
         * @param blockedMicros     blocked waits.
         * @param moves             the newest moves (at most the newest 4096; the counts cover all); copied.
         */
        public BarMoves
        {
            moves = List.copyOf(moves);
        }

        /**
         * No moves under {@code policy}.
         *
         * @param policy the policy.
         * @return the empty record.
         */
        public static BarMoves none(final String policy)
        {
            return new BarMoves(policy, 0, 0, 0, 0, Spread.ZERO, Spread.ZERO, List.of());
        }
    }

    /**
     * A distribution summarised by its median, 99th percentile and maximum.
     *
     * @param p50 median.
     * @param p99 99th percentile.
     * @param max maximum.
     */
    @JsonPropertyOrder({"p50", "p99", "max"})
    public record Spread(double p50, double p99, double max)
    {
        /** All zero. */
        public static final Spread ZERO = new Spread(0, 0, 0);
    }

    /**
     * One BAR move.
     *
     * @param oldAddress the BAR's address before, hex.
     * @param newAddress the BAR's address after, hex.
     */
    @JsonPropertyOrder({"oldAddress", "newAddress"})
    public record Move(String oldAddress, String newAddress)
    {
    }
}

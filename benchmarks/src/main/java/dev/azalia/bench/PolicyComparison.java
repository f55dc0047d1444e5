package dev.azalia.bench;

import dev.azalia.decode.InputException;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.CodecSpec;
import dev.azalia.testbed.Durations;
import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SinkSpec;
import dev.azalia.testbed.Testbed;
import dev.azalia.testbed.TestbedConfig;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares the six BAR-move quiesce policies ({@link TestbedConfig#POLICIES}) by playing a sample through the
 * emulated card while the PCI core moves the card's BAR, with mixer traffic and jack events, through the testbed
 * ({@link Testbed}), exactly as
 * {@code ./play --policy P --bar-move-every 10ms --mixer-traffic --jack-events --out null} does. Prints Markdown to
 * stdout (progress to stderr):
 * <ol>
 *     <li>the virtual-clock table: every policy x buffer (2x64, 4x256, 4x1024 frames) with moves, failed moves,
 *     lost and duplicated frames, underruns, xruns, stale MMIO accesses, faults, stall p50/p99/max and blocked p99
 *     (virtual time: what the driver's own delays cost), the codec verbs of the run and the verbs each move replays
 *     (beyond the {@code fixed} run's at the same buffer), and the card failure;</li>
 *     <li>the real-clock table: every policy at one buffer, a shorter excerpt of the sample, the null sink paced in
 *     real time, the stall in real microseconds, and the goals (live stall p99 &lt;= 100 µs, suspend stall p99
 *     &lt;= 1 ms) as MET or NOT MET, and the same stalls against this machine's wake-up floor ({@link WakeupFloor},
 *     measured before and after the real-clock runs): live p99 &lt;= 3 x the floor's p99, suspend p99 &lt;= its
 *     virtual-clock stall (the modelled sleeps and verb time) + 1 ms;</li>
 *     <li>per policy, the smallest buffer of the virtual table that stayed gapless.</li>
 * </ol>
 * A run that fails (the card gives up, an exception) becomes a row with its failure; it never aborts the table.
 *
 * <p>Usage: {@code PolicyComparison [--seconds S] [--every DURATION] [--real-seconds S] [--real-every DURATION]
 * [--real-buffer PERIODSxFRAMES] [--real-warmup RUNS] [--no-real] [--codec NAME|PATH]... [FILE]}. Defaults: the
 * whole file on the virtual clock ({@code --seconds 0}), moves every 10 ms; 3 s on the real clock, moves every
 * 20 ms, buffer 4x256, one warm-up run per policy (not kept); every built-in codec; {@code music-44k1-stereo-vbr.mp3}
 * (a path, or a name in the samples directory: {@link Samples#resolve}). Durations are written {@code 10ms},
 * {@code 500us}, {@code 1s}. {@code --help} (or {@code -h}) prints the usage and every default on standard output
 * and exits with status 0.
 *
 * <p>Exit status: 0 after the tables or {@code --help}; 2 on a bad argument (an unknown option, a missing or
 * malformed value, negative seconds or real-clock seconds not positive, a duration not positive, a buffer the
 * controller does not take, negative warm-up runs, a codec that is neither built in nor a readable dump, a file that
 * is not there), with one line on standard error, {@code PolicyComparison: what is wrong; usage: ...}; 3 when the
 * sample cannot be cut into an excerpt (not MPEG layer III audio, or unreadable), with one line.
 */
public final class PolicyComparison
{
    /** Goal for the live policy's real stall p99, in microseconds. */
    public static final double LIVE_GOAL_P99_MICROS = 100;
    /** Goal for the suspend policy's real stall p99, in microseconds. */
    public static final double SUSPEND_GOAL_P99_MICROS = 1000;

    /** Goal for the live policy's real stall p99 as a multiple of the wake-up floor's p99. */
    public static final double LIVE_GOAL_FLOOR_FACTOR = 3.0;
    /** What the suspend policy's real stall p99 may exceed its modelled (virtual-clock) stall by, in µs. */
    public static final double SUSPEND_SLACK_MICROS = 1000;

    private static final List<Buffer> BUFFERS = List.of(new Buffer(2, 64), new Buffer(4, 256), new Buffer(4, 1024));
    private static final String FIXED_NOTE = "no move: BAR fixed while a stream is open";
    private static final int FAILURE_CHARS = 200;
    private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])");

    /** The sample played by default. */
    static final String DEFAULT_FILE = "music-44k1-stereo-vbr.mp3";

    /** The command line: its usage and its parse step. */
    static final Command<Options> COMMAND = new Command<>("PolicyComparison", PolicyComparison::parse,
        "usage: PolicyComparison [--seconds S] [--every DURATION] [--real-seconds S] [--real-every DURATION]"
            + " [--real-buffer PERIODSxFRAMES] [--real-warmup RUNS] [--no-real] [--codec NAME|PATH]... [FILE]",
        "  --seconds S                   virtual clock: seconds of the sample, at most "
            + Arguments.MAX_RUN_SECONDS + "; 0: all (default 0)",
        "  --every DURATION              virtual clock: a BAR move every DURATION (default 10ms)",
        "  --real-seconds S              real clock: seconds of the sample, at most "
            + Arguments.MAX_RUN_SECONDS + " (default 3)",
        "  --real-every DURATION         real clock: a BAR move every DURATION (default 20ms)",
        "  --real-buffer PERIODSxFRAMES  real clock: the stream buffer (default 4x256)",
        "  --real-warmup RUNS            real clock: runs per policy first, not kept (default 1)",
        "  --no-real                     no real-clock table (default: with it)",
        "  --codec NAME|PATH             a built-in codec or a dump file, repeatable (default every built-in)",
        "  FILE                          the MP3 played, a path or a sample's name (default " + DEFAULT_FILE + ")");

    private PolicyComparison()
    {
    }

    /**
     * A stream buffer.
     *
     * @param periods      periods in the buffer.
     * @param periodFrames frames per period.
     */
    public record Buffer(int periods, int periodFrames)
    {
        /**
         * The buffer's size.
         *
         * @return {@code periods * periodFrames} frames.
         */
        public int frames()
        {
            return periods * periodFrames;
        }

        /**
         * The buffer as the tables write it.
         *
         * @return e.g. {@code "4x256"}.
         */
        public String label()
        {
            return periods + "x" + periodFrames;
        }
    }

    /**
     * One playback's outcome.
     *
     * @param policy           the quiesce policy.
     * @param buffer           the stream buffer.
     * @param moves            BAR moves the PCI core made.
     * @param failed           moves that failed (a callback threw or the driver logged an error).
     * @param lost             frames the frame-sequence probe never saw.
     * @param duplicated       frames the probe saw more than once.
     * @param underruns        times the sink (or the virtual device) starved.
     * @param xruns            underruns the application saw ({@code writei} returned EPIPE).
     * @param stale            CPU accesses through a mapping of a moved BAR.
     * @param faults           CPU accesses through an unmapped mapping.
     * @param stallMicros      move stalls (rescan_prepare start to rescan_done end), microseconds.
     * @param blockedP99Micros 99th percentile of the time callers waited because of a move, microseconds.
     * @param failure          why the card or the run failed (one line), or null.
     * @param measured         false when the run threw before returning its measurements (every count is then
     *                         zero and means nothing).
     * @param codecVerbs       verbs the codecs executed during the run, boot included.
     */
    public record Row(String policy, Buffer buffer, long moves, long failed, long lost, long duplicated,
                      long underruns, long xruns, long stale, long faults, Report.Spread stallMicros,
                      double blockedP99Micros, String failure, boolean measured, long codecVerbs)
    {
        /**
         * Whether the playback was gapless and clean: nothing lost, duplicated or starved, no stale access or
         * fault, no failure.
         *
         * @return true when clean.
         */
        public boolean gapless()
        {
            return 0 == lost && 0 == duplicated && 0 == underruns && 0 == xruns && 0 == stale && 0 == faults
                && null == failure;
        }

        /**
         * A row for a run that threw before it could measure anything.
         *
         * @param policy  the policy.
         * @param buffer  the buffer.
         * @param failure what was thrown.
         * @return the row (all counts zero).
         */
        public static Row thrown(final String policy, final Buffer buffer, final Throwable failure)
        {
            return new Row(policy, buffer, 0, 0, 0, 0, 0, 0, 0, 0, Report.Spread.ZERO, 0,
                null == failure.getMessage() ? "the run stopped without a message" : failure.getMessage(), false, 0);
        }
    }

    /**
     * Plays {@code file} once through the testbed with BAR moves, mixer traffic and jack events.
     *
     * @param file   the MP3 file.
     * @param policy one of {@link TestbedConfig#POLICIES}.
     * @param buffer the stream buffer.
     * @param clock  virtual (as fast as the CPU allows) or real (the null sink paced in real time).
     * @param every  the interval between BAR moves.
     * @param codec  the codec ({@code --codec}: a built-in name or a dump file).
     * @return the outcome; a run that throws becomes a row with the failure.
     */
    public static Row run(final Path file, final String policy, final Buffer buffer, final ClockMode clock,
        final Duration every, final String codec)
    {
        try (Testbed bed = Testbed.builder().source(file).sink(SinkSpec.nullSink()).clock(clock)
            .buffer(buffer.periods(), buffer.periodFrames()).policy(policy).codec(codec).quiet(true)
            .barMovesEvery(every).mixerTraffic().jackEvents().build())
        {
            final RunResult r = bed.run();
            final Report.BarMoves m = r.barMoves();
            return new Row(policy, buffer, m.count(), m.failed(), r.probe().framesLost(),
                r.probe().framesDuplicated(), r.output().underruns(), r.stream().xruns(), m.staleMmioAccesses(),
                m.faults(), m.stallMicros(), m.blockedMicros().p99(), r.failure(), true, r.codec().verbs());
        }
        catch (final Exception | AssertionError e)
        {
            return Row.thrown(policy, buffer, e);
        }
    }

    /**
     * What to compare.
     *
     * @param seconds     virtual clock: seconds of the sample, 0 for all of it.
     * @param every       virtual clock: the interval between BAR moves.
     * @param realSeconds real clock: seconds of the sample; positive.
     * @param realEvery   real clock: the interval between BAR moves.
     * @param realBuffer  real clock: the stream buffer.
     * @param realWarmup  real clock: runs per policy first, not kept.
     * @param real        whether the real-clock table is made.
     * @param codecs      the codecs, one comparison each: built-in names or dump files.
     * @param sample      the MP3 file, there and readable.
     */
    record Options(double seconds, Duration every, double realSeconds, Duration realEvery, Buffer realBuffer,
                   int realWarmup, boolean real, List<String> codecs, Path sample)
    {
    }

    /**
     * Parses the command line (the parse step of {@link #main}; {@code --help} is answered before it).
     *
     * @param args see the class comment.
     * @return the options.
     * @throws UsageException on a bad argument, with its one-line message.
     */
    static Options parse(final String... args) throws UsageException
    {
        final Arguments a = new Arguments(args);
        double seconds = 0;
        Duration every = Duration.ofMillis(10);
        double realSeconds = 3;
        Duration realEvery = Duration.ofMillis(20);
        Buffer realBuffer = new Buffer(4, 256);
        int realWarmup = 1;
        boolean real = true;
        String file = null;
        final List<String> codecs = new ArrayList<>();
        while (a.hasNext())
        {
            final String arg = a.next();
            switch (arg)
            {
                case "--seconds" -> seconds = a.nonNegativeNumber(arg, Arguments.MAX_RUN_SECONDS, "an hour");
                case "--every" -> every = a.positiveDuration(arg);
                case "--real-seconds" -> realSeconds = a.positiveNumber(arg, Arguments.MAX_RUN_SECONDS, "an hour");
                case "--real-every" -> realEvery = a.positiveDuration(arg);
                case "--real-buffer" -> realBuffer = buffer(arg, a.value(arg));
                case "--real-warmup" -> realWarmup = a.integer(arg, 0);
                case "--no-real" -> real = false;
                case "--codec" -> codecs.add(codec(arg, a.value(arg)));
                default -> file = Arguments.single("FILE", file, arg);
            }
        }
        return new Options(seconds, every, realSeconds, realEvery, realBuffer, realWarmup, real, codecs.isEmpty()
            ? Stream.of(BuiltinCodec.values()).map(BuiltinCodec::id).toList() : List.copyOf(codecs),
            Arguments.sample(null == file ? DEFAULT_FILE : file));
    }

    /** Parses {@code PERIODSxFRAMES}, a buffer the controller takes. */
    private static Buffer buffer(final String option, final String text) throws UsageException
    {
        final String[] parts = text.split("x", -1);
        if (2 != parts.length)
        {
            throw new UsageException(option + " must be PERIODSxFRAMES, e.g. 4x256: " + text);
        }
        final Buffer buffer = new Buffer(Arguments.wholeNumber(option, parts[0]),
            Arguments.wholeNumber(option, parts[1]));
        Arguments.checkBuffer(option, buffer.periods(), option, buffer.periodFrames());
        return buffer;
    }

    /** Checks a {@code --codec}: a built-in name, or a dump file that can be read and parsed. */
    private static String codec(final String option, final String text) throws UsageException
    {
        try
        {
            new CodecSpec(text, OptionalInt.empty()).codecs();
        }
        catch (final InputException | IllegalArgumentException e)
        {
            // a blank name's message names the option already
            throw new UsageException(text.isBlank() ? e.getMessage() : option + ": " + e.getMessage());
        }
        return text;
    }

    /**
     * Runs both tables and prints them.
     *
     * @param args see the class comment.
     * @throws IOException when the excerpt cannot be written.
     * @throws InterruptedException when interrupted while measuring the wake-up floor.
     */
    public static void main(final String[] args) throws IOException, InterruptedException
    {
        final Options o = COMMAND.readOrExit(args);
        final Path sample = o.sample();
        final Path virtualFile;
        final Path realFile;
        try
        {
            virtualFile = Mp3Excerpt.firstSeconds(sample, o.seconds());
            realFile = o.real() ? Mp3Excerpt.firstSeconds(sample, o.realSeconds()) : null;
        }
        catch (final IOException | IllegalArgumentException e)
        {
            COMMAND.failAndExit(Command.EXIT_INPUT, sample + ": cannot cut an excerpt: " + e.getMessage());
            return;
        }
        final PrintStream out = System.out;
        out.println("# BAR-move policy comparison");
        out.println();
        out.println(String.format(Locale.ROOT, "Sample `%s`; machine: %d CPUs, %s, Java %s (%s); load average at"
            + " start: %s.", sample.getFileName(), Runtime.getRuntime().availableProcessors(), cpuModel(),
            System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"), Load.average()));
        for (final String codec : o.codecs())
        {
            out.println();
            out.println("## Codec `" + codec + "`");
            compare(codec, new Plan(virtualFile, o.seconds(), o.every(), realFile, o.realSeconds(), o.realEvery(),
                o.realBuffer(), o.realWarmup()), out);
        }
        out.println();
        out.println("Load average at the end: " + Load.average() + ".");
    }

    /** What one codec's comparison runs. */
    private record Plan(Path virtualFile, double seconds, Duration every, Path realFile, double realSeconds,
                        Duration realEvery, Buffer realBuffer, int realWarmup)
    {
    }

    private static void compare(final String codec, final Plan plan, final PrintStream out)
        throws InterruptedException
    {
        final Map<String, List<Row>> virtualRows = new LinkedHashMap<>();
        for (final String policy : TestbedConfig.POLICIES)
        {
            final List<Row> rows = new ArrayList<>();
            for (final Buffer buffer : BUFFERS)
            {
                rows.add(timed(plan.virtualFile(), policy, buffer, ClockMode.VIRTUAL, plan.every(), codec));
            }
            virtualRows.put(policy, rows);
        }
        out.println();
        out.println(String.format(Locale.ROOT, "### Virtual clock: %s, BAR move every %s, mixer traffic, jack events",
            plan.seconds() > 0 ? String.format(Locale.ROOT, "first %.1f s of the sample", plan.seconds())
                : "whole sample", Durations.format(plan.every())));
        out.println();
        out.println("Stall and blocked times are virtual: what the driver's own delays and waits cost, not CPU time."
            + " Verbs per move: the codec verbs of the run beyond the `fixed` run's at the same buffer (the same"
            + " playback, mixer traffic and jack events without moves), per move: what each move replays (n/a when the"
            + " run lost frames or failed, so played less than the `fixed` run).");
        out.println();
        printTable(virtualRows.values().stream().flatMap(List::stream).toList(), fixedVerbs(virtualRows), out);

        if (null != plan.realFile())
        {
            final List<Row> realRows = new ArrayList<>();
            final Histogram floorBefore = WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES);
            for (final String policy : TestbedConfig.POLICIES)
            {
                for (int i = 0; i < plan.realWarmup(); i++)
                {
                    timed(plan.realFile(), policy, plan.realBuffer(), ClockMode.REAL, plan.realEvery(), codec);
                }
                realRows.add(timed(plan.realFile(), policy, plan.realBuffer(), ClockMode.REAL, plan.realEvery(),
                    codec));
            }
            final WakeupFloor.Floor floor = new WakeupFloor.Floor(floorBefore,
                WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES));
            out.println();
            out.println(String.format(Locale.ROOT, "### Real clock: first %.1f s of the sample, buffer %s, BAR move"
                + " every %s, mixer traffic, jack events, null sink paced in real time, %d warm-up run(s) per policy"
                + " not shown", plan.realSeconds(), plan.realBuffer().label(), Durations.format(plan.realEvery()),
                plan.realWarmup()));
            out.println();
            out.println("Stall and blocked times in real microseconds.");
            out.println();
            printTable(realRows, Map.of(), out);
            out.println();
            printGoal("live", LIVE_GOAL_P99_MICROS, realRows, out);
            printGoal("suspend", SUSPEND_GOAL_P99_MICROS, realRows, out);
            printFloorGoals(floor, realRows, virtualRows.get("suspend"), plan.realBuffer(), out);
        }

        out.println();
        out.println("### Smallest gapless buffer (virtual clock)");
        out.println();
        out.println("Gapless: no frame lost or duplicated, no underrun, no xrun, no stale access, no fault, no card"
            + " failure.");
        out.println();
        out.println("| policy | smallest gapless buffer |");
        out.println("|---|---|");
        for (final Map.Entry<String, List<Row>> e : virtualRows.entrySet())
        {
            out.println("| " + label(e.getKey()) + " | " + smallestGapless(e.getValue()) + " |");
        }
    }

    /** The {@code fixed} policy's codec verbs by buffer label (the runs without moves). */
    private static Map<String, Long> fixedVerbs(final Map<String, List<Row>> rows)
    {
        final Map<String, Long> verbs = new LinkedHashMap<>();
        for (final Row r : rows.getOrDefault("fixed", List.of()))
        {
            if (r.measured() && 0 == r.moves())
            {
                verbs.put(r.buffer().label(), r.codecVerbs());
            }
        }
        return verbs;
    }

    private static Row timed(final Path file, final String policy, final Buffer buffer, final ClockMode clock,
        final Duration every, final String codec)
    {
        System.err.print(String.format(Locale.ROOT, "%s %s %s %s ... ", codec, clock.name().toLowerCase(Locale.ROOT),
            policy, buffer.label()));
        final long start = System.nanoTime();
        final Row row = run(file, policy, buffer, clock, every, codec);
        System.err.println(String.format(Locale.ROOT, "%.1f s%s", (System.nanoTime() - start) / 1e9,
            null == row.failure() ? "" : ": " + row.failure()));
        return row;
    }

    /**
     * The smallest buffer (in frames) of a policy's rows that stayed gapless.
     *
     * @param rows one policy's rows.
     * @return e.g. {@code "4x256 (1024 frames)"}, with a note when no move was made, or {@code "none"}.
     */
    static String smallestGapless(final List<Row> rows)
    {
        Row best = null;
        for (final Row r : rows)
        {
            if (r.gapless() && (null == best || r.buffer().frames() < best.buffer().frames()))
            {
                best = r;
            }
        }
        if (null == best)
        {
            return "none";
        }
        return best.buffer().label() + " (" + best.buffer().frames() + " frames)"
            + (0 == best.moves() ? ", but " + FIXED_NOTE.replace("no move:", "no move was made:") : "");
    }

    private static void printTable(final List<Row> rows, final Map<String, Long> fixedVerbs, final PrintStream out)
    {
        out.println("| policy | buffer | moves | failed | lost | dup | underruns | xruns | stale | faults"
            + " | stall p50 (µs) | stall p99 (µs) | stall max (µs) | blocked p99 (µs) | codec verbs | verbs/move"
            + " | card failure / note |");
        out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        for (final Row r : rows)
        {
            if (!r.measured())
            {
                out.println("| " + label(r.policy()) + " | " + r.buffer().label() + " |" + " n/a |".repeat(14) + " "
                    + note(r) + " |");
                continue;
            }
            final Long baseline = fixedVerbs.get(r.buffer().label());
            // only a run that played the whole sample is comparable with the fixed run's verb count
            final String perMove = null == baseline || 0 == r.moves() || 0 != r.lost() || null != r.failure() ? "n/a"
                : String.format(Locale.ROOT, "%.1f", (double)(r.codecVerbs() - baseline) / r.moves());
            out.println(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %.1f"
                + " | %.1f | %.1f | %d | %s | %s |", label(r.policy()), r.buffer().label(), r.moves(), r.failed(),
                r.lost(), r.duplicated(), r.underruns(), r.xruns(), r.stale(), r.faults(), r.stallMicros().p50(),
                r.stallMicros().p99(), r.stallMicros().max(), r.blockedP99Micros(), r.codecVerbs(), perMove,
                note(r)));
        }
    }

    /**
     * A policy's name in the tables: {@code suspend} is labelled as Azalia's full-resume extension and
     * {@code suspend-linux} as the Linux baseline.
     *
     * @param policy the policy's name.
     * @return the label.
     */
    static String label(final String policy)
    {
        return switch (policy)
        {
            case "suspend" -> "suspend (Azalia's full-resume extension)";
            case "suspend-linux" -> "suspend-linux (Linux baseline)";
            default -> policy;
        };
    }

    private static String note(final Row r)
    {
        final List<String> notes = new ArrayList<>();
        if (null != r.failure())
        {
            final String text = PACKAGE_PREFIX.matcher(r.failure().replace("the card failed: ", "")).replaceAll("")
                .replace('|', '/').replace('\n', ' ');
            notes.add(text.length() > FAILURE_CHARS ? text.substring(0, FAILURE_CHARS - 3) + "..." : text);
        }
        if ("fixed".equals(r.policy()) && r.measured() && 0 == r.moves())
        {
            notes.add(FIXED_NOTE);
        }
        return notes.isEmpty() ? "" : String.join("; ", notes);
    }

    private static void printGoal(final String policy, final double goalMicros, final List<Row> rows,
        final PrintStream out)
    {
        final Row r = rows.stream().filter(x -> policy.equals(x.policy())).findFirst().orElseThrow();
        if (!r.measured() || 0 == r.moves())
        {
            out.println(String.format(Locale.ROOT, "- %s stall p99 = n/a, no move measured (goal <= %.0f us):"
                + " NOT MET%s", policy, goalMicros, null == r.failure() ? "" : " (" + note(r) + ")"));
            return;
        }
        out.println(String.format(Locale.ROOT, "- %s stall p99 = %.1f us (goal <= %.0f us): %s (p50 %.1f us, max %.1f"
            + " us, %d moves)", policy, r.stallMicros().p99(), goalMicros,
            r.stallMicros().p99() <= goalMicros ? "MET" : "NOT MET", r.stallMicros().p50(), r.stallMicros().max(),
            r.moves()));
    }

    /**
     * The real-clock stalls against this machine's floor, measured before and after the real-clock runs: live stall
     * p99 at most {@value #LIVE_GOAL_FLOOR_FACTOR} x the wake-up floor's p99; suspend stall p99 at most its modelled
     * cost (the same policy's stall on the virtual clock at the same buffer: the link reset's and codecs' sleeps and
     * the verbs' time on the link) + 1 ms.
     */
    private static void printFloorGoals(final WakeupFloor.Floor floor, final List<Row> realRows,
        final List<Row> virtualSuspend, final Buffer buffer, final PrintStream out)
    {
        out.println();
        out.println("Wake-up floor of this machine (`WakeupFloor`: unpark to running, a wake-up a millisecond), before"
            + " and after the real-clock runs; load average " + Load.average() + ":");
        out.println();
        out.println("```");
        floor.print(out);
        out.println("```");
        out.println();
        for (final Row r : realRows)
        {
            if ("live".equals(r.policy()) && r.measured() && r.moves() > 0)
            {
                out.println("- " + floor.ratio("live stall p99", Math.round(r.stallMicros().p99() * 1e3),
                    LIVE_GOAL_FLOOR_FACTOR));
            }
            if ("suspend".equals(r.policy()) && r.measured() && r.moves() > 0)
            {
                final Row modelled = virtualSuspend.stream().filter(v -> v.buffer().equals(buffer) && v.measured()
                    && v.moves() > 0).findFirst().orElse(null);
                if (null == modelled)
                {
                    out.println("- suspend stall p99: no virtual-clock move at " + buffer.label() + " to compare with");
                    continue;
                }
                final double goal = modelled.stallMicros().p99() + SUSPEND_SLACK_MICROS;
                out.println(String.format(Locale.ROOT, "- suspend stall p99 = %.1f us vs modelled %.1f us (virtual"
                    + " clock) + 1 ms = %.1f us: %s", r.stallMicros().p99(), modelled.stallMicros().p99(), goal,
                    r.stallMicros().p99() <= goal ? "met" : "NOT MET"));
            }
        }
    }

    private static String cpuModel()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("model name"))
                {
                    return "CPU \"" + line.substring(line.indexOf(':') + 1).trim() + "\"";
                }
            }
        }
        catch (final IOException | RuntimeException e)
        {
            return "CPU model unknown (" + (null == e.getMessage() ? "/proc/cpuinfo unreadable" : e.getMessage()) + ")";
        }
        return "CPU model unknown";
    }
}

package dev.azalia.bench;

import dev.azalia.decode.InputException;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the IOC to period-elapsed latency table of real-clock playbacks without JMH (see
 * {@link PeriodLatencyRun}).
 *
 * <p>Usage: {@code PeriodLatency [--seconds S] [--period FRAMES] [--periods N] [--warmup RUNS] [--runs RUNS]
 * [FILE]}; defaults: 3 s, 256 x 4, two warm-up runs (not kept: the JIT still compiles the real-clock paths during
 * the first), one measured run, {@code music-44k1-stereo-vbr.mp3} (a path, or a name in the samples directory:
 * {@link Samples#resolve}). {@code --help} (or {@code -h}) prints the usage and every default on standard output
 * and exits with status 0.
 * The wake-up floor ({@link WakeupFloor}) is measured after the warm-up and again after the measured runs; the goals
 * (p99 &lt;= 100 µs, and p99 &lt;= 1.5 x the floor's p99) are printed as met or not, with the load average.
 *
 * <p>Exit status: 0 after the table or {@code --help}; 2 on a bad argument (an unknown option, a missing or
 * malformed value, seconds or runs not positive, warm-up runs negative, a buffer the controller does not take, a
 * file that is not there), with one line on standard error, {@code PeriodLatency: what is wrong; usage: ...}; 3
 * when the file cannot be decoded, with one line. A playback that fails for another reason throws.
 */
public final class PeriodLatency
{
    /** The sample played by default. */
    static final String DEFAULT_FILE = "music-44k1-stereo-vbr.mp3";
    /** The longest playback: its audio is decoded into memory before it starts (about 106 MB at 44.1 kHz stereo). */
    static final double MAX_SECONDS = 600;

    /** The command line: its usage and its parse step. */
    static final Command<Options> COMMAND = new Command<>("PeriodLatency", PeriodLatency::parse,
        "usage: PeriodLatency [--seconds S] [--period FRAMES] [--periods N] [--warmup RUNS] [--runs RUNS] [FILE]",
        "  --seconds S       audio per playback, in seconds, at most " + (long)MAX_SECONDS + " (default 3)",
        "  --period FRAMES   frames per period (default 256)",
        "  --periods N       periods in the buffer (default 4)",
        "  --warmup RUNS     playbacks first, not kept (default 2)",
        "  --runs RUNS       measured playbacks (default 1)",
        "  FILE              the MP3 played, a path or a sample's name (default " + DEFAULT_FILE + ")");

    private PeriodLatency()
    {
    }

    /**
     * What to play.
     *
     * @param seconds      audio per playback, in seconds; positive.
     * @param periodFrames frames per period.
     * @param periods      periods in the buffer.
     * @param warmupRuns   playbacks first, not kept; zero or more.
     * @param runs         measured playbacks; at least 1.
     * @param file         the MP3 file, there and readable.
     */
    record Options(double seconds, int periodFrames, int periods, int warmupRuns, int runs, Path file)
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
        double seconds = 3.0;
        int periodFrames = 256;
        int periods = 4;
        int warmupRuns = 2;
        int runs = 1;
        String file = null;
        while (a.hasNext())
        {
            final String arg = a.next();
            switch (arg)
            {
                case "--seconds" ->
                    seconds = a.positiveNumber(arg, MAX_SECONDS, "the audio is decoded into memory first");
                case "--period" -> periodFrames = a.wholeNumber(arg);
                case "--periods" -> periods = a.wholeNumber(arg);
                case "--warmup" -> warmupRuns = a.integer(arg, 0);
                case "--runs" -> runs = a.integer(arg, 1);
                default -> file = Arguments.single("FILE", file, arg);
            }
        }
        Arguments.checkBuffer("--periods", periods, "--period", periodFrames);
        return new Options(seconds, periodFrames, periods, warmupRuns, runs,
            Arguments.sample(null == file ? DEFAULT_FILE : file));
    }

    /**
     * Runs the playbacks and prints the table to stdout.
     *
     * @param args see the class comment.
     * @throws Exception when a playback fails for another reason than its file.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options o = COMMAND.readOrExit(args);
        try
        {
            run(o);
        }
        catch (final InputException e)
        {
            COMMAND.failAndExit(Command.EXIT_INPUT, e.getMessage());
        }
    }

    private static void run(final Options o) throws Exception
    {
        final Path path = o.file();
        final double seconds = o.seconds();
        final int periodFrames = o.periodFrames();
        final int periods = o.periods();
        final int runs = o.runs();
        for (int i = 0; i < o.warmupRuns(); i++)
        {
            PeriodLatencyRun.play(path, seconds, periodFrames, periods);
        }
        final Histogram floorBefore = WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES);
        final Histogram all = new Histogram(3);
        long expected = 0;
        long interrupts = 0;
        long lost = 0;
        long xruns = 0;
        for (int i = 0; i < runs; i++)
        {
            final PeriodLatencyRun.Result r = PeriodLatencyRun.play(path, seconds, periodFrames, periods);
            all.add(r.latencyNanos()); System.err.printf("run p50 %.1f p99 %.1f%n", r.latencyNanos().getValueAtPercentile(50) / 1000.0, r.latencyNanos().getValueAtPercentile(99) / 1000.0);
            expected += r.periodsExpected();
            interrupts += r.periodInterrupts();
            lost += r.lostInterrupts();
            xruns += r.xruns();
        }
        final WakeupFloor.Floor floor = new WakeupFloor.Floor(floorBefore,
            WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES));
        PeriodLatencyRun.printTable(String.format(Locale.ROOT,
            "%s, %d x %.1f s, period %d x %d, real clock", path.getFileName(), runs, seconds, periodFrames, periods),
            all, System.out);
        System.out.println(String.format(Locale.ROOT, "periods written %d, period interrupts %d, merged %d, xruns %d",
            expected, interrupts, lost, xruns));
        floor.print(System.out);
        System.out.println(floor.ratio("period-elapsed p99", all.getValueAtPercentile(99.0),
            PeriodLatencyRun.GOAL_FLOOR_FACTOR));
        System.out.println("load average: " + Load.average());
    }
}

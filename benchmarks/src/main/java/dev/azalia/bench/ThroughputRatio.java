package dev.azalia.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Optional;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link DecodeThroughputBenchmark} with JMH and prints, per sample file and as a geometric mean, the
 * pipeline's throughput relative to bare decoding: {@code pipeline / bare decode = bareMillis / pipelineMillis}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.azalia.bench.ThroughputRatio [JMH option]...}.
 * Arguments are JMH's command-line options (e.g. {@code -f 1 -wi 3 -i 5 -w 2s -r 2s}, {@code -p file=...}); the
 * benchmark selection is fixed to {@link DecodeThroughputBenchmark}, so a benchmark name is refused. Without
 * arguments the benchmark's own annotations apply (1 fork, 3 warm-up and 5 measurement iterations of 2 s, both
 * samples). {@code --help} (or {@code -h}) prints the usage on standard output and exits with status 0.
 *
 * <p>Exit status: 0 after the ratios or {@code --help}; 2 on a bad argument (an option JMH does not know, a missing
 * or malformed value, a value JMH finds out of range, a benchmark name, a {@code -p file=} sample that is not
 * there), with one line on standard error, {@code ThroughputRatio: what is wrong; usage: ...}. A benchmark that
 * fails in JMH is reported by JMH.
 */
public final class ThroughputRatio
{
    /** The goal for the ratio, from the issue. */
    public static final double GOAL = 0.8;

    private static final String BARE = "bareDecode";
    private static final String PIPELINE = "pipelineVirtualNull";
    /** JMH's message for an option it does not know. */
    private static final Pattern UNRECOGNIZED = Pattern.compile("(\\S+) is not a recognized option");

    /** The benchmark's files when {@code -p file=} names none: its {@code @Param} values. */
    private static final List<String> DEFAULT_FILES =
        List.of(DecodeThroughputBenchmark.MUSIC, DecodeThroughputBenchmark.TONE);

    /** The command line: its usage and its parse step. */
    static final Command<CommandLineOptions> COMMAND = new Command<>("ThroughputRatio", ThroughputRatio::parse,
        "usage: ThroughputRatio [JMH option]...",
        "  JMH's options, e.g. -f 1 -wi 3 -i 5 -w 2s -r 2s -p file=A.mp3,B.mp3 (java -jar benchmarks.jar -h lists"
            + " them)",
        "  defaults, from DecodeThroughputBenchmark's annotations: -f 1 -wi 3 -w 2s -i 5 -r 2s",
        "  -p file=FILE,...  MP3 files, paths or samples' names (default " + DecodeThroughputBenchmark.MUSIC + ","
            + DecodeThroughputBenchmark.TONE + ")");

    private ThroughputRatio()
    {
    }

    /**
     * Parses the command line (the parse step of {@link #main}; {@code --help} and {@code -h} are answered before
     * it).
     *
     * @param args JMH command-line options.
     * @return JMH's options.
     * @throws UsageException when JMH refuses them, when they name benchmarks, or when a {@code -p file=} sample is
     *                        not there.
     */
    static CommandLineOptions parse(final String... args) throws UsageException
    {
        final CommandLineOptions options;
        try
        {
            options = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException e)
        {
            throw new UsageException(message(e.getMessage(), args));
        }
        if (!options.getIncludes().isEmpty())
        {
            throw new UsageException("unexpected argument " + options.getIncludes().get(0) + " (the benchmark is "
                + DecodeThroughputBenchmark.class.getSimpleName() + "; only JMH options are taken)");
        }
        final Optional<Collection<String>> files = options.getParameter("file");
        // the default samples too: run from a directory without samples/, the forks would each fail on them
        for (final String file : files.hasValue() ? files.get() : DEFAULT_FILES)
        {
            Arguments.sample(file);
        }
        return options;
    }

    /** JMH's refusal as one line; an option it does not know is named as given, like the other mains do. */
    private static String message(final String jmh, final String... args)
    {
        if (null == jmh)
        {
            return "JMH refused the options";
        }
        final Matcher m = UNRECOGNIZED.matcher(jmh);
        if (m.matches())
        {
            for (final String arg : args)
            {
                if (arg.equals("-" + m.group(1)) || arg.equals("--" + m.group(1)))
                {
                    return "unknown option " + arg;
                }
            }
        }
        return jmh.replace('\n', ' ');
    }

    /**
     * Runs the benchmarks and prints the ratios to stdout.
     *
     * @param args JMH command-line options.
     * @throws RunnerException when JMH fails.
     */
    public static void main(final String[] args) throws RunnerException
    {
        final Options options = new OptionsBuilder()
            .parent(COMMAND.readOrExit(args))
            .include(Pattern.quote(DecodeThroughputBenchmark.class.getName()) + "\\.")
            .build();
        final Collection<RunResult> results = new Runner(options).run();
        print(results, System.out);
    }

    /**
     * Prints one line per file and the geometric mean.
     *
     * @param results the JMH results of both benchmark methods.
     * @param out     where to print.
     * @return whether every file met the goal.
     */
    static boolean print(final Collection<RunResult> results, final PrintStream out)
    {
        // per file: bare mean, bare error, pipeline mean, pipeline error (ms per file)
        final Map<String, double[]> byFile = new TreeMap<>();
        for (final RunResult r : results)
        {
            final String benchmark = r.getParams().getBenchmark();
            final String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            final String file = r.getParams().getParam("file");
            final Result<?> primary = r.getPrimaryResult();
            final double[] scores = byFile.computeIfAbsent(file, f -> new double[] {Double.NaN, 0, Double.NaN, 0});
            final int at = BARE.equals(method) ? 0 : PIPELINE.equals(method) ? 2 : -1;
            if (at >= 0)
            {
                scores[at] = primary.getScore();
                scores[at + 1] = primary.getScoreError();
            }
        }
        out.println();
        out.println(String.format(Locale.ROOT, "%-28s %17s %18s %8s", "file", "bare (ms/file)",
            "pipeline (ms/file)", "ratio"));
        final List<Double> ratios = new ArrayList<>();
        boolean met = true;
        for (final Map.Entry<String, double[]> e : byFile.entrySet())
        {
            final double[] s = e.getValue();
            final double ratio = s[0] / s[2];
            ratios.add(ratio);
            met &= ratio >= GOAL;
            out.println(String.format(Locale.ROOT, "%-28s %9.2f ± %-5.2f %10.2f ± %-5.2f %8.2f", e.getKey(),
                s[0], s[1], s[2], s[3], ratio));
        }
        double logSum = 0;
        for (final double r : ratios)
        {
            logSum += Math.log(r);
        }
        final double mean = Math.exp(logSum / ratios.size());
        // The goal holds per file: a geometric mean above it can hide a file below it, so say which.
        out.println(String.format(Locale.ROOT, "pipeline / bare decode = %.2f (goal >= %.1f for every file)%s", mean,
            GOAL, met ? "" : ": NOT MET by at least one file"));
        return met;
    }
}

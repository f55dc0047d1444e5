package dev.azalia.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs {@link DecodeThroughputBenchmark} with JMH and prints, per sample file and as a geometric mean, the
 * pipeline's throughput relative to bare decoding: {@code pipeline / bare decode = bareMillis / pipelineMillis}.
 *
 * <p>Arguments are JMH's command-line options (e.g. {@code -f 1 -wi 3 -i 5 -w 2s -r 2s}, {@code -p file=...}); the
 * benchmark selection is fixed to {@link DecodeThroughputBenchmark}. Without arguments the benchmark's own
 * annotations apply (1 fork, 3 warm-up and 5 measurement iterations of 2 s).
 */
public final class ThroughputRatio
{
    /** The goal for the ratio, from the issue. */
    public static final double GOAL = 0.8;

    private static final String BARE = "bareDecode";
    private static final String PIPELINE = "pipelineVirtualNull";

    private ThroughputRatio()
    {
    }

    /**
     * Runs the benchmarks and prints the ratios to stdout.
     *
     * @param args JMH command-line options.
     * @throws RunnerException when JMH fails.
     * @throws CommandLineOptionException when the options do not parse.
     */
    public static void main(final String[] args) throws RunnerException, CommandLineOptionException
    {
        final Options options = new OptionsBuilder()
            .parent(new CommandLineOptions(args))
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

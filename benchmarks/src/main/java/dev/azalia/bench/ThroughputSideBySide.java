package dev.azalia.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.azalia.decode.InputException;
import dev.azalia.decode.Mp3Decoder;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Before/after throughput in one JVM: bare decoding of a file and the virtual pipeline ({@link
 * DecodeThroughputBenchmark#virtualNull}) of each of several builds' benchmark jars, each jar in a class loader of
 * its own, alternated round by round, so a load that changes during the run (a shared machine) weighs on every
 * build alike. Prints per build the median wall time, the median CPU time of the calling thread and of the whole
 * process (every thread: handler threads, JIT, GC), and the ratio {@code bare / pipeline} per round (min, median,
 * max). On a heavily loaded machine the CPU times are the steadier figures: a build with more threads gets a larger
 * share of the CPUs, which flatters its wall time.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.azalia.bench.ThroughputSideBySide FILE ROUNDS
 * WARMUP JAR...}, e.g. the jar of the build before a change and the jar after it; no defaults. Bare decoding uses the
 * first jar's decoder. Reflection calls each jar's code; it is a measuring tool, not part of the pipeline.
 * {@code --help} (or {@code -h}) prints the usage on standard output and exits with status 0.
 *
 * <p>Exit status: 0 after the figures or {@code --help}; 2 on a bad argument (an option, fewer than four arguments,
 * ROUNDS not a whole number of at least 1, WARMUP not one of at least 0, a file or jar that is not there, a jar
 * without the benchmarks' classes), with one line on standard error, {@code ThroughputSideBySide: what is wrong;
 * usage: ...}; 3 when FILE cannot be decoded, with one line.
 */
public final class ThroughputSideBySide
{
    private static final int CHUNK_FRAMES = DecodeThroughputBenchmark.PERIOD_FRAMES;
    private static final List<String> OPERANDS = List.of("FILE", "ROUNDS", "WARMUP", "JAR");

    /** The command line: its usage and its parse step. */
    static final Command<Options> COMMAND = new Command<>("ThroughputSideBySide", ThroughputSideBySide::parse,
        "usage: ThroughputSideBySide FILE ROUNDS WARMUP JAR...",
        "  FILE     the MP3 file decoded and played (no default)",
        "  ROUNDS   measured rounds, at least 1 (no default)",
        "  WARMUP   rounds first, not kept, 0 or more (no default)",
        "  JAR...   one or more benchmarks jars, one build each (no default)");

    private ThroughputSideBySide()
    {
    }

    /**
     * What to compare.
     *
     * @param file   the MP3 file, there and readable.
     * @param rounds measured rounds; at least 1.
     * @param warmup rounds first, not kept; 0 or more.
     * @param jars   the benchmarks jars, there and readable; at least one.
     */
    record Options(Path file, int rounds, int warmup, List<Path> jars)
    {
    }

    /**
     * Parses the command line (the parse step of {@link #main}; {@code --help} is answered before it).
     *
     * @param args FILE ROUNDS WARMUP JAR...
     * @return the options.
     * @throws UsageException on a bad argument, with its one-line message.
     */
    static Options parse(final String... args) throws UsageException
    {
        final Arguments a = new Arguments(args);
        final List<String> operands = new ArrayList<>();
        while (a.hasNext())
        {
            operands.add(Arguments.operand(a.next()));
        }
        if (operands.size() < OPERANDS.size())
        {
            throw new UsageException(OPERANDS.get(operands.size()) + " is missing");
        }
        final Path file = Arguments.readableFile("FILE", operands.get(0));
        final int rounds = Arguments.integer("ROUNDS", operands.get(1), 1);
        final int warmup = Arguments.integer("WARMUP", operands.get(2), 0);
        final List<Path> jars = new ArrayList<>();
        for (final String jar : operands.subList(3, operands.size()))
        {
            jars.add(Arguments.readableFile("JAR", jar));
        }
        return new Options(file, rounds, warmup, List.copyOf(jars));
    }

    /**
     * Each jar's pipeline for the file, in a class loader of its own, and the first jar's decoder.
     *
     * @param testbeds each jar's testbed of {@link DecodeThroughputBenchmark#virtualNull} for the file.
     * @param runs     each testbed's {@code run} method.
     * @param open     the first jar's {@code Mp3Decoder.open(Path)}.
     */
    record Builds(Object[] testbeds, Method[] runs, Method open)
    {
        /**
         * Loads the jars.
         *
         * @param file the MP3 file.
         * @param jars the benchmarks jars.
         * @return their pipelines.
         * @throws UsageException when a jar lacks the benchmarks' classes or methods.
         * @throws Exception when a jar's code fails.
         */
        static Builds load(final Path file, final List<Path> jars) throws Exception
        {
            final Object[] testbeds = new Object[jars.size()];
            final Method[] runs = new Method[jars.size()];
            Method open = null;
            for (int j = 0; j < jars.size(); j++)
            {
                final ClassLoader loader = new URLClassLoader(new URL[] {jars.get(j).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
                final Method virtualNull;
                try
                {
                    virtualNull = loader.loadClass(DecodeThroughputBenchmark.class.getName())
                        .getMethod("virtualNull", Path.class);
                    if (null == open)
                    {
                        open = loader.loadClass(Mp3Decoder.class.getName()).getMethod("open", Path.class);
                    }
                }
                catch (final ClassNotFoundException | NoSuchMethodException e)
                {
                    throw new UsageException("JAR: " + jars.get(j) + " is not a benchmarks jar (no "
                        + DecodeThroughputBenchmark.class.getSimpleName() + ".virtualNull or Mp3Decoder.open in it)");
                }
                testbeds[j] = virtualNull.invoke(null, file);
                runs[j] = testbeds[j].getClass().getMethod("run");
            }
            return new Builds(testbeds, runs, open);
        }
    }

    /**
     * Runs the comparison and prints it to stdout.
     *
     * @param args FILE ROUNDS WARMUP JAR...
     * @throws Exception when a jar's code fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options o = COMMAND.readOrExit(args);
        final Path file = o.file();
        final int rounds = o.rounds();
        final int warmup = o.warmup();
        final String[] jars = o.jars().stream().map(Path::toString).toArray(String[]::new);
        try
        {
            // only checks that the file is MPEG audio: each build opens it again
            Mp3Decoder.open(file).close();
        }
        catch (final InputException e)
        {
            COMMAND.failAndExit(Command.EXIT_INPUT, e.getMessage());
        }
        final Builds builds;
        try
        {
            builds = Builds.load(file, o.jars());
        }
        catch (final UsageException e)
        {
            COMMAND.refuseAndExit(e);
            return;
        }
        final Object[] testbeds = builds.testbeds();
        final Method[] runs = builds.runs();
        final Method open = builds.open();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] wallMillis = new double[jars.length + 1][rounds];
        final double[][] cpuMillis = new double[jars.length + 1][rounds];
        final double[][] processMillis = new double[jars.length + 1][rounds];
        final OperatingSystemMXBean os = (OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        for (int r = -warmup; r < rounds; r++)
        {
            for (int k = 0; k <= jars.length; k++)
            {
                final long process0 = os.getProcessCpuTime();
                final long cpu0 = threads.getCurrentThreadCpuTime();
                final long t0 = System.nanoTime();
                if (0 == k)
                {
                    decode(open, file);
                }
                else
                {
                    runs[k - 1].invoke(testbeds[k - 1]);
                }
                final long t1 = System.nanoTime();
                final long cpu1 = threads.getCurrentThreadCpuTime();
                final long process1 = os.getProcessCpuTime();
                if (r >= 0)
                {
                    wallMillis[k][r] = (t1 - t0) / 1e6;
                    cpuMillis[k][r] = (cpu1 - cpu0) / 1e6;
                    processMillis[k][r] = (process1 - process0) / 1e6;
                }
            }
        }
        print(jars, wallMillis, cpuMillis, processMillis, System.out);
    }

    private static void decode(final Method open, final Path file) throws Exception
    {
        try (AutoCloseable decoder = (AutoCloseable)open.invoke(null, file))
        {
            final Method readFrames = decoder.getClass().getMethod("readFrames", byte[].class, int.class, int.class);
            final int frameBytes = (int)decoder.getClass().getMethod("frameSizeBytes").invoke(decoder);
            final byte[] chunk = new byte[CHUNK_FRAMES * frameBytes];
            while ((int)readFrames.invoke(decoder, chunk, 0, CHUNK_FRAMES) > 0)
            {
                // decode only
            }
        }
    }

    private static void print(final String[] jars, final double[][] wallMillis, final double[][] cpuMillis,
        final double[][] processMillis, final PrintStream out)
    {
        final int rounds = wallMillis[0].length;
        out.printf(Locale.ROOT, "bare decode: wall median %.1f ms (min %.1f), CPU median: thread %.1f ms, process"
            + " %.1f ms%n", median(wallMillis[0]), min(wallMillis[0]), median(cpuMillis[0]), median(processMillis[0]));
        for (int k = 1; k < wallMillis.length; k++)
        {
            final double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                ratios[r] = wallMillis[0][r] / wallMillis[k][r];
            }
            out.printf(Locale.ROOT, "%s: wall median %.1f ms (min %.1f), CPU median: thread %.1f ms, process %.1f ms;"
                + " bare / pipeline per round min %.2f, median %.2f, max %.2f%n", jars[k - 1], median(wallMillis[k]),
                min(wallMillis[k]), median(cpuMillis[k]), median(processMillis[k]), min(ratios), median(ratios),
                max(ratios));
        }
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return 1 == n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(final double[] values)
    {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(final double[] values)
    {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}

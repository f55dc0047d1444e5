package dev.azalia.bench;

import java.io.PrintStream;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
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
 * WARMUP JAR...}, e.g. the jar of the build before a change and the jar after it. Bare decoding uses the first jar's
 * decoder. Reflection calls each jar's code; it is a measuring tool, not part of the pipeline. Exit 2 on bad
 * arguments.
 */
public final class ThroughputSideBySide
{
    private static final int CHUNK_FRAMES = DecodeThroughputBenchmark.PERIOD_FRAMES;

    private ThroughputSideBySide()
    {
    }

    /**
     * Runs the comparison and prints it to stdout.
     *
     * @param args FILE ROUNDS WARMUP JAR...
     * @throws Exception when a jar cannot be loaded or a playback fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length < 4)
        {
            System.err.println("usage: ThroughputSideBySide FILE ROUNDS WARMUP JAR...");
            System.exit(2);
        }
        final Path file = Path.of(args[0]);
        final int rounds = Integer.parseInt(args[1]);
        final int warmup = Integer.parseInt(args[2]);
        final String[] jars = Arrays.copyOfRange(args, 3, args.length);
        final Object[] testbeds = new Object[jars.length];
        final Method[] runs = new Method[jars.length];
        Method open = null;
        for (int j = 0; j < jars.length; j++)
        {
            final ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jars[j]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            final Class<?> bench = loader.loadClass(DecodeThroughputBenchmark.class.getName());
            testbeds[j] = bench.getMethod("virtualNull", Path.class).invoke(null, file);
            runs[j] = testbeds[j].getClass().getMethod("run");
            if (null == open)
            {
                open = loader.loadClass("dev.azalia.decode.Mp3Decoder").getMethod("open", Path.class);
            }
        }
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

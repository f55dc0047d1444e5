package dev.azalia.bench;


import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole-process timing of the player against bare decoding of the same file, in one run: each round starts, in
 * turn, a JVM that only decodes the file ({@link BareDecode}: the MP3 decoder to the end in
 * 1024-frame chunks, the PCM discarded), {@code java -jar azalia-player.jar --clock virtual --out null --quiet FILE}
 * without a class-data archive, and the same with the archive when one is given. It prints, per variant, the wall
 * time of every run, the minimum and the median, and each player variant's throughput relative to bare decoding
 * ({@code bare / player} of the medians and of the minimums). Alternating the variants spreads a changing machine
 * load over all of them.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.azalia.bench.StartupTime [--runs N] [--jar PLAYER_JAR]
 * [--archive JSA] [--first-frame] FILE}. With {@code --first-frame} every run also logs class loading and reports
 * the JVM uptime at which JLayer's Layer III decoder was loaded, i.e. when the first frame was decoded. Runs on the
 * calling thread; the children inherit stderr.
 */
public final class StartupTime
{
    private static final String FIRST_FRAME_CLASS = "javazoom.jl.decoder.LayerIIIDecoder ";

    private StartupTime()
    {
    }

    /**
     * Runs the comparison.
     *
     * @param args the command line (see the class comment).
     * @throws Exception when a child cannot be started or fails.
     */
    public static void main(final String[] args) throws Exception
    {
        int runs = 3;
        Path jar = Path.of("player/target/azalia-player.jar");
        Path archive = null;
        boolean firstFrame = false;
        Path file = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--archive" -> archive = Path.of(args[++i]);
                case "--first-frame" -> firstFrame = true;
                default -> file = Samples.resolve(args[i]);
            }
        }
        if (null == file)
        {
            throw new IllegalArgumentException("usage: StartupTime [--runs N] [--jar JAR] [--archive JSA] "
                + "[--first-frame] FILE");
        }
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final String self = Path.of(StartupTime.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
        final List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("bare decode", List.of(java, "-cp", self, BareDecode.class.getName(),
            file.toString())));
        final List<String> play = List.of("-jar", jar.toAbsolutePath().toString(), "--clock", "virtual", "--out",
            "null", "--quiet", file.toString());
        variants.add(new Variant("play", concat(List.of(java), play)));
        if (null != archive)
        {
            variants.add(new Variant("play + archive",
                concat(List.of(java, "-XX:SharedArchiveFile=" + archive.toAbsolutePath()), play)));
        }
        for (int round = 0; round < runs; round++)
        {
            for (final Variant v : variants)
            {
                v.run(firstFrame);
            }
        }
        print(file, variants);
    }

    private static List<String> concat(final List<String> a, final List<String> b)
    {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void print(final Path file, final List<Variant> variants)
    {
        System.out.printf(Locale.ROOT, "%s, %d runs per variant (wall ms, alternating)%n", file.getFileName(),
            variants.get(0).millis.size());
        final Variant bare = variants.get(0);
        for (final Variant v : variants)
        {
            System.out.printf(Locale.ROOT, "%-16s min %7.1f  median %7.1f  runs %s", v.name, v.min(), v.median(),
                v.millis);
            if (!v.firstFrameMillis.isEmpty())
            {
                System.out.printf(Locale.ROOT, "  first frame at %s ms", v.firstFrameMillis);
            }
            if (v != bare)
            {
                System.out.printf(Locale.ROOT, "  ratio median %.3f  min %.3f", bare.median() / v.median(),
                    bare.min() / v.min());
            }
            System.out.println();
        }
    }

    /** One command line and its timings. */
    private static final class Variant
    {
        private final String name;
        private final List<String> command;
        private final List<Double> millis = new ArrayList<>();
        private final List<Double> firstFrameMillis = new ArrayList<>();

        Variant(final String name, final List<String> command)
        {
            this.name = name;
            this.command = command;
        }

        void run(final boolean firstFrame) throws IOException, InterruptedException
        {
            final List<String> cmd = new ArrayList<>(command);
            File log = null;
            if (firstFrame)
            {
                log = File.createTempFile("startup", ".log");
                cmd.add(1, "-Xlog:class+load=info:file=" + log + ":uptimemillis");
            }
            final long start = System.nanoTime();
            final Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final int status = p.waitFor();
            final long end = System.nanoTime();
            if (status != 0)
            {
                throw new IllegalStateException(name + " exited with " + status + ": " + cmd);
            }
            millis.add((end - start) / 1e6);
            if (null != log)
            {
                for (final String line : Files.readAllLines(log.toPath()))
                {
                    if (line.contains(FIRST_FRAME_CLASS))
                    {
                        // "[123ms] javazoom..." : the JVM's uptime when the class was loaded
                        firstFrameMillis.add(Double.parseDouble(line.substring(1, line.indexOf("ms]"))));
                        break;
                    }
                }
                Files.delete(log.toPath());
            }
        }

        double min()
        {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double median()
        {
            final double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }
}

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
 * [--archive JSA] [--first-frame] FILE}; defaults: 3 runs per variant, {@value #DEFAULT_JAR}, no archive. FILE is a
 * path or a sample's name ({@link Samples#resolve}). With {@code --first-frame} every run also logs class loading
 * and reports the JVM uptime at which JLayer's Layer III decoder was loaded, i.e. when the first frame was decoded.
 * {@code --help} (or {@code -h}) prints the usage and every default on standard output and exits with status 0.
 * Runs on the calling thread; the children inherit stderr.
 *
 * <p>Exit status: 0 after the table or {@code --help}; 2 on a bad argument (an unknown option, a missing or
 * malformed value, runs below 1, no FILE or more than one, a file, jar or archive that is not there), with one line
 * on standard error, {@code StartupTime: what is wrong; usage: ...}; 3 when a child exits with a non-zero status
 * (its own message is above it on standard error), with one line naming the variant and its command.
 */
public final class StartupTime
{
    /** The player's jar when {@code --jar} is not given, relative to the working directory. */
    static final String DEFAULT_JAR = "player/target/azalia-player.jar";

    /** The command line: its usage and its parse step. */
    static final Command<Options> COMMAND = new Command<>("StartupTime", StartupTime::parse,
        "usage: StartupTime [--runs N] [--jar PLAYER_JAR] [--archive JSA] [--first-frame] FILE",
        "  --runs N            runs of each variant, alternated (default 3)",
        "  --jar PLAYER_JAR    the player's jar (default " + DEFAULT_JAR + ")",
        "  --archive JSA       a class-data archive: adds a variant that plays with it (default none)",
        "  --first-frame       also reports when the first frame was decoded (default off)",
        "  FILE                the MP3 played, a path or a sample's name (no default)");

    private static final String FIRST_FRAME_CLASS = "javazoom.jl.decoder.LayerIIIDecoder ";

    private StartupTime()
    {
    }

    /**
     * What to run.
     *
     * @param runs       runs of each variant; at least 1.
     * @param jar        the player's jar, there and readable.
     * @param archive    the class-data archive, there and readable, or null.
     * @param firstFrame whether every run logs class loading to find its first frame.
     * @param file       the MP3 file, there and readable.
     */
    record Options(int runs, Path jar, Path archive, boolean firstFrame, Path file)
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
        int runs = 3;
        String jar = DEFAULT_JAR;
        String archive = null;
        boolean firstFrame = false;
        String file = null;
        while (a.hasNext())
        {
            final String arg = a.next();
            switch (arg)
            {
                case "--runs" -> runs = a.integer(arg, 1);
                case "--jar" -> jar = a.value(arg);
                case "--archive" -> archive = a.value(arg);
                case "--first-frame" -> firstFrame = true;
                default -> file = Arguments.single("FILE", file, arg);
            }
        }
        if (null == file)
        {
            throw new UsageException("FILE is missing");
        }
        return new Options(runs, Arguments.readableFile("--jar", jar),
            null == archive ? null : Arguments.readableFile("--archive", archive), firstFrame, Arguments.sample(file));
    }

    /**
     * Runs the comparison.
     *
     * @param args the command line (see the class comment).
     * @throws Exception when a child cannot be started.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options o = COMMAND.readOrExit(args);
        final Path jar = o.jar();
        final Path archive = o.archive();
        final Path file = o.file();
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
        for (int round = 0; round < o.runs(); round++)
        {
            for (final Variant v : variants)
            {
                final String failure = v.run(o.firstFrame());
                if (null != failure)
                {
                    COMMAND.failAndExit(Command.EXIT_INPUT, failure);
                }
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

        /** Runs the command once; returns null, or why the child failed (one line). */
        String run(final boolean firstFrame) throws IOException, InterruptedException
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
                return name + " exited with status " + status + ": " + String.join(" ", cmd);
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
            return null;
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

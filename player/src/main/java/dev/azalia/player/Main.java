package dev.azalia.player;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.decode.InputFiles;
import dev.azalia.decode.Mp3Decoder;
import dev.azalia.link.JavaSoundSink;
import dev.azalia.link.MixerDescription;
import dev.azalia.machine.Scenario;
import dev.azalia.player.report.ReportWriter;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.CodecSpec;
import dev.azalia.testbed.Durations;
import dev.azalia.testbed.ProgressListener;
import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * The {@code ./play} command: {@code play [OPTIONS] FILE} plays an MP3 or a 16-bit PCM WAV file, {@code play devices} lists outputs,
 * {@code play analyze} finds glitches in a WAV file ({@link AnalyzeCommand}).
 * Exit status: {@value #EXIT_OK} played, {@value #EXIT_FAILURE} any other failure, {@value #EXIT_USAGE} usage
 * error, {@value #EXIT_INPUT} unreadable or invalid input, {@value #EXIT_GLITCH} glitch detected with
 * {@code --fail-on-glitch}. Every failure prints one line starting with {@code "play: "} on stderr, never a stack
 * trace. Runs on the calling (application) thread.
 */
@Command(name = "play", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Play an MP3 or 16-bit PCM WAV file through the emulated HD-Audio card.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:played", "1:any other failure", "2:usage error", "3:unreadable or invalid input (with --no-convert: a format the codec does not take)",
        "4:glitch detected (--fail-on-glitch)"})
public final class Main implements Callable<Integer>
{
    /** Played. */
    public static final int EXIT_OK = 0;
    /** Any failure not covered by another status. */
    public static final int EXIT_FAILURE = 1;
    /** The command line is wrong. */
    public static final int EXIT_USAGE = 2;
    /**
     * The input file is missing, unreadable, not valid MPEG audio or an unsupported WAV file; or, with
     * {@code --no-convert}, at a rate or channel count the codec does not take.
     */
    public static final int EXIT_INPUT = 3;
    /** A glitch was detected and {@code --fail-on-glitch} was given. */
    public static final int EXIT_GLITCH = 4;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "The MP3 or WAV (16-bit PCM) file to play; told apart by content.")
    private Path input;

    @Option(names = "--out", paramLabel = "OUTPUT", defaultValue = "default",
        description = "default | javasound[:MIXER] | wav:PATH | null (default: ${DEFAULT-VALUE}).")
    private OutputSpec out;

    @Option(names = "--clock", paramLabel = "real|virtual",
        description = "What paces playback (default: real; virtual for wav:).")
    private ClockMode clock;

    @Option(names = "--period", paramLabel = "FRAMES", defaultValue = "1024",
        description = "Frames per period (default: ${DEFAULT-VALUE}). The stream starts once the buffer is full, "
            + "as aplay sets its start threshold.")
    private int periodFrames;

    @Option(names = "--periods", paramLabel = "N", defaultValue = "4",
        description = "Periods in the ring buffer (default: ${DEFAULT-VALUE}).")
    private int periods;

    @Option(names = "--mmiotrace", paramLabel = "PATH", description = "Write every MMIO access in mmiotrace format.")
    private Path mmiotrace;

    @Option(names = "--verbtrace", paramLabel = "PATH",
        description = "Write every verb, response and PCM event as Linux's ftrace prints its tracepoints, on the "
            + "mmiotrace's clock.")
    private Path verbtrace;

    @Option(names = "--idle-before", paramLabel = "DURATION", defaultValue = "0s",
        description = "Idle after the probe, before the first play (default: ${DEFAULT-VALUE}).")
    private Duration idleBefore;

    @Option(names = "--idle-after", paramLabel = "DURATION", defaultValue = "0s",
        description = "Idle after each play (default: ${DEFAULT-VALUE}).")
    private Duration idleAfter;

    @Option(names = "--plays", paramLabel = "N", defaultValue = "1",
        description = "Play the file N times, each an open/hw_params/prepare/write/drain/close (default: "
            + "${DEFAULT-VALUE}).")
    private int plays;

    @Option(names = "--suspend-before-play", paramLabel = "K", defaultValue = "0",
        description = "A system suspend/resume (azx_suspend/azx_resume) before play K (default: 0, none).")
    private int suspendBeforePlay;

    @Option(names = "--suspend-for", paramLabel = "DURATION", defaultValue = "0s",
        description = "How long the system stays suspended (default: ${DEFAULT-VALUE}).")
    private Duration suspendFor;

    @Option(names = "--idle-after-resume", paramLabel = "DURATION", defaultValue = "0s",
        description = "Idle time after the system resume, before the play (default: ${DEFAULT-VALUE}).")
    private Duration idleAfterResume;

    @Option(names = "--start-threshold", paramLabel = "FRAMES|buffer", defaultValue = "buffer",
        description = "Frames buffered before the stream starts (default: ${DEFAULT-VALUE}, as aplay).")
    private String startThreshold;

    @Option(names = "--report", paramLabel = "PATH", description = "Write a JSON report.")
    private Path report;

    @Option(names = "--log", description = "Print the kernel log to stderr as it happens.")
    private boolean log;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but warnings and errors.")
    private boolean quiet;

    @Option(names = "--policy", paramLabel = "NAME", defaultValue = "live",
        description = "BAR-move quiesce policy: naive, rwsem, suspend (Azalia's full-resume extension), "
            + "suspend-linux (the Linux baseline: ESTRPIPE, re-prepare, buffered audio dropped), fixed, live "
            + "(default: ${DEFAULT-VALUE}).")
    private String policy;

    @Option(names = "--bar-move-every", paramLabel = "DURATION",
        description = "Move the card's BAR this often, e.g. 250ms.")
    private Duration barMoveEvery;

    @Option(names = "--bar-moves", paramLabel = "N", defaultValue = "-1",
        description = "Move the BAR at most N times (-1: no limit, the default; 0: never).")
    private int barMoves;

    @Option(names = "--mixer-traffic", description = "Run mixer control get/put traffic during playback.")
    private boolean mixerTraffic;

    @Option(names = "--jack-events", description = "Inject jack (pin sense) events during playback.")
    private boolean jackEvents;

    @Option(names = "--detect", description = "Run the glitch detectors.")
    private boolean detect;

    @Option(names = "--fail-on-glitch", description = "Exit with status 4 when a glitch is detected.")
    private boolean failOnGlitch;

    @Option(names = "--plot", paramLabel = "PATH", description = "Write a latency plot (PNG).")
    private Path plot;

    @Option(names = "--unplug-after", paramLabel = "DURATION", description = "Hot-unplug the card after this long.")
    private Duration unplugAfter;

    @Option(names = "--fault", paramLabel = "SPEC", description = "Inject a device fault (repeatable): "
        + "NAME[:ARG][@TIME|@#N], e.g. lost-irq:1/8, spurious-irq:1000, codec-silent@2s, stuck-lpib@1.5s.")
    private List<String> faultSpecs = new ArrayList<>();

    @Option(names = "--fault-seed", paramLabel = "N", defaultValue = "0", description = "Seed of the fault plan.")
    private long faultSeed;

    @Option(names = "--enable-msi", paramLabel = "N", defaultValue = "-1", description = "snd_hda_intel's enable_msi: "
        + "-1 (default: MSI unless the controller forbids it), 0 (the shared INTx line), 1 (MSI).")
    private int enableMsi;

    @Option(names = "--controller", paramLabel = "NAME", defaultValue = PlayOptions.DEFAULT_CONTROLLER,
        description = "The emulated controller: ich9 (8086:293e, the default), pch (8086:8c20, runtime PM) or "
            + "amd-hdmi (1002:ab38, the seed's kind of device, runtime PM).")
    private String controller;

    @Option(names = "--codec-clock-stop", description = "The codec advertises EPSS and CLKSTOP: the link may go down "
        + "at codec suspend, so a runtime-PM controller (pch, amd-hdmi) suspends when idle.")
    private boolean codecClockStop;

    @Option(names = "--codec", paramLabel = "NAME|PATH[#N]", defaultValue = "qemu",
        description = "The codec on the link: a built-in codec (qemu, the default; laptop, desktop, laptop-hdmi) or "
            + "a codec dump file (/proc/asound/cardN/codec#M text or alsa-info.sh output); PATH#N takes the file's "
            + "N-th codec (from 0, as './play codec PATH' lists them), PATH alone every codec of its first card.")
    private String codec;

    @Option(names = "--listen-pin", paramLabel = "NID", converter = CodecCommand.NodeIdConverter.class,
        description = "The output pin the player listens to (e.g. 0x21); default: the first line-out, speaker or "
            + "headphone in Linux's order.")
    private Integer listenPin;

    @Option(names = "--no-convert", description = "Play the file only as it is, as 'aplay -D hw:' does: a rate or "
        + "channel count the codec does not take fails (status 3) instead of being converted.")
    private boolean noConvert;

    private final Playback playback;
    private final PrintStream err;
    private PlayOptions parsedOptions;

    private Main(final Playback playback, final PrintStream err)
    {
        this.playback = playback;
        this.err = err;
    }

    /**
     * Runs the player and exits the JVM with its status.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    /**
     * Runs the player on the process's standard streams.
     *
     * @param args the command line.
     * @return the exit status.
     */
    public static int run(final String... args)
    {
        return run(System.out, System.err, args);
    }

    /**
     * Runs the player with the default {@link Playback}.
     *
     * @param out  standard output (help, version, device list).
     * @param err  standard error (errors, warnings, progress, the echoed log).
     * @param args the command line.
     * @return the exit status.
     */
    public static int run(final PrintStream out, final PrintStream err, final String... args)
    {
        return run(out, err, defaultPlayback(err), args);
    }

    /**
     * Runs the player with a given {@link Playback}.
     *
     * @param out      standard output.
     * @param err      standard error.
     * @param playback what plays the decoded file.
     * @param args     the command line.
     * @return the exit status.
     */
    public static int run(final PrintStream out, final PrintStream err, final Playback playback,
                          final String... args)
    {
        return commandLine(out, err, playback, namesSubcommandOrHelp(args)).execute(args);
    }

    private static boolean namesSubcommandOrHelp(final String... args)
    {
        for (final String arg : args)
        {
            switch (arg)
            {
                case "devices", "analyze", "conformance", "codec", "-h", "--help", "help" -> {
                    return true;
                }
                default -> {
                    if (arg.startsWith("@"))
                    {
                        // an argument file may name one
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Parses a command line into options without playing, for tools and tests.
     *
     * @param args the command line (no subcommand).
     * @return the options.
     * @throws CommandLine.ParameterException when the command line is wrong.
     */
    public static PlayOptions parse(final String... args)
    {
        final Main main = new Main(null, System.err);
        final CommandLine cl = configure(new CommandLine(main));
        cl.parseArgs(args);
        return main.options();
    }

    /**
     * The playback the player uses: the one place where the emulated-card pipeline is wired in.
     *
     * @param err standard error, for warnings.
     * @return the playback.
     */
    static Playback defaultPlayback(final PrintStream err)
    {
        return new CardPlayback(err);
    }

    private static CommandLine commandLine(final PrintStream out, final PrintStream err, final Playback playback,
                                           final boolean subcommands)
    {
        final CommandLine cl = new CommandLine(new Main(playback, err));
        if (subcommands)
        {
            // built only when they can matter: their option models are a good part of picocli's start-up time
            cl.addSubcommand(new DevicesCommand()).addSubcommand(new AnalyzeCommand())
                .addSubcommand(new ConformanceCommand()).addSubcommand(new CodecCommand());
        }
        configure(cl);
        final Charset charset = Charset.defaultCharset();
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, charset), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, charset), true));
        cl.setParameterExceptionHandler((ex, args) -> usageError(ex));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            if (ex instanceof CommandLine.ParameterException pe)
            {
                // options are validated as a whole once parsing is done, i.e. when execution starts
                return usageError(pe);
            }
            final PrintWriter w = commandLine.getErr();
            final int status;
            if (ex instanceof InputException)
            {
                w.println("play: " + oneLine(ex.getMessage()));
                status = EXIT_INPUT;
            }
            else
            {
                w.println("play: " + (internalError(ex) ? "internal error: '" + commandLine.getCommandSpec()
                    .qualifiedName() + "' stopped without saying why; run it again with --log to see what the"
                    + " driver and the device did" : oneLine(ex.getMessage())));
                status = EXIT_FAILURE;
            }
            w.flush();
            return status;
        });
        return cl;
    }

    private static int usageError(final CommandLine.ParameterException ex)
    {
        final PrintWriter w = ex.getCommandLine().getErr();
        w.println("play: " + oneLine(ex.getMessage()));
        w.println("Try 'play --help' for more information.");
        w.flush();
        return EXIT_USAGE;
    }

    private static CommandLine configure(final CommandLine cl)
    {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Duration.class, text ->
        {
            try
            {
                return Durations.parse(text);
            }
            catch (final IllegalArgumentException e)
            {
                // picocli would add the exception's class name to a plain exception's message
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cl.registerConverter(OutputSpec.class, OutputSpec::parse);
        return cl;
    }

    /**
     * A failure that says nothing a user can act on: no message, or a programming error of the JVM's own whose
     * message names code (a null reference, an index, a cast, an arithmetic fault) or an {@link Error}.
     */
    private static boolean internalError(final Exception ex)
    {
        return null == ex.getMessage() || ex.getMessage().isBlank() || ex instanceof NullPointerException
            || ex instanceof IndexOutOfBoundsException || ex instanceof ClassCastException
            || ex instanceof ArithmeticException;
    }

    private static String oneLine(final String message)
    {
        return null == message ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private PlayOptions options()
    {
        if (null == parsedOptions)
        {
            if (null == input)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
            }
            try
            {
                parsedOptions = new PlayOptions(input, out, null == clock ? PlayOptions.defaultClock(out) : clock,
                    periodFrames, periods, mmiotrace, report, log, quiet, policy, barMoveEvery, barMoves,
                    mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, verbtrace, scenario(),
                    startThresholdFrames(), controller, codecClockStop, !noConvert, new CodecSpec(codec,
                    null == listenPin ? OptionalInt.empty() : OptionalInt.of(listenPin)))
                    .withFaults(faultSpecs, faultSeed).withEnableMsi(enableMsi);
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        return parsedOptions;
    }

    /** A {@code wav:} output must be creatable before anything plays (as {@code aplay -t wav} would fail). */
    private static void checkWritable(final OutputSpec out)
    {
        if (out instanceof OutputSpec.Wav wav)
        {
            final Path file = wav.path().toAbsolutePath();
            final Path dir = file.getParent();
            if (Files.isDirectory(file))
            {
                throw new IllegalArgumentException("--out wav:" + wav.path() + ": is a directory");
            }
            if (null == dir || !Files.isDirectory(dir))
            {
                throw new IllegalArgumentException("--out wav:" + wav.path() + ": no such directory " + dir);
            }
            if (!Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file))
            {
                throw new IllegalArgumentException("--out wav:" + wav.path() + ": permission denied");
            }
        }
    }

    /**
     * A named mixer ({@code javasound:NAME}) must exist, as {@code aplay -D NAME} fails on an unknown device; only
     * the default output falls back to the null sink.
     */
    private static void checkMixerExists(final OutputSpec out)
    {
        if (out instanceof OutputSpec.JavaSound js && null != js.mixer())
        {
            final List<String> names = new ArrayList<>();
            for (final MixerDescription m : JavaSoundSink.listOutputMixers())
            {
                if (m.name().contains(js.mixer()))
                {
                    return;
                }
                names.add("'" + m.name() + "'");
            }
            throw new IllegalArgumentException("--out javasound:" + js.mixer() + ": no output mixer named like '"
                + js.mixer() + "'" + (names.isEmpty() ? "; Java sees no sound output on this machine"
                : "; the output mixers are " + String.join(", ", names)) + " (see './play devices')");
        }
    }

    private Scenario scenario()
    {
        if (plays < 1)
        {
            throw new IllegalArgumentException("--plays must be at least 1: " + plays);
        }
        if (suspendBeforePlay < 0 || suspendBeforePlay > plays)
        {
            throw new IllegalArgumentException("--suspend-before-play must be between 1 and --plays (" + plays
                + "), or 0 for none: " + suspendBeforePlay);
        }
        return new Scenario(idleBefore.toNanos(), idleAfter.toNanos(), plays, suspendBeforePlay,
            suspendFor.toNanos(), idleAfterResume.toNanos(), 0);
    }

    private long startThresholdFrames()
    {
        if ("buffer".equalsIgnoreCase(startThreshold.trim()))
        {
            return PlayOptions.START_AT_BUFFER;
        }
        try
        {
            final long frames = Long.parseLong(startThreshold.trim());
            if (frames >= 1)
            {
                return frames;
            }
        }
        catch (final NumberFormatException e)
        {
            // reported below
        }
        throw new IllegalArgumentException("--start-threshold must be a positive number of frames or 'buffer': '"
            + startThreshold + "'");
    }

    /**
     * Plays the file.
     *
     * @return the exit status.
     * @throws Exception an {@link InputException} (status 3) or any other failure (status 1).
     */
    @Override
    public Integer call() throws Exception
    {
        final PlayOptions options = options();
        try
        {
            // the output is checked when the run starts, not when a tool only parses the options
            checkWritable(options.out());
            checkMixerExists(options.out());
        }
        catch (final IllegalArgumentException e)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (AudioSource decoder = InputFiles.open(options.input()))
        {
            if (!options.quiet())
            {
                err.println(String.format(Locale.ROOT, "Playing %s: %s, %s%s", options.input(), decoder.describe(),
                    decoder.totalFrames() < 0 ? "unknown length"
                        : String.format(Locale.ROOT, "%.2f s", (double)decoder.totalFrames() / decoder.sampleRate()),
                    decoder instanceof Mp3Decoder mp3 && mp3.gaplessInfo()
                        ? String.format(Locale.ROOT, ", gapless (delay %d, padding %d)", mp3.encoderDelayFrames(),
                        mp3.paddingFrames()) : ""));
            }
            final ProgressListener progress = TerminalProgress.forTerminal(options.quiet(),
                options.input().getFileName().toString(), decoder.sampleRate());
            final RunResult result = playback.play(options, decoder, progress);
            if (null != options.report())
            {
                final Report.Input in = new Report.Input(options.input().toString(), decoder.sampleRate(),
                    decoder.channels(), decoder.framesDecoded());
                ReportWriter.write(options.report(), result.toReport(in), result.faults());
            }
            if (!options.quiet())
            {
                err.println(PlaySummary.line(options.input().getFileName().toString(), decoder.sampleRate(), result));
            }
            if (null != result.failure())
            {
                err.println("play: " + result.failure());
                return EXIT_FAILURE;
            }
            if (options.failOnGlitch() && result.glitchDetected())
            {
                err.println(String.format(Locale.ROOT, "play: glitch detected: %d frames lost, %d duplicated, "
                    + "%d underruns", result.probe().framesLost(), result.probe().framesDuplicated(),
                    result.output().underruns()) + (result.glitches().enabled()
                    ? String.format(Locale.ROOT, ", %d glitches found by the detectors %s",
                        result.glitches().count(), result.glitches().detectors())
                    : ""));
                return EXIT_GLITCH;
            }
            return EXIT_OK;
        }
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider
    {
        /** {@inheritDoc} */
        @Override
        public String[] getVersion()
        {
            final String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"play (Azalia) " + (null == v ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}

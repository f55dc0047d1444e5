package dev.azalia.testbed;

import dev.azalia.link.AudioSink;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.machine.Scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The assembled pipeline as a library: the emulated machine (PCI bus, HD-Audio controller, codec, driver, sound
 * core), an {@code aplay}-like application thread writing a source into the PCM, the link's Disruptor ring carrying
 * the codec's output to a sink, the frame-sequence probe and, when asked, the glitch detectors and the latency
 * probes, with BAR moves, mixer traffic, jack events or a hot-unplug disturbing it. Describe a run with
 * {@link #builder()}, play it with {@link #run()}:
 *
 * <pre>{@code
 * try (Testbed bed = Testbed.builder().codec("laptop").policy("live").buffer(2, 64)
 *         .barMovesEvery(Duration.ofMillis(10)).jackEvents().detectGlitches().build())
 * {
 *     RunResult result = bed.run();
 * }
 * }</pre>
 *
 * <p>A real-clock run can also be started in the background with {@link #start()}, acted on while it plays (a BAR
 * move per benchmark invocation) and stopped for its result: see {@link TestbedSession}.
 *
 * <p>Threading: {@link #run()} runs on the calling thread (the application thread; on the virtual clock it also runs
 * the machine) and starts the link's handler threads and, on the real clock, the card's device threads; all of
 * them are stopped before it returns; {@link #close()} ends a real-clock run another thread is still in (by
 * hot-unplugging its card) and refuses further runs. Runs
 * do not share state: each boots its own machine, so one testbed may run again, and testbeds may run in parallel.
 */
public final class Testbed implements AutoCloseable
{
    private final TestbedConfig config;
    private volatile TestbedRun current;
    private volatile boolean closed;

    private Testbed(final TestbedConfig config)
    {
        this.config = config;
    }

    /**
     * A builder whose defaults play: a 1 s sine at 48 kHz stereo through the QEMU codec on an ICH9 controller,
     * policy {@code live}, 4 x 1024 frames, the virtual clock, the null sink, nothing disturbing, no detectors.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * A testbed for a configuration made elsewhere (e.g. from a command line).
     *
     * @param config the run's description.
     * @return the testbed.
     */
    public static Testbed of(final TestbedConfig config)
    {
        return new Testbed(Objects.requireNonNull(config, "config"));
    }

    /**
     * The run's description.
     *
     * @return the configuration.
     */
    public TestbedConfig config()
    {
        return config;
    }

    /**
     * Plays the source once through a freshly booted machine and measures it. A card that fails part-way (a stuck
     * stream, a hot-unplug, a dead link) still returns a result, with {@link RunResult#failure()} saying why.
     *
     * @return every figure of the run.
     * @throws dev.azalia.decode.InputException (one line) when the source or a codec dump cannot be read, or the
     *                                          source cannot be converted to what the codec takes.
     * @throws java.io.IOException              when a trace file cannot be written.
     * @throws IllegalStateException            when the card does not come up, or the testbed is closed.
     * @throws Exception                        when the application thread is interrupted.
     */
    public RunResult run() throws Exception
    {
        if (closed)
        {
            throw new IllegalStateException("the testbed is closed");
        }
        final TestbedRun run = new TestbedRun(config);
        current = run;
        try
        {
            return run.play();
        }
        finally
        {
            current = null;
        }
    }

    /**
     * Starts the run on the real clock in the background and returns once it plays, for a caller that acts on the
     * card while it plays (a BAR move per JMH invocation): see {@link TestbedSession}. {@link #close()} ends it too.
     *
     * @return the playing session; stop it for its result.
     * @throws IllegalStateException when the testbed is closed or runs on the virtual clock (whose machine only the
     *                               run's own thread may drive), or the run ends before it plays.
     * @throws Exception             as {@link #run()}.
     */
    public TestbedSession start() throws Exception
    {
        if (closed)
        {
            throw new IllegalStateException("the testbed is closed");
        }
        if (config.virtual())
        {
            throw new IllegalStateException("a session plays on the real clock; on the virtual clock the run's own"
                + " thread drives the machine: use run() with disturbances");
        }
        final TestbedRun run = new TestbedRun(config);
        current = run;
        return TestbedSession.start(run, () -> current = null);
    }

    /**
     * Refuses further runs and ends a real-clock run in progress on another thread (its result then says the device
     * disconnected); a virtual-clock run finishes by itself. Idempotent.
     */
    @Override
    public void close()
    {
        closed = true;
        final TestbedRun run = current;
        if (null != run)
        {
            run.abort();
        }
    }

    /**
     * Describes a run. Not thread-safe; every method returns this builder.
     */
    public static final class Builder
    {
        private static final double DEFAULT_TONE_HZ = 997;
        private static final int DEFAULT_RATE = 48_000;

        private SourceSpec source = SourceSpec.sine(DEFAULT_TONE_HZ, DEFAULT_RATE, 2, Duration.ofSeconds(1));
        private SinkSpec sink = SinkSpec.nullSink();
        private ClockMode clock = ClockMode.VIRTUAL;
        private int periods = 4;
        private int periodFrames = 1024;
        private String policy = "live";
        private String controller = "ich9";
        private CodecSpec codec = CodecSpec.DEFAULT;
        private boolean codecClockStop;
        private Disturbances disturbances = Disturbances.none();
        private boolean detect;
        private Scenario scenario = Scenario.single();
        private long startThresholdFrames = TestbedConfig.START_AT_BUFFER;
        private boolean convert = true;
        private Path mmiotrace;
        private Path verbtrace;
        private PrintStream kernelLogEcho;
        private PrintStream warnings = System.err;
        private boolean quiet;
        private UnaryOperator<MachineConfig> machineOptions = UnaryOperator.identity();
        private Consumer<Machine> afterBoot = m ->
        {
        };
        private ProgressListener progress = ProgressListener.silent();
        private Consumer<RunTimeline> timeline;
        private PeriodObserver periodObserver;

        private Builder()
        {
        }

        /**
         * What plays.
         *
         * @param spec a file, a generated tone, or a caller's source.
         * @return this.
         */
        public Builder source(final SourceSpec spec)
        {
            this.source = Objects.requireNonNull(spec, "source");
            return this;
        }

        /**
         * Plays an MP3 or WAV file.
         *
         * @param file the file.
         * @return this.
         */
        public Builder source(final Path file)
        {
            return source(SourceSpec.file(file));
        }

        /**
         * Where the audio goes.
         *
         * @param spec null, WAV, Java Sound, or a caller's sink.
         * @return this.
         */
        public Builder sink(final SinkSpec spec)
        {
            this.sink = Objects.requireNonNull(spec, "sink");
            return this;
        }

        /**
         * Sends the audio to a caller's sink.
         *
         * @param audioSink the sink; the run closes it.
         * @return this.
         */
        public Builder sink(final AudioSink audioSink)
        {
            return sink(SinkSpec.of(audioSink));
        }

        /**
         * The clock.
         *
         * @param mode virtual (the default) or real.
         * @return this.
         */
        public Builder clock(final ClockMode mode)
        {
            this.clock = Objects.requireNonNull(mode, "clock");
            return this;
        }

        /**
         * The PCM buffer.
         *
         * @param count      periods, at least 2.
         * @param frames     frames per period, positive.
         * @return this.
         */
        public Builder buffer(final int count, final int frames)
        {
            this.periods = count;
            this.periodFrames = frames;
            return this;
        }

        /**
         * The BAR-move quiesce policy.
         *
         * @param name one of {@link TestbedConfig#POLICIES}.
         * @return this.
         */
        public Builder policy(final String name)
        {
            this.policy = name;
            return this;
        }

        /**
         * The controller's identity.
         *
         * @param name one of {@link TestbedConfig#CONTROLLERS}.
         * @return this.
         */
        public Builder controller(final String name)
        {
            this.controller = name;
            return this;
        }

        /**
         * The codec: a built-in name ({@code qemu}, {@code laptop}, {@code desktop}, ...) or a dump file's path.
         *
         * @param nameOrDump the name or path, optionally {@code PATH#INDEX}.
         * @return this.
         */
        public Builder codec(final String nameOrDump)
        {
            return codec(new CodecSpec(nameOrDump, java.util.OptionalInt.empty()));
        }

        /**
         * The codec with a listened pin.
         *
         * @param spec the codec.
         * @return this.
         */
        public Builder codec(final CodecSpec spec)
        {
            this.codec = Objects.requireNonNull(spec, "codec");
            return this;
        }

        /**
         * Whether the QEMU codec advertises EPSS and CLKSTOP.
         *
         * @param on the flag.
         * @return this.
         */
        public Builder codecClockStop(final boolean on)
        {
            this.codecClockStop = on;
            return this;
        }

        /**
         * Every disturbance at once.
         *
         * @param all the disturbances.
         * @return this.
         */
        public Builder disturbances(final Disturbances all)
        {
            this.disturbances = Objects.requireNonNull(all, "disturbances");
            return this;
        }

        /**
         * Moves the card's BAR at an interval while it plays.
         *
         * @param every the interval, positive.
         * @return this.
         */
        public Builder barMovesEvery(final Duration every)
        {
            return disturbances(disturbances.withBarMovesEvery(every));
        }

        /**
         * Runs mixer gets and puts while it plays.
         *
         * @return this.
         */
        public Builder mixerTraffic()
        {
            return disturbances(disturbances.withMixerTraffic(true));
        }

        /**
         * Injects jack events while it plays.
         *
         * @return this.
         */
        public Builder jackEvents()
        {
            return disturbances(disturbances.withJackEvents(true));
        }

        /**
         * Hot-unplugs the card.
         *
         * @param after when, after boot.
         * @return this.
         */
        public Builder unplugAfter(final Duration after)
        {
            return disturbances(disturbances.withUnplugAfter(after));
        }

        /**
         * Runs the glitch detectors (reference and silence) on the link.
         *
         * @return this.
         */
        public Builder detectGlitches()
        {
            return detectGlitches(true);
        }

        /**
         * Whether the glitch detectors run.
         *
         * @param on the flag.
         * @return this.
         */
        public Builder detectGlitches(final boolean on)
        {
            this.detect = on;
            return this;
        }

        /**
         * The run's sequence of idle times, plays and suspends.
         *
         * @param sequence the scenario ({@link Scenario#single()} by default).
         * @return this.
         */
        public Builder scenario(final Scenario sequence)
        {
            this.scenario = Objects.requireNonNull(sequence, "scenario");
            return this;
        }

        /**
         * The PCM start threshold.
         *
         * @param frames at least 1, or {@link TestbedConfig#START_AT_BUFFER}.
         * @return this.
         */
        public Builder startThresholdFrames(final long frames)
        {
            this.startThresholdFrames = frames;
            return this;
        }

        /**
         * Whether an input the codec cannot take is converted (the default) or refused.
         *
         * @param on the flag.
         * @return this.
         */
        public Builder convert(final boolean on)
        {
            this.convert = on;
            return this;
        }

        /**
         * Writes an mmiotrace of every MMIO access.
         *
         * @param file the file, or null for none.
         * @return this.
         */
        public Builder mmiotrace(final Path file)
        {
            this.mmiotrace = file;
            return this;
        }

        /**
         * Writes the verb trace (the driver's tracepoints in ftrace format).
         *
         * @param file the file, or null for none.
         * @return this.
         */
        public Builder verbtrace(final Path file)
        {
            this.verbtrace = file;
            return this;
        }

        /**
         * Echoes the kernel log as it is written.
         *
         * @param out where, or null for nowhere (the result holds the log anyway).
         * @return this.
         */
        public Builder echoKernelLog(final PrintStream out)
        {
            this.kernelLogEcho = out;
            return this;
        }

        /**
         * Where one-line warnings and notes go (stderr by default).
         *
         * @param out the stream.
         * @return this.
         */
        public Builder warnings(final PrintStream out)
        {
            this.warnings = Objects.requireNonNull(out, "warnings");
            return this;
        }

        /**
         * Leaves notes (e.g. that the input is converted) out; warnings remain.
         *
         * @param on the flag.
         * @return this.
         */
        public Builder quiet(final boolean on)
        {
            this.quiet = on;
            return this;
        }

        /**
         * Adjusts the machine's configuration beyond what the builder says.
         *
         * @param options applied last.
         * @return this.
         */
        public Builder machineOptions(final UnaryOperator<MachineConfig> options)
        {
            this.machineOptions = Objects.requireNonNull(options, "machineOptions");
            return this;
        }

        /**
         * Injects device faults ({@link Faults#inject(long, String...)}), after the machine options set so far.
         *
         * @param seed  the plan's seed.
         * @param specs the faults, e.g. {@code "lost-irq:1/8"}.
         * @return this.
         * @throws IllegalArgumentException for a bad spec.
         */
        public Builder faults(final long seed, final String... specs)
        {
            final UnaryOperator<MachineConfig> before = machineOptions;
            final UnaryOperator<MachineConfig> inject = Faults.inject(seed, specs);
            this.machineOptions = config -> inject.apply(before.apply(config));
            return this;
        }

        /**
         * A hook on the booted machine, called once the card is up and before the stream opens (a test's own
         * disturbance).
         *
         * @param hook the hook.
         * @return this.
         */
        public Builder afterBoot(final Consumer<Machine> hook)
        {
            this.afterBoot = Objects.requireNonNull(hook, "afterBoot");
            return this;
        }

        /**
         * Told about progress on the running thread.
         *
         * @param listener the listener.
         * @return this.
         */
        public Builder progress(final ProgressListener listener)
        {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        /**
         * Records the output level and hands the run's timeline over at its end.
         *
         * @param observer the observer, or null for none.
         * @return this.
         */
        public Builder timeline(final Consumer<RunTimeline> observer)
        {
            this.timeline = observer;
            return this;
        }

        /**
         * Told of every period's IOC and {@code periodElapsed} times, on the interrupt thread (raw nanoseconds).
         *
         * @param observer the observer, or null for none.
         * @return this.
         */
        public Builder periodObserver(final PeriodObserver observer)
        {
            this.periodObserver = observer;
            return this;
        }

        /**
         * The configuration as described so far.
         *
         * @return the configuration.
         * @throws IllegalArgumentException when a value is out of range.
         */
        public TestbedConfig config()
        {
            return new TestbedConfig(source, sink, clock, periods, periodFrames, policy, controller, codec,
                codecClockStop, disturbances, detect, scenario, startThresholdFrames, convert, mmiotrace, verbtrace,
                kernelLogEcho, warnings, quiet, machineOptions, afterBoot, progress, timeline, periodObserver);
        }

        /**
         * The testbed.
         *
         * @return a testbed that runs this configuration.
         * @throws IllegalArgumentException when a value is out of range.
         */
        public Testbed build()
        {
            return new Testbed(config());
        }
    }
}

package dev.azalia.player;

import dev.azalia.hda.FaultPlan;
import dev.azalia.hda.FaultSpec;
import dev.azalia.machine.Scenario;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.CodecSpec;
import dev.azalia.testbed.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the command line says about one playback. Immutable; built by {@link Main} and handed to a
 * {@link Playback}. Nullable components are noted; paths are as the user gave them, relative to the working
 * directory.
 *
 * @param input         the MP3 or WAV file (16-bit PCM; told apart by content).
 * @param out           where the audio goes ({@code --out}, default {@link OutputSpec.Default}).
 * @param clock         what paces playback ({@code --clock}; default real, virtual for {@code wav:}).
 * @param periodFrames  frames per period of the emulated stream ({@code --period}, default 1024).
 * @param periods       periods in the ring buffer ({@code --periods}, default 4).
 * @param mmiotrace     where to write an mmiotrace of every MMIO access, or null.
 * @param report        where to write the JSON report, or null.
 * @param log           whether to echo the kernel log to stderr ({@code --log}).
 * @param quiet         whether to print nothing but errors and warnings ({@code --quiet}).
 * @param policy        the BAR-move quiesce policy ({@code --policy}, default {@code live}).
 * @param barMoveEvery  how often the PCI core moves the card's BAR, or null for never.
 * @param barMoves      how many BAR moves at most: {@link #UNLIMITED} (-1, the default) for no limit, 0 for none.
 * @param mixerTraffic  whether to run mixer control get/put traffic during playback.
 * @param jackEvents    whether to inject jack (pin sense) events during playback.
 * @param detect        whether to run the glitch detectors.
 * @param failOnGlitch  whether a detected glitch makes the player exit with status 4.
 * @param plot          where to write a latency plot (PNG), or null.
 * @param unplugAfter   when to hot-unplug the card, or null for never.
 * @param verbtrace     where to write the verb trace (the driver's tracepoints in ftrace format), or null.
 * @param scenario      the run's sequence ({@code --idle-before}, {@code --plays}, {@code --idle-after},
 *                      {@code --suspend-before-play}, {@code --suspend-for}); {@link Scenario#single()} by default.
 * @param startThresholdFrames the PCM start threshold in frames ({@code --start-threshold}), or
 *                      {@link #START_AT_BUFFER} for the buffer size (the default, and what {@code aplay} uses).
 * @param controller    the emulated controller's identity ({@code --controller}: {@code ich9}, {@code pch},
 *                      {@code amd-hdmi}), which decides the driver's capabilities as Linux's {@code azx_ids} does.
 * @param codecClockStop whether the codec advertises EPSS and CLKSTOP ({@code --codec-clock-stop}): Linux then lets the
 *                      link go down at codec suspend, and a runtime-PM controller suspends when idle.
 * @param convert       whether an input the codec cannot take is converted (the default, as alsa-lib's {@code plug}
 *                      for {@code default}); false for {@code --no-convert} (as {@code hw:}), which refuses it.
 * @param codec         the codec on the link ({@code --codec}, {@code --listen-pin}); {@link CodecSpec#DEFAULT}.
 * @param faults        the device faults to inject ({@code --fault}, repeatable; see {@link FaultSpec}); empty for none.
 * @param faultSeed     the fault plan's seed ({@code --fault-seed}, default 0).
 * @param enableMsi     {@code snd_hda_intel}'s {@code enable_msi} ({@code --enable-msi}): -1 (the default) uses MSI
 *                      unless the controller's identity forbids it, 0 forces the shared INTx line, 1 forces MSI.
 */
public record PlayOptions(Path input, OutputSpec out, ClockMode clock, int periodFrames, int periods, Path mmiotrace,
                          Path report, boolean log, boolean quiet, String policy, Duration barMoveEvery,
                          int barMoves, boolean mixerTraffic, boolean jackEvents, boolean detect,
                          boolean failOnGlitch, Path plot, Duration unplugAfter, Path verbtrace, Scenario scenario,
                          long startThresholdFrames, String controller, boolean codecClockStop, boolean convert,
                          CodecSpec codec, List<String> faults, long faultSeed, int enableMsi)
{
    /** {@code --start-threshold buffer}: start once the buffer is full (the default). */
    public static final long START_AT_BUFFER = -1;

    /** Default {@code --period} in frames. */
    public static final int DEFAULT_PERIOD_FRAMES = 1024;

    /** Default {@code --periods}. */
    public static final int DEFAULT_PERIODS = 4;

    /** Default {@code --controller}: the ICH9 function Linux was captured on. */
    public static final String DEFAULT_CONTROLLER = "ich9";

    /** The controller identities {@code --controller} accepts. */
    public static final List<String> CONTROLLERS = List.of("ich9", "pch", "amd-hdmi");

    /** Default {@code --policy}. */
    public static final String DEFAULT_POLICY = "live";

    /** {@code --bar-moves} value meaning no limit (the default). */
    public static final int UNLIMITED = -1;

    /**
     * The quiesce policies the player accepts for {@code --policy}: {@code suspend} is Azalia's full-resume extension,
     * {@code suspend-linux} the Linux baseline (ESTRPIPE, re-prepare, buffered audio dropped).
     */
    public static final List<String> POLICIES = List.of("naive", "rwsem", "suspend", "suspend-linux", "fixed",
        "live");

    /**
     * Checks the components.
     *
     * @param input        the MP3 file; not null.
     * @param out          the output; not null.
     * @param clock        the clock mode; not null.
     * @param periodFrames positive.
     * @param periods      at least 2.
     * @param mmiotrace    nullable.
     * @param report       nullable.
     * @param log          echo the kernel log.
     * @param quiet        print nothing but errors and warnings.
     * @param policy       one of {@link #POLICIES}.
     * @param barMoveEvery positive, or null.
     * @param barMoves     {@link #UNLIMITED} or at least 0.
     * @param mixerTraffic mixer traffic.
     * @param jackEvents   jack events.
     * @param detect       glitch detection.
     * @param failOnGlitch exit 4 on a glitch.
     * @param plot         nullable.
     * @param unplugAfter  positive, or null.
     * @param verbtrace    nullable.
     * @param scenario     not null.
     * @param startThresholdFrames {@link #START_AT_BUFFER} or at least 1.
     * @param controller   one of {@link #CONTROLLERS}.
     * @param codecClockStop EPSS and CLKSTOP.
     * @param convert      convert what the codec cannot take.
     * @param codec        the codec; not null.
     * @throws IllegalArgumentException when a value is out of range.
     */
    public PlayOptions
    {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(codec, "codec");
        if (codecClockStop && !codec.isDefaultModel())
        {
            throw new IllegalArgumentException("--codec-clock-stop applies to the qemu codec only; a dump's codec "
                + "advertises EPSS and CLKSTOP as its dump says");
        }
        Objects.requireNonNull(scenario, "scenario");
        if (!CONTROLLERS.contains(controller))
        {
            throw new IllegalArgumentException("unknown controller '" + controller + "' (expected one of "
                + String.join(", ", CONTROLLERS) + ")");
        }
        if (START_AT_BUFFER != startThresholdFrames && startThresholdFrames < 1)
        {
            throw new IllegalArgumentException("--start-threshold must be a positive number of frames or 'buffer': "
                + startThresholdFrames);
        }
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
        BufferLimits.check(periodFrames, periods);
        if (!POLICIES.contains(policy))
        {
            throw new IllegalArgumentException("unknown policy '" + policy + "' (expected one of "
                + String.join(", ", POLICIES) + ")");
        }
        if (null != barMoveEvery && (barMoveEvery.isNegative() || barMoveEvery.isZero()))
        {
            throw new IllegalArgumentException("--bar-move-every must be positive: " + Durations.format(barMoveEvery));
        }
        if (barMoves < UNLIMITED)
        {
            throw new IllegalArgumentException("--bar-moves must be -1 (unlimited) or at least 0: " + barMoves);
        }
        if (null != unplugAfter && (unplugAfter.isNegative() || unplugAfter.isZero()))
        {
            throw new IllegalArgumentException("--unplug-after must be positive: " + Durations.format(unplugAfter));
        }
        if (enableMsi < -1 || enableMsi > 1)
        {
            throw new IllegalArgumentException("--enable-msi must be -1 (the controller decides), 0 (INTx) or 1"
                + " (MSI): " + enableMsi);
        }
        faults = List.copyOf(faults);
        try
        {
            FaultPlan.parse(faultSeed, faults);
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException("--fault: " + e.getMessage(), e);
        }
    }

    /**
     * The options without injected faults.
     *
     * @param input         the input file.
     * @param out           the output.
     * @param clock         the clock mode.
     * @param periodFrames  positive.
     * @param periods       at least 2.
     * @param mmiotrace     nullable.
     * @param report        nullable.
     * @param log           echo the kernel log.
     * @param quiet         print nothing but errors and warnings.
     * @param policy        one of {@link #POLICIES}.
     * @param barMoveEvery  positive, or null.
     * @param barMoves      {@link #UNLIMITED} or at least 0.
     * @param mixerTraffic  mixer traffic.
     * @param jackEvents    jack events.
     * @param detect        glitch detection.
     * @param failOnGlitch  exit 4 on a glitch.
     * @param plot          nullable.
     * @param unplugAfter   positive, or null.
     * @param verbtrace     nullable.
     * @param scenario      not null.
     * @param startThresholdFrames {@link #START_AT_BUFFER} or at least 1.
     * @param controller    one of {@link #CONTROLLERS}.
     * @param codecClockStop EPSS and CLKSTOP.
     * @param convert       convert what the codec cannot take.
     * @param codec         the codec; not null.
     */
    public PlayOptions(final Path input, final OutputSpec out, final ClockMode clock, final int periodFrames,
        final int periods, final Path mmiotrace, final Path report, final boolean log, final boolean quiet,
        final String policy, final Duration barMoveEvery, final int barMoves, final boolean mixerTraffic,
        final boolean jackEvents, final boolean detect, final boolean failOnGlitch, final Path plot,
        final Duration unplugAfter, final Path verbtrace, final Scenario scenario, final long startThresholdFrames,
        final String controller, final boolean codecClockStop, final boolean convert, final CodecSpec codec)
    {
        this(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy, barMoveEvery, barMoves,
            mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, verbtrace, scenario,
            startThresholdFrames, controller, codecClockStop, convert, codec, List.of(), 0, -1);
    }

    /**
     * The same options with device faults injected.
     *
     * @param specs the faults, as {@code --fault} takes them.
     * @param seed  the plan's seed.
     * @return a copy.
     * @throws IllegalArgumentException for a bad spec: {@code --fault: bad fault "...": why}.
     */
    public PlayOptions withFaults(final List<String> specs, final long seed)
    {
        return new PlayOptions(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy,
            barMoveEvery, barMoves, mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, verbtrace,
            scenario, startThresholdFrames, controller, codecClockStop, convert, codec, specs, seed, enableMsi);
    }

    /**
     * The same options with another {@code enable_msi}.
     *
     * @param value -1, 0 or 1.
     * @return a copy.
     * @throws IllegalArgumentException for another value, in one line.
     */
    public PlayOptions withEnableMsi(final int value)
    {
        return new PlayOptions(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy,
            barMoveEvery, barMoves, mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, verbtrace,
            scenario, startThresholdFrames, controller, codecClockStop, convert, codec, faults, faultSeed, value);
    }

    /**
     * The options with conversion on (the default).
     *
     * @param input         the input file.
     * @param out           the output.
     * @param clock         the clock mode.
     * @param periodFrames  positive.
     * @param periods       at least 2.
     * @param mmiotrace     nullable.
     * @param report        nullable.
     * @param log           echo the kernel log.
     * @param quiet         print nothing but errors and warnings.
     * @param policy        one of {@link #POLICIES}.
     * @param barMoveEvery  positive, or null.
     * @param barMoves      {@link #UNLIMITED} or at least 0.
     * @param mixerTraffic  mixer traffic.
     * @param jackEvents    jack events.
     * @param detect        glitch detection.
     * @param failOnGlitch  exit 4 on a glitch.
     * @param plot          nullable.
     * @param unplugAfter   positive, or null.
     * @param verbtrace     nullable.
     * @param scenario      not null.
     * @param startThresholdFrames {@link #START_AT_BUFFER} or at least 1.
     * @param controller    one of {@link #CONTROLLERS}.
     * @param codecClockStop EPSS and CLKSTOP.
     */
    public PlayOptions(final Path input, final OutputSpec out, final ClockMode clock, final int periodFrames,
        final int periods, final Path mmiotrace, final Path report, final boolean log, final boolean quiet,
        final String policy, final Duration barMoveEvery, final int barMoves, final boolean mixerTraffic,
        final boolean jackEvents, final boolean detect, final boolean failOnGlitch, final Path plot,
        final Duration unplugAfter, final Path verbtrace, final Scenario scenario, final long startThresholdFrames,
        final String controller, final boolean codecClockStop)
    {
        this(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy, barMoveEvery, barMoves,
            mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, verbtrace, scenario,
            startThresholdFrames, controller, codecClockStop, true, CodecSpec.DEFAULT);
    }

    /**
     * The options without the verb trace and the scenario: one play, the start threshold at the buffer size.
     *
     * @param input        the input file.
     * @param out          the output.
     * @param clock        the clock mode.
     * @param periodFrames positive.
     * @param periods      at least 2.
     * @param mmiotrace    nullable.
     * @param report       nullable.
     * @param log          echo the kernel log.
     * @param quiet        print nothing but errors and warnings.
     * @param policy       one of {@link #POLICIES}.
     * @param barMoveEvery positive, or null.
     * @param barMoves     {@link #UNLIMITED} or at least 0.
     * @param mixerTraffic mixer traffic.
     * @param jackEvents   jack events.
     * @param detect       glitch detection.
     * @param failOnGlitch exit 4 on a glitch.
     * @param plot         nullable.
     * @param unplugAfter  positive, or null.
     */
    public PlayOptions(final Path input, final OutputSpec out, final ClockMode clock, final int periodFrames,
        final int periods, final Path mmiotrace, final Path report, final boolean log, final boolean quiet,
        final String policy, final Duration barMoveEvery, final int barMoves, final boolean mixerTraffic,
        final boolean jackEvents, final boolean detect, final boolean failOnGlitch, final Path plot,
        final Duration unplugAfter)
    {
        this(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy, barMoveEvery, barMoves,
            mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, null, Scenario.single(),
            START_AT_BUFFER, DEFAULT_CONTROLLER, false);
    }

    /**
     * The same options with a scenario, a verb trace and a start threshold (for tools that run the capture's
     * scenario from Java).
     *
     * @param newScenario  the sequence.
     * @param newVerbtrace where the verb trace goes, or null.
     * @param frames       the start threshold, or {@link #START_AT_BUFFER}.
     * @return a copy.
     */
    public PlayOptions withScenario(final Scenario newScenario, final Path newVerbtrace, final long frames)
    {
        return new PlayOptions(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy,
            barMoveEvery, barMoves, mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, newVerbtrace,
            newScenario, frames, controller, codecClockStop, convert, codec, faults, faultSeed, enableMsi);
    }

    /**
     * The same options with another codec.
     *
     * @param newCodec the codec ({@code --codec}, {@code --listen-pin}).
     * @return a copy.
     */
    public PlayOptions withCodec(final CodecSpec newCodec)
    {
        return new PlayOptions(input, out, clock, periodFrames, periods, mmiotrace, report, log, quiet, policy,
            barMoveEvery, barMoves, mixerTraffic, jackEvents, detect, failOnGlitch, plot, unplugAfter, verbtrace,
            scenario, startThresholdFrames, controller, codecClockStop, convert, newCodec, faults, faultSeed, enableMsi);
    }

    /**
     * The options of {@code ./play FILE} with nothing else given.
     *
     * @param input the MP3 file.
     * @return the defaults.
     */
    public static PlayOptions defaults(final Path input)
    {
        return new PlayOptions(input, new OutputSpec.Default(), ClockMode.REAL, DEFAULT_PERIOD_FRAMES,
            DEFAULT_PERIODS, null, null, false, false, DEFAULT_POLICY, null, UNLIMITED, false, false, false, false,
            null, null);
    }

    /**
     * The default clock for an output: virtual for a WAV file (nothing to wait for), real otherwise.
     *
     * @param out the output.
     * @return the clock mode used when {@code --clock} is not given.
     */
    public static ClockMode defaultClock(final OutputSpec out)
    {
        return out instanceof OutputSpec.Wav ? ClockMode.VIRTUAL : ClockMode.REAL;
    }
}

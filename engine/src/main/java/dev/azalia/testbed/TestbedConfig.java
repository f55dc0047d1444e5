package dev.azalia.testbed;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.machine.Scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Everything that describes one run of the testbed. Immutable; built by {@link Testbed.Builder}, whose defaults
 * play: the QEMU codec on an ICH9 controller, policy {@code live}, 4 x 1024 frames, the virtual clock, the null sink,
 * no disturbances, no detectors.
 *
 * @param source          what plays.
 * @param sink            where the audio goes.
 * @param clock           virtual (deterministic, as fast as the CPU allows) or real.
 * @param periods         periods in the PCM buffer, at least 2.
 * @param periodFrames    frames per period, positive.
 * @param policy          the BAR-move quiesce policy, one of {@link #POLICIES}.
 * @param controller      the controller's identity, one of {@link #CONTROLLERS}.
 * @param codec           the codec on the link (built-in or from a dump).
 * @param codecClockStop  whether the codec advertises EPSS and CLKSTOP.
 * @param disturbances    BAR moves, mixer traffic, jack events, hot-unplug.
 * @param detect          whether the glitch detectors (reference and silence) run.
 * @param scenario        the run's sequence of idle times, plays and suspends.
 * @param startThresholdFrames the PCM start threshold, or {@link #START_AT_BUFFER}.
 * @param convert         whether an input the codec cannot take is converted (as alsa-lib's {@code plug}).
 * @param mmiotrace       where the mmiotrace goes, or null.
 * @param verbtrace       where the verb trace goes, or null.
 * @param kernelLogEcho   where the kernel log is echoed as it is written, or null.
 * @param warnings        where one-line warnings and notes go.
 * @param quiet           whether notes (e.g. a conversion) are left out.
 * @param machineOptions  applied last to the machine's configuration.
 * @param afterBoot       called on the running thread once the card is up, before the stream opens.
 * @param progress        told about progress on the running thread.
 * @param timeline        given the run's timeline at its end, or null (the output level is then not recorded).
 * @param periodObserver  told of every period's IOC and {@code periodElapsed} times on the interrupt thread, or null.
 */
public record TestbedConfig(SourceSpec source, SinkSpec sink, ClockMode clock, int periods, int periodFrames,
                            String policy, String controller, CodecSpec codec, boolean codecClockStop,
                            Disturbances disturbances, boolean detect, Scenario scenario, long startThresholdFrames,
                            boolean convert, Path mmiotrace, Path verbtrace, PrintStream kernelLogEcho,
                            PrintStream warnings, boolean quiet, UnaryOperator<MachineConfig> machineOptions,
                            Consumer<Machine> afterBoot, ProgressListener progress, Consumer<RunTimeline> timeline,
                            PeriodObserver periodObserver)
{
    /** Start once the buffer is full (the default, and what {@code aplay} does). */
    public static final long START_AT_BUFFER = -1;

    /**
     * The quiesce policies: {@code suspend} is Azalia's full-resume extension, {@code suspend-linux} the Linux
     * baseline (ESTRPIPE, re-prepare, buffered audio dropped).
     */
    public static final List<String> POLICIES = List.of("naive", "rwsem", "suspend", "suspend-linux", "fixed",
        "live");

    /** The controller identities. */
    public static final List<String> CONTROLLERS = List.of("ich9", "pch", "amd-hdmi");

    /**
     * Checks the components.
     *
     * @throws NullPointerException     when a required component is null.
     * @throws IllegalArgumentException when a value is out of range.
     */
    public TestbedConfig
    {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(disturbances, "disturbances");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(machineOptions, "machineOptions");
        Objects.requireNonNull(afterBoot, "afterBoot");
        Objects.requireNonNull(progress, "progress");
        if (periodFrames <= 0)
        {
            throw new IllegalArgumentException("the period must be a positive number of frames: " + periodFrames);
        }
        if (periods < 2)
        {
            throw new IllegalArgumentException("a buffer needs at least 2 periods: " + periods);
        }
        if (!POLICIES.contains(policy))
        {
            throw new IllegalArgumentException("unknown policy '" + policy + "' (expected one of "
                + String.join(", ", POLICIES) + ")");
        }
        if (!CONTROLLERS.contains(controller))
        {
            throw new IllegalArgumentException("unknown controller '" + controller + "' (expected one of "
                + String.join(", ", CONTROLLERS) + ")");
        }
        if (START_AT_BUFFER != startThresholdFrames && startThresholdFrames < 1)
        {
            throw new IllegalArgumentException("the start threshold must be a positive number of frames or "
                + "START_AT_BUFFER: " + startThresholdFrames);
        }
    }

    /**
     * A configuration without a period observer.
     *
     * @param source               what plays.
     * @param sink                 where the audio goes.
     * @param clock                virtual or real.
     * @param periods              periods in the PCM buffer.
     * @param periodFrames         frames per period.
     * @param policy               the BAR-move quiesce policy.
     * @param controller           the controller's identity.
     * @param codec                the codec on the link.
     * @param codecClockStop       whether the codec advertises EPSS and CLKSTOP.
     * @param disturbances         BAR moves, mixer traffic, jack events, hot-unplug.
     * @param detect               whether the glitch detectors run.
     * @param scenario             the run's sequence of idle times, plays and suspends.
     * @param startThresholdFrames the PCM start threshold, or {@link #START_AT_BUFFER}.
     * @param convert              whether an input the codec cannot take is converted.
     * @param mmiotrace            where the mmiotrace goes, or null.
     * @param verbtrace            where the verb trace goes, or null.
     * @param kernelLogEcho        where the kernel log is echoed, or null.
     * @param warnings             where warnings go.
     * @param quiet                whether notes are left out.
     * @param machineOptions       applied last to the machine's configuration.
     * @param afterBoot            called once the card is up.
     * @param progress             told about progress.
     * @param timeline             given the run's timeline at its end, or null.
     */
    public TestbedConfig(final SourceSpec source, final SinkSpec sink, final ClockMode clock, final int periods,
                         final int periodFrames, final String policy, final String controller, final CodecSpec codec,
                         final boolean codecClockStop, final Disturbances disturbances, final boolean detect,
                         final Scenario scenario, final long startThresholdFrames, final boolean convert,
                         final Path mmiotrace, final Path verbtrace, final PrintStream kernelLogEcho,
                         final PrintStream warnings, final boolean quiet,
                         final UnaryOperator<MachineConfig> machineOptions, final Consumer<Machine> afterBoot,
                         final ProgressListener progress, final Consumer<RunTimeline> timeline)
    {
        this(source, sink, clock, periods, periodFrames, policy, controller, codec, codecClockStop, disturbances,
            detect, scenario, startThresholdFrames, convert, mmiotrace, verbtrace, kernelLogEcho, warnings, quiet,
            machineOptions, afterBoot, progress, timeline, null);
    }

    /**
     * Whether the run is on the virtual clock.
     *
     * @return true for {@link ClockMode#VIRTUAL}.
     */
    public boolean virtual()
    {
        return ClockMode.VIRTUAL == clock;
    }
}

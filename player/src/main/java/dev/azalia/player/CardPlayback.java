package dev.azalia.player;

import dev.azalia.decode.AudioSource;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.Disturbances;
import dev.azalia.testbed.Faults;
import dev.azalia.testbed.ProgressListener;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.RunTimeline;
import dev.azalia.testbed.SinkSpec;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;
import dev.azalia.testbed.TestbedConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Playback through the emulated card: the command line's options as a {@link Testbed} run (which assembles the
 * machine, the link, the sink and the probes), and the {@code --plot} PNG from the run's timeline.
 *
 * <p>Threading: {@link #play} runs on the calling (application) thread.
 */
public final class CardPlayback implements Playback
{
    private final PrintStream err;
    private final UnaryOperator<MachineConfig> machineOptions;
    private final Consumer<Machine> afterBoot;

    /**
     * A playback that warns on {@code err}.
     *
     * @param err where one-line warnings and the echoed kernel log go (stderr).
     */
    public CardPlayback(final PrintStream err)
    {
        this(err, UnaryOperator.identity());
    }

    /**
     * A playback whose machine a tool adjusts beyond what the options say (e.g. a conformance run's codec).
     *
     * @param err            where one-line warnings and the echoed kernel log go (stderr).
     * @param machineOptions applied last to the machine's configuration.
     */
    public CardPlayback(final PrintStream err, final UnaryOperator<MachineConfig> machineOptions)
    {
        this(err, machineOptions, m ->
        {
        });
    }

    /**
     * A playback with a hook on the booted machine (a test's disturbance, e.g. a verb the driver would not send).
     *
     * @param err            where one-line warnings and the echoed kernel log go (stderr).
     * @param machineOptions applied last to the machine's configuration.
     * @param afterBoot      called on the playing thread once the card is up, before the stream opens.
     */
    CardPlayback(final PrintStream err, final UnaryOperator<MachineConfig> machineOptions,
        final Consumer<Machine> afterBoot)
    {
        this.err = err;
        this.machineOptions = machineOptions;
        this.afterBoot = afterBoot;
    }

    /** {@inheritDoc} */
    @Override
    public RunResult play(final PlayOptions options, final AudioSource file, final ProgressListener listener)
        throws Exception
    {
        if (ClockMode.VIRTUAL != options.clock())
        {
            return run(config(options, file, listener));
        }
        // on the virtual clock the machine runs as fast as the CPU allows: decoding on a second core overlaps it
        try (DecodeAheadSource ahead = new DecodeAheadSource(file))
        {
            return run(config(options, ahead, listener));
        }
    }

    private static RunResult run(final TestbedConfig config) throws Exception
    {
        try (Testbed bed = Testbed.of(config))
        {
            return bed.run();
        }
        catch (final UncheckedIOException e)
        {
            throw e.getCause();
        }
    }

    /**
     * The testbed run the options describe.
     *
     * @param options  the command line.
     * @param file     the decoded input (the caller closes it).
     * @param listener the progress display.
     * @return the run's configuration.
     */
    TestbedConfig config(final PlayOptions options, final AudioSource file, final ProgressListener listener)
    {
        return new TestbedConfig(SourceSpec.of(options.input().toString(), () -> file), sink(options.out()),
            options.clock(), options.periods(), options.periodFrames(), options.policy(), options.controller(),
            options.codec(), options.codecClockStop(),
            Disturbances.none().withBarMovesEvery(options.barMoveEvery()).withBarMoveLimit(options.barMoves())
                .withMixerTraffic(options.mixerTraffic()).withJackEvents(options.jackEvents())
                .withUnplugAfter(options.unplugAfter()),
            options.detect(), options.scenario(), options.startThresholdFrames(), options.convert(),
            options.mmiotrace(), options.verbtrace(), options.log() ? err : null, err, options.quiet(),
            faults(options), afterBoot, listener, null == options.plot() ? null : t -> plot(options, t));
    }

    /**
     * The machine options with {@code --enable-msi} and the {@code --fault} plan applied first (a fresh plan for each
     * machine).
     */
    private UnaryOperator<MachineConfig> faults(final PlayOptions options)
    {
        final UnaryOperator<MachineConfig> msi = options.enableMsi() < 0 ? UnaryOperator.identity()
            : config -> config.withDriverConfig(config.driverConfig().withEnableMsi(options.enableMsi()));
        if (options.faults().isEmpty())
        {
            return config -> machineOptions.apply(msi.apply(config));
        }
        final UnaryOperator<MachineConfig> inject = Faults.inject(options.faultSeed(),
            options.faults().toArray(new String[0]));
        return config -> machineOptions.apply(inject.apply(msi.apply(config)));
    }

    private static SinkSpec sink(final OutputSpec out)
    {
        if (out instanceof OutputSpec.Wav w)
        {
            return SinkSpec.wav(w.path());
        }
        if (out instanceof OutputSpec.Null)
        {
            return SinkSpec.nullSink();
        }
        return new SinkSpec.JavaSound(out instanceof OutputSpec.JavaSound js ? js.mixer() : null);
    }

    private static void plot(final PlayOptions options, final RunTimeline t)
    {
        try
        {
            LatencyPlot.write(options.plot(), String.format(Locale.ROOT, "%s, %d x %d frames, policy %s, %s clock",
                options.input().getFileName(), options.periods(), options.periodFrames(), options.policy(),
                ClockMode.VIRTUAL == options.clock() ? "virtual" : "real"), t.probes(),
                new LatencyPlot.Timeline(t.startNanos(), t.level(), t.moves(), t.xrunNanos()));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}

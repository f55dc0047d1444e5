package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.driver.AzxChip;
import dev.azalia.driver.AzxConfig;
import dev.azalia.driver.AzxIdentity;
import dev.azalia.driver.AzxStream;
import dev.azalia.driver.PcmCapabilities;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.FaultKind;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.link.AudioSink;
import dev.azalia.link.ConsumerMode;
import dev.azalia.link.FrameSequenceProbe;
import dev.azalia.link.JavaSoundSink;
import dev.azalia.link.LinkPacer;
import dev.azalia.link.LinkRing;
import dev.azalia.link.NullSink;
import dev.azalia.link.SinkWriter;
import dev.azalia.link.VirtualDeviceModel;
import dev.azalia.link.WavFileSink;
import dev.azalia.log.KernelLog;
import dev.azalia.machine.BarMoveExperiment;
import dev.azalia.machine.CodecFormats;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.machine.Scenario;
import dev.azalia.probe.Alignment;
import dev.azalia.probe.DetectorHandler;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.time.NanoClock;
import dev.azalia.time.SystemNanoClock;
import dev.azalia.time.VirtualNanoClock;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One run of a {@link Testbed}: the application thread decodes and writes frames into the PCM with {@code writei};
 * the card's stream DMA fetches them, the codec converts them, and the link carries them through the Disruptor ring
 * to the sink, with the frame-sequence probe comparing every frame against what was decoded and, when asked, the
 * glitch detectors (reference and silence) on their own ring handlers. An input at a rate or channel count the codec
 * does not take is converted first ({@link ConvertedSource}), and every check compares against the converted frames.
 *
 * <p>On the real clock the card runs on its own threads and, with a Java Sound line, the link clock follows the
 * device's consumption (drift correction). On the virtual clock the application thread also runs the machine,
 * deterministically and as fast as the CPU allows.
 *
 * <p>Threading: {@link #play} runs on the calling (application) thread, once; {@link #abort} may be called from
 * any thread.
 */
final class TestbedRun
{
    private static final int RING_SIZE = 256;
    /** The ring when its producer polls the handlers every few events itself: it never holds more than those. */
    private static final int POLLED_RING_SIZE = 64;
    private static final int MIN_SLOT_BYTES = 1024;
    /** Host memory beyond the PCM buffer: CORB, RIRB, position buffer and the BDLs of every stream, with room. */
    private static final int HOST_MEMORY_OVERHEAD_BYTES = 256 << 10;
    private static final long MIN_LINK_TICK_NANOS = 250_000L;
    private static final long MAX_LINK_TICK_NANOS = 1_000_000L;
    private static final int MIN_DEVICE_BUFFER_FRAMES = 2048;
    /** Bytes the DMA engine and the codec may hold between the card's buffer and the link ring. */
    private static final long IN_FLIGHT_BYTES = 256 << 10;
    private static final long PACER_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long UNPLUG_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long CATCH_UP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TestbedConfig options;
    private final ConsumerMode ringMode;
    private final PrintStream err;
    private final UnaryOperator<MachineConfig> machineOptions;
    private final Consumer<Machine> afterBoot;
    private volatile Machine running;
    private volatile boolean aborted;
    /** Session control, any thread: {@link #requestStop} writes the flag then reads the loop, play the reverse. */
    private volatile boolean stopRequested;
    private volatile AplayLoop aplayLoop;
    private volatile Runnable onPlaying;

    TestbedRun(final TestbedConfig options)
    {
        this(options, null);
    }

    /** A run whose link ring uses {@code ringMode}; null for the clock's (polled by the producer or the sink). */
    TestbedRun(final TestbedConfig options, final ConsumerMode ringMode)
    {
        this.ringMode = ringMode;
        this.options = options;
        this.err = options.warnings();
        this.machineOptions = options.machineOptions();
        this.afterBoot = options.afterBoot();
    }

    /**
     * Ends a real-clock run early by hot-unplugging its card (the result then says the device disconnected). A
     * virtual-clock run is driven by its own thread alone and ends by itself; it is only unplugged if it has not
     * booted yet.
     */
    void abort()
    {
        aborted = true;
        final Machine m = running;
        if (null != m && !options.virtual())
        {
            m.scheduleUnplug(1);
        }
    }

    /**
     * Ends the run's writing before its next period, as if the source ended there; the stream then drains and the
     * run returns its result. Any thread; idempotent.
     */
    void requestStop()
    {
        stopRequested = true;
        final AplayLoop loop = aplayLoop;
        if (null != loop)
        {
            loop.requestStop();
        }
    }

    /**
     * Runs {@code hook} once, on the application thread, when the first frames have played.
     *
     * @param hook what to run; set before {@link #play}.
     */
    void onPlaying(final Runnable hook)
    {
        onPlaying = hook;
    }

    /**
     * The booted machine.
     *
     * @return the machine, or null before boot.
     */
    Machine machine()
    {
        return running;
    }

    /**
     * Plays the source once.
     *
     * @return the run's figures.
     * @throws Exception as {@link Testbed#run()}.
     */
    RunResult play() throws Exception
    {
        if (options.source() instanceof SourceSpec.Supplied s)
        {
            // the caller's source: the caller closes it
            return play(s.open(), listener());
        }
        try (AudioSource file = options.source().open())
        {
            return play(file, listener());
        }
    }

    private ProgressListener listener()
    {
        final Runnable hook = onPlaying;
        return null == hook ? options.progress() : new TestbedSession.PlayingSignal(options.progress(), hook);
    }

    private RunResult play(final AudioSource file, final ProgressListener listener)
        throws Exception
    {
        final boolean virtual = options.virtual();
        final MachineCodec codec = codec(options);
        final AudioSource decoder = ConvertedSource.forCodec(file, options, playbackCaps(codec), err);
        final ProgressListener progress = decoder instanceof ConvertedSource c ? c.inSourceFrames(listener) : listener;
        final NanoClock clock = virtual ? new VirtualNanoClock() : SystemNanoClock.INSTANCE;
        final StreamFormat format = StreamFormat.of(decoder.sampleRate(), 16, decoder.channels());
        final int frameBytes = format.frameBytes();

        final AudioSink sink = openSink(options, format, virtual, clock);
        final long tickNanos = linkTickNanos(options, decoder.sampleRate());
        // no handler threads on the virtual clock (the application thread polls them); on the real clock only the
        // sink writer has one, and it polls the probes after each write
        final ConsumerMode mode = null != ringMode ? ringMode
            : virtual ? ConsumerMode.PRODUCER_POLLS : ConsumerMode.SINK_THREAD_POLLS;
        final LinkRing ring = new LinkRing(ConsumerMode.PRODUCER_POLLS == mode ? POLLED_RING_SIZE : RING_SIZE,
            slotBytes(tickNanos, format), clock, mode);
        final long periodNanos = options.periodFrames() * 1_000_000_000L / decoder.sampleRate();
        final StreamProbes probes = new StreamProbes(clock, periodNanos, options.periodFrames());
        probes.setPeriodObserver(options.periodObserver());
        // on the virtual clock the sink thread reads the virtual time when it gets a period: the figure is the
        // virtual time the period spent between the application and the link, not a real-time latency
        final SinkWriter writer = new SinkWriter(sink, probes.writeStamps());
        final DecodedReference reference = new DecodedReference(frameBytes,
            DecodedReference.windowBlocksFor(referenceLagBytes(options, frameBytes, ring)));
        final FrameSequenceProbe sequence = new FrameSequenceProbe(reference, 0);
        ring.addHandler(writer);
        ring.addHandler(sequence);
        final List<DetectorHandler> detectors = options.detect() ? Detectors.of(reference, format) : List.of();
        for (final DetectorHandler d : detectors)
        {
            ring.addHandler(d);
        }
        final OutputLevelTimeline level = null == options.timeline()
            ? null
            : new OutputLevelTimeline(decoder.sampleRate(), Math.max(0L, decoder.totalFrames()));
        if (null != level)
        {
            ring.addHandler(level);
        }
        final long startNanos = clock.nanoTime();
        ring.start();

        final Traces traces = Traces.open(options.mmiotrace(), options.verbtrace(), clock);
        final Machine[] holder = new Machine[1];
        final int[] playingSd = {-1};
        final VirtualDeviceModel device = virtual
            ? new VirtualDeviceModel(ring, clock, MIN_DEVICE_BUFFER_FRAMES, options.periodFrames(), delta ->
                {
                    if (playingSd[0] >= 0)
                    {
                        holder[0].controller().adjustPacing(playingSd[0], delta);
                    }
                })
            : null;
        final MachineConfig base = traces.configure(MachineConfig.of(virtual, null == device ? ring : device))
            .withClock(clock).withDriverConfig(AzxConfig.DEFAULT.withPolicy(options.policy()))
            .withLinkTickNanos(tickNanos).withHostMemoryBytes(hostMemoryBytes(options, frameBytes))
            .withCodec(codec)
            .withController(AzxIdentity.named(options.controller()));
        final MachineConfig config = machineOptions.apply(base);
        final AplayLoop aplay = new AplayLoop(options, decoder, reference, writer, probes, sink, progress, clock);
        aplayLoop = aplay;
        if (stopRequested)
        {
            aplay.requestStop();
        }
        final Scenario scenario = options.scenario();
        final ReplayableSource input = new ReplayableSource(decoder, scenario.plays() > 1);
        Machine machine = null;
        AzxChip bootChip = null;
        boolean disconnected = false;
        BarMoveExperiment experiment = null;
        String cardFailure = null;
        Errno writerError = null;
        final AtomicBoolean playing = new AtomicBoolean(true);
        final Thread[] pacer = new Thread[1];
        try
        {
            Scenario.beforeBoot(config.trace());
            machine = Machine.boot(config);
            holder[0] = machine;
            running = machine;
            if (aborted)
            {
                machine.scheduleUnplug(1);
            }
            if (null != options.kernelLogEcho())
            {
                machine.log().echoTo(options.kernelLogEcho(), KernelLog.Level.DEBUG);
                for (final KernelLog.Entry e : machine.log().entries())
                {
                    options.kernelLogEcho().println(e.formatted());
                }
            }
            final AzxChip chip = machine.chip();
            bootChip = chip;
            if (null == chip || null != chip.probeFailure())
            {
                throw new IllegalStateException("the emulated card did not come up"
                    + (null == chip ? "" : ": " + chip.probeFailure().getMessage()));
            }
            probes.attach(chip, machine.controller());
            afterBoot.accept(machine);

            if (machine.kernel() instanceof VirtualKernel vk)
            {
                vk.setBlockedListener(chip.moveStats()::recordBlocked);
            }
            experiment = new BarMoveExperiment(machine, plan(options));
            if (null != options.disturbances().unplugAfter())
            {
                machine.scheduleUnplug(options.disturbances().unplugAfter().toNanos());
            }
            if (null != config.faults() && config.faults().unplugAfterNanos() >= 0)
            {
                machine.scheduleUnplug(config.faults().unplugAfterNanos());
                config.faults().count(FaultKind.UNPLUG);
            }
            final Machine m = machine;
            final BarMoveExperiment moves = experiment;
            // with an idle time after the probe the disturbances start with it, so a BAR can move while the card
            // is idle (and, on a runtime-PM controller, suspended): the seed's case
            final boolean startIdle = scenario.idleBeforeNanos() > 0;
            if (startIdle)
            {
                moves.start();
            }
            scenario.run(machine, k ->
            {
                final PcmSubstream pcm = aplay.open(chip);
                playingSd[0] = ((AzxStream)pcm.privateData()).index();
                if (1 == k)
                {
                    if (!startIdle)
                    {
                        moves.start();
                    }
                    if (!virtual && sink instanceof JavaSoundSink)
                    {
                        pacer[0] = startPacer(m, pcm, ring, writer, sink, aplay.params(), playing);
                    }
                }
                aplay.writeAll(input.forPlay(k), m.log(), 1 == k);
                aplay.drain();
                if (k == scenario.plays())
                {
                    moves.stop();
                }
                aplay.close();
                if (k < scenario.plays())
                {
                    // the frames fetched past the drain point are then past the committed limit: they never reach
                    // the sink, instead of landing before the next play's first frame
                    m.controller().awaitStep(CATCH_UP_TIMEOUT_NANOS);
                    ring.awaitDrained(CATCH_UP_TIMEOUT_NANOS);
                }
            });
            cardFailure = RunFigures.machineFailure(machine);
        }
        catch (final SoundException e)
        {
            writerError = e.errno();
            if (Errno.ENODEV == e.errno())
            {
                disconnected = true;
                cardFailure = "device disconnected";
            }
            else
            {
                // the card failed (a stuck stream, a dead link): still measure and report what happened
                cardFailure = "the card failed: " + e.getMessage();
            }
        }

        finally
        {
            playing.set(false);
            if (null != experiment)
            {
                experiment.stop();
            }
            if (null != pacer[0])
            {
                pacer[0].join(TimeUnit.SECONDS.toMillis(1));
            }
            aplay.closeQuietly();
            input.close();
            if (disconnected)
            {
                // the last close lets the driver's remove finish; what the link still holds is not played
                machine.awaitUnplugged(UNPLUG_TIMEOUT_NANOS);
            }
            progress.onFinish();
            if (null != machine && !disconnected)
            {
                // on the real clock the link's thread may still be handing the last fetched frames to the codec
                machine.controller().awaitStep(DRAIN_TIMEOUT_NANOS);
            }
            ring.publishEndOfStream();
            ring.awaitDrained(disconnected ? 0 : DRAIN_TIMEOUT_NANOS);
            sequence.finish();
            if (null != machine)
            {
                machine.close();
            }
            ring.close();
            sink.close();
            traces.close();
        }
        if (!ring.failures().isEmpty() && null == cardFailure)
        {
            final Throwable failure = ring.failures().get(0);
            cardFailure = "the link failed: " + (null == failure.getMessage() ? "a handler stopped without a message"
                : failure.getMessage());
        }
        if (null == cardFailure && reference.evictedReads() > 0)
        {
            cardFailure = "the frame-sequence probe fell more than its window of " + (reference.windowBytes() >> 10)
                + " KiB behind the application (" + reference.evictedReads() + " reads of frames no longer kept)";
        }
        if (null == cardFailure)
        {
            cardFailure = RunFigures.machineFailure(machine);
        }
        traces.warnLostLines(machine, err);
        final AzxChip chip = bootChip;
        final long periods = chip.periodInterrupts();
        final long xruns = aplay.xruns();
        machine.log().info("play", writer.framesWritten() + " frames through " + sink.describe() + ", " + periods
            + " periods, " + xruns + " xruns");
        final long underruns = sink.underruns() + (null == device ? 0 : device.underruns());
        if (null != level)
        {
            options.timeline().accept(new RunTimeline(startNanos, probes.all(chip.moveStats()), level,
                chip.moveStats().moves(), aplay.xrunNanos()));
        }
        return new RunResult(
            new Report.Output(sink.describe(), writer.framesWritten(), underruns),
            new Report.Stream(options.periodFrames(), options.periods(), chip.periodInterrupts(), xruns,
                format.sampleRate(), format.channels()),
            new Report.Probe(sequence.framesChecked(), sequence.framesLost(), sequence.framesDuplicated()),
            RunFigures.latencies(probes, chip.moveStats()),
            RunFigures.barMoves(options.policy(), machine, chip),
            Detectors.summary(options.detect(), detectors, probes.xrunAccounting()),
            machine.log().lines(), cardFailure, RunFigures.codecFigures(options, machine),
            Detectors.reports(options.detect(), detectors, probes.xrunAccounting()),
            null == experiment ? RunResult.Activity.NONE : new RunResult.Activity(experiment.mixerOps(),
                experiment.mixerErrors(), experiment.jackEvents()),
            FaultFigures.of(config.faults(), chip, xruns, writerError, machine.log().lines()));
    }

    /** A link clock step of a quarter period, between 250 µs and 1 ms: interrupts land within a quarter period. */
    private static long linkTickNanos(final TestbedConfig options, final int sampleRate)
    {
        final long quarterPeriodNanos = options.periodFrames() * 1_000_000_000L / sampleRate / 4;
        return Math.max(MIN_LINK_TICK_NANOS, Math.min(MAX_LINK_TICK_NANOS, quarterPeriodNanos));
    }

    /**
     * The most bytes of the reference the application can be ahead of the probe and the detectors: a period being
     * written, the card's buffer, the device's (or the virtual device model's) buffer, the link ring (its producer
     * waits when it is full), what the DMA engine and the codec hold in flight (at most 64 KiB a step, taken as
     * 256 KiB), and how far the probe and the detectors look back.
     */
    private static long referenceLagBytes(final TestbedConfig options, final int frameBytes, final LinkRing ring)
    {
        final long bufferFrames = (long)options.periodFrames() * options.periods();
        final long frames = options.periodFrames() + bufferFrames + Math.max(MIN_DEVICE_BUFFER_FRAMES, bufferFrames)
            + FrameSequenceProbe.DEFAULT_WINDOW_FRAMES + FrameSequenceProbe.DEFAULT_MATCH_FRAMES
            + FrameSequenceProbe.DEFAULT_MAX_CORRUPT_FRAMES + (long)Alignment.WINDOW_FRAMES * Alignment.MAX_WINDOWS;
        return frames * frameBytes + (long)ring.ringSize() * ring.slotBytes() + IN_FLIGHT_BYTES;
    }

    /**
     * Host memory for one playback: the PCM buffer twice (page-aligned, and once more should the driver allocate it
     * again) plus 256 KiB for the controller's rings and BDLs. The machine zeroes its host memory at boot, so the
     * default 32 MiB would cost more than decoding a short file.
     */
    private static int hostMemoryBytes(final TestbedConfig options, final int frameBytes)
    {
        final long bufferBytes = (long)options.periodFrames() * options.periods() * frameBytes;
        return (int)Math.min(Integer.MAX_VALUE, HOST_MEMORY_OVERHEAD_BYTES + 2 * bufferBytes);
    }

    /**
     * A slot holds two link ticks of PCM, rounded up to a power of two (at least 1 KiB): one event per tick fits
     * with room for a late tick's catch-up, and a larger chunk is split across slots. The ring's capacity in time,
     * {@link #RING_SIZE} ticks, does not depend on it; an oversized slot only costs memory to allocate and touch.
     */
    private static int slotBytes(final long tickNanos, final StreamFormat format)
    {
        final long tickBytes = (tickNanos * format.sampleRate() + 999_999_999L) / 1_000_000_000L * format.frameBytes();
        final int twoTicks = (int)Math.min(1 << 20, 2 * tickBytes);
        return Math.max(MIN_SLOT_BYTES, Integer.highestOneBit(twoTicks - 1) << 1);
    }

    /**
     * What the codec the machine will boot with takes for playback, as alsa-lib's plug learns it (by opening the PCM)
     * before it chooses its conversions.
     */
    private PcmCapabilities playbackCaps(final MachineCodec codec)
    {
        final MachineConfig planned = MachineConfig.of(true, (cad, nid, f, pcm, off, len, nanos) ->
        {
        }).withCodec(codec);
        return CodecFormats.playback(machineOptions.apply(planned).codec());
    }

    private static BarMoveExperiment.Plan plan(final TestbedConfig options)
    {
        final Disturbances d = options.disturbances();
        final long every = null == d.barMoveEvery() ? 0 : d.barMoveEvery().toNanos();
        return new BarMoveExperiment.Plan(every, every > 0 ? d.barMoves() : 0,
            d.mixerTraffic() ? d.mixerEvery().toNanos() : 0, d.jackEvents() ? d.jackEvery().toNanos() : 0, d.seed());
    }

    /** The run's codec (a dump file is read here). */
    private static MachineCodec codec(final TestbedConfig options) throws InputException
    {
        final MachineCodec codec = options.codec().resolve().forJackEvents(options.disturbances().jackEvents());
        return options.codecClockStop() ? codec.withClockStop() : codec;
    }

    private AudioSink openSink(final TestbedConfig options, final StreamFormat format, final boolean virtual,
        final NanoClock clock) throws InputException
    {
        if (options.sink() instanceof SinkSpec.Custom c)
        {
            return c.sink();
        }
        if (options.sink() instanceof SinkSpec.Wav w)
        {
            return new WavFileSink(w.path());
        }
        if (options.sink() instanceof SinkSpec.Null)
        {
            return new NullSink(clock, !virtual);
        }
        final String mixer = options.sink() instanceof SinkSpec.JavaSound js ? js.mixer() : null;
        if (!virtual && JavaSoundSink.lineAvailable(mixer, format))
        {
            return new JavaSoundSink(mixer,
                Math.max(MIN_DEVICE_BUFFER_FRAMES, options.periodFrames() * options.periods()));
        }
        err.println("play: warning: " + (virtual
            ? "a sound device cannot follow the virtual clock"
            : "no audio output line for " + format + (null == mixer ? "" : " on a mixer named like '" + mixer
                + "'")) + "; playing to the null sink" + (virtual ? "" : " in real time") + " instead");
        return new NullSink(clock, !virtual);
    }

    private static Thread startPacer(final Machine machine, final PcmSubstream pcm, final LinkRing ring,
        final SinkWriter writer, final AudioSink sink, final HwParams params, final AtomicBoolean playing)
    {
        final int sd = ((AzxStream)pcm.privateData()).index();
        final LinkPacer pacer = LinkPacer.forSink(sink.bufferFrames(), params.periodFrames(), params.sampleRate());
        final Thread t = new Thread(() ->
        {
            try
            {
                while (playing.get())
                {
                    LockSupport.parkNanos(PACER_INTERVAL_NANOS);
                    final long delta = pacer.adjustNanos(writer.framesWritten(), sink.playbackPositionFrames(),
                        PACER_INTERVAL_NANOS);
                    if (0 != delta)
                    {
                        machine.controller().adjustPacing(sd, delta);
                    }
                }
            }
            catch (final RuntimeException e)
            {
                machine.kernel().recordFailure("link-pacer", e);
            }
        }, "link-pacer");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

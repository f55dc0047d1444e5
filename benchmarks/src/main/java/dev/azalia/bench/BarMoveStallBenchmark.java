package dev.azalia.bench;

import dev.azalia.pci.RescanResult;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SinkSpec;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;
import dev.azalia.testbed.TestbedSession;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * BAR move stall per policy, on the real clock, while a stream plays: a testbed run started in the background
 * ({@link Testbed#start()}: the emulated card, the {@code snd_hda_intel} driver with the quiesce {@link #policy}, the
 * link into the null sink paced in real time, the frame-sequence probe, and the application thread writing a 48 kHz
 * stereo sine one period at a time, recovering from suspends and xruns as {@code aplay} does). Each invocation is
 * one {@link TestbedSession#moveBar()} on the benchmark thread, the PCI core's rescan, which moves the card's BAR
 * under the policy; {@link Mode#SampleTime} gives its
 * distribution in microseconds. Between invocations the benchmark waits {@link #pauseMicros} (outside the
 * measurement) so the stream can recover, as with moves spaced in time.
 *
 * <p>JMH's sample is the whole rescan as the PCI core sees it (bus lock, BAR assignment, the driver's
 * rescan_prepare and rescan_done); the driver's own stall (prepare start to done end) is printed at the end of the
 * trial from the run's result (every move of the trial, warm-up iterations included), with its xruns and sink
 * underruns, and the stall's p99 as a multiple of this machine's wake-up floor ({@link WakeupFloor}, measured
 * before the machine boots and after it is closed; goal for {@code live}: at most 3 x the floor's p99); for the
 * other policies also the stall p99 against the same move's stall on the virtual clock (its modelled sleeps and verb
 * time) + 1 ms, the goal for {@code suspend}.
 *
 * <p>Short run: {@code java -jar benchmarks.jar BarMoveStall -f 1 -wi 1 -i 1}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
public class BarMoveStallBenchmark
{
    private static final int RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int PERIOD_FRAMES = 256;
    private static final int PERIODS = 4;
    private static final long MODEL_RUN_MILLIS = 300;
    private static final long MODEL_MOVE_MILLIS = 10;
    /** A source long enough for any trial; the session stops it at tear-down. */
    private static final Duration SOURCE = Duration.ofHours(2);

    /** The quiesce policy. */
    @Param({"live", "suspend", "rwsem"})
    public String policy;

    /** Pause between two moves (not measured), in microseconds. */
    @Param({"2000"})
    public long pauseMicros;

    private TestbedSession session;
    private Histogram floorBefore;

    /**
     * Starts the testbed's run on the real clock: boots the machine, opens the stream and plays until tear-down.
     *
     * @throws Exception when the card does not come up.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        floorBefore = WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES);
        session = Testbed.builder().clock(ClockMode.REAL).sink(SinkSpec.nullSink()).policy(policy)
            .buffer(PERIODS, PERIOD_FRAMES).source(SourceSpec.sine(440, RATE, CHANNELS, SOURCE)).quiet(true)
            .build().start();
    }

    /** Lets the stream run for {@link #pauseMicros} before the next move (not measured). */
    @Setup(Level.Invocation)
    public void pause()
    {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
    }

    /**
     * Moves the card's BAR once: the PCI core's rescan with the driver's prepare and done callbacks.
     *
     * @return what the rescan did.
     */
    @Benchmark
    public RescanResult rescan()
    {
        return session.moveBar();
    }

    /**
     * Stops the run, prints the driver's stall statistics from its result and fails the trial if the run failed.
     *
     * @throws Exception if the run threw or the wait was interrupted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        final RunResult run = session.stop();
        final Report.BarMoves moves = run.barMoves();
        System.out.println(String.format(Locale.ROOT, "%n%s: %d moves (%d failed), driver stall p50 %.1f us, p99 %.1f"
            + " us, max %.1f us; blocked p99 %.1f us; stale %d, faults %d; xruns %d, sink underruns %d", policy,
            moves.count(), moves.failed(), moves.stallMicros().p50(), moves.stallMicros().p99(),
            moves.stallMicros().max(), moves.blockedMicros().p99(), moves.staleMmioAccesses(), moves.faults(),
            run.stream().xruns(), run.output().underruns()));
        final Report.LatencyMicros l = run.latencyMicros();
        phase("barMovePrepare", l.barMovePrepare());
        phase("barMoveRemap", l.barMoveRemap());
        phase("barMoveDone", l.barMoveDone());
        phase("firstPeriodAfterMove", l.firstPeriodAfterMove());
        final WakeupFloor.Floor floor = new WakeupFloor.Floor(floorBefore,
            WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES));
        floor.print(System.out);
        final double stallP99Micros = moves.stallMicros().p99();
        // live: the goal of the issue; the other policies' ratios say how far their sleeps put them above the floor
        System.out.println(floor.ratio(policy + " stall p99", Math.round(stallP99Micros * 1e3),
            PolicyComparison.LIVE_GOAL_FLOOR_FACTOR) + ("live".equals(policy) ? "" : " (the goal is live's)"));
        if (!"live".equals(policy))
        {
            printAgainstModelled(stallP99Micros);
        }
        System.out.println("load average: " + Load.average());
        if (null != run.failure())
        {
            throw new IllegalStateException("the run failed: " + run.failure());
        }
    }

    private static void phase(final String name, final Report.Percentiles p)
    {
        System.out.println(String.format(Locale.ROOT, "  %-22s p50 %8.1f us, p99 %8.1f us, max %8.1f us", name,
            p.p50(), p.p99(), p.max()));
    }

    /**
     * The real stall against the policy's modelled cost: the same move on the virtual clock (a short testbed run at
     * this benchmark's stream format and buffer), whose stall is only the driver's sleeps and the verbs' link time.
     */
    private void printAgainstModelled(final double realP99Micros)
    {
        try
        {
            final RunResult v = Testbed.builder()
                .source(SourceSpec.sine(440, RATE, CHANNELS, Duration.ofMillis(MODEL_RUN_MILLIS)))
                .buffer(PERIODS, PERIOD_FRAMES).policy(policy).barMovesEvery(Duration.ofMillis(MODEL_MOVE_MILLIS))
                .quiet(true).build().run();
            final double modelled = v.barMoves().stallMicros().p99();
            final double goal = modelled + PolicyComparison.SUSPEND_SLACK_MICROS;
            System.out.println(String.format(Locale.ROOT, "%s stall p99 = %.1f us vs modelled %.1f us (virtual clock,"
                + " %d moves) + 1 ms = %.1f us: %s", policy, realP99Micros, modelled, v.barMoves().count(), goal,
                realP99Micros <= goal ? "met" : "NOT MET"));
        }
        catch (final Exception e)
        {
            System.out.println(policy + ": the virtual-clock model run failed: " + e.getMessage());
        }
    }
}

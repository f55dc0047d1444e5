package dev.azalia.bench;

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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Period-elapsed latency on the real clock: each single-shot invocation plays {@link #seconds} of a sample through
 * the emulated card into the real-time-paced null sink ({@link PeriodLatencyRun}). JMH's score is only the
 * wall time of one playback (about {@code seconds} plus boot and drain); the measurement that matters is the
 * IOC to period-elapsed latency, which per-invocation sampling cannot see. It is collected in an HdrHistogram over
 * the measurement iterations (warm-up iterations are dropped) and printed as a percentile table (p50, p99, p99.9,
 * max in microseconds, goal p99 &lt;= 100 µs) when the trial ends, with this machine's wake-up floor
 * ({@link WakeupFloor}, measured at the trial's start and end) and the p99 as a multiple of it (goal &lt;= 1.5).
 * {@link PeriodLatency} prints the same table without JMH.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PeriodLatencyBenchmark
{
    /** The sample file, found by {@link Samples#resolve}. */
    @Param({"music-44k1-stereo-vbr.mp3"})
    public String file;

    /** Seconds of audio per invocation. */
    @Param({"3"})
    public double seconds;

    /** Frames per period. */
    @Param({"256"})
    public int periodFrames;

    /** Periods in the buffer. */
    @Param({"4"})
    public int periods;

    private Path path;
    private Histogram measuredNanos;
    private Histogram floorBefore;
    private boolean warmup;
    private long periodsExpected;
    private long periodInterrupts;
    private long lostInterrupts;
    private long xruns;

    /**
     * Resolves the sample, clears the histogram and measures the wake-up floor.
     *
     * @throws InterruptedException when interrupted while measuring the floor.
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException
    {
        path = Samples.resolve(file);
        measuredNanos = new Histogram(3);
        floorBefore = WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES);
    }

    /**
     * Notes whether the coming iteration is a warm-up one (its latencies are not kept).
     *
     * @param params the iteration, from JMH.
     */
    @Setup(Level.Iteration)
    public void startIteration(final IterationParams params)
    {
        warmup = IterationType.WARMUP == params.getType();
    }

    /**
     * Plays {@link #seconds} of the file on the real clock, keeping the period latencies of measurement iterations.
     *
     * @return the period interrupts of this playback.
     * @throws Exception when the playback fails.
     */
    @Benchmark
    public long playRealClock() throws Exception
    {
        final PeriodLatencyRun.Result r = PeriodLatencyRun.play(path, seconds, periodFrames, periods);
        if (!warmup)
        {
            measuredNanos.add(r.latencyNanos());
            periodsExpected += r.periodsExpected();
            periodInterrupts += r.periodInterrupts();
            lostInterrupts += r.lostInterrupts();
            xruns += r.xruns();
        }
        return r.periodInterrupts();
    }

    /**
     * Prints the latency table of the measurement iterations, the wake-up floor (measured again now) and the
     * period-elapsed p99 as a multiple of it.
     *
     * @throws InterruptedException when interrupted while measuring the floor.
     */
    @TearDown(Level.Trial)
    public void printLatencies() throws InterruptedException
    {
        final WakeupFloor.Floor floor = new WakeupFloor.Floor(floorBefore,
            WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES));
        PeriodLatencyRun.printTable(String.format(Locale.ROOT, "%s, period %d x %d, real clock", file, periodFrames,
            periods), measuredNanos, System.out);
        System.out.println(String.format(Locale.ROOT, "periods written %d, period interrupts %d, merged %d, xruns %d",
            periodsExpected, periodInterrupts, lostInterrupts, xruns));
        floor.print(System.out);
        System.out.println(floor.ratio("period-elapsed p99", measuredNanos.getValueAtPercentile(99.0),
            PeriodLatencyRun.GOAL_FLOOR_FACTOR));
        System.out.println("load average: " + Load.average());
    }
}

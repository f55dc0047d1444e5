package dev.azalia.bench;

import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import java.util.concurrent.TimeUnit;

/**
 * The README's example of a benchmark over the testbed: the time to boot the machine and play half a second of a
 * generated tone on the virtual clock while the BAR moves every 10 ms, per quiesce policy and buffer. One operation
 * is one whole run; the score is milliseconds per run. A run that glitches fails the benchmark, so a fast but broken
 * policy never scores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
public class TestbedRunBenchmark
{
    /** The quiesce policy. */
    @Param({"live", "fixed"})
    public String policy;

    /** Frames per period (4 periods). */
    @Param({"64", "1024"})
    public int periodFrames;

    private Testbed testbed;

    /** Describes the run once per trial. */
    @Setup
    public void setUp()
    {
        testbed = Testbed.builder()
            .policy(policy)
            .buffer(4, periodFrames)
            .source(SourceSpec.sine(997, 48_000, 2, Duration.ofMillis(500)))
            .barMovesEvery(Duration.ofMillis(10))
            .quiet(true)
            .build();
    }

    /** Releases the testbed. */
    @TearDown
    public void tearDown()
    {
        testbed.close();
    }

    /**
     * One run, from boot to the last frame at the sink.
     *
     * @return the run's result (consumed by JMH).
     * @throws Exception when the run cannot start.
     */
    @Benchmark
    public RunResult playWhileTheBarMoves() throws Exception
    {
        final RunResult result = testbed.run();
        if (result.glitchDetected() || null != result.failure())
        {
            throw new IllegalStateException("the run glitched: " + result.probe() + ", " + result.failure());
        }
        return result;
    }
}

package dev.azalia.bench;

import dev.azalia.decode.Mp3Decoder;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SinkSpec;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Time to play one whole MP3 file: bare JLayer decoding ({@link #bareDecode}) against the full emulated-card
 * pipeline on the virtual clock into the null sink ({@link #pipelineVirtualNull}), which is exactly what
 * {@code ./play --clock virtual --out null FILE} does. The ratio {@code bareDecode / pipelineVirtualNull} of the
 * average times is the pipeline's throughput relative to bare decoding (goal: at least 0.8); {@link ThroughputRatio}
 * runs both and prints it.
 *
 * <p>One operation is one file from open to close, so the score is milliseconds per file. Both methods read the
 * file in chunks of {@link #PERIOD_FRAMES} frames, as the player does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class DecodeThroughputBenchmark
{
    /** Frames per period and per chunk read, the player's default. */
    public static final int PERIOD_FRAMES = 1024;
    /** Periods in the buffer, the player's default. */
    public static final int PERIODS = 4;

    /** The default music sample. */
    static final String MUSIC = "music-44k1-stereo-vbr.mp3";
    /** The default tone sample. */
    static final String TONE = "tone-48k-mono-cbr.mp3";

    /** The sample file, found by {@link Samples#resolve}. */
    @Param({MUSIC, TONE})
    public String file;

    private Path path;
    private Testbed testbed;

    /** Resolves the sample and describes the testbed run for it. */
    @Setup
    public void setUp()
    {
        path = Samples.resolve(file);
        testbed = virtualNull(path);
    }

    /** Releases the testbed. */
    @TearDown
    public void tearDown()
    {
        testbed.close();
    }

    /**
     * The run {@code ./play --clock virtual --out null --quiet FILE} makes: the null sink, the virtual clock, the
     * default period (1024 frames x 4) and policy, no BAR moves requested, no probes beyond the built-in ones.
     *
     * @param input the MP3 file.
     * @return the testbed.
     */
    public static Testbed virtualNull(final Path input)
    {
        return Testbed.builder().source(input).sink(SinkSpec.nullSink()).clock(ClockMode.VIRTUAL)
            .buffer(PERIODS, PERIOD_FRAMES).policy("live").quiet(true).build();
    }

    /**
     * Opens the file and decodes it to the end with {@link Mp3Decoder#readFrames}, handing every chunk to the
     * blackhole.
     *
     * @param bh the blackhole.
     * @return the frames decoded.
     * @throws Exception when the file cannot be decoded.
     */
    @Benchmark
    public long bareDecode(final Blackhole bh) throws Exception
    {
        try (Mp3Decoder decoder = Mp3Decoder.open(path))
        {
            final int chunkFrames = PERIOD_FRAMES;
            final byte[] chunk = new byte[chunkFrames * decoder.frameSizeBytes()];
            int frames;
            while ((frames = decoder.readFrames(chunk, 0, chunkFrames)) > 0)
            {
                bh.consume(chunk);
                bh.consume(frames);
            }
            return decoder.framesDecoded();
        }
    }

    /**
     * Plays the file through the emulated card on the virtual clock into the null sink, as the player's command
     * line does: boot the machine, decode, {@code writei}, DMA, codec, the Disruptor link, the sink, drain, close.
     *
     * @return the playback's result (consumed by JMH).
     * @throws Exception when the playback fails.
     */
    @Benchmark
    public RunResult pipelineVirtualNull() throws Exception
    {
        return testbed.run();
    }
}

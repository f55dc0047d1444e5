package dev.azalia.bench;

import dev.azalia.decode.InputException;
import dev.azalia.decode.Mp3Decoder;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.PeriodObserver;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SinkSpec;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One real-clock playback through the testbed ({@link Testbed}: the emulated card, the Disruptor link, the null sink
 * paced in real time, the frame-sequence probe), measuring the period-elapsed latency: for every period interrupt,
 * the time from the DMA engine setting BCIS on the IOC entry to the driver being about to call {@code periodElapsed},
 * on the system clock, in raw nanoseconds (the run's {@link PeriodObserver}; the report's own {@code periodElapsed}
 * probe is in microseconds and corrected for coordinated omission). The file is decoded before the run and looped
 * until the requested duration.
 *
 * <p>Threading: {@link #play} runs the testbed on the calling thread; the latencies are recorded on the card's
 * interrupt thread into an HdrHistogram {@link Recorder} (wait-free, no allocation per period).
 */
public final class PeriodLatencyRun
{
    /** The goal for the 99th percentile, from the issue: 100 µs. */
    public static final long GOAL_P99_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int CHUNK_FRAMES = 1024;

    private PeriodLatencyRun()
    {
    }

    /**
     * What one run measured.
     *
     * @param latencyNanos     the IOC to period-elapsed latencies, in nanoseconds, one per period interrupt.
     * @param framesWritten    frames that reached the sink.
     * @param periodsExpected  {@code framesWritten / periodFrames}.
     * @param periodInterrupts period interrupts the chip handled.
     * @param lostInterrupts   periods without an interrupt of their own (reported by a later one).
     * @param xruns            underruns the application saw.
     */
    public record Result(Histogram latencyNanos, long framesWritten, long periodsExpected, long periodInterrupts,
                         long lostInterrupts, long xruns)
    {
    }

    /**
     * Records IOC to period-elapsed. Interrupt thread. Its recorder spans the whole range from the start (latencies
     * beyond {@link #HIGHEST_NANOS} are recorded as that): an auto-resizing one would allocate and copy its counts on
     * the interrupt thread whenever a latency beyond every earlier one arrived.
     */
    static final class LatencyObserver implements PeriodObserver
    {
        /** The largest latency kept, in nanoseconds: 10 s. */
        static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);

        private final Recorder recorder = new Recorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);

        @Override
        public void periodElapsed(final long iocNanos, final long elapsedNanos)
        {
            final long latency = elapsedNanos - iocNanos;
            if (latency >= 0)
            {
                recorder.recordValue(Math.min(latency, HIGHEST_NANOS));
            }
        }

        /**
         * What was recorded since the last call.
         *
         * @return a new histogram, in nanoseconds.
         */
        Histogram latencies()
        {
            return recorder.getIntervalHistogram();
        }
    }

    /**
     * Plays {@code seconds} of {@code file} on the real clock.
     *
     * @param file         the MP3 file (looped if shorter than {@code seconds}).
     * @param seconds      how much audio to write, in seconds of the file's sample rate.
     * @param periodFrames frames per period.
     * @param periods      periods in the buffer.
     * @return the measurements.
     * @throws Exception when the card, the link or the file fails.
     */
    public static Result play(final Path file, final double seconds, final int periodFrames, final int periods)
        throws Exception
    {
        final LatencyObserver observer = new LatencyObserver();
        final SourceSpec source = looped(file, seconds);
        final RunResult r = Testbed.builder().source(source).sink(SinkSpec.nullSink()).clock(ClockMode.REAL)
            .buffer(periods, periodFrames).quiet(true).periodObserver(observer).build().run();
        if (null != r.failure())
        {
            throw new IllegalStateException(r.failure());
        }
        final long frames = r.output().framesWritten();
        final long expected = frames / periodFrames;
        return new Result(observer.latencies(), frames, expected, r.stream().periodsElapsed(),
            Math.max(0L, expected - r.stream().periodsElapsed()), r.stream().xruns());
    }

    private static SourceSpec looped(final Path file, final double seconds) throws InputException
    {
        final byte[] pcm;
        final int rate;
        final int channels;
        try (Mp3Decoder decoder = Mp3Decoder.open(file))
        {
            rate = decoder.sampleRate();
            channels = decoder.channels();
            final int frameBytes = decoder.frameSizeBytes();
            final long targetFrames = (long)(seconds * rate);
            pcm = new byte[Math.toIntExact(targetFrames * frameBytes)];
            final byte[] chunk = new byte[CHUNK_FRAMES * frameBytes];
            long decoded = 0;
            int n;
            while (decoded < targetFrames && (n = decoder.readFrames(chunk, 0,
                (int)Math.min(CHUNK_FRAMES, targetFrames - decoded))) > 0)
            {
                System.arraycopy(chunk, 0, pcm, Math.toIntExact(decoded * frameBytes), n * frameBytes);
                decoded += n;
            }
            if (0 == decoded)
            {
                throw new InputException(file + ": no audio");
            }
            for (long at = decoded; at < targetFrames; at += decoded)
            {
                final long frames = Math.min(decoded, targetFrames - at);
                System.arraycopy(pcm, 0, pcm, Math.toIntExact(at * frameBytes), Math.toIntExact(frames * frameBytes));
            }
        }
        return SourceSpec.pcm(file.getFileName().toString(), pcm, rate, channels);
    }

    /**
     * Prints the percentile table of period-elapsed latencies and the goal.
     *
     * @param title        a heading, e.g. the file and the period.
     * @param latencyNanos the latencies in nanoseconds.
     * @param out          where to print.
     * @return whether the 99th percentile meets {@link #GOAL_P99_NANOS}.
     */
    public static boolean printTable(final String title, final Histogram latencyNanos, final PrintStream out)
    {
        final long p99 = latencyNanos.getValueAtPercentile(99.0);
        final boolean met = latencyNanos.getTotalCount() > 0 && p99 <= GOAL_P99_NANOS;
        out.println();
        out.println("IOC -> periodElapsed latency, " + title);
        out.println(String.format(Locale.ROOT, "%10s %10s %10s %10s %10s %10s", "periods", "p50 (us)", "p99 (us)",
            "p99.9 (us)", "max (us)", "mean (us)"));
        out.println(String.format(Locale.ROOT, "%10d %10.1f %10.1f %10.1f %10.1f %10.1f", latencyNanos.getTotalCount(),
            micros(latencyNanos.getValueAtPercentile(50.0)), micros(p99),
            micros(latencyNanos.getValueAtPercentile(99.9)), micros(latencyNanos.getMaxValue()),
            latencyNanos.getMean() / 1e3));
        out.println(String.format(Locale.ROOT, "period-elapsed p99 <= %d us: %s", GOAL_P99_NANOS / 1000,
            met ? "met" : "NOT MET"));
        return met;
    }

    /** Goal for the period-elapsed p99 as a multiple of the wake-up floor's p99, from the issue. */
    public static final double GOAL_FLOOR_FACTOR = 1.5;

    private static double micros(final long nanos)
    {
        return nanos / 1e3;
    }
}

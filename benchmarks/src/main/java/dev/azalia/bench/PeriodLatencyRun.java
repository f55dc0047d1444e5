package dev.azalia.bench;

import dev.azalia.decode.InputException;
import dev.azalia.decode.Mp3Decoder;
import dev.azalia.driver.AzxChip;
import dev.azalia.link.LinkRing;
import dev.azalia.link.NullSink;
import dev.azalia.link.SinkWriter;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.time.NanoClock;
import dev.azalia.time.SystemNanoClock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One real-clock playback through the emulated card into the null sink paced in real time, measuring the
 * period-elapsed latency: for every period interrupt, the time from the DMA engine setting BCIS on the IOC entry
 * ({@code HdaController#iocNanos}) to the driver being about to call {@code periodElapsed} (the chip's period
 * listener), on the system clock. The pipeline is the player's (decode, {@code writei}, DMA, codec, Disruptor
 * link, sink) without its frame-sequence probe; the file is decoded in a loop until the requested duration is
 * written.
 *
 * <p>Threading: {@link #play} runs on the calling thread (it decodes and writes); the latencies are recorded on the
 * card's interrupt thread into an HdrHistogram {@link Recorder} (wait-free, no allocation per period).
 */
public final class PeriodLatencyRun
{
    /** The goal for the 99th percentile, from the issue: 100 µs. */
    public static final long GOAL_P99_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final int RING_SIZE = 1024;
    private static final int SLOT_BYTES = 16 * 1024;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int SIGNIFICANT_DIGITS = 3;

    private PeriodLatencyRun()
    {
    }

    /**
     * What one run measured.
     *
     * @param latencyNanos     the IOC to period-elapsed latencies, in nanoseconds, one per period interrupt.
     * @param framesWritten    frames the application wrote.
     * @param periodsExpected  {@code framesWritten / periodFrames}.
     * @param periodInterrupts period interrupts the chip handled.
     * @param lostInterrupts   periods the PCM layer found missed (more than one period elapsed per interrupt).
     * @param xruns            underruns the application saw.
     */
    public record Result(Histogram latencyNanos, long framesWritten, long periodsExpected, long periodInterrupts,
                         long lostInterrupts, long xruns)
    {
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
        final NanoClock clock = SystemNanoClock.INSTANCE;
        final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
        final NullSink sink = new NullSink(clock, true);
        final LinkRing ring = new LinkRing(RING_SIZE, SLOT_BYTES, clock);
        final SinkWriter writer = new SinkWriter(sink);
        ring.addHandler(writer);
        ring.start();
        Mp3Decoder decoder = Mp3Decoder.open(file);
        Machine machine = null;
        PcmSubstream pcm = null;
        long framesWritten = 0;
        long xruns = 0;
        final Result result;
        try
        {
            machine = Machine.boot(MachineConfig.of(false, ring).withClock(clock));
            final AzxChip chip = machine.chip();
            if (null == chip || null != chip.probeFailure())
            {
                throw new IllegalStateException("the emulated card did not come up"
                    + (null == chip ? "" : ": " + chip.probeFailure().getMessage()));
            }
            final Machine m = machine;
            // called on the interrupt thread just before periodElapsed
            chip.setPeriodListener(sd ->
            {
                final long latency = clock.nanoTime() - m.controller().iocNanos(sd);
                if (latency >= 0)
                {
                    recorder.recordValue(latency);
                }
            });
            pcm = chip.card().pcms().get(0).playback();
            pcm.open();
            final HwParams params = new HwParams(decoder.sampleRate(), decoder.channels(), 16, periodFrames, periods);
            pcm.hwParams(params);
            // start when the buffer is full, as aplay sets its start threshold
            pcm.setStartThresholdFrames(params.bufferFrames());
            pcm.prepare();
            final int frameBytes = params.frameBytes();
            final long targetFrames = (long)(seconds * decoder.sampleRate());
            final byte[] chunk = new byte[periodFrames * frameBytes];
            while (framesWritten < targetFrames)
            {
                final int want = (int)Math.min(periodFrames, targetFrames - framesWritten);
                int frames = decoder.readFrames(chunk, 0, want);
                if (frames < 0)
                {
                    decoder.close();
                    decoder = Mp3Decoder.open(file);
                    frames = decoder.readFrames(chunk, 0, want);
                    if (frames < 0)
                    {
                        throw new InputException(file + ": no audio");
                    }
                }
                writer.setCommittedFrames(framesWritten + frames);
                int done = 0;
                while (done < frames)
                {
                    try
                    {
                        done += pcm.writei(chunk, done * frameBytes, frames - done);
                    }
                    catch (final SoundException e)
                    {
                        if (e.errno() != Errno.EPIPE && e.errno() != Errno.ESTRPIPE)
                        {
                            throw e;
                        }
                        xruns++;
                        pcm.prepare();
                    }
                }
                framesWritten += frames;
            }
            pcm.drain();
            final long lost = pcm.lostInterrupts();
            pcm.hwFree();
            pcm.close();
            pcm = null;
            if (!machine.failures().isEmpty())
            {
                throw new IllegalStateException("a device thread failed", machine.failures().get(0));
            }
            result = new Result(recorder.getIntervalHistogram(), framesWritten, framesWritten / periodFrames,
                chip.periodInterrupts(), lost, xruns);
        }
        finally
        {
            closeQuietly(pcm);
            ring.publishEndOfStream();
            ring.awaitDrained(DRAIN_TIMEOUT_NANOS);
            if (null != machine)
            {
                machine.close();
            }
            ring.close();
            sink.close();
            decoder.close();
        }
        if (!ring.failures().isEmpty())
        {
            throw new IllegalStateException("the link failed", ring.failures().get(0));
        }
        return result;
    }

    private static void closeQuietly(final PcmSubstream pcm)
    {
        if (null == pcm)
        {
            return;
        }
        try
        {
            pcm.drop();
        }
        catch (final SoundException ignored)
        {
            // already stopped or never started
        }
        try
        {
            pcm.close();
        }
        catch (final SoundException ignored)
        {
            // closing what failed to open
        }
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

    private static double micros(final long nanos)
    {
        return nanos / 1e3;
    }
}

package dev.azalia.bench;

import dev.azalia.driver.AzxConfig;
import dev.azalia.link.ConsumerMode;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How many cards play in real time at once: for N = 1, 2, 4, 8, 16, 32, 48 it boots N machines on the real clock
 * (each with its own link clock thread, threaded interrupt, link ring with a {@link SinkWriter} into a
 * {@link NullSink} paced in real time), opens a 48 kHz stereo stream of 4 x 256 frames on each, and lets N
 * application threads write a synthetic signal (a 1 kHz sine) with {@code writei} for the same few seconds. It
 * reports per N the xruns the PCM layer saw (the application or the interrupt was late: the buffer ran empty), the
 * sink underruns (the link delivered too late for the paced sink), how many streams were clean, the largest N
 * with zero xruns (the goal: at least 32) and the largest N with zero of both. Like a device with a prefill, each
 * null sink starts consuming once it holds one period ({@code start_threshold}), and after an underrun again once
 * it holds a period: a sink underrun is a delivery more than a period late, not the few microseconds of jitter
 * every 250 µs link chunk has.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.azalia.bench.ConcurrencyScale [--seconds S] [--counts 1,2,4,...]
 * [--warmup S]}; Markdown on standard output. The first run (one card for {@code --warmup} seconds) only warms up
 * the JIT and is not reported.
 */
public final class ConcurrencyScale
{
    private static final int RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int PERIOD_FRAMES = 256;
    private static final int PERIODS = 4;
    private static final int RING_SIZE = 256;
    private static final int SLOT_BYTES = 4096;
    private static final int HOST_MEMORY_BYTES = 4 << 20;
    private static final double TONE_HZ = 1000.0;
    private static final long JOIN_MILLIS = 30_000;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private ConcurrencyScale()
    {
    }

    /** What one run of N cards gave. */
    record Result(int cards, long xruns, long underruns, long suspends, int cleanCards, long periodInterrupts,
        long framesWritten, long framesSunk, double loadAverage, List<String> failures)
    {
        boolean noXruns()
        {
            return 0 == xruns && failures.isEmpty();
        }

        boolean clean()
        {
            return noXruns() && 0 == underruns;
        }
    }

    /**
     * Runs the scale and prints the table.
     *
     * @param args {@code --seconds S} (default 3), {@code --counts LIST} (default 1,2,4,8,16,32,48),
     *             {@code --warmup S} (default 1).
     * @throws Exception if a machine cannot be booted.
     */
    public static void main(final String[] args) throws Exception
    {
        double seconds = 3.0;
        double warmup = 1.0;
        int[] counts = {1, 2, 4, 8, 16, 32, 48};
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = Double.parseDouble(args[++i]);
                    break;
                case "--warmup":
                    warmup = Double.parseDouble(args[++i]);
                    break;
                case "--counts":
                    final String[] parts = args[++i].split(",");
                    counts = new int[parts.length];
                    for (int k = 0; k < parts.length; k++)
                    {
                        counts[k] = Integer.parseInt(parts[k].trim());
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (warmup > 0)
        {
            run(1, warmup);
        }
        final List<Result> results = new ArrayList<>();
        System.out.println(String.format(Locale.ROOT, "%d cards max, 48 kHz stereo, %d x %d frames, %.1f s each, "
            + "null sink paced in real time; %d processors", counts[counts.length - 1], PERIODS, PERIOD_FRAMES,
            seconds, Runtime.getRuntime().availableProcessors()));
        System.out.println();
        System.out.println("| cards | clean cards | xruns | sink underruns | suspends | period IRQs | frames to link"
            + " | frames sunk | load avg (1 min, after) | failures |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (final int n : counts)
        {
            final Result r = run(n, seconds);
            results.add(r);
            System.out.println(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d | %.2f | %s |",
                r.cards(), r.cleanCards(), r.xruns(), r.underruns(), r.suspends(), r.periodInterrupts(),
                r.framesWritten(), r.framesSunk(), r.loadAverage(),
                r.failures().isEmpty() ? "none" : r.failures().get(0)));
        }
        int largest = 0;
        int largestClean = 0;
        for (final Result r : results)
        {
            if (r.noXruns())
            {
                largest = Math.max(largest, r.cards());
            }
            if (r.clean())
            {
                largestClean = Math.max(largestClean, r.cards());
            }
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "largest N with zero xruns: %d (goal >= 32: %s); largest N with"
            + " zero xruns and zero sink underruns: %d", largest, largest >= 32 ? "met" : "not met", largestClean));
    }

    /**
     * Plays {@code cards} streams at once for {@code seconds}.
     *
     * @param cards   how many machines.
     * @param seconds how long every application thread writes.
     * @return the counts.
     * @throws Exception if a machine cannot be booted or a thread does not stop.
     */
    static Result run(final int cards, final double seconds) throws Exception
    {
        final NanoClock clock = SystemNanoClock.INSTANCE;
        final List<Card> all = new ArrayList<>();
        try
        {
            for (int i = 0; i < cards; i++)
            {
                all.add(Card.boot(clock));
            }
            final CountDownLatch go = new CountDownLatch(1);
            final long durationNanos = (long)(seconds * 1e9);
            for (final Card c : all)
            {
                c.start(go, durationNanos);
            }
            go.countDown();
            long xruns = 0;
            long underruns = 0;
            long suspends = 0;
            long irqs = 0;
            long written = 0;
            long sunk = 0;
            int clean = 0;
            final List<String> failures = new ArrayList<>();
            for (final Card c : all)
            {
                c.join();
                xruns += c.xruns;
                underruns += c.underruns;
                suspends += c.suspends;
                irqs += c.periodInterrupts;
                written += c.framesWritten;
                sunk += c.framesSunk;
                if (0 == c.xruns && 0 == c.underruns && null == c.failure)
                {
                    clean++;
                }
                if (null != c.failure)
                {
                    failures.add(c.failure);
                }
            }
            return new Result(cards, xruns, underruns, suspends, clean, irqs, written, sunk, loadAverage(),
                failures);
        }
        finally
        {
            for (final Card c : all)
            {
                c.close();
            }
        }
    }

    private static double loadAverage()
    {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One machine with its link, sink and application thread. */
    private static final class Card
    {
        private final NullSink sink;
        private final SinkWriter writer;
        private final LinkRing ring;
        private final Machine machine;
        private final PcmSubstream pcm;
        private Thread app;
        long xruns;
        long underruns;
        long suspends;
        long periodInterrupts;
        long framesWritten;
        long framesSunk;
        String failure;

        private Card(final NullSink sink, final SinkWriter writer, final LinkRing ring, final Machine machine)
        {
            this.sink = sink;
            this.writer = writer;
            this.ring = ring;
            this.machine = machine;
            this.pcm = machine.chip().card().pcms().get(0).playback();
        }

        static Card boot(final NanoClock clock) throws InterruptedException
        {
            final NullSink sink = new NullSink(clock, true, NullSink.DEFAULT_BUFFER_FRAMES, PERIOD_FRAMES);
            final SinkWriter writer = new SinkWriter(sink);
            final LinkRing ring = new LinkRing(RING_SIZE, SLOT_BYTES, clock, ConsumerMode.SINK_THREAD_POLLS);
            ring.addHandler(writer);
            ring.start();
            final Machine machine = Machine.boot(MachineConfig.of(false, ring)
                .withDriverConfig(new AzxConfig(-1, "live")).withHostMemoryBytes(HOST_MEMORY_BYTES).withClock(clock));
            if (null == machine.chip() || null != machine.chip().probeFailure())
            {
                machine.close();
                ring.close();
                throw new IllegalStateException("the emulated card did not come up");
            }
            return new Card(sink, writer, ring, machine);
        }

        void start(final CountDownLatch go, final long durationNanos)
        {
            app = new Thread(() -> play(go, durationNanos), "app-" + machine.chip().source());
            app.setDaemon(true);
            app.start();
        }

        private void play(final CountDownLatch go, final long durationNanos)
        {
            try
            {
                final byte[] period = sine();
                pcm.open();
                pcm.hwParams(new HwParams(RATE, CHANNELS, 16, PERIOD_FRAMES, PERIODS));
                // start when the buffer is full, as aplay sets its start threshold
                pcm.setStartThresholdFrames((long)PERIOD_FRAMES * PERIODS);
                pcm.prepare();
                go.await();
                final long end = System.nanoTime() + durationNanos;
                while (System.nanoTime() < end)
                {
                    try
                    {
                        pcm.writei(period, 0, PERIOD_FRAMES);
                    }
                    catch (final SoundException e)
                    {
                        recover(e);
                    }
                }
                // counted before the stream stops: stopping starves the sink by design
                underruns = sink.underruns();
                periodInterrupts = machine.chip().periodInterrupts();
                xruns = pcm.xruns();
                pcm.drop();
                pcm.close();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
            catch (final RuntimeException | Error e)
            {
                machine.kernel().recordFailure("application", e);
                failure = e.toString();
            }
        }

        private void recover(final SoundException e)
        {
            if (Errno.EPIPE == e.errno())
            {
                pcm.prepare();
                return;
            }
            if (Errno.ESTRPIPE != e.errno())
            {
                throw e;
            }
            suspends++;
            pcm.prepare();
        }

        private static byte[] sine()
        {
            final byte[] pcm = new byte[PERIOD_FRAMES * CHANNELS * 2];
            // 256 frames at 48 kHz hold 5.33 cycles of 1 kHz: the phase jumps once per period, harmless here
            for (int f = 0; f < PERIOD_FRAMES; f++)
            {
                final short v = (short)(Math.sin(2 * Math.PI * TONE_HZ * f / RATE) * 8000);
                for (int ch = 0; ch < CHANNELS; ch++)
                {
                    final int at = (f * CHANNELS + ch) * 2;
                    pcm[at] = (byte)v;
                    pcm[at + 1] = (byte)(v >> 8);
                }
            }
            return pcm;
        }

        void join() throws InterruptedException
        {
            app.join(JOIN_MILLIS);
            if (app.isAlive())
            {
                failure = "the application thread did not stop";
            }
            framesWritten = ring.framesPublished();
            if (null == failure && !machine.failures().isEmpty())
            {
                failure = machine.failures().get(0).toString();
            }
            ring.publishEndOfStream();
            if (!ring.awaitDrained(DRAIN_TIMEOUT_NANOS) && null == failure)
            {
                failure = "the link did not drain";
            }
            framesSunk = writer.framesWritten();
            if (null == failure && !ring.failures().isEmpty())
            {
                failure = ring.failures().get(0).toString();
            }
        }

        void close()
        {
            machine.close();
            ring.close();
            sink.close();
        }
    }
}

package dev.azalia.bench;

import dev.azalia.hda.VirtualLinkClock;
import dev.azalia.link.ConsumerMode;
import dev.azalia.link.LinkRing;
import dev.azalia.link.NullSink;
import dev.azalia.link.SinkWriter;
import dev.azalia.machine.Machine;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.time.VirtualNanoClock;
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

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Steady-state allocation per period on the DMA to Disruptor to sink path, meant to be run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} is then the bytes allocated per operation (by every thread of the JVM), and one
 * operation is one period.
 *
 * <p>Set-up: a virtual machine (inline interrupts) whose codec's DAC feeds a {@link LinkRing} with one
 * {@link SinkWriter} into an unpaced {@link NullSink}; a 48 kHz stereo stream of {@link #periodFrames} x 4 is
 * prepared and filled. One invocation jumps the virtual clock to the next IOC completion and runs one link tick
 * ({@link dev.azalia.hda.HdaController#advance()}: DMA step, codec, publish into the ring, interrupt,
 * {@code periodElapsed}), then writes the next period with {@code writei}. The publishing thread drains the ring
 * into the sink itself ({@link dev.azalia.link.ConsumerMode#PRODUCER_POLLS}, as the player runs the virtual clock). The virtual kernel is not involved (its own timer events allocate,
 * and are not part of this path).
 *
 * <p>Run: {@code java -jar benchmarks.jar AllocationPerPeriod -f 1 -wi 1 -i 1 -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class AllocationPerPeriodBenchmark
{
    private static final int RING_SIZE = 1024;
    private static final int SLOT_BYTES = 16 * 1024;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Frames per period. */
    @Param({"256"})
    public int periodFrames;

    private VirtualNanoClock clock;
    private NullSink sink;
    private SinkWriter writer;
    private LinkRing ring;
    private Machine machine;
    private VirtualLinkClock link;
    private PcmSubstream pcm;
    private byte[] period;
    private long invocations;

    /**
     * Starts the ring, boots the machine and starts the stream.
     *
     * @throws Exception when the card does not come up.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        clock = new VirtualNanoClock();
        sink = new NullSink(clock, false);
        writer = new SinkWriter(sink);
        ring = new LinkRing(RING_SIZE, SLOT_BYTES, clock, ConsumerMode.PRODUCER_POLLS);
        ring.addHandler(writer);
        ring.start();
        final PrimedCard card = PrimedCard.boot(clock, ring, periodFrames, 13);
        machine = card.machine;
        link = card.link;
        pcm = card.pcm;
        period = card.period;
        invocations = 0;
    }

    /**
     * One period: DMA step with its interrupt, the samples published into the ring (and drained into the sink),
     * the next period written.
     *
     * @return the frames published into the ring so far.
     */
    @Benchmark
    public long period()
    {
        if (!link.stepToNextEvent())
        {
            throw new IllegalStateException("the stream stopped");
        }
        pcm.writei(period, 0, periodFrames);
        invocations++;
        return ring.framesPublished();
    }

    /**
     * Stops the stream, drains the ring, prints the counts and fails the trial on an xrun, a dropped event or a
     * failed thread.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long xruns = pcm.xruns();
        pcm.drop();
        pcm.close();
        ring.publishEndOfStream();
        final boolean drained = ring.awaitDrained(DRAIN_TIMEOUT_NANOS);
        System.out.println(String.format(Locale.ROOT, "%nallocation path: %d periods, %d frames published, %d "
            + "written to the sink, %d events dropped, %d xruns, drained %s", invocations, ring.framesPublished(),
            writer.framesWritten(), ring.eventsDropped(), xruns, drained));
        machine.close();
        ring.close();
        sink.close();
        if (0 != xruns || 0 != ring.eventsDropped() || !drained)
        {
            throw new IllegalStateException("the path lost periods: xruns " + xruns + ", dropped "
                + ring.eventsDropped() + ", drained " + drained);
        }
        if (!machine.failures().isEmpty())
        {
            throw new IllegalStateException("a thread failed: " + machine.failures().get(0),
                machine.failures().get(0));
        }
        if (!ring.failures().isEmpty())
        {
            throw new IllegalStateException("the link failed", ring.failures().get(0));
        }
    }
}

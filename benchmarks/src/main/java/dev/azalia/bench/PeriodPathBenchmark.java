package dev.azalia.bench;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.VirtualLinkClock;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
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
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The period path on a virtual machine (interrupts delivered inline): one invocation moves the virtual clock
 * straight to the running stream's next IOC completion (exactly one period later) and runs one link tick
 * ({@link dev.azalia.hda.HdaController#advance()}: the DMA step sets BCIS, the interrupt line runs the driver's
 * handler, which calls {@code periodElapsed} and updates the hardware pointer), then writes one period with
 * {@code writei} so the buffer stays full. Exactly one IOC, one interrupt and one {@code periodElapsed} per
 * invocation; the teardown checks this and fails the trial otherwise.
 *
 * <p>The DAC's samples go to a discarding output: the link ring is not part of this path (see
 * {@link AllocationPerPeriodBenchmark} for DMA to ring to sink). Two modes: {@link #singleShot} is
 * {@link Mode#SingleShotTime} over a batch of {@value #BATCH} periods (cold-ish: one measurement per iteration);
 * {@link #sampled} is {@link Mode#SampleTime} (the distribution of single periods).
 *
 * <p>Short run: {@code java -jar benchmarks.jar PeriodPath -f 1 -wi 1 -i 1}.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class PeriodPathBenchmark
{
    /** Periods per single-shot batch. */
    static final int BATCH = 1000;


    /** Frames per period. */
    @Param({"256"})
    public int periodFrames;

    /**
     * The codec on the link: the five-node QEMU model, or a built-in dump's codecs, whose samples go through the
     * widget graph to the listened pin.
     */
    @Param({"qemu", "laptop", "desktop"})
    public String codec;

    private VirtualNanoClock clock;
    private Machine machine;
    private VirtualLinkClock link;
    private PcmSubstream pcm;
    private byte[] period;
    private long invocations;
    private long interruptsAtStart;
    private long xrunsAtStart;

    /**
     * Boots a virtual machine (no autosuspend), opens, prepares and fills a 48 kHz stereo stream of
     * {@link #periodFrames} x 4, which starts it.
     *
     * @throws Exception when the card does not come up.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        clock = new VirtualNanoClock();
        final PrimedCard card = PrimedCard.boot(clock, new DiscardingDac(), periodFrames, 7,
            MachineCodec.builtin(BuiltinCodec.byId(codec).orElseThrow(), OptionalInt.empty()));
        machine = card.machine;
        link = card.link;
        pcm = card.pcm;
        period = card.period;
        if (Long.MAX_VALUE == machine.controller().nextEventNanos())
        {
            throw new IllegalStateException("the stream did not start");
        }
        invocations = 0;
        interruptsAtStart = machine.chip().periodInterrupts();
        xrunsAtStart = pcm.xruns();
    }

    /**
     * One period through the path, measured as a batch of {@value #BATCH} ({@link Mode#SingleShotTime}).
     *
     * @return the stream's hardware pointer in frames.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3, batchSize = BATCH)
    @Measurement(iterations = 10, batchSize = BATCH)
    public long singleShot()
    {
        return onePeriod();
    }

    /**
     * One period through the path, each one sampled ({@link Mode#SampleTime}).
     *
     * @return the stream's hardware pointer in frames.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    public long sampled()
    {
        return onePeriod();
    }

    private long onePeriod()
    {
        if (!link.stepToNextEvent())
        {
            throw new IllegalStateException("the stream stopped");
        }
        pcm.writei(period, 0, periodFrames);
        invocations++;
        return pcm.hwPtr();
    }

    /**
     * Checks that every invocation saw exactly one period interrupt and no xrun, prints the counts and closes.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long interrupts = machine.chip().periodInterrupts() - interruptsAtStart;
        final long xruns = pcm.xruns() - xrunsAtStart;
        System.out.println(String.format(Locale.ROOT, "%nperiod path: %d invocations, %d period interrupts, "
            + "%d xruns, virtual time %.3f s", invocations, interrupts, xruns, clock.nanoTime() / 1e9));
        pcm.drop();
        pcm.close();
        machine.close();
        if (interrupts != invocations || 0 != xruns)
        {
            throw new IllegalStateException("expected one period interrupt per invocation and no xrun, got "
                + interrupts + " interrupts and " + xruns + " xruns for " + invocations + " invocations");
        }
        if (!machine.failures().isEmpty())
        {
            throw new IllegalStateException("a thread failed: " + machine.failures().get(0),
                machine.failures().get(0));
        }
    }

    /** The DAC output of the period path: drops every sample. */
    static final class DiscardingDac implements DacOutput
    {
        @Override
        public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
            final int offset, final int length, final long nanos)
        {
            // the period path ends at the codec
        }
    }
}

package dev.azalia.bench;

import dev.azalia.driver.AzxConfig;
import dev.azalia.hda.HdaRegisters;
import dev.azalia.hda.codec.Verbs;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.pci.IoMapping;
import dev.azalia.pci.MmioTrace;
import dev.azalia.time.NanoClock;
import dev.azalia.time.SystemNanoClock;
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

import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * MMIO accessor cost and a codec verb round trip.
 *
 * <ul>
 *   <li>{@link #read32}: one {@link IoMapping#read32} of a controller register ({@code GCAP} or
 *   {@code INTSTS}) through a mapping of BAR 0, with mmiotrace {@code off} or {@code on} (every access formatted
 *   into a trace line and appended to an {@link Appendable} that drops it). {@link Mode#AverageTime} in ns.</li>
 *   <li>{@link #verbRoundTrip}: {@code GET_PARAMETER(VENDOR_ID)} to the codec's root node through
 *   {@code chip.transport().execute}: written into the CORB, fetched by the controller, answered by the codec into
 *   the RIRB, the response interrupt handled, the waiter woken. On a {@code virtual} machine the interrupt is
 *   delivered inline and the wait runs the virtual kernel; on a {@code real} one the interrupt runs on its
 *   {@code irq/<n>} thread and the link clock thread moves the CORB. {@link Mode#SampleTime} in µs.</li>
 * </ul>
 *
 * <p>Both machines run with autosuspend off so the controller stays powered. Short run:
 * {@code java -jar benchmarks.jar Mmio -f 1 -wi 1 -i 1}.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MmioBenchmark
{
    /** A booted machine with a BAR 0 mapping and the chosen trace. */
    @State(Scope.Benchmark)
    public static class ReadState
    {
        /** {@code off} or {@code on}. */
        @Param({"off", "on"})
        public String trace;

        /** The register: {@code GCAP} (offset 0x00) or {@code INTSTS} (offset 0x24). */
        @Param({"GCAP", "INTSTS"})
        public String register;

        private Machine machine;
        private IoMapping mapping;
        private int offset;

        /**
         * Boots a virtual machine with the trace and maps BAR 0.
         *
         * @throws Exception when the card does not come up.
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            final VirtualNanoClock clock = new VirtualNanoClock();
            final MmioTrace mmioTrace = "on".equals(trace) ? MmioTrace.to(new DiscardingAppendable(), clock)
                : MmioTrace.off();
            machine = bootChecked(MachineConfig.of(true, new PeriodPathBenchmark.DiscardingDac()).withClock(clock)
                .withTrace(mmioTrace).withDriverConfig(new AzxConfig(-1, "live")));
            mapping = machine.chip().ioremapBar();
            offset = "GCAP".equals(register) ? HdaRegisters.GCAP : HdaRegisters.INTSTS;
        }

        /** Unmaps and closes the machine. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            mapping.unmap();
            machine.close();
            failIfFailed(machine);
        }
    }

    /** A booted machine, {@code virtual} (inline interrupts) or {@code real} (threaded interrupts). */
    @State(Scope.Benchmark)
    public static class VerbState
    {
        /** {@code virtual} or {@code real}. */
        @Param({"virtual", "real"})
        public String machineKind;

        /** The codec answering: the five-node QEMU model, or a built-in dump's codec. */
        @Param({"qemu", "laptop", "desktop"})
        public String codec;

        private Machine machine;
        private int verb;
        private int vendorId;
        private long errors;

        /**
         * Boots the machine.
         *
         * @throws Exception when the card does not come up.
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            final boolean virtual = "virtual".equals(machineKind);
            final NanoClock clock = virtual ? new VirtualNanoClock() : SystemNanoClock.INSTANCE;
            machine = bootChecked(MachineConfig.of(virtual, new PeriodPathBenchmark.DiscardingDac()).withClock(clock)
                .withDriverConfig(new AzxConfig(-1, "live")).withCodec(MachineCodec.builtin(
                    BuiltinCodec.byId(codec).orElseThrow(), OptionalInt.empty())));
            verb = Verbs.make(0, 0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID);
            vendorId = machine.chip().codecs().get(0).vendorId();
            errors = 0;
        }

        /**
         * Closes the machine; fails the trial if a response was wrong or a thread failed.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            machine.close();
            if (0 != errors)
            {
                throw new IllegalStateException(errors + " round trips returned a wrong vendor id");
            }
            failIfFailed(machine);
        }
    }

    /**
     * One 32-bit register read through the mapping.
     *
     * @param s the machine and mapping.
     * @return the register's value.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int read32(final ReadState s)
    {
        return s.mapping.read32(s.offset);
    }

    /**
     * One verb over CORB/RIRB and its response.
     *
     * @param s the machine.
     * @return the codec's vendor id.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int verbRoundTrip(final VerbState s)
    {
        final int response = s.machine.chip().transport().execute(s.verb);
        if (s.vendorId != response)
        {
            s.errors++;
        }
        return response;
    }

    private static Machine bootChecked(final MachineConfig config) throws InterruptedException
    {
        final Machine m = Machine.boot(config);
        if (null == m.chip() || null != m.chip().probeFailure())
        {
            m.close();
            throw new IllegalStateException("the emulated card did not come up");
        }
        return m;
    }

    private static void failIfFailed(final Machine m)
    {
        if (!m.failures().isEmpty())
        {
            throw new IllegalStateException("a thread failed: " + m.failures().get(0), m.failures().get(0));
        }
    }

    /** An {@link Appendable} that drops everything (the trace's formatting cost stays, the I/O goes). */
    static final class DiscardingAppendable implements Appendable
    {
        @Override
        public Appendable append(final CharSequence csq)
        {
            return this;
        }

        @Override
        public Appendable append(final CharSequence csq, final int start, final int end)
        {
            return this;
        }

        @Override
        public Appendable append(final char c)
        {
            return this;
        }
    }
}

package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.driver.AzxIdentity;
import dev.azalia.hda.FaultPlan;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.pci.MmioRegion;
import dev.azalia.pci.MmioTrace;
import dev.azalia.time.NanoClock;
import dev.azalia.time.VirtualNanoClock;

import java.util.function.UnaryOperator;

/**
 * How to build a {@link Machine}.
 *
 * @param virtualClock   true for a deterministic single-threaded machine on a virtual clock.
 * @param linkTickNanos  how often the link clock steps the stream DMA, in nanoseconds.
 * @param dacOutput      where the codec's DAC sends its samples (the link).
 * @param trace          the mmiotrace recorder ({@link MmioTrace#off()} for none).
 * @param driverConfig   the driver's options.
 * @param hostMemoryBytes size of host memory for DMA.
 * @param clock          the clock to run on: null for a new one (the system clock, or a virtual clock at 0); a
 *                       virtual machine needs a {@link VirtualNanoClock}.
 * @param barFilter      wraps the controller's register window as the bus sees it: identity normally, a fault
 *                       injector in tests (a register that ignores writes, a dead RIRB DMA...).
 * @param verbTrace      where the driver's tracepoints go as ftrace text ({@code hda_send_cmd},
 *                       {@code azx_pcm_*}...; see {@link dev.azalia.kernel.trace.FtraceRecorder}), on the
 *                       mmiotrace's time base; null for none.
 * @param codec          the codec on the link and the boot-time mixer restore ({@link MachineCodec#DEFAULT}).
 * @param controller     the controller's PCI identity (vendor/device/revision/class), which decides the driver's
 *                       capabilities as Linux's {@code azx_ids} does.
 * @param faults         the faults the controller injects ({@link FaultPlan}), or null for none.
 */
public record MachineConfig(boolean virtualClock, long linkTickNanos, DacOutput dacOutput, MmioTrace trace,
    AzxConfig driverConfig, int hostMemoryBytes, NanoClock clock, UnaryOperator<MmioRegion> barFilter,
    Appendable verbTrace, MachineCodec codec, AzxIdentity controller, FaultPlan faults)
{
    /**
     * A configuration of the ICH9 controller.
     *
     * @param virtualClock    true for a deterministic single-threaded machine on a virtual clock.
     * @param linkTickNanos   how often the link clock steps the stream DMA, in nanoseconds.
     * @param dacOutput       where the codec's DAC sends its samples.
     * @param trace           the mmiotrace recorder.
     * @param driverConfig    the driver's options.
     * @param hostMemoryBytes size of host memory for DMA.
     * @param clock           the clock, or null for a new one.
     * @param barFilter       wraps the controller's register window.
     */
    public MachineConfig(final boolean virtualClock, final long linkTickNanos, final DacOutput dacOutput,
        final MmioTrace trace, final AzxConfig driverConfig, final int hostMemoryBytes, final NanoClock clock,
        final UnaryOperator<MmioRegion> barFilter)
    {
        this(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock, barFilter, null,
            MachineCodec.DEFAULT, AzxIdentity.ICH9, null);
    }

    /**
     * A configuration without injected faults.
     *
     * @param virtualClock    true for a deterministic single-threaded machine on a virtual clock.
     * @param linkTickNanos   how often the link clock steps the stream DMA, in nanoseconds.
     * @param dacOutput       where the codec's DAC sends its samples.
     * @param trace           the mmiotrace recorder.
     * @param driverConfig    the driver's options.
     * @param hostMemoryBytes size of host memory for DMA.
     * @param clock           the clock, or null for a new one.
     * @param barFilter       wraps the controller's register window.
     * @param verbTrace       where the tracepoints go, or null.
     * @param codec           the codec on the link.
     * @param controller      the controller's PCI identity.
     */
    public MachineConfig(final boolean virtualClock, final long linkTickNanos, final DacOutput dacOutput,
        final MmioTrace trace, final AzxConfig driverConfig, final int hostMemoryBytes, final NanoClock clock,
        final UnaryOperator<MmioRegion> barFilter, final Appendable verbTrace, final MachineCodec codec,
        final AzxIdentity controller)
    {
        this(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock, barFilter, verbTrace,
            codec, controller, null);
    }

    /**
     * Checks that a virtual machine gets a virtual clock.
     *
     * @throws IllegalArgumentException otherwise.
     */
    public MachineConfig
    {
        if (virtualClock && null != clock && !(clock instanceof VirtualNanoClock))
        {
            throw new IllegalArgumentException("a virtual machine needs a VirtualNanoClock");
        }
        if (null == controller)
        {
            throw new IllegalArgumentException("a controller identity is required");
        }
    }

    /** Default link tick: 250 µs. */
    public static final long DEFAULT_LINK_TICK_NANOS = 250_000L;
    /** Default host memory: 32 MiB. */
    public static final int DEFAULT_HOST_MEMORY_BYTES = 32 << 20;

    /**
     * A configuration with defaults for everything but the clock and the output.
     *
     * @param virtualClock true for the virtual clock.
     * @param dacOutput    where the DAC's samples go.
     * @return the configuration.
     */
    public static MachineConfig of(final boolean virtualClock, final DacOutput dacOutput)
    {
        return new MachineConfig(virtualClock, DEFAULT_LINK_TICK_NANOS, dacOutput, MmioTrace.off(),
            AzxConfig.DEFAULT, DEFAULT_HOST_MEMORY_BYTES, null, UnaryOperator.identity(), null,
            MachineCodec.DEFAULT, AzxIdentity.ICH9, null);
    }

    /**
     * The same configuration with another mmiotrace recorder.
     *
     * @param newTrace the recorder.
     * @return a copy.
     */
    public MachineConfig withTrace(final MmioTrace newTrace)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, newTrace, driverConfig, hostMemoryBytes, clock,
            barFilter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration with other driver options.
     *
     * @param config the options.
     * @return a copy.
     */
    public MachineConfig withDriverConfig(final AzxConfig config)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, config, hostMemoryBytes, clock,
            barFilter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration on a given clock.
     *
     * @param newClock the clock (a {@link VirtualNanoClock} for a virtual machine).
     * @return a copy.
     */
    public MachineConfig withClock(final NanoClock newClock)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes,
            newClock, barFilter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration with another link tick.
     *
     * @param tickNanos the link clock's step in nanoseconds.
     * @return a copy.
     */
    public MachineConfig withLinkTickNanos(final long tickNanos)
    {
        return new MachineConfig(virtualClock, tickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock,
            barFilter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration with a filter on the controller's register window (fault injection).
     *
     * @param filter wraps the controller's {@link MmioRegion}.
     * @return a copy.
     */
    public MachineConfig withBarFilter(final UnaryOperator<MmioRegion> filter)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock,
            filter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration with another amount of host memory. The machine zeroes all of it when it boots, so a
     * caller that knows its buffers (the player) asks for what it needs rather than the default.
     *
     * @param bytes host memory for DMA, in bytes: the CORB, RIRB, position buffer and every stream's BDL (about
     *              64 KiB on the emulated controller) plus the PCM buffers.
     * @return a copy.
     * @throws IllegalArgumentException if {@code bytes} is not positive.
     */
    public MachineConfig withHostMemoryBytes(final int bytes)
    {
        if (bytes <= 0)
        {
            throw new IllegalArgumentException("host memory must be positive: " + bytes + " bytes");
        }
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, bytes, clock,
            barFilter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration with a verb trace: the driver's tracepoints written to {@code out} in ftrace's text
     * format, timed like the mmiotrace (the same clock and, if {@link #trace()} is on, the same origin).
     *
     * @param out the sink (the machine writes whole lines; the caller closes it); null for none.
     * @return a copy.
     */
    public MachineConfig withVerbTrace(final Appendable out)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock,
            barFilter, out, codec, controller, faults);
    }

    /**
     * The same configuration with another codec.
     *
     * @param newCodec the codec and its boot-time mixer restore.
     * @return a copy.
     */
    public MachineConfig withCodec(final MachineCodec newCodec)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock,
            barFilter, verbTrace, newCodec, controller, faults);
    }

    /**
     * The same configuration with another controller identity ({@code --controller}).
     *
     * @param identity the controller's PCI identity.
     * @return a copy.
     */
    public MachineConfig withController(final AzxIdentity identity)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock,
            barFilter, verbTrace, codec, identity, faults);
    }

    /**
     * The same configuration with another DAC output (e.g. the same output behind a fault injector).
     *
     * @param output where the codec's DAC sends its samples.
     * @return a copy.
     */
    public MachineConfig withDacOutput(final DacOutput output)
    {
        return new MachineConfig(virtualClock, linkTickNanos, output, trace, driverConfig, hostMemoryBytes, clock,
            barFilter, verbTrace, codec, controller, faults);
    }

    /**
     * The same configuration with faults injected into the controller (and the unplug the plan holds, done by the
     * testbed).
     *
     * @param plan the faults, or null for none.
     * @return a copy.
     */
    public MachineConfig withFaults(final FaultPlan plan)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, driverConfig, hostMemoryBytes, clock,
            barFilter, verbTrace, codec, controller, plan);
    }
}

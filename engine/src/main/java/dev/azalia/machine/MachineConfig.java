package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.pci.MmioTrace;

/**
 * How to build a {@link Machine}.
 *
 * @param virtualClock   true for a deterministic single-threaded machine on a virtual clock.
 * @param linkTickNanos  how often the link clock steps the stream DMA, in nanoseconds.
 * @param dacOutput      where the codec's DAC sends its samples (the link).
 * @param trace          the mmiotrace recorder ({@link MmioTrace#off()} for none).
 * @param driverConfig   the driver's options.
 * @param hostMemoryBytes size of host memory for DMA.
 */
public record MachineConfig(boolean virtualClock, long linkTickNanos, DacOutput dacOutput, MmioTrace trace,
    AzxConfig driverConfig, int hostMemoryBytes)
{
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
            AzxConfig.DEFAULT, DEFAULT_HOST_MEMORY_BYTES);
    }

    /**
     * The same configuration with another mmiotrace recorder.
     *
     * @param newTrace the recorder.
     * @return a copy.
     */
    public MachineConfig withTrace(final MmioTrace newTrace)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, newTrace, driverConfig, hostMemoryBytes);
    }

    /**
     * The same configuration with other driver options.
     *
     * @param config the options.
     * @return a copy.
     */
    public MachineConfig withDriverConfig(final AzxConfig config)
    {
        return new MachineConfig(virtualClock, linkTickNanos, dacOutput, trace, config, hostMemoryBytes);
    }
}

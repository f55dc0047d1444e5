package dev.azalia.testbed;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.pci.MmioTrace;
import dev.azalia.time.NanoClock;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trace files of one playback: {@code --mmiotrace} and {@code --verbtrace}, opened before the machine boots
 * with one time origin, so that an MMIO access and a tracepoint at the same instant print the same time.
 *
 * <p>Threading: opened and closed on the application thread; the machine writes whole lines from any thread.
 */
final class Traces
{
    private final BufferedWriter mmioOut;
    private final BufferedWriter verbOut;
    private final MmioTrace mmio;

    private Traces(final BufferedWriter mmioOut, final BufferedWriter verbOut, final MmioTrace mmio)
    {
        this.mmioOut = mmioOut;
        this.verbOut = verbOut;
        this.mmio = mmio;
    }

    /**
     * Creates the trace files.
     *
     * @param mmiotrace where the mmiotrace goes, or null.
     * @param verbtrace where the verb trace goes, or null.
     * @param clock   the machine's clock; its reading now is the origin of both traces.
     * @return the traces.
     * @throws IOException when a file cannot be created.
     */
    static Traces open(final Path mmiotrace, final Path verbtrace, final NanoClock clock) throws IOException
    {
        final long originNanos = clock.nanoTime();
        final BufferedWriter mmioOut = create(mmiotrace);
        final BufferedWriter verbOut;
        try
        {
            verbOut = create(verbtrace);
        }
        catch (final IOException e)
        {
            if (null != mmioOut)
            {
                mmioOut.close();
            }
            throw e;
        }
        return new Traces(mmioOut, verbOut,
            null == mmioOut ? MmioTrace.off() : MmioTrace.to(mmioOut, clock, originNanos));
    }

    private static BufferedWriter create(final Path path) throws IOException
    {
        return null == path ? null : Files.newBufferedWriter(path, StandardCharsets.US_ASCII);
    }

    /**
     * Adds the traces to a machine configuration.
     *
     * @param config the configuration.
     * @return it with the mmiotrace and the verb trace.
     */
    MachineConfig configure(final MachineConfig config)
    {
        return config.withTrace(mmio).withVerbTrace(verbOut);
    }

    /**
     * Warns (one line) when a trace lost lines because its file could not take them.
     *
     * @param machine the machine that wrote them, or null.
     * @param err     where warnings go.
     */
    void warnLostLines(final Machine machine, final PrintStream err)
    {
        final long lost = mmio.appendFailures() + (null == machine ? 0 : machine.tracepoints().appendFailures());
        if (lost > 0)
        {
            err.println("play: warning: " + lost + " trace lines could not be written");
        }
    }

    /**
     * Flushes and closes the files.
     *
     * @throws IOException when a file cannot be written.
     */
    void close() throws IOException
    {
        try
        {
            if (null != mmioOut)
            {
                mmioOut.close();
            }
        }
        finally
        {
            if (null != verbOut)
            {
                verbOut.close();
            }
        }
    }
}

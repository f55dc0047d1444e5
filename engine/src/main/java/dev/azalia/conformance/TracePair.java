package dev.azalia.conformance;

import java.nio.file.Path;
import java.util.List;

/**
 * One side of a comparison: an mmiotrace, the HDA tracepoint events recorded on the same clock (possibly none),
 * and the kernel functions of its accesses (possibly none). Immutable.
 *
 * @param mmio      the mmiotrace.
 * @param events    the tracepoint events, in time order; empty when no verb trace was given.
 * @param functions the annotation of the accesses.
 */
public record TracePair(MmioCapture mmio, List<TraceEvent> events, KernelFunctions functions)
{
    /**
     * Copies the event list.
     */
    public TracePair
    {
        events = List.copyOf(events);
    }

    /**
     * Reads a side from files.
     *
     * @param mmiotrace the mmiotrace.
     * @param verbs     the tracepoint text, or null.
     * @param annotated the annotated merged trace, or null.
     * @return the side.
     * @throws TraceFormatException if a file cannot be read or a line is malformed.
     */
    public static TracePair read(final Path mmiotrace, final Path verbs, final Path annotated)
        throws TraceFormatException
    {
        return new TracePair(MmioTraceReader.read(mmiotrace),
            null == verbs ? List.of() : EventTraceReader.read(verbs),
            null == annotated ? KernelFunctions.none() : KernelFunctions.read(annotated));
    }
}

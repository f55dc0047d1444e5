package dev.azalia.conformance;

import java.util.List;

/**
 * One phase of a trace ({@code "probe"}, {@code "play1.setup"}, {@code "suspend"}, ...): its accesses and its
 * tracepoint events, both in order. Immutable.
 *
 * @param name     the phase's name, the same for both sides of a comparison.
 * @param accesses the MMIO accesses made in the phase.
 * @param events   the tracepoint events recorded in the phase (verbs, responses and the others).
 */
public record Phase(String name, List<MmioAccess> accesses, List<TraceEvent> events)
{
    /**
     * Copies the lists.
     */
    public Phase
    {
        accesses = List.copyOf(accesses);
        events = List.copyOf(events);
    }

    /**
     * The verbs sent, in order.
     *
     * @return each {@code hda_send_cmd}'s value.
     */
    public List<Long> verbs()
    {
        return events.stream().filter(e -> TraceEvent.SEND.equals(e.name()))
            .map(e -> e.field("val").orElseThrow()).toList();
    }

    /**
     * The responses read, in order.
     *
     * @return each {@code hda_get_response}'s value.
     */
    public List<Long> responses()
    {
        return events.stream().filter(e -> TraceEvent.RESPONSE.equals(e.name()))
            .map(e -> e.field("val").orElseThrow()).toList();
    }
}

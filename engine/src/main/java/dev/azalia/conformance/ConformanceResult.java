package dev.azalia.conformance;

import java.util.List;
import java.util.Optional;

/**
 * The comparison of a Linux capture with an Azalia run, phase by phase. Immutable.
 *
 * @param linuxSource  Linux's mmiotrace name.
 * @param azaliaSource Azalia's mmiotrace name.
 * @param scenario     the scenario read from Linux's capture, if it has a play.
 * @param phases       every phase of either side, in Linux's order (Azalia-only phases last).
 */
public record ConformanceResult(String linuxSource, String azaliaSource, Optional<CaptureScenario> scenario,
    List<PhaseResult> phases)
{
    /**
     * Copies the list.
     */
    public ConformanceResult
    {
        phases = List.copyOf(phases);
    }

    /**
     * Whether every phase passes.
     *
     * @return the verdict.
     */
    public boolean pass()
    {
        return phases.stream().allMatch(PhaseResult::pass);
    }

    /**
     * A phase by name.
     *
     * @param name the phase.
     * @return its result, if either side has it.
     */
    public Optional<PhaseResult> phase(final String name)
    {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

package dev.azalia.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds an Azalia run against a Linux capture, phase by phase: splits both sides ({@link PhaseSplitter}), compares
 * each phase of either side with the phase of the same name on the other ({@link PhaseComparator}; a phase one side
 * lacks is compared with an empty one), and reads the capture's scenario ({@link ScenarioExtractor}). Stateless.
 */
public final class Conformance
{
    private Conformance()
    {
    }

    /**
     * Compares two sides.
     *
     * @param linux   the capture.
     * @param azalia  the run.
     * @param allowed the differences that do not fail a phase.
     * @return the result, phases in Linux's order, then any only Azalia has.
     * @throws IllegalArgumentException if a phase is too long to align (see {@link SequenceAligner#align}).
     */
    public static ConformanceResult compare(final TracePair linux, final TracePair azalia,
        final AllowedDifferences allowed)
    {
        final RegisterMap lr = RegisterMap.of(linux.mmio());
        final RegisterMap ar = RegisterMap.of(azalia.mmio());
        final List<Phase> lp = PhaseSplitter.split(linux, lr);
        final List<Phase> ap = PhaseSplitter.split(azalia, ar);
        final Set<String> names = new LinkedHashSet<>();
        lp.forEach(p -> names.add(p.name()));
        ap.forEach(p -> names.add(p.name()));
        final List<PhaseResult> results = new ArrayList<>();
        for (final String n : names)
        {
            results.add(PhaseComparator.compare(n, PhaseComparator.byName(lp, n).orElse(PhaseComparator.empty(n)),
                PhaseComparator.byName(ap, n).orElse(PhaseComparator.empty(n)), lr, ar, linux.functions(), allowed));
        }
        return new ConformanceResult(linux.mmio().source(), azalia.mmio().source(),
            ScenarioExtractor.extract(linux), results);
    }
}

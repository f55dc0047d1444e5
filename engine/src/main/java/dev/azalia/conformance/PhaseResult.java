package dev.azalia.conformance;

import java.util.List;

/**
 * The comparison of one phase. Immutable.
 *
 * @param name           the phase.
 * @param linuxAccesses  accesses in Linux's phase.
 * @param azaliaAccesses accesses in Azalia's phase.
 * @param linuxTokens    Linux's tokens after repeated runs were reduced.
 * @param azaliaTokens   Azalia's tokens after repeated runs were reduced.
 * @param similarity     {@code 2 * LCS / (|a| + |b|)} of the reduced token sequences.
 * @param goal           the similarity the phase must reach (0.95 unless the allowed list lowers it).
 * @param linuxVerbs     verbs Linux sent in the phase.
 * @param azaliaVerbs    verbs Azalia sent in the phase.
 * @param valueDiffs     differing values at aligned accesses (every register compared, key or not).
 * @param verbDiffs      verb, response and repeat differences.
 * @param divergences    where the access sequences part, in order (all of them; reports print the first few).
 * @param failures       why the phase fails, one line each; empty when it passes.
 */
public record PhaseResult(String name, int linuxAccesses, int azaliaAccesses, int linuxTokens, int azaliaTokens,
    double similarity, double goal, int linuxVerbs, int azaliaVerbs, List<ValueDiff> valueDiffs,
    List<VerbDiff> verbDiffs, List<Divergence> divergences, List<String> failures)
{
    /**
     * Copies the lists.
     */
    public PhaseResult
    {
        valueDiffs = List.copyOf(valueDiffs);
        verbDiffs = List.copyOf(verbDiffs);
        divergences = List.copyOf(divergences);
        failures = List.copyOf(failures);
    }

    /**
     * Whether the phase meets the goal: similarity at least the goal, no key register value and no verb differing
     * except as allowed.
     *
     * @return true when no failure was found.
     */
    public boolean pass()
    {
        return failures.isEmpty();
    }
}

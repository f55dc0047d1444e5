package dev.azalia.conformance;

/**
 * A difference in the verbs of a phase. Immutable.
 *
 * @param kind        what differs.
 * @param linuxVerb   Linux's verb ({@code -1} when only Azalia sent one).
 * @param azaliaVerb  Azalia's verb ({@code -1} when only Linux sent one).
 * @param linuxValue  for {@link Kind#RESPONSE} Linux's response, for {@link Kind#REPEAT} Linux's count, else 0.
 * @param azaliaValue the same for Azalia.
 * @param linuxIndex  the verb's position among the phase's verbs on Linux's side (-1 when none).
 * @param azaliaIndex the same on Azalia's side.
 * @param allowedBy   the reason it is allowed, or the empty string.
 */
public record VerbDiff(Kind kind, long linuxVerb, long azaliaVerb, long linuxValue, long azaliaValue,
    int linuxIndex, int azaliaIndex, String allowedBy)
{
    /** What differs. */
    public enum Kind
    {
        /** A verb sent by one side only (or in another place). */
        VERB,
        /** The same verb answered differently. */
        RESPONSE,
        /** The same verb sent back to back a different number of times. */
        REPEAT
    }

    /**
     * Whether this difference fails its phase.
     *
     * @return true when not allowed.
     */
    public boolean fails()
    {
        return allowedBy.isEmpty();
    }
}

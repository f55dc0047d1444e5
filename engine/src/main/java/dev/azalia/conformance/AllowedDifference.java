package dev.azalia.conformance;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One difference between Linux and Azalia that does not fail a phase, with its reason. A line of the allowed list:
 * <pre>
 * PHASE  KIND  SUBJECT  REASON...
 * </pre>
 * PHASE is a glob over phase names ({@code *}, {@code play*.periods}); KIND and SUBJECT are one of
 * <ul>
 * <li>{@code similarity MIN}: the phase passes with a similarity of at least MIN (e.g. {@code 0.80});</li>
 * <li>{@code value REGISTER}: differing values of the register (a glob: {@code SD*.LPIB}, {@code GCTL});</li>
 * <li>{@code verb VERB}: a verb sent on one side only, VERB a glob over its {@code 0x%08x} form
 * ({@code 0x???f0500}: GET_POWER_STATE to any node);</li>
 * <li>{@code response VERB}: a different response to the verb;</li>
 * <li>{@code repeat VERB}: the verb sent back to back a different number of times (a poll's count).</li>
 * </ul>
 * {@code ?} matches one character, {@code *} any run. Immutable.
 *
 * @param phase   the phase glob.
 * @param kind    {@code similarity}, {@code value}, {@code verb}, {@code response} or {@code repeat}.
 * @param subject the register or verb glob, or the minimum similarity.
 * @param reason  why the difference is allowed.
 */
public record AllowedDifference(String phase, String kind, String subject, String reason)
{
    /** The kinds a line may name. */
    public static final java.util.Set<String> KINDS = java.util.Set.of("similarity", "value", "verb", "response",
        "repeat");

    /**
     * Whether this entry allows a difference.
     *
     * @param phaseName the phase.
     * @param what      the kind.
     * @param item      the register name or the verb's {@code 0x%08x} form.
     * @return true if it matches all three.
     */
    public boolean allows(final String phaseName, final String what, final String item)
    {
        return kind.equals(what) && glob(phase).matcher(phaseName).matches()
            && glob(subject.toLowerCase(Locale.ROOT)).matcher(item.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * The minimum similarity of a {@code similarity} entry.
     *
     * @return the figure.
     */
    public double minimumSimilarity()
    {
        return Double.parseDouble(subject);
    }

    /**
     * A one-line label for reports: {@code "allowed: REASON"}.
     *
     * @return the label.
     */
    public String label()
    {
        return "allowed: " + reason;
    }

    static Pattern glob(final String g)
    {
        final StringBuilder regex = new StringBuilder();
        for (final char c : g.toCharArray())
        {
            switch (c)
            {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}

package dev.azalia.conformance;

/**
 * A {@code MARK} line of an mmiotrace: a scenario boundary such as {@code MARK_PLAY1_BEGIN}. Immutable.
 *
 * @param timeMicros the time stamp in microseconds.
 * @param text       everything after the time stamp.
 * @param lineNumber the 1-based line in its file.
 */
public record TraceMark(long timeMicros, String text, int lineNumber)
{
    /**
     * The mark's name: the first word of its text ({@code "MARK_SYSTEM_SUSPEND_BEGIN"} of
     * {@code "MARK_SYSTEM_SUSPEND_BEGIN (s2idle, pm_test=devices)"}).
     *
     * @return the first whitespace-separated word, or the empty string.
     */
    public String name()
    {
        final String t = text.strip();
        final int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }
}

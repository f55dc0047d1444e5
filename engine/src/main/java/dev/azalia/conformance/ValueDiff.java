package dev.azalia.conformance;

/**
 * A register access at aligned positions whose compared bits differ between Linux and Azalia. Immutable.
 *
 * @param register    the register's name ({@code "SD4.FMT"}).
 * @param kind        the access, {@code "W2"}.
 * @param linuxValue  the value in Linux's trace.
 * @param azaliaValue the value in Azalia's trace.
 * @param linuxLine   the access's line in Linux's mmiotrace.
 * @param azaliaLine  the access's line in Azalia's mmiotrace.
 * @param key         whether the register is one whose differing value fails the phase.
 * @param allowedBy   the reason it is allowed, or the empty string.
 */
public record ValueDiff(String register, String kind, long linuxValue, long azaliaValue, int linuxLine,
    int azaliaLine, boolean key, String allowedBy)
{
    /**
     * Whether this difference fails its phase.
     *
     * @return true for a key register not allowed.
     */
    public boolean fails()
    {
        return key && allowedBy.isEmpty();
    }
}

package dev.azalia.conformance;

/**
 * One MMIO access of an mmiotrace, relative to the base of the BAR mapping that covered it. Immutable.
 *
 * @param timeMicros  the trace time stamp in microseconds.
 * @param write       true for a write ({@code W}), false for a read ({@code R}).
 * @param widthBytes  1, 2 or 4.
 * @param offset      the register offset: physical address minus the covering {@code MAP}'s base.
 * @param value       the value read or written (zero-extended).
 * @param pc          the program counter of the access ({@code 0} when the tracer does not know it).
 * @param lineNumber  the 1-based line of the access in its file.
 */
public record MmioAccess(long timeMicros, boolean write, int widthBytes, int offset, long value, long pc,
    int lineNumber)
{
    /**
     * The access kind and width as the trace writes it, e.g. {@code "W4"}.
     *
     * @return {@code R} or {@code W} followed by the width in bytes.
     */
    public String kind()
    {
        return (write ? "W" : "R") + widthBytes;
    }
}

package dev.azalia.conformance;

import java.util.List;

/**
 * A parsed mmiotrace: its accesses (offsets relative to the BAR) and marks, both in file order. Immutable.
 *
 * @param source     the file name, for messages.
 * @param accesses   every {@code R}/{@code W} line.
 * @param marks      every {@code MARK} line.
 * @param pciDevices the {@code PCIDEV} lines' vendor/device words ({@code 0x8086293e}), in file order.
 */
public record MmioCapture(String source, List<MmioAccess> accesses, List<TraceMark> marks, List<Long> pciDevices)
{
    /**
     * Copies the lists.
     */
    public MmioCapture
    {
        accesses = List.copyOf(accesses);
        marks = List.copyOf(marks);
        pciDevices = List.copyOf(pciDevices);
    }
}

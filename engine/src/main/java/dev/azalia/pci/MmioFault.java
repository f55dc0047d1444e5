package dev.azalia.pci;

/**
 * The record of one faulting CPU access (the emulated kernel's oops), kept by the bus for reports.
 *
 * @param device      the function the mapping belonged to.
 * @param bar         the BAR index of the mapping.
 * @param mapId       the mapping's mmiotrace id.
 * @param virtAddress the fake kernel virtual address that was accessed ({@code virtBase + offset}).
 * @param offset      the register offset used.
 * @param widthBytes  the access width, 1, 2 or 4 (0 for a double {@code iounmap}).
 * @param write       true for a write.
 * @param threadName  the thread that made the access.
 * @param nanos       when, on the bus clock, in nanoseconds.
 * @param message     the kernel-style message that was logged and thrown.
 */
public record MmioFault(PciAddress device, int bar, int mapId, long virtAddress, int offset, int widthBytes,
    boolean write, String threadName, long nanos, String message)
{
}

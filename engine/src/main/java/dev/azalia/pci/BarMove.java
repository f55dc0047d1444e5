package dev.azalia.pci;

/**
 * One BAR relocation done by a rescan, as logged by the PCI core ({@code BAR 0 updated: 0x... -> 0x...}).
 *
 * @param device     the function whose BAR moved.
 * @param bar        the BAR index.
 * @param oldAddress the physical base before the move.
 * @param newAddress the physical base after the move (always different from {@code oldAddress}).
 * @param nanos      when the BAR register was rewritten, on the bus clock, in nanoseconds.
 */
public record BarMove(PciAddress device, int bar, long oldAddress, long newAddress, long nanos)
{
}

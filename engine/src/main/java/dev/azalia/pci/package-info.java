/**
 * The emulated PCI bus: configuration space, BAR assignment inside a host bridge window, the MMIO address space
 * that routes CPU accesses to the decoding device, {@code ioremap}/{@code iounmap}, interrupts, host memory for DMA,
 * hot-plug and the movable-BAR rescan protocol, and mmiotrace.
 *
 * <p>{@link dev.azalia.pci.PciBus} keeps the functions, driver binding, mappings and fault accounting; the
 * package-private {@code BarAllocator} does resource allocation and the rescan (movability, placement, BAR rewrite,
 * the record of BAR moves).
 *
 * <p>May use: {@code dev.azalia.kernel}, {@code dev.azalia.device}, {@code dev.azalia.log},
 * {@code dev.azalia.time}. The bottom layer: nothing here uses hda, driver, sound or anything above.
 */
package dev.azalia.pci;

/**
 * The emulated PCI bus: configuration space, BAR assignment inside a host bridge window, the MMIO address space
 * that routes CPU accesses to the decoding device, {@code ioremap}/{@code iounmap}, interrupts, host memory for DMA,
 * hot-plug and the movable-BAR rescan protocol, and mmiotrace.
 */
package dev.azalia.pci;

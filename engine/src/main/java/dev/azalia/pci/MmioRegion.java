package dev.azalia.pci;

/**
 * What a device model decodes behind one memory BAR: register reads and writes at an offset inside the BAR.
 * The bus calls it only for accesses the device actually decodes (BAR assigned, COMMAND.MEMORY set, power D0).
 *
 * <p>Called from any thread that performs MMIO (application, interrupt, workqueue, PCI threads); implementations
 * are thread-safe. Device models never throw for a guest mistake: an access the hardware does not define reads 0
 * and ignores the write.
 */
public interface MmioRegion
{
    /**
     * Reads a register.
     *
     * @param offset     byte offset inside the BAR, {@code 0 <= offset < size}.
     * @param widthBytes 1, 2 or 4.
     * @return the value, zero-extended to the width (little-endian register layout).
     */
    int read(int offset, int widthBytes);

    /**
     * Writes a register.
     *
     * @param offset     byte offset inside the BAR.
     * @param widthBytes 1, 2 or 4.
     * @param value      the value; only the low {@code widthBytes} bytes are meaningful.
     */
    void write(int offset, int widthBytes, int value);
}

package dev.azalia.pci;

import java.util.Objects;

/**
 * One memory BAR of a function: a 32-bit non-prefetchable memory window of {@code sizeBytes} decoded by
 * {@code region}.
 *
 * @param index     the BAR number, 0..5 (config offset {@code 0x10 + 4 * index}).
 * @param sizeBytes the size in bytes: a power of two, at least 16; the BAR is aligned to its size.
 * @param region    what the device model decodes behind the BAR.
 */
public record BarSpec(int index, int sizeBytes, MmioRegion region)
{
    /**
     * Validates the BAR.
     *
     * @throws IllegalArgumentException if the index is not 0..5 or the size is not a power of two of at least 16.
     */
    public BarSpec
    {
        if (index < 0 || index > 5)
        {
            throw new IllegalArgumentException("BAR index " + index + " is not 0..5");
        }
        if (sizeBytes < 16 || Integer.bitCount(sizeBytes) != 1)
        {
            throw new IllegalArgumentException("BAR size " + sizeBytes + " is not a power of two >= 16");
        }
        Objects.requireNonNull(region, "region");
    }
}

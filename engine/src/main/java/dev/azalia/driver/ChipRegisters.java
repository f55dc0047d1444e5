package dev.azalia.driver;

import dev.azalia.pci.IoMapping;

/**
 * The driver's view of the controller's registers through one mapping ({@code azx_readl}/{@code azx_writel} and
 * friends): the bus's {@code remap_addr}, and each stream's {@code sd_addr}, which Linux derives from it once and a
 * BAR move must recompute.
 *
 * <p>Thread-safe: the current mapping is published with a volatile write ({@link #remap}) and read once per
 * access; which mapping an access used is therefore always a whole one, old or new.
 */
public final class ChipRegisters
{
    private volatile IoMapping mapping;

    /**
     * Registers behind {@code mapping}.
     *
     * @param mapping the ioremap'd BAR0.
     */
    public ChipRegisters(final IoMapping mapping)
    {
        this.mapping = mapping;
    }

    /**
     * The mapping accesses currently use.
     *
     * @return the mapping ({@code bus->remap_addr}).
     */
    public IoMapping mapping()
    {
        return mapping;
    }

    /**
     * Points every later access at a new mapping.
     *
     * @param newMapping the mapping of the BAR at its new address.
     */
    public void remap(final IoMapping newMapping)
    {
        this.mapping = newMapping;
    }

    /**
     * Reads a 32-bit register.
     *
     * @param offset register offset.
     * @return the value.
     */
    public int readl(final int offset)
    {
        return mapping.read32(offset);
    }

    /**
     * Reads a 16-bit register.
     *
     * @param offset register offset.
     * @return the value, 0..0xffff.
     */
    public int readw(final int offset)
    {
        return mapping.read16(offset);
    }

    /**
     * Reads an 8-bit register.
     *
     * @param offset register offset.
     * @return the value, 0..0xff.
     */
    public int readb(final int offset)
    {
        return mapping.read8(offset);
    }

    /**
     * Writes a 32-bit register.
     *
     * @param offset register offset.
     * @param value  the value.
     */
    public void writel(final int offset, final int value)
    {
        mapping.write32(offset, value);
    }

    /**
     * Writes a 16-bit register.
     *
     * @param offset register offset.
     * @param value  the value (low 16 bits).
     */
    public void writew(final int offset, final int value)
    {
        mapping.write16(offset, value);
    }

    /**
     * Writes an 8-bit register.
     *
     * @param offset register offset.
     * @param value  the value (low 8 bits).
     */
    public void writeb(final int offset, final int value)
    {
        mapping.write8(offset, value);
    }

    /**
     * Read-modify-write of a 32-bit register: {@code (reg & ~mask) | set}.
     *
     * @param offset register offset.
     * @param mask   bits to clear.
     * @param set    bits to set.
     */
    public void updatel(final int offset, final int mask, final int set)
    {
        writel(offset, (readl(offset) & ~mask) | set);
    }

    /**
     * Read-modify-write of an 8-bit register.
     *
     * @param offset register offset.
     * @param mask   bits to clear.
     * @param set    bits to set.
     */
    public void updateb(final int offset, final int mask, final int set)
    {
        writeb(offset, (readb(offset) & ~mask) | set);
    }
}

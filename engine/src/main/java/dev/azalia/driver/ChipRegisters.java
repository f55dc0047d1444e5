package dev.azalia.driver;

import dev.azalia.pci.IoMapping;

/**
 * The driver's view of the controller's registers: every CPU access of the driver goes through here, so that the
 * mapping can be replaced on a BAR move and a quiesce policy can fence access ({@code azx_readl}/{@code azx_writel}
 * and friends).
 *
 * <p>Thread-safe: the current mapping is published with a volatile write ({@link #remap}) and read once per
 * access; which mapping an access used is therefore always a whole one, old or new.
 */
public final class ChipRegisters
{
    private volatile IoMapping mapping;
    private volatile MmioFence fence = MmioFence.NONE;

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
     * Installs a fence that every access passes (a quiesce policy's gate); {@link MmioFence#NONE} removes it.
     *
     * @param newFence the fence.
     */
    public void setFence(final MmioFence newFence)
    {
        this.fence = newFence;
    }

    /**
     * Reads a 32-bit register.
     *
     * @param offset register offset.
     * @return the value.
     */
    public int readl(final int offset)
    {
        final MmioFence f = fence;
        f.enter();
        try
        {
            return mapping.read32(offset);
        }
        finally
        {
            f.exit();
        }
    }

    /**
     * Reads a 16-bit register.
     *
     * @param offset register offset.
     * @return the value, 0..0xffff.
     */
    public int readw(final int offset)
    {
        final MmioFence f = fence;
        f.enter();
        try
        {
            return mapping.read16(offset);
        }
        finally
        {
            f.exit();
        }
    }

    /**
     * Reads an 8-bit register.
     *
     * @param offset register offset.
     * @return the value, 0..0xff.
     */
    public int readb(final int offset)
    {
        final MmioFence f = fence;
        f.enter();
        try
        {
            return mapping.read8(offset);
        }
        finally
        {
            f.exit();
        }
    }

    /**
     * Writes a 32-bit register.
     *
     * @param offset register offset.
     * @param value  the value.
     */
    public void writel(final int offset, final int value)
    {
        final MmioFence f = fence;
        f.enter();
        try
        {
            mapping.write32(offset, value);
        }
        finally
        {
            f.exit();
        }
    }

    /**
     * Writes a 16-bit register.
     *
     * @param offset register offset.
     * @param value  the value (low 16 bits).
     */
    public void writew(final int offset, final int value)
    {
        final MmioFence f = fence;
        f.enter();
        try
        {
            mapping.write16(offset, value);
        }
        finally
        {
            f.exit();
        }
    }

    /**
     * Writes an 8-bit register.
     *
     * @param offset register offset.
     * @param value  the value (low 8 bits).
     */
    public void writeb(final int offset, final int value)
    {
        final MmioFence f = fence;
        f.enter();
        try
        {
            mapping.write8(offset, value);
        }
        finally
        {
            f.exit();
        }
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

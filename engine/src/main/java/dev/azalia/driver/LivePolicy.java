package dev.azalia.driver;

import dev.azalia.pci.IoMapping;
import dev.azalia.pci.PciDevice;

/**
 * Keeps the device running: its stream DMA reads host memory, never the BAR, so only CPU access needs fencing.
 * Close the MMIO gate (new users wait) and drain the users in flight, mask the interrupt (waiting out a running
 * handler; the device may keep asserting it), unmap; then map, recompute every derived pointer, unmask (a pending
 * interrupt is delivered now: its status was latched by the device and is replayed), open the gate. No register is
 * written on either side of the move, so nothing is reset and the stall is the time the gate is closed.
 *
 * <p>Nothing is allocated while the gate is closed: the mapping {@code rescan_done} binds is made when the PCI core
 * asks {@code bar_fixed}, before the window opens ({@link dev.azalia.pci.PciBus#reserveMapping}); it is a new
 * mapping (new map id and virtual address, traced as MAP) as {@code ioremap} makes.
 *
 * <p>Threading: one instance per chip; every method runs on the PCI core's thread, under its lock.
 */
public final class LivePolicy implements QuiescePolicy
{
    /** The mapping the next {@code rescan_done} binds, made ahead; null until a rescan asks. */
    private IoMapping nextMapping;

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "live";
    }

    /** {@inheritDoc} */
    @Override
    public boolean barFixed(final AzxChip chip, final int bar)
    {
        if (null == nextMapping && 0 == bar)
        {
            final PciDevice pci = chip.pci();
            nextMapping = pci.bus().reserveMapping(pci, 0);
        }
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public void rescanPrepare(final AzxChip chip)
    {
        chip.gate().closeAndDrain();
        chip.irq().disableIrq();
        chip.registers().mapping().unmap();
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final AzxChip chip)
    {
        try
        {
            final PciDevice pci = chip.pci();
            final IoMapping mapping = pci.bus().ioremap(pci, 0, nextMapping);
            nextMapping = null;
            chip.remapAll(mapping);
            chip.irq().enableIrq();
        }
        finally
        {
            chip.gate().open();
        }
    }
}

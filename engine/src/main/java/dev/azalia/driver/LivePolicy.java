package dev.azalia.driver;

/**
 * Keeps the device running: its stream DMA reads host memory, never the BAR, so only CPU access needs fencing.
 * Close the MMIO gate (new users wait) and drain the users in flight, mask the interrupt (waiting out a running
 * handler; the device may keep asserting it), unmap; then map, recompute every derived pointer, unmask (a pending
 * interrupt is delivered now: its status was latched by the device and is replayed), open the gate. No register is
 * written on either side of the move, so nothing is reset and the stall is the time the gate is closed.
 */
public final class LivePolicy implements QuiescePolicy
{
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
            chip.remapAll(chip.ioremapBar());
            chip.irq().enableIrq();
        }
        finally
        {
            chip.gate().open();
        }
    }
}

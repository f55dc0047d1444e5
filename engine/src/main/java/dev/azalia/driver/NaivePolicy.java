package dev.azalia.driver;

/**
 * The first cut from the mailing list: stop the chip and unmap; map at the new address and initialise the chip.
 * No runtime-PM wake-up (an autosuspended controller is in D3hot and reads all-ones: "CORB reset timeout#2,
 * CORBRP = 65535", "Unable to sync register 0x2b8000. -5"), no gating of the paths that reach MMIO, the running
 * stream is not stopped or restarted (the link reset kills its DMA: the application sees the stream stuck), and only
 * the bus's {@code remap_addr} is updated, not the stream descriptors' derived {@code sd_addr}.
 */
public final class NaivePolicy implements QuiescePolicy
{
    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "naive";
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
        chip.stopChip();
        chip.registers().mapping().unmap();
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final AzxChip chip)
    {
        chip.remapAll(chip.ioremapBar());
        chip.initChip(true);
        chip.resumeCodecsAfterReset();
    }
}

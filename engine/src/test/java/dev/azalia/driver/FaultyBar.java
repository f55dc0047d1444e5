package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.pci.MmioRegion;

/**
 * Fault injection on the controller's register window: switchable faults a test turns on mid-run.
 */
final class FaultyBar implements MmioRegion
{
    private final MmioRegion inner;
    private volatile boolean rirbDmaDead;
    private volatile boolean positionBufferDead;

    FaultyBar(final MmioRegion inner)
    {
        this.inner = inner;
    }

    /** From now on RIRB DMA is off and cannot be turned on: responses to CORB verbs are lost. */
    void killRirbDma()
    {
        rirbDmaDead = true;
        inner.write(HdaRegisters.RIRBCTL, 1, inner.read(HdaRegisters.RIRBCTL, 1) & ~HdaRegisters.RIRBCTL_DMAEN);
    }

    /** DPLBASE ignores writes: the position buffer is never enabled and stays 0. */
    void killPositionBuffer()
    {
        positionBufferDead = true;
    }

    @Override
    public int read(final int offset, final int widthBytes)
    {
        return inner.read(offset, widthBytes);
    }

    @Override
    public void write(final int offset, final int widthBytes, final int value)
    {
        if (rirbDmaDead && offset == HdaRegisters.RIRBCTL && widthBytes == 1)
        {
            inner.write(offset, widthBytes, value & ~HdaRegisters.RIRBCTL_DMAEN);
            return;
        }
        if (positionBufferDead && offset == HdaRegisters.DPLBASE)
        {
            return;
        }
        inner.write(offset, widthBytes, value);
    }
}

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
    private volatile int phantomCodecs;
    private volatile int corbFullReads;
    private volatile int linkResets;

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

    /** STATESTS reads also show these SDIN bits: codec slots that never answer (a BIOS's wrong mask). */
    void phantomCodecs(final int mask)
    {
        phantomCodecs = mask;
    }

    /** The next {@code reads} CORBRP reads say the ring is full (read pointer one ahead of the write pointer). */
    void corbFullFor(final int reads)
    {
        corbFullReads = reads;
    }

    /** GCTL writes with CRST = 0 so far (the driver putting the link into reset). */
    int linkResets()
    {
        return linkResets;
    }

    @Override
    public int read(final int offset, final int widthBytes)
    {
        if (offset == HdaRegisters.STATESTS && widthBytes == 2)
        {
            return inner.read(offset, widthBytes) | phantomCodecs;
        }
        if (offset == HdaRegisters.CORBRP && widthBytes == 2 && corbFullReads > 0)
        {
            corbFullReads--;
            return (inner.read(HdaRegisters.CORBWP, 2) + 1) & 0xff;
        }
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
        if (offset == HdaRegisters.GCTL && (value & HdaRegisters.GCTL_CRST) == 0)
        {
            linkResets++;
        }
        inner.write(offset, widthBytes, value);
    }
}

package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.PciDevice;
import dev.azalia.pci.PowerState;

/**
 * The chip's power transitions as {@code hda_intel.c} makes them: {@code azx_init_pci} (TCSEL, SCH snoop), codec
 * power save, {@code azx_runtime_suspend} (WAKEEN armed, chip stopped, link reset, D3hot) and
 * {@code __azx_runtime_resume} / {@code azx_runtime_resume} (D0, STATESTS read before the reset, PCI init, chip
 * init, WAKEEN cleared). It is {@link RuntimePm}'s device side; every callback passes the MMIO gate.
 *
 * <p>Threading: called under {@link RuntimePm}'s lock (task context or the workqueue) and from probe.
 */
final class AzxPower implements RuntimePm.Callbacks
{
    private final AzxChip chip;
    private final KernelLog log;
    private volatile int wakeStatus;

    /**
     * The power side of one chip.
     *
     * @param chip the controller.
     */
    AzxPower(final AzxChip chip)
    {
        this.chip = chip;
        this.log = chip.kernel().log();
    }

    /**
     * The STATESTS value read before the last runtime resume's controller reset.
     *
     * @return the SDIN bits of codecs that requested a wake.
     */
    int wakeStatus()
    {
        return wakeStatus;
    }

    /**
     * {@code azx_init_pci}: clears TCSEL bits 0-2 (config 0x44) unless the ID has {@code NO_TCSEL}; on SCH-snoop IDs
     * checks DEVC's no-snoop bit (config 0x78).
     */
    void initPci()
    {
        final AzxIdentity identity = chip.identity();
        final PciDevice pci = chip.pci();
        if (!identity.noTcsel())
        {
            log.debug(chip.source(), "Clearing TCSEL");
            final int tcsel = pci.config().read(0x44, 1);
            pci.config().write(0x44, 1, tcsel & ~0x07);
        }
        if (identity.snoopSch())
        {
            final int devc = pci.config().read(0x78, 2);
            log.debug(chip.source(), "SCH snoop: " + ((devc & 0x0800) != 0 ? "Disabled" : "Enabled"));
        }
    }

    /** Suspends every codec (function group to D3, caches only); one that cannot be reached is marked suspended. */
    void suspendCodecs()
    {
        for (final CodecDriver codec : chip.codecs())
        {
            try
            {
                codec.suspend();
            }
            catch (final RuntimeException e)
            {
                codec.markSuspended();
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean codecsReleaseLink()
    {
        for (final CodecDriver codec : chip.codecs())
        {
            if (!codec.clockStopOk())
            {
                return false;
            }
        }
        return !chip.codecs().isEmpty();
    }

    /** {@inheritDoc} */
    @Override
    public void runtimeSuspendCodecs()
    {
        gated(this::suspendCodecs);
    }

    /** {@inheritDoc} */
    @Override
    public void runtimeSuspendController()
    {
        gated(() ->
        {
            final ChipRegisters regs = chip.registers();
            // azx_runtime_suspend: codec wake-up armed before the link goes down
            regs.writew(HdaRegisters.WAKEEN, regs.readw(HdaRegisters.WAKEEN) | AzxLink.STATESTS_INT_MASK);
            chip.stopChip();
            chip.enterLinkReset();
            // runtime PM leaves the card's power state alone (only system suspend sets D3hot there)
            chip.pci().setPowerState(PowerState.D3HOT);
            chip.kernel().tracepoints().azxRuntimeSuspend(chip.card().number());
            log.debug(chip.source(), "runtime suspended");
        });
    }

    /** {@inheritDoc} */
    @Override
    public void runtimeResumeController()
    {
        gated(() ->
        {
            final ChipRegisters regs = chip.registers();
            chip.pci().setPowerState(PowerState.D0);
            // __azx_runtime_resume: which codecs woke, read before the reset clears it
            wakeStatus = regs.readw(HdaRegisters.STATESTS);
            initPci();
            chip.initChip(true);
            regs.writew(HdaRegisters.WAKEEN, regs.readw(HdaRegisters.WAKEEN) & ~AzxLink.STATESTS_INT_MASK);
            chip.kernel().tracepoints().azxRuntimeResume(chip.card().number());
        });
    }

    private void gated(final Runnable transition)
    {
        chip.gate().enter();
        try
        {
            transition.run();
        }
        finally
        {
            chip.gate().exit();
        }
    }
}

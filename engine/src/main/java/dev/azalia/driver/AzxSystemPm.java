package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.sound.Card;
import dev.azalia.sound.CardPowerState;

/**
 * System suspend and resume of one controller (suspend-to-idle), in the order Linux 6.1's PM core and
 * {@code snd_hda_intel} run them:
 * <ol>
 * <li>prepare: the PM core takes a runtime-PM reference (and the PCI core resumes a runtime-suspended function
 * before its suspend callback); {@code azx_prepare} puts the card in D3hot and flushes the unsolicited work;</li>
 * <li>the codecs (children suspend before their parent): {@code pm_runtime_force_suspend} of each codec that is
 * still powered, whose runtime suspend suspends the PCMs ({@code snd_pcm_suspend_all}) and puts the codec in D3;
 * a codec already in power save stays as it is;</li>
 * <li>{@code azx_suspend}: {@code __azx_runtime_suspend} (stop the chip, enter link reset), {@code free_irq},
 * then the {@code azx_suspend} tracepoint.</li>
 * </ol>
 * Resume: {@code azx_resume} requests the interrupt, reads STATESTS before the reset, initialises the chip with a
 * full link reset and emits {@code azx_resume}; the codecs resume (register caches replayed: the link reset lost
 * their state, and the generic parser's jack table makes {@code hda_codec_pm_complete} resume even a codec that was
 * in power save); {@code azx_complete} puts the card back in D0; the PM core drops its reference, so power save
 * applies again. The PCI function stays in D0 (what {@code pm_test=devices}, the capture's mode, does: the noirq
 * phase that would put it in D3hot does not run).
 *
 * <p>Threading: call {@link #suspend()} and {@link #resume()} from one task at a time (the PM core's), never from
 * the interrupt handler or a work item (the prepare step flushes the workqueue).
 */
public final class AzxSystemPm
{
    private final AzxChip chip;
    private boolean suspended;

    /**
     * System PM for a chip.
     *
     * @param chip the controller.
     */
    public AzxSystemPm(final AzxChip chip)
    {
        this.chip = chip;
    }

    /**
     * Whether the chip is system-suspended.
     *
     * @return true between {@link #suspend()} and {@link #resume()}.
     */
    public boolean suspended()
    {
        return suspended;
    }

    /**
     * Suspends the card and the controller. Does nothing if already suspended.
     */
    public void suspend()
    {
        if (suspended)
        {
            return;
        }
        final Card card = chip.card();
        chip.runtimePm().getSync();
        card.changePowerState(CardPowerState.D3HOT);
        chip.kernel().flushWork();
        card.suspendAllPcms();
        for (final CodecDriver codec : chip.codecs())
        {
            if (!codec.suspended())
            {
                codec.suspend();
            }
        }
        chip.gate().enter();
        try
        {
            chip.stopChip();
            chip.enterLinkReset();
        }
        finally
        {
            chip.gate().exit();
        }
        chip.irqs().release();
        suspended = true;
        chip.kernel().tracepoints().azxSuspend(card.number());
    }

    /**
     * Resumes the controller, the codecs and the card. Does nothing if not suspended. PCMs suspended by
     * {@link #suspend()} stay SUSPENDED: the application resumes or re-prepares them ({@code ESTRPIPE}).
     */
    public void resume()
    {
        if (!suspended)
        {
            return;
        }
        final Card card = chip.card();
        chip.irqs().acquire();
        chip.gate().enter();
        try
        {
            chip.registers().readw(HdaRegisters.STATESTS);
            chip.initChip(true);
        }
        finally
        {
            chip.gate().exit();
        }
        chip.kernel().tracepoints().azxResume(card.number());
        for (final CodecDriver codec : chip.codecs())
        {
            codec.markSuspended();
            codec.resume();
        }
        card.changePowerState(CardPowerState.D0);
        suspended = false;
        chip.runtimePm().put();
    }
}

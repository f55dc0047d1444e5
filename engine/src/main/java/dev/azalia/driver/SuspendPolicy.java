package dev.azalia.driver;

import dev.azalia.sound.CardPowerState;
import dev.azalia.sound.Pcm;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;

/**
 * Azalia's full-resume extension ({@link SuspendLinuxPolicy}, {@code suspend-linux}, is the Linux baseline without
 * it): the system-suspend analogy the reviewers proposed, in the order of Linux's merged preparation work, with full
 * resume: wake the controller, put the card in D3hot (PCM ioctls and control get/put now wait at the power gate),
 * flush unsolicited work, suspend every PCM and sync with the interrupt, wait for control operations in flight,
 * suspend the codecs and flush the unsolicited work once more (a jack event's work already past the codecs'
 * "suspended" check finishes its verb while the chip still runs), stop the chip and reset the link, mask the
 * interrupt, unmap. Then map, recompute every derived
 * pointer, unmask, initialise the chip, resume the codecs (register cache replay), D0, and resume the PCMs from the
 * exact frame where they stopped (the BDL is re-programmed to start there). Gapless if the stall fits in the audio
 * buffered past the DMA.
 */
public final class SuspendPolicy implements QuiescePolicy
{
    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "suspend";
    }

    /** {@inheritDoc} */
    @Override
    public boolean fullResume()
    {
        return true;
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
        chip.runtimePm().getSync();
        chip.card().changePowerState(CardPowerState.D3HOT);
        chip.kernel().flushWork();
        chip.card().suspendAllPcms();
        chip.card().powerSyncRef();
        chip.suspendCodecsForMove();
        // an unsolicited event's work that passed the codec's "suspended" check before it was set may still be
        // sending its verb: wait it out while the chip still runs; work queued from now on sees the codec suspended
        chip.kernel().flushWork();
        chip.stopChip();
        chip.enterLinkReset();
        chip.irq().disableIrq();
        chip.registers().mapping().unmap();
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final AzxChip chip)
    {
        try
        {
            restore(chip);
            resumeSuspendedPcms(chip);
        }
        finally
        {
            chip.runtimePm().put();
        }
    }

    /**
     * The restore both suspend policies share: map the moved BAR, re-enable the interrupt, initialise the chip,
     * resume the codecs from their caches, card to D0. The PCMs stay as they are (SUSPENDED).
     *
     * @param chip the controller, on the PCI core's thread.
     */
    static void restore(final AzxChip chip)
    {
        chip.remapAll(chip.ioremapBar());
        chip.irq().enableIrq();
        chip.initChip(true);
        chip.resumeCodecsAfterReset();
        chip.card().changePowerState(CardPowerState.D0);
    }

    /** Resumes every PCM substream left SUSPENDED (Azalia's full resume); a failure is logged and skipped. */
    private static void resumeSuspendedPcms(final AzxChip chip)
    {
        for (final Pcm pcm : chip.card().pcms())
        {
            final PcmSubstream s = pcm.playback();
            if (PcmState.SUSPENDED == s.state())
            {
                try
                {
                    s.resume();
                }
                catch (final SoundException e)
                {
                    chip.kernel().log().debug(chip.source(), "resume after the move: " + e.getMessage());
                }
            }
        }
    }
}

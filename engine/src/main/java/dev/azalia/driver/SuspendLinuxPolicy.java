package dev.azalia.driver;


/**
 * The system-suspend analogy exactly as Linux 6.1's {@code snd_hda_intel} can do it today, the baseline beside
 * {@link SuspendPolicy}'s full resume: the same quiesce (wake the controller, card to D3hot, flush unsolicited work,
 * suspend every PCM and sync with the interrupt, wait for control operations, suspend the codecs, stop the chip,
 * link reset, mask, unmap) and the same restore (map, recompute derived pointers, unmask, initialise the chip,
 * resume the codecs, D0), but the PCMs stay SUSPENDED: {@code azx_pcm_hw} has no {@code SNDRV_PCM_INFO_RESUME}
 * ({@code snd_pcm_resume} fails with ENOSYS), so the application's next write gets ESTRPIPE and it re-prepares as
 * {@code aplay} does; the audio buffered at the move is dropped.
 */
public final class SuspendLinuxPolicy implements QuiescePolicy
{
    private final SuspendPolicy quiesce = new SuspendPolicy();

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "suspend-linux";
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
        quiesce.rescanPrepare(chip);
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final AzxChip chip)
    {
        try
        {
            SuspendPolicy.restore(chip);
        }
        finally
        {
            chip.runtimePm().put();
        }
    }
}

package dev.azalia.driver;

/**
 * The second cut from the mailing list: wake the controller, take a read-write semaphore for writing across the
 * move (PCM operations take it for reading), stop the streams and the chip, unmap; then map, recompute every
 * derived pointer, initialise, restart the streams where they stopped. PCM ioctls are safe; the holes the reviewers
 * named are not closed: a mixer control get/put, unsolicited-event work and an interrupt already in flight reach
 * MMIO while the BAR is unmapped.
 */
public final class RwsemPolicy implements QuiescePolicy
{
    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "rwsem";
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
        chip.pcmRwsem().writeLock().lock();
        chip.runtimePm().getSync();
        chip.streams().stopRunning();
        chip.stopChip();
        chip.registers().mapping().unmap();
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final AzxChip chip)
    {
        try
        {
            chip.remapAll(chip.ioremapBar());
            chip.initChip(true);
            chip.resumeCodecsAfterReset();
            chip.restartStoppedStreams();
        }
        finally
        {
            chip.runtimePm().put();
            chip.pcmRwsem().writeLock().unlock();
        }
    }
}

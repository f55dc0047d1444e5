package dev.azalia.driver;

/**
 * Refuses to move: the BAR is fixed while any stream is open ({@code bar_fixed} true), so a hot-plug that needs
 * its window space is refused by the PCI core. An idle card lets the BAR move, with a full quiesce.
 */
public final class FixedPolicy implements QuiescePolicy
{
    private final SuspendPolicy idleMove = new SuspendPolicy();

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "fixed";
    }

    /** {@inheritDoc} */
    @Override
    public boolean barFixed(final AzxChip chip, final int bar)
    {
        return chip.openStreams() > 0;
    }

    /** {@inheritDoc} */
    @Override
    public void rescanPrepare(final AzxChip chip)
    {
        idleMove.rescanPrepare(chip);
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final AzxChip chip)
    {
        idleMove.rescanDone(chip);
    }
}

package dev.azalia.driver;

/**
 * How the driver lets the PCI core move its BAR while the card may be playing: what {@code bar_fixed},
 * {@code rescan_prepare} and {@code rescan_done} do. The implementations are the experiment's contenders, from
 * the first cut on the mailing list that reproduces its failure to one that keeps the device's DMA running.
 *
 * <p>Called on the PCI thread, one move at a time.
 */
public interface QuiescePolicy
{
    /**
     * The policy's name as the player and the reports spell it.
     *
     * @return {@code naive}, {@code rwsem}, {@code suspend}, {@code fixed} or {@code live}.
     */
    String name();

    /**
     * Whether the BAR must stay where it is now.
     *
     * @param chip the controller.
     * @param bar  the BAR index.
     * @return true to refuse a move.
     */
    boolean barFixed(AzxChip chip, int bar);

    /**
     * Stops using the BAR and unmaps it.
     *
     * @param chip the controller.
     */
    void rescanPrepare(AzxChip chip);

    /**
     * Maps the BAR at its new address and resumes.
     *
     * @param chip the controller.
     */
    void rescanDone(AzxChip chip);

    /**
     * The policy named {@code name}.
     *
     * @param name one of {@code naive}, {@code rwsem}, {@code suspend}, {@code fixed}, {@code live}.
     * @return a new policy instance.
     * @throws IllegalArgumentException for an unknown name.
     */
    static QuiescePolicy named(final String name)
    {
        return switch (name)
        {
            case "naive" -> new NaivePolicy();
            case "rwsem" -> new RwsemPolicy();
            case "suspend" -> new SuspendPolicy();
            case "fixed" -> new FixedPolicy();
            case "live" -> new LivePolicy();
            default -> throw new IllegalArgumentException("unknown quiesce policy '" + name
                + "' (naive, rwsem, suspend, fixed, live)");
        };
    }
}

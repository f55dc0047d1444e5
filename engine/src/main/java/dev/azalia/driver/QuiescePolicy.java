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
     * @return {@code naive}, {@code rwsem}, {@code suspend}, {@code suspend-linux}, {@code fixed} or {@code live}.
     */
    String name();

    /**
     * Whether the driver restarts suspended PCMs itself after a move, from the frame where they stopped (Azalia's
     * full-resume extension): only then do the PCMs advertise {@code SNDRV_PCM_INFO_RESUME}. Linux's
     * {@code snd_hda_intel} has no full resume: the application gets ESTRPIPE and re-prepares.
     *
     * @return false unless the policy resumes PCMs.
     */
    default boolean fullResume()
    {
        return false;
    }

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
     * @param name one of {@code naive}, {@code rwsem}, {@code suspend}, {@code suspend-linux}, {@code fixed},
     *             {@code live}.
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
            case "suspend-linux" -> new SuspendLinuxPolicy();
            case "fixed" -> new FixedPolicy();
            case "live" -> new LivePolicy();
            default -> throw new IllegalArgumentException("unknown quiesce policy '" + name
                + "' (naive, rwsem, suspend, suspend-linux, fixed, live)");
        };
    }
}

package dev.azalia.pci;

/**
 * A PCI driver, like {@code struct pci_driver}, including the movable-BAR hooks of the (unmerged) Linux
 * "PCI: Allow BAR movement during boot and hotplug" series.
 *
 * <p>{@link #probe} and {@link #remove} are called from the thread that binds or unbinds (the PCI thread);
 * the rescan hooks from the PCI thread running the rescan.
 */
public interface PciDriver
{
    /**
     * The driver's name, as it prefixes its log lines ({@code "snd_hda_intel"}).
     *
     * @return the name.
     */
    String name();

    /**
     * Whether this driver handles the device (vendor/device/class match).
     *
     * @param device the candidate.
     * @return true to be probed for it.
     */
    boolean matches(PciDevice device);

    /**
     * Binds to the device.
     *
     * @param device the device.
     * @throws Exception any failure; the device stays unbound.
     */
    void probe(PciDevice device) throws Exception;

    /**
     * Unbinds from the device (the device is going away or the driver is unloaded).
     *
     * @param device the device.
     */
    void remove(PciDevice device);

    /**
     * Whether a BAR must stay where it is during a rescan. A bound driver that does not override this keeps its
     * BARs fixed, as the PCI core assumes for drivers without the hook.
     *
     * @param device the device.
     * @param bar    the BAR index.
     * @return true if the BAR must not move.
     */
    default boolean barFixed(final PciDevice device, final int bar)
    {
        return true;
    }

    /**
     * Called before the PCI core may move this device's BARs: stop using the BARs and {@code iounmap} them.
     * Called children-first.
     *
     * @param device the device.
     */
    default void rescanPrepare(final PciDevice device)
    {
    }

    /**
     * Called after the PCI core has (re)assigned the BARs: {@code ioremap} at the new address and resume.
     * Called parents-first.
     *
     * @param device the device.
     */
    default void rescanDone(final PciDevice device)
    {
    }
}

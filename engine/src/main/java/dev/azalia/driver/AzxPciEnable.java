package dev.azalia.driver;

import dev.azalia.log.KernelLog;
import dev.azalia.pci.ConfigSpace;
import dev.azalia.pci.PciDevice;
import dev.azalia.pci.PowerState;

import java.util.Locale;

/**
 * {@code pcim_enable_device} as {@code azx_create} calls it: the function to D0, memory decoding and bus mastering
 * on (with the PCI core's {@code enabling device (old -> new)} line when they were off), and both turned off again
 * when the function's managed resources are released.
 *
 * <p>Called on the probe thread.
 */
final class AzxPciEnable
{
    private static final int ENABLE_BITS = ConfigSpace.COMMAND_MEMORY | ConfigSpace.COMMAND_BUS_MASTER;

    private AzxPciEnable()
    {
    }

    /**
     * Enables the function and registers the managed disable.
     *
     * @param pci    the function.
     * @param log    the kernel log.
     * @param source the log prefix.
     */
    static void enable(final PciDevice pci, final KernelLog log, final String source)
    {
        if (pci.powerState() != PowerState.D0)
        {
            pci.setPowerState(PowerState.D0);
        }
        final int command = pci.config().read(ConfigSpace.COMMAND, 2);
        if ((command & ENABLE_BITS) != ENABLE_BITS)
        {
            log.info(source, String.format(Locale.ROOT, "enabling device (%04x -> %04x)", command,
                command | ENABLE_BITS));
            pci.config().write(ConfigSpace.COMMAND, 2, command | ENABLE_BITS);
        }
        pci.devres().add("pci_enable_device", () -> pci.config().write(ConfigSpace.COMMAND, 2,
            pci.config().read(ConfigSpace.COMMAND, 2) & ~ENABLE_BITS));
    }
}

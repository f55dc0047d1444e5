package dev.azalia.driver;

import dev.azalia.device.ComponentRegistry;
import dev.azalia.kernel.Kernel;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.PciDevice;
import dev.azalia.pci.PciDriver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code snd_hda_intel} PCI driver: binds to Intel HD-Audio controllers (class 0x0403). {@link #probe} returns
 * quickly after creating the chip and the card; the slow part (link reset, codec probe, PCM and controls, card
 * registration) runs asynchronously on the workqueue, as Linux's {@code azx_probe_work}.
 *
 * <p>Threading: probe/remove and the rescan hooks on the PCI thread.
 */
public final class AzxDriver implements PciDriver
{
    /** The driver's name, as it prefixes its log lines. */
    public static final String NAME = "snd_hda_intel";
    private static final int CLASS_HD_AUDIO = 0x0403;

    private final Kernel kernel;
    private final DmaMemory memory;
    private final AzxConfig config;
    private final List<AzxChip> chips = new CopyOnWriteArrayList<>();
    private volatile ComponentRegistry components;

    /**
     * A driver instance.
     *
     * @param kernel kernel services.
     * @param memory host memory for DMA buffers.
     * @param config options.
     */
    public AzxDriver(final Kernel kernel, final DmaMemory memory, final AzxConfig config)
    {
        this.kernel = kernel;
        this.memory = memory;
        this.config = config;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public boolean matches(final PciDevice device)
    {
        // azx_ids: the table's IDs, and (as its class entries do) any Intel or AMD HD-Audio function
        return null != AzxIdentity.of(device.vendorId(), device.deviceId())
            || (device.vendorId() == 0x8086 || device.vendorId() == 0x1002)
            && (device.classCode() >> 8) == CLASS_HD_AUDIO;
    }

    /** {@inheritDoc} */
    @Override
    public void probe(final PciDevice device)
    {
        final AzxChip chip = new AzxChip(device, kernel, memory, config, chips.size());
        chips.add(chip);
        kernel.queueWork("azx_probe_work", () ->
        {
            chip.probeContinue();
            final ComponentRegistry registry = components;
            if (null != registry && null == chip.probeFailure())
            {
                // published after probe() returned: only the registry's trigger tells the deferred-probe queue
                registry.register(componentName(device), chip);
            }
        });
    }

    /**
     * Publishes each chip, once its asynchronous probe phase has succeeded, as the component
     * {@link #componentName} of its device in {@code registry} (the resource a board/machine driver waits for).
     * Call before the driver is registered.
     *
     * @param registry the registry, or null for none.
     */
    public void setComponentRegistry(final ComponentRegistry registry)
    {
        this.components = registry;
    }

    /**
     * The name under which a chip is published.
     *
     * @param device the PCI function.
     * @return {@code "hdac <device name>"}, e.g. {@code "hdac 0000:00:1b.0"}.
     */
    public static String componentName(final PciDevice device)
    {
        return "hdac " + device.name();
    }

    /** {@inheritDoc} */
    @Override
    public void remove(final PciDevice device)
    {
        final ComponentRegistry registry = components;
        if (null != registry)
        {
            registry.unregister(componentName(device));
        }
        for (final AzxChip chip : chips)
        {
            if (chip.pci() == device)
            {
                chip.remove();
                chips.remove(chip);
            }
        }
    }

    private AzxChip chipOf(final PciDevice device)
    {
        // indexed (no iterator: called inside a BAR move's window); chips change only on the PCI thread, as this runs
        for (int i = 0; i < chips.size(); i++)
        {
            final AzxChip chip = chips.get(i);
            if (chip.pci() == device)
            {
                return chip;
            }
        }
        throw new IllegalStateException("not bound to " + device.name());
    }

    /** {@inheritDoc} */
    @Override
    public boolean barFixed(final PciDevice device, final int bar)
    {
        final AzxChip chip = chipOf(device);
        // the PCI core asks before any move window opens: the move statistics are made now, not inside the window
        chip.moveStats().arm();
        return chip.policy().barFixed(chip, bar);
    }

    /** {@inheritDoc} */
    @Override
    public void rescanPrepare(final PciDevice device)
    {
        final AzxChip chip = chipOf(device);
        chip.moveStats().begin(kernel.clock().nanoTime(), kernelErrors());
        try
        {
            chip.policy().rescanPrepare(chip);
            chip.moveStats().prepared(kernel.clock().nanoTime());
        }
        catch (final RuntimeException e)
        {
            chip.moveStats().callbackFailed();
            throw e;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void rescanDone(final PciDevice device)
    {
        final AzxChip chip = chipOf(device);
        chip.moveStats().doneStarted(kernel.clock().nanoTime());
        try
        {
            chip.policy().rescanDone(chip);
        }
        catch (final RuntimeException e)
        {
            chip.moveStats().callbackFailed();
            throw e;
        }
        finally
        {
            chip.moveStats().end(kernel.clock().nanoTime(), kernelErrors());
        }
    }

    private long kernelErrors()
    {
        return kernel.log().errorCount();
    }

    /**
     * The chips this driver has bound, in probe order.
     *
     * @return the chips.
     */
    public List<AzxChip> chips()
    {
        return List.copyOf(chips);
    }
}

package dev.azalia.pci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * A test driver: binds to one vendor/device pair, maps BAR 0 at probe, and follows the movable-BAR protocol
 * (unmap in prepare, map in done) while recording every call into a shared journal.
 */
final class TestDriver implements PciDriver
{
    private final int vendorId;
    private final int deviceId;
    private final List<String> journal;
    private volatile BiPredicate<PciDevice, Integer> fixed;
    private final Map<PciDevice, IoMapping> mappings = new ConcurrentHashMap<>();

    TestDriver(final int vendorId, final int deviceId, final List<String> journal, final boolean barsFixed)
    {
        this.vendorId = vendorId;
        this.deviceId = deviceId;
        this.journal = journal;
        this.fixed = (d, b) -> barsFixed;
    }

    TestDriver(final int vendorId, final int deviceId, final boolean barsFixed)
    {
        this(vendorId, deviceId, Collections.synchronizedList(new ArrayList<>()), barsFixed);
    }

    void setFixed(final BiPredicate<PciDevice, Integer> predicate)
    {
        this.fixed = predicate;
    }

    IoMapping mapping(final PciDevice device)
    {
        return mappings.get(device);
    }

    List<String> journal()
    {
        return journal;
    }

    @Override
    public String name()
    {
        return "testdrv";
    }

    @Override
    public boolean matches(final PciDevice device)
    {
        return device.vendorId() == vendorId && device.deviceId() == deviceId;
    }

    @Override
    public void probe(final PciDevice device)
    {
        journal.add("probe " + device.name());
        mappings.put(device, device.bus().ioremap(device, 0));
    }

    @Override
    public void remove(final PciDevice device)
    {
        journal.add("remove " + device.name());
        mappings.get(device).unmap();
    }

    @Override
    public boolean barFixed(final PciDevice device, final int bar)
    {
        return fixed.test(device, bar);
    }

    @Override
    public void rescanPrepare(final PciDevice device)
    {
        journal.add("prepare " + device.name());
        mappings.get(device).unmap();
    }

    @Override
    public void rescanDone(final PciDevice device)
    {
        journal.add("done " + device.name());
        mappings.put(device, device.bus().ioremap(device, 0));
    }
}

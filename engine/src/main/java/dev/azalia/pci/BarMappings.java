package dev.azalia.pci;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ioremap} for a bus: map ids and fake kernel virtual addresses handed out in order, every mapping on a 1 MiB
 * boundary with a guard granule after it. A mapping may be made ahead, unbound, and bound by a later
 * {@code ioremap}: a driver that must remap inside a BAR move's window makes its next mapping before the window, so
 * that the remap allocates nothing. Each mapping is bound once; one that was unmapped stays unmapped (an access
 * through it faults), whatever happens to the BAR later. Also the accounting of what goes wrong through mappings:
 * stale accesses and page faults.
 *
 * <p>Threading: any thread; the counters are atomic.
 */
final class BarMappings
{
    /** Granule of fake virtual addresses: every mapping starts on a 1 MiB boundary. */
    private static final long VIRT_GRANULE = 0x10_0000L;

    private final PciBus bus;
    private final AtomicInteger nextMapId = new AtomicInteger(1);
    private final AtomicLong nextVirt = new AtomicLong(PciBus.VIRT_BASE);
    private final List<MmioFault> faultRecords = new CopyOnWriteArrayList<>();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();

    BarMappings(final PciBus bus)
    {
        this.bus = bus;
    }

    /** An unbound mapping of a BAR, for {@link #ioremap} to bind later. */
    IoMapping reserve(final PciDevice device, final int bar)
    {
        return new IoMapping(bus, device, bar, 0, -1L, 0L, device.barSize(bar));
    }

    /**
     * Maps a BAR at its current address: binds {@code reserved} when it is an unbound mapping of that BAR, else
     * makes a new mapping. Traced as MAP.
     */
    IoMapping ioremap(final PciDevice device, final int bar, final IoMapping reserved)
    {
        final long phys = device.barAddress(bar);
        if (phys < 0)
        {
            throw new IllegalStateException(device.name() + ": BAR " + bar + " is not assigned");
        }
        final int size = device.barSize(bar);
        final long span = Math.max(VIRT_GRANULE, (size + VIRT_GRANULE - 1) & -VIRT_GRANULE);
        final long virt = nextVirt.getAndAdd(span + VIRT_GRANULE);
        final IoMapping m;
        if (null != reserved && 0 == reserved.mapId() && reserved.device() == device && reserved.bar() == bar
            && reserved.sizeBytes() == size)
        {
            reserved.bind(nextMapId.getAndIncrement(), phys, virt);
            m = reserved;
        }
        else
        {
            m = new IoMapping(bus, device, bar, nextMapId.getAndIncrement(), phys, virt, size);
        }
        bus.trace().map(m.mapId(), phys, virt, size);
        return m;
    }

    /** Counts an access through a mapping to an address its BAR no longer decodes. */
    void countStale()
    {
        stale.incrementAndGet();
    }

    /** Records and logs a page fault; returns the exception for the caller to throw. */
    MmioFaultException fault(final IoMapping m, final int offset, final int widthBytes, final boolean write,
        final String message)
    {
        final String thread = Thread.currentThread().getName();
        faults.incrementAndGet();
        faultRecords.add(new MmioFault(m.device().address(), m.bar(), m.mapId(), m.virtBase() + offset, offset,
            widthBytes, write, thread, bus.clock().nanoTime(), message));
        bus.log().err("kernel", message);
        return new MmioFaultException(message, offset, thread);
    }

    long staleAccesses()
    {
        return stale.get();
    }

    long faults()
    {
        return faults.get();
    }

    List<MmioFault> faultRecords()
    {
        return List.copyOf(faultRecords);
    }
}

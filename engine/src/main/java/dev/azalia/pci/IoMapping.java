package dev.azalia.pci;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CPU mapping of one BAR, as {@code ioremap} returns it: bound to the BAR's physical base at the time of mapping.
 * Accessors are little-endian, 8/16/32 bits wide, at a byte offset inside the BAR.
 *
 * <ul>
 *   <li>Mapped, and the function still decodes {@code physBase + offset} through this BAR: the access reaches the
 *       device model.
 *   <li>Mapped, but the function no longer decodes that address (BAR moved, memory decode off, not in D0, device
 *       removed): the access still goes to the OLD physical address - all-ones/vanish, or whatever now decodes
 *       there - and is counted as stale here ({@link #staleAccesses()}) and on the bus.
 *   <li>After {@link #unmap()}, or at an offset outside {@code [0, size)}: the kernel's page fault - logged as an oops
 *       to the kernel log, recorded on the bus ({@link PciBus#faults()}, {@link PciBus#faultRecords()}) and thrown
 *       as {@link MmioFaultException} to the accessing thread.
 * </ul>
 * Misaligned offsets are passed to the device model unchanged. Every access is traced when the bus's
 * {@link MmioTrace} is enabled.
 *
 * <p>Thread-safety: any thread may access concurrently; the access path allocates nothing and takes no lock.
 */
public final class IoMapping
{
    private final PciBus bus;
    private final PciDevice device;
    private final int bar;
    // set once: at construction, or by bind() for a mapping made unbound ahead of its ioremap (written before
    // mapped is set, read after it is read)
    private volatile int mapId;
    private volatile long physBase;
    private volatile long virtBase;
    private final int sizeBytes;
    private final AtomicBoolean mapped;
    private final AtomicLong stale = new AtomicLong();

    IoMapping(final PciBus bus, final PciDevice device, final int bar, final int mapId, final long physBase,
        final long virtBase, final int sizeBytes)
    {
        this.bus = bus;
        this.device = device;
        this.bar = bar;
        this.mapId = mapId;
        this.physBase = physBase;
        this.virtBase = virtBase;
        this.sizeBytes = sizeBytes;
        this.mapped = new AtomicBoolean(mapId > 0);
    }

    /** Binds a mapping made unbound ({@code mapId} 0) to its BAR's address: once. */
    void bind(final int id, final long phys, final long virt)
    {
        if (0 != mapId || id <= 0)
        {
            throw new IllegalStateException("mapping " + mapId + " of " + device.name() + " is already bound");
        }
        mapId = id;
        physBase = phys;
        virtBase = virt;
        mapped.set(true);
    }

    /**
     * Reads 8 bits.
     *
     * @param offset byte offset in the BAR.
     * @return the value, 0..0xFF.
     * @throws MmioFaultException after {@code iounmap} or outside the mapping.
     */
    public int read8(final int offset)
    {
        return read(offset, 1);
    }

    /**
     * Reads 16 bits.
     *
     * @param offset byte offset in the BAR.
     * @return the value, 0..0xFFFF.
     * @throws MmioFaultException after {@code iounmap} or outside the mapping.
     */
    public int read16(final int offset)
    {
        return read(offset, 2);
    }

    /**
     * Reads 32 bits.
     *
     * @param offset byte offset in the BAR.
     * @return the value.
     * @throws MmioFaultException after {@code iounmap} or outside the mapping.
     */
    public int read32(final int offset)
    {
        return read(offset, 4);
    }

    /**
     * Writes 8 bits.
     *
     * @param offset byte offset in the BAR.
     * @param value  the low 8 bits are written.
     * @throws MmioFaultException after {@code iounmap} or outside the mapping.
     */
    public void write8(final int offset, final int value)
    {
        write(offset, 1, value);
    }

    /**
     * Writes 16 bits.
     *
     * @param offset byte offset in the BAR.
     * @param value  the low 16 bits are written.
     * @throws MmioFaultException after {@code iounmap} or outside the mapping.
     */
    public void write16(final int offset, final int value)
    {
        write(offset, 2, value);
    }

    /**
     * Writes 32 bits.
     *
     * @param offset byte offset in the BAR.
     * @param value  the value.
     * @throws MmioFaultException after {@code iounmap} or outside the mapping.
     */
    public void write32(final int offset, final int value)
    {
        write(offset, 4, value);
    }

    /**
     * Reads {@code widthBytes} at {@code offset}.
     *
     * @param offset     byte offset in the BAR.
     * @param widthBytes 1, 2 or 4.
     * @return the value zero-extended.
     * @throws IllegalArgumentException if the width is not 1, 2 or 4.
     * @throws MmioFaultException       after {@code iounmap} or outside the mapping.
     */
    public int read(final int offset, final int widthBytes)
    {
        MmioAddressSpace.checkWidth(widthBytes);
        check(offset, widthBytes, false);
        final long phys = physBase + offset;
        final int value = bus.mmio().readMapped(this, phys, widthBytes);
        final MmioTrace trace = bus.trace();
        if (trace.enabled())
        {
            trace.read(widthBytes, mapId, phys, value);
        }
        return value;
    }

    /**
     * Writes {@code widthBytes} at {@code offset}.
     *
     * @param offset     byte offset in the BAR.
     * @param widthBytes 1, 2 or 4.
     * @param value      the value; the low {@code widthBytes} bytes are written.
     * @throws IllegalArgumentException if the width is not 1, 2 or 4.
     * @throws MmioFaultException       after {@code iounmap} or outside the mapping.
     */
    public void write(final int offset, final int widthBytes, final int value)
    {
        MmioAddressSpace.checkWidth(widthBytes);
        check(offset, widthBytes, true);
        final long phys = physBase + offset;
        final MmioTrace trace = bus.trace();
        if (trace.enabled())
        {
            trace.write(widthBytes, mapId, phys, value);
        }
        bus.mmio().writeMapped(this, phys, widthBytes, value);
    }

    /**
     * The physical base the mapping was made for.
     *
     * @return the BAR's address at {@code ioremap} time.
     */
    public long physBase()
    {
        return physBase;
    }

    /**
     * The fake kernel virtual address of offset 0 (for mmiotrace and fault messages).
     *
     * @return the virtual base.
     */
    public long virtBase()
    {
        return virtBase;
    }

    /**
     * The mapped length.
     *
     * @return bytes (the BAR size).
     */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    /**
     * The mmiotrace map id.
     *
     * @return the id, unique per bus.
     */
    public int mapId()
    {
        return mapId;
    }

    /**
     * Whether {@link #unmap()} has not been called yet.
     *
     * @return true while mapped.
     */
    public boolean mapped()
    {
        return mapped.get();
    }

    /**
     * The function this maps.
     *
     * @return the device.
     */
    public PciDevice device()
    {
        return device;
    }

    /**
     * The BAR this maps.
     *
     * @return the BAR index.
     */
    public int bar()
    {
        return bar;
    }

    /**
     * How many accesses through this mapping went to an address its BAR no longer decodes.
     *
     * @return the count.
     */
    public long staleAccesses()
    {
        return stale.get();
    }

    /**
     * Releases the mapping ({@code iounmap}); later accesses fault. A second call is itself a bug, as in the kernel:
     * it logs {@code iounmap: bad address 0x...}, is recorded as a fault and throws.
     *
     * @throws MmioFaultException on a second call.
     */
    public void unmap()
    {
        if (!mapped.compareAndSet(true, false))
        {
            throw bus.mappings().fault(this, 0, 0, false,
                "iounmap: bad address 0x" + Long.toHexString(virtBase) + " (already unmapped "
                    + device.name() + " BAR " + bar + ", thread \"" + Thread.currentThread().getName() + "\")");
        }
        bus.trace().unmap(mapId);
    }

    void countStale()
    {
        stale.incrementAndGet();
        bus.mappings().countStale();
    }

    private void check(final int offset, final int widthBytes, final boolean write)
    {
        if (mapped.get() && offset >= 0 && offset <= sizeBytes - widthBytes)
        {
            return;
        }
        final String why = mapped.get() ? "beyond the " + sizeBytes + "-byte ioremap of " : "iounmap'd ";
        throw bus.mappings().fault(this, offset, widthBytes, write,
            "BUG: unable to handle page fault for address: 0x" + Long.toHexString(virtBase + offset) + " ("
                + (write ? "write" : "read") + widthBytes * 8 + " at offset 0x" + Integer.toHexString(offset)
                + " of " + why + device.name() + " BAR " + bar + ", thread \"" + Thread.currentThread().getName()
                + "\")");
    }
}

package dev.azalia.pci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU's view of PCI memory space: a physical access goes to whichever function decodes that address (BAR
 * assigned, COMMAND.MEMORY set, power state D0). An access nobody decodes is a master abort: a read returns all
 * ones for its width (0xFF, 0xFFFF, 0xFFFFFFFF) and a write vanishes; both are counted. An access must lie wholly
 * inside one BAR to be decoded; one that straddles a BAR's end is undecoded.
 *
 * <p>Threading: {@link #read} and {@link #write} are called from any thread, concurrently with BAR moves. They read
 * a volatile reference to an immutable decoder table (lock-free, allocation-free); the PCI core replaces the table
 * after every BAR, COMMAND or power change, with one it published before when the functions decode the same
 * windows again (a BAR moving between two places): a BAR move allocates no table. An access that loaded the table just before a replacement completes
 * against the old table, as a transaction already on the bus would.
 *
 * <p>A device model that throws from {@link MmioRegion} (a model bug) does not propagate to the accessing thread:
 * the exception is logged, recorded ({@link #deviceFailures()}) and the access completes as a master abort.
 */
public final class MmioAddressSpace
{
    /** One decoded BAR: immutable, shared by all accessors. */
    static final class Window
    {
        final long base;
        final long end;
        final MmioRegion region;
        final PciDevice device;
        final int bar;

        Window(final long base, final int sizeBytes, final MmioRegion region, final PciDevice device, final int bar)
        {
            this.base = base;
            this.end = base + sizeBytes;
            this.region = region;
            this.device = device;
            this.bar = bar;
        }
    }

    private static final Window[] EMPTY = new Window[0];

    private final PciBus bus;
    private final AtomicLong undecodedReads = new AtomicLong();
    private final AtomicLong undecodedWrites = new AtomicLong();
    private final List<Throwable> deviceFailures = new ArrayList<>();
    // Written under rebuild()'s lock, read lock-free by accessors: the volatile write publishes the new immutable
    // table (pairs with the volatile read in find()).
    private volatile Window[] table = EMPTY;
    // Guarded by this object's monitor: the windows of the table being computed (spec, function, base), and the tables published last
    // (immutable: one of them is published again when the functions decode what they decoded then).
    private BarSpec[] scratchSpec = new BarSpec[4];
    private PciDevice[] scratchDevice = new PciDevice[4];
    private long[] scratchBase = new long[4];
    private final Window[][] published = new Window[4][];
    private int nextPublished;

    MmioAddressSpace(final PciBus bus)
    {
        this.bus = bus;
    }

    /**
     * All-ones for an access width.
     *
     * @param widthBytes 1, 2 or 4.
     * @return 0xFF, 0xFFFF or 0xFFFFFFFF (-1).
     */
    public static int allOnes(final int widthBytes)
    {
        return (int)allOnesLong(widthBytes);
    }

    static long allOnesLong(final int widthBytes)
    {
        return (1L << (8 * widthBytes)) - 1;
    }

    /**
     * Reads physical memory space.
     *
     * @param phys       the physical address.
     * @param widthBytes 1, 2 or 4.
     * @return the value zero-extended to the width, or all-ones for the width if nobody decodes it.
     * @throws IllegalArgumentException if the width is not 1, 2 or 4.
     */
    public int read(final long phys, final int widthBytes)
    {
        checkWidth(widthBytes);
        return readWindow(find(phys, widthBytes), phys, widthBytes);
    }

    /**
     * Writes physical memory space; the write vanishes if nobody decodes it.
     *
     * @param phys       the physical address.
     * @param widthBytes 1, 2 or 4.
     * @param value      the value; only the low {@code widthBytes} bytes count.
     * @throws IllegalArgumentException if the width is not 1, 2 or 4.
     */
    public void write(final long phys, final int widthBytes, final int value)
    {
        checkWidth(widthBytes);
        writeWindow(find(phys, widthBytes), phys, widthBytes, value);
    }

    /**
     * Whether some function decodes the whole access.
     *
     * @param phys       the physical address.
     * @param widthBytes the access width.
     * @return true if decoded.
     */
    public boolean decoded(final long phys, final int widthBytes)
    {
        return null != find(phys, widthBytes);
    }

    /**
     * How many reads nobody decoded.
     *
     * @return the count.
     */
    public long undecodedReads()
    {
        return undecodedReads.get();
    }

    /**
     * How many writes nobody decoded.
     *
     * @return the count.
     */
    public long undecodedWrites()
    {
        return undecodedWrites.get();
    }

    /**
     * Exceptions thrown by device models' {@link MmioRegion} methods.
     *
     * @return a copy, in order.
     */
    public List<Throwable> deviceFailures()
    {
        synchronized (deviceFailures)
        {
            return List.copyOf(deviceFailures);
        }
    }

    /** The mapping path: reads and tells the mapping whether its own BAR still decodes the address. */
    int readMapped(final IoMapping mapping, final long phys, final int widthBytes)
    {
        final Window w = find(phys, widthBytes);
        if (null == w || w.device != mapping.device() || w.bar != mapping.bar())
        {
            mapping.countStale();
        }
        return readWindow(w, phys, widthBytes);
    }

    /** The mapping path for writes; see {@link #readMapped}. */
    void writeMapped(final IoMapping mapping, final long phys, final int widthBytes, final int value)
    {
        final Window w = find(phys, widthBytes);
        if (null == w || w.device != mapping.device() || w.bar != mapping.bar())
        {
            mapping.countStale();
        }
        writeWindow(w, phys, widthBytes, value);
    }

    /**
     * Recomputes the decoder table from the functions' current state. Called by the PCI core on any change (every
     * config write; several times in each BAR move). Allocation-free when the table the functions decode now was
     * published before: the current one, or one of the last few (a BAR moving back and forth, decoding turned off
     * and on again), which are immutable and are published again; otherwise a new table is made.
     *
     * @param devices the functions on the bus, in order (the bus's snapshot array; not modified).
     */
    synchronized void rebuild(final PciDevice[] devices)
    {
        int n = 0;
        for (final PciDevice d : devices)
        {
            if (!d.decodesMemory())
            {
                continue;
            }
            final List<BarSpec> specs = d.barSpecs();
            for (int j = 0; j < specs.size(); j++)
            {
                final BarSpec spec = specs.get(j);
                final long base = d.barAddress(spec.index());
                if (base >= 0)
                {
                    if (n == scratchSpec.length)
                    {
                        scratchSpec = Arrays.copyOf(scratchSpec, 2 * n);
                        scratchDevice = Arrays.copyOf(scratchDevice, 2 * n);
                        scratchBase = Arrays.copyOf(scratchBase, 2 * n);
                    }
                    scratchSpec[n] = spec;
                    scratchDevice[n] = d;
                    scratchBase[n] = base;
                    n++;
                }
            }
        }
        if (!sameWindows(table, n))
        {
            table = publishedOrNew(n);
        }
        Arrays.fill(scratchSpec, 0, n, null);
        Arrays.fill(scratchDevice, 0, n, null);
    }

    /** One of the tables published before that holds the scratch windows, or a new one (then kept among them). */
    private Window[] publishedOrNew(final int n)
    {
        for (final Window[] earlier : published)
        {
            if (null != earlier && sameWindows(earlier, n))
            {
                return earlier;
            }
        }
        final Window[] fresh = new Window[n];
        for (int i = 0; i < n; i++)
        {
            final BarSpec spec = scratchSpec[i];
            fresh[i] = new Window(scratchBase[i], spec.sizeBytes(), spec.region(), scratchDevice[i], spec.index());
        }
        published[nextPublished] = fresh;
        nextPublished = (nextPublished + 1) % published.length;
        return fresh;
    }

    /** Whether {@code t} decodes exactly the first {@code n} scratch windows, in order. */
    private boolean sameWindows(final Window[] t, final int n)
    {
        if (t.length != n)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            final Window w = t[i];
            final BarSpec spec = scratchSpec[i];
            if (w.base != scratchBase[i] || w.end != scratchBase[i] + spec.sizeBytes() || w.region != spec.region()
                || w.device != scratchDevice[i] || w.bar != spec.index())
            {
                return false;
            }
        }
        return true;
    }

    static void checkWidth(final int widthBytes)
    {
        if (widthBytes != 1 && widthBytes != 2 && widthBytes != 4)
        {
            throw new IllegalArgumentException("MMIO access width " + widthBytes + " is not 1, 2 or 4");
        }
    }

    private Window find(final long phys, final int widthBytes)
    {
        final Window[] t = table;
        for (final Window w : t)
        {
            if (phys >= w.base && phys + widthBytes <= w.end)
            {
                return w;
            }
        }
        return null;
    }

    private int readWindow(final Window w, final long phys, final int widthBytes)
    {
        if (null == w)
        {
            undecodedReads.incrementAndGet();
            return allOnes(widthBytes);
        }
        try
        {
            return w.region.read((int)(phys - w.base), widthBytes) & allOnes(widthBytes);
        }
        catch (final RuntimeException e)
        {
            deviceFailed(w, "read", phys, e);
            return allOnes(widthBytes);
        }
    }

    private void writeWindow(final Window w, final long phys, final int widthBytes, final int value)
    {
        if (null == w)
        {
            undecodedWrites.incrementAndGet();
            return;
        }
        try
        {
            w.region.write((int)(phys - w.base), widthBytes, value & allOnes(widthBytes));
        }
        catch (final RuntimeException e)
        {
            deviceFailed(w, "write", phys, e);
        }
    }

    private void deviceFailed(final Window w, final String what, final long phys, final RuntimeException e)
    {
        synchronized (deviceFailures)
        {
            deviceFailures.add(e);
        }
        bus.log().err("pci " + w.device.name(), "MMIO " + what + " at 0x" + Long.toHexString(phys)
            + " failed in the device model: " + e);
    }
}

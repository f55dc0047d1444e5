package dev.azalia.pci;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * BAR resource allocation inside the host bridge's window: claiming firmware assignments, first-fit assignment,
 * and the movable-BAR rescan (movability, the drivers' prepare/done hooks, placement alternately from the top and
 * the bottom, rewriting the BARs with decoding off), as {@link PciBus} documents them. Keeps the record of BAR moves.
 *
 * <p>Threading: every method runs under the bus's PCI lock, except {@link #moves()} and {@link #setCoreWork}, which
 * any thread may call.
 */
final class BarAllocator
{
    private final KernelLog log;
    private final NanoClock clock;
    private final long windowBase;
    private final long windowEnd;
    private final List<PciDevice> devices;
    private final List<Throwable> driverFailures;
    private final List<BarMove> moves = new ArrayList<>();
    private volatile LongConsumer coreWork = nanos -> { };
    private volatile long coreWorkNanos;
    // Guarded by the PCI lock: where the next rescan places movable BARs from.
    private boolean nextRescanTopDown = true;

    /**
     * An allocator for a bus's window.
     *
     * @param log            the kernel log.
     * @param clock          the clock for BAR-move timestamps.
     * @param windowBase     the window's first address.
     * @param windowEnd      the address just past the window.
     * @param devices        the functions on the bus (shared, the bus's list).
     * @param driverFailures where exceptions from drivers' rescan hooks are recorded (shared).
     */
    BarAllocator(final KernelLog log, final NanoClock clock, final long windowBase, final long windowEnd,
        final List<PciDevice> devices, final List<Throwable> driverFailures)
    {
        this.log = log;
        this.clock = clock;
        this.windowBase = windowBase;
        this.windowEnd = windowEnd;
        this.devices = devices;
        this.driverFailures = driverFailures;
    }

    /** See {@link PciBus#setCoreWork}. */
    void setCoreWork(final LongConsumer delay, final long nanos)
    {
        this.coreWork = delay;
        this.coreWorkNanos = nanos;
    }

    /** Every BAR move so far, in order: a snapshot. */
    List<BarMove> moves()
    {
        synchronized (moves)
        {
            return List.copyOf(moves);
        }
    }

    /**
     * Keeps a BAR a firmware already assigned if it fits the window without overlap (logged {@code reg 0x10}).
     *
     * @param device the function.
     * @param spec   the BAR.
     * @return false if the BAR register is 0 or the address cannot be claimed (logged {@code can't claim}).
     */
    boolean claimFirmwareBar(final PciDevice device, final BarSpec spec)
    {
        final int reg = ConfigSpace.BAR0 + 4 * spec.index();
        final long addr = device.config().read(reg, 4) & 0xffff_fff0L;
        if (0 == addr)
        {
            return false;
        }
        if (addr < windowBase || addr + spec.sizeBytes() > windowEnd
            || null != overlap(usedRanges(), addr, addr + spec.sizeBytes()))
        {
            log.info(PciBus.src(device), "BAR " + spec.index() + ": can't claim " + range(addr, spec.sizeBytes()));
            return false;
        }
        log.info(PciBus.src(device), String.format(Locale.ROOT, "reg 0x%02x: %s", reg, range(addr, spec.sizeBytes())));
        device.markAssigned(spec.index(), true);
        return true;
    }

    /** Assigns one BAR first-fit in the free space, logging as Linux does; false (and logged) if no space. */
    boolean assign(final PciDevice device, final BarSpec spec)
    {
        final List<long[]> used = usedRanges();
        final long at = findSlot(used, spec.sizeBytes(), false, -1L);
        if (at < 0)
        {
            logNoSpace(device, spec);
            return false;
        }
        device.config().write(ConfigSpace.BAR0 + 4 * spec.index(), 4, (int)at);
        device.markAssigned(spec.index(), true);
        log.info(PciBus.src(device), "BAR " + spec.index() + ": assigned " + range(at, spec.sizeBytes()));
        return true;
    }

    private void logNoSpace(final PciDevice device, final BarSpec spec)
    {
        final String size = String.format(Locale.ROOT, "[mem size 0x%08x]", spec.sizeBytes());
        log.info(PciBus.src(device), "BAR " + spec.index() + ": no space for " + size);
        log.info(PciBus.src(device), "BAR " + spec.index() + ": failed to assign " + size);
    }

    /** Whether every BAR of a new function fits in free space as things are. */
    boolean fitsWithoutMoving(final PciDevice device)
    {
        final List<long[]> used = usedRanges();
        for (final BarSpec spec : largestFirst(device.barSpecs()))
        {
            final long at = findSlot(used, spec.sizeBytes(), false, -1L);
            if (at < 0)
            {
                return false;
            }
            used.add(new long[] {at, at + spec.sizeBytes()});
        }
        return true;
    }

    /** The BARs sorted largest first, ties in the given order. */
    static List<BarSpec> largestFirst(final List<BarSpec> specs)
    {
        final List<BarSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt(BarSpec::sizeBytes).reversed());
        return sorted;
    }

    /** Sets COMMAND.MEMORY: the function decodes its BARs. */
    static void enableMemory(final PciDevice device)
    {
        final int cmd = device.config().read(ConfigSpace.COMMAND, 2);
        device.config().write(ConfigSpace.COMMAND, 2, cmd | ConfigSpace.COMMAND_MEMORY);
    }

    /** One BAR taking part in a placement. */
    private static final class Slot
    {
        final PciDevice device;
        final BarSpec spec;
        final long oldAddress;
        long newAddress = -1L;

        Slot(final PciDevice device, final BarSpec spec, final long oldAddress)
        {
            this.device = device;
            this.spec = spec;
            this.oldAddress = oldAddress;
        }
    }

    /**
     * The rescan protocol, in the order the bus's documentation gives; under the PCI lock.
     *
     * @param newDevice a hot-plugged function to place in the same pass, or null.
     * @param join      puts {@code newDevice} on the bus once its BARs are placed.
     * @return what moved and what failed.
     */
    RescanResult rescan(final PciDevice newDevice, final Consumer<PciDevice> join)
    {
        final List<BarMove> done = new ArrayList<>();
        final List<PciAddress> refused = new ArrayList<>();
        final List<Throwable> failed = new ArrayList<>();
        final List<long[]> fixed = new ArrayList<>();
        final List<Slot> movable = new ArrayList<>();
        final List<PciDevice> prepared = new ArrayList<>();
        for (final PciDevice d : devices)
        {
            boolean hasMovable = false;
            for (final BarSpec spec : d.barSpecs())
            {
                final long old = d.barAddress(spec.index());
                if (old >= 0 && isFixed(d, spec.index(), failed))
                {
                    fixed.add(new long[] {old, old + spec.sizeBytes()});
                }
                else
                {
                    movable.add(new Slot(d, spec, old));
                    hasMovable |= old >= 0;
                }
            }
            if (hasMovable && null != d.driver())
            {
                prepared.add(d);
            }
        }
        // the placement is computed before the drivers quiesce, so their stall holds only the BAR rewrite
        final List<Slot> added = new ArrayList<>();
        if (null != newDevice)
        {
            for (final BarSpec spec : newDevice.barSpecs())
            {
                added.add(new Slot(newDevice, spec, -1L));
            }
        }
        final List<Slot> all = new ArrayList<>(movable);
        all.addAll(added);
        final boolean topDown = nextRescanTopDown;
        boolean found = place(all, fixed, topDown);
        if (!found && null != newDevice)
        {
            refused.add(newDevice.address());
            for (final Slot s : added)
            {
                logNoSpace(newDevice, s.spec);
            }
            found = place(movable, fixed, topDown);
        }
        for (int i = prepared.size() - 1; i >= 0; i--)
        {
            final PciDevice d = prepared.get(i);
            callHook(d, true, failed);
        }
        // the core's own work between the callbacks: scanning the bus, sizing and assigning resources
        coreWork.accept(coreWorkNanos);
        if (!found)
        {
            log.err(PciBus.BUS_SOURCE, "failed to relocate BARs; keeping the current assignment");
        }
        else
        {
            if (refused.isEmpty() && null != newDevice)
            {
                join.accept(newDevice);
            }
            apply(refused.isEmpty() ? all : movable, done);
            if (!done.isEmpty())
            {
                nextRescanTopDown = !topDown;
            }
        }
        for (final PciDevice d : prepared)
        {
            callHook(d, false, failed);
        }
        return new RescanResult(done, refused, failed, found);
    }

    private boolean isFixed(final PciDevice d, final int bar, final List<Throwable> failed)
    {
        final PciDriver drv = d.driver();
        if (null == drv)
        {
            return false;
        }
        try
        {
            return drv.barFixed(d, bar);
        }
        catch (final RuntimeException e)
        {
            failed.add(e);
            driverFailures.add(e);
            log.err(PciBus.src(d), "bar_fixed failed, keeping BAR " + bar + " fixed: " + e);
            return true;
        }
    }

    private void callHook(final PciDevice d, final boolean prepare, final List<Throwable> failed)
    {
        final PciDriver drv = d.driver();
        if (null == drv)
        {
            return;
        }
        try
        {
            if (prepare)
            {
                drv.rescanPrepare(d);
            }
            else
            {
                drv.rescanDone(d);
            }
        }
        catch (final RuntimeException e)
        {
            failed.add(e);
            driverFailures.add(e);
            log.err(PciBus.src(d), (prepare ? "rescan_prepare" : "rescan_done") + " failed: " + e);
        }
    }

    /**
     * Computes new addresses for {@code slots} around {@code fixed}: first insisting that every assigned slot
     * moves (in the given direction, then the other), then allowing slots to stay. Sets {@code newAddress}.
     */
    private boolean place(final List<Slot> slots, final List<long[]> fixed, final boolean topDown)
    {
        final List<Slot> order = new ArrayList<>(slots);
        // Largest first packs best; ties keep device order (stable sort).
        order.sort(Comparator.comparingInt((Slot s) -> s.spec.sizeBytes()).reversed());
        return tryPlace(order, fixed, topDown, true) || tryPlace(order, fixed, !topDown, true)
            || tryPlace(order, fixed, topDown, false) || tryPlace(order, fixed, !topDown, false);
    }

    private boolean tryPlace(final List<Slot> order, final List<long[]> fixed, final boolean topDown,
        final boolean mustMove)
    {
        final List<long[]> used = new ArrayList<>(fixed);
        for (final Slot s : order)
        {
            final long at = findSlot(used, s.spec.sizeBytes(), topDown, mustMove ? s.oldAddress : -1L);
            if (at < 0)
            {
                return false;
            }
            s.newAddress = at;
            used.add(new long[] {at, at + s.spec.sizeBytes()});
        }
        return true;
    }

    /** Writes the placement: MEMORY off on every affected function, BAR registers, then COMMAND restored. */
    private void apply(final List<Slot> slots, final List<BarMove> done)
    {
        final List<PciDevice> touched = new ArrayList<>();
        final List<Integer> savedCommands = new ArrayList<>();
        for (final Slot s : slots)
        {
            if (s.newAddress != s.oldAddress && s.oldAddress >= 0 && !touched.contains(s.device))
            {
                final int cmd = s.device.config().read(ConfigSpace.COMMAND, 2);
                touched.add(s.device);
                savedCommands.add(cmd);
                s.device.config().write(ConfigSpace.COMMAND, 2, cmd & ~ConfigSpace.COMMAND_MEMORY);
            }
        }
        for (final Slot s : slots)
        {
            if (s.oldAddress >= 0 && s.newAddress != s.oldAddress)
            {
                log.info(PciBus.src(s.device), "BAR " + s.spec.index() + ": releasing " + range(s.oldAddress,
                    s.spec.sizeBytes()));
            }
        }
        for (final Slot s : slots)
        {
            if (s.newAddress == s.oldAddress)
            {
                continue;
            }
            final int index = s.spec.index();
            s.device.config().write(ConfigSpace.BAR0 + 4 * index, 4, (int)s.newAddress);
            s.device.markAssigned(index, true);
            if (s.oldAddress < 0)
            {
                log.info(PciBus.src(s.device), "BAR " + index + ": assigned " + range(s.newAddress, s.spec.sizeBytes()));
                continue;
            }
            final BarMove move = new BarMove(s.device.address(), index, s.oldAddress, s.newAddress, clock.nanoTime());
            done.add(move);
            synchronized (moves)
            {
                moves.add(move);
            }
            log.info(PciBus.src(s.device), "BAR " + index + " updated: 0x" + Long.toHexString(s.oldAddress) + " -> 0x"
                + Long.toHexString(s.newAddress));
        }
        for (int i = 0; i < touched.size(); i++)
        {
            touched.get(i).config().write(ConfigSpace.COMMAND, 2, savedCommands.get(i));
        }
    }

    /** The ranges taken by assigned BARs of functions on the bus. */
    private List<long[]> usedRanges()
    {
        final List<long[]> used = new ArrayList<>();
        for (final PciDevice d : devices)
        {
            for (final BarSpec spec : d.barSpecs())
            {
                final long a = d.barAddress(spec.index());
                if (a >= 0)
                {
                    used.add(new long[] {a, a + spec.sizeBytes()});
                }
            }
        }
        return used;
    }

    private static long[] overlap(final List<long[]> used, final long start, final long end)
    {
        for (final long[] r : used)
        {
            if (start < r[1] && r[0] < end)
            {
                return r;
            }
        }
        return null;
    }

    /**
     * The first size-aligned free address for {@code size} bytes inside the window, scanning up from the bottom or
     * down from the top, never {@code avoid}; -1 if none.
     */
    private long findSlot(final List<long[]> used, final int size, final boolean topDown, final long avoid)
    {
        final long align = size;
        long at = topDown ? (windowEnd - size) & -align : (windowBase + align - 1) & -align;
        while (at >= windowBase && at + size <= windowEnd)
        {
            final long[] hit = overlap(used, at, at + size);
            if (null == hit && at != avoid)
            {
                return at;
            }
            if (topDown)
            {
                at = null == hit ? at - align : Math.min(at - align, (hit[0] - size) & -align);
            }
            else
            {
                at = null == hit ? at + align : Math.max(at + align, (hit[1] + align - 1) & -align);
            }
        }
        return -1L;
    }

    /** {@code [mem 0x...-0x...]} as Linux prints a resource. */
    static String range(final long start, final long sizeBytes)
    {
        return "[mem 0x" + PciAddress.hex(start, 8) + "-0x" + PciAddress.hex(start + sizeBytes - 1, 8) + "]";
    }
}

package dev.azalia.pci;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Nothing is allocated between the drivers' {@code rescan_prepare} and {@code rescan_done} (the move window) once
 * the storage of the first rescans is made: the placement, the saved COMMAND registers and the record of moves
 * live in storage kept from rescan to rescan, and the log lines of the BAR rewrite are kept as numbers and formatted
 * after the window ({@link BarMoveLines}). The placement before the window allocates nothing either; the
 * {@link RescanResult} is made after it.
 *
 * <p>Threading: every method runs under the bus's PCI lock, except {@link #moves()}, {@link #moveCount()} and
 * {@link #setCoreWork}, which any thread may call.
 */
final class BarAllocator
{
    private final KernelLog log;
    private final NanoClock clock;
    private final long windowBase;
    private final long windowEnd;
    private final List<PciDevice> devices;
    private final List<Throwable> driverFailures;
    private final BarMoveHistory history = new BarMoveHistory();
    private final BarMoveLines lines;
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
        this.lines = new BarMoveLines(log);
        log.setDeferredLines(lines);
    }

    /** See {@link PciBus#setCoreWork}. */
    void setCoreWork(final LongConsumer delay, final long nanos)
    {
        this.coreWork = delay;
        this.coreWorkNanos = nanos;
    }

    /** The newest {@link BarMoveHistory#CAPACITY} BAR moves, in order: a snapshot. */
    List<BarMove> moves()
    {
        return history.kept();
    }

    /** How many BARs moved since boot. */
    long moveCount()
    {
        return history.count();
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
            || usedRanges().overlapIndex(addr, addr + spec.sizeBytes()) >= 0)
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
        final Ranges taken = usedRanges();
        final long at = findSlot(taken, spec.sizeBytes(), false, -1L);
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
        final Ranges taken = usedRanges();
        for (final BarSpec spec : largestFirst(device.barSpecs()))
        {
            final long at = findSlot(taken, spec.sizeBytes(), false, -1L);
            if (at < 0)
            {
                return false;
            }
            taken.add(at, at + spec.sizeBytes());
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

    /** Largest first; ties keep their order (the sorts are stable). */
    private static final Comparator<Slot> LARGEST_FIRST = (a, b) -> Integer.compare(b.spec.sizeBytes(),
        a.spec.sizeBytes());

    /** One BAR taking part in a placement; kept from rescan to rescan and filled again. */
    private static final class Slot
    {
        PciDevice device;
        BarSpec spec;
        long oldAddress;
        long newAddress;

        Slot set(final PciDevice d, final BarSpec s, final long old)
        {
            device = d;
            spec = s;
            oldAddress = old;
            newAddress = -1L;
            return this;
        }
    }

    /** Address ranges {@code [start, end)}: storage reused by every placement. */
    private static final class Ranges
    {
        long[] start = new long[8];
        long[] end = new long[8];
        int size;

        void clear()
        {
            size = 0;
        }

        void add(final long from, final long to)
        {
            if (size == start.length)
            {
                start = Arrays.copyOf(start, 2 * size);
                end = Arrays.copyOf(end, 2 * size);
            }
            start[size] = from;
            end[size] = to;
            size++;
        }

        void copyFrom(final Ranges other)
        {
            clear();
            for (int i = 0; i < other.size; i++)
            {
                add(other.start[i], other.end[i]);
            }
        }

        /** The first range overlapping {@code [from, to)}, or -1. */
        int overlapIndex(final long from, final long to)
        {
            for (int i = 0; i < size; i++)
            {
                if (from < end[i] && start[i] < to)
                {
                    return i;
                }
            }
            return -1;
        }
    }

    // The rescan's storage, guarded by the PCI lock: kept from rescan to rescan, so that a rescan allocates only
    // when it places more BARs than every earlier one.
    private final List<Slot> slotPool = new ArrayList<>();
    private int slotsUsed;
    private final List<Slot> movable = new ArrayList<>();
    private final List<Slot> added = new ArrayList<>();
    private final List<Slot> all = new ArrayList<>();
    private final List<Slot> order = new ArrayList<>();
    private final List<PciDevice> prepared = new ArrayList<>();
    private final List<PciAddress> refused = new ArrayList<>();
    private final List<Throwable> failed = new ArrayList<>();
    private final Ranges fixed = new Ranges();
    private final Ranges used = new Ranges();
    private PciDevice[] touched = new PciDevice[4];
    private int[] savedCommands = new int[4];

    private Slot slot(final PciDevice d, final BarSpec spec, final long old)
    {
        if (slotsUsed == slotPool.size())
        {
            slotPool.add(new Slot());
        }
        return slotPool.get(slotsUsed++).set(d, spec, old);
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
        slotsUsed = 0;
        movable.clear();
        added.clear();
        all.clear();
        prepared.clear();
        refused.clear();
        failed.clear();
        fixed.clear();
        for (int i = 0; i < devices.size(); i++)
        {
            final PciDevice d = devices.get(i);
            boolean hasMovable = false;
            final List<BarSpec> specs = d.barSpecs();
            for (int j = 0; j < specs.size(); j++)
            {
                final BarSpec spec = specs.get(j);
                final long old = d.barAddress(spec.index());
                if (old >= 0 && isFixed(d, spec.index(), failed))
                {
                    fixed.add(old, old + spec.sizeBytes());
                }
                else
                {
                    movable.add(slot(d, spec, old));
                    hasMovable |= old >= 0;
                }
            }
            if (hasMovable && null != d.driver())
            {
                prepared.add(d);
            }
        }
        // the placement is computed before the drivers quiesce, so their stall holds only the BAR rewrite
        if (null != newDevice)
        {
            final List<BarSpec> specs = newDevice.barSpecs();
            for (int j = 0; j < specs.size(); j++)
            {
                added.add(slot(newDevice, specs.get(j), -1L));
            }
        }
        all.addAll(movable);
        all.addAll(added);
        final boolean topDown = nextRescanTopDown;
        boolean found = place(all, topDown);
        if (!found && null != newDevice)
        {
            refused.add(newDevice.address());
            for (int j = 0; j < added.size(); j++)
            {
                logNoSpace(newDevice, added.get(j).spec);
            }
            found = place(movable, topDown);
        }
        // what the window needs is made now: the move record, the log lines' storage (a line per slot, twice)
        final List<Slot> applied = refused.isEmpty() ? all : movable;
        history.reserve();
        lines.ensureCapacity(2 * applied.size());
        if (touched.length < applied.size())
        {
            touched = new PciDevice[applied.size()];
            savedCommands = new int[applied.size()];
        }
        final long movesBefore = history.count();
        for (int i = prepared.size() - 1; i >= 0; i--)
        {
            callHook(prepared.get(i), true, failed);
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
            if (apply(applied))
            {
                nextRescanTopDown = !topDown;
            }
        }
        for (int i = 0; i < prepared.size(); i++)
        {
            callHook(prepared.get(i), false, failed);
        }
        // the window has closed: the BAR lines are logged (if nobody logged first) and the result is made
        lines.flush();
        final List<BarMove> done = history.newest((int)(history.count() - movesBefore));
        for (int i = 0; i < slotsUsed; i++)
        {
            slotPool.get(i).set(null, null, -1L);
        }
        prepared.clear();
        return new RescanResult(done, refused, failed, found);
    }

    private boolean isFixed(final PciDevice d, final int bar, final List<Throwable> failures)
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
            failures.add(e);
            driverFailures.add(e);
            log.err(PciBus.src(d), "bar_fixed failed, keeping BAR " + bar + " fixed: " + e);
            return true;
        }
    }

    private void callHook(final PciDevice d, final boolean prepare, final List<Throwable> failures)
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
            failures.add(e);
            driverFailures.add(e);
            log.err(PciBus.src(d), (prepare ? "rescan_prepare" : "rescan_done") + " failed: " + e);
        }
    }

    /**
     * Computes new addresses for {@code slots} around the fixed ranges: first insisting that every assigned slot
     * moves (in the given direction, then the other), then allowing slots to stay. Sets {@code newAddress}.
     */
    private boolean place(final List<Slot> slots, final boolean topDown)
    {
        order.clear();
        order.addAll(slots);
        // Largest first packs best; ties keep device order (stable sort).
        order.sort(LARGEST_FIRST);
        return tryPlace(topDown, true) || tryPlace(!topDown, true) || tryPlace(topDown, false)
            || tryPlace(!topDown, false);
    }

    private boolean tryPlace(final boolean topDown, final boolean mustMove)
    {
        used.copyFrom(fixed);
        for (int i = 0; i < order.size(); i++)
        {
            final Slot s = order.get(i);
            final long at = findSlot(used, s.spec.sizeBytes(), topDown, mustMove ? s.oldAddress : -1L);
            if (at < 0)
            {
                return false;
            }
            s.newAddress = at;
            used.add(at, at + s.spec.sizeBytes());
        }
        return true;
    }

    /**
     * Writes the placement: MEMORY off on every affected function, BAR registers, then COMMAND restored. Inside the
     * move window: allocates nothing (the storage was made by {@link #rescan}); the log lines are deferred.
     *
     * @return whether a BAR that was assigned moved.
     */
    private boolean apply(final List<Slot> slots)
    {
        int touchedCount = 0;
        for (int i = 0; i < slots.size(); i++)
        {
            final Slot s = slots.get(i);
            if (s.newAddress != s.oldAddress && s.oldAddress >= 0 && !contains(touched, touchedCount, s.device))
            {
                final int cmd = s.device.config().read(ConfigSpace.COMMAND, 2);
                touched[touchedCount] = s.device;
                savedCommands[touchedCount++] = cmd;
                s.device.config().write(ConfigSpace.COMMAND, 2, cmd & ~ConfigSpace.COMMAND_MEMORY);
            }
        }
        for (int i = 0; i < slots.size(); i++)
        {
            final Slot s = slots.get(i);
            if (s.oldAddress >= 0 && s.newAddress != s.oldAddress)
            {
                lines.releasing(s.device, s.spec.index(), s.oldAddress, s.spec.sizeBytes(), clock.nanoTime());
            }
        }
        boolean moved = false;
        for (int i = 0; i < slots.size(); i++)
        {
            final Slot s = slots.get(i);
            if (s.newAddress == s.oldAddress)
            {
                continue;
            }
            final int index = s.spec.index();
            s.device.config().write(ConfigSpace.BAR0 + 4 * index, 4, (int)s.newAddress);
            s.device.markAssigned(index, true);
            if (s.oldAddress < 0)
            {
                lines.assigned(s.device, index, s.newAddress, s.spec.sizeBytes(), clock.nanoTime());
                continue;
            }
            history.add(s.device.address(), index, s.oldAddress, s.newAddress, clock.nanoTime());
            moved = true;
            lines.updated(s.device, index, s.oldAddress, s.newAddress, clock.nanoTime());
        }
        for (int i = 0; i < touchedCount; i++)
        {
            touched[i].config().write(ConfigSpace.COMMAND, 2, savedCommands[i]);
            touched[i] = null;
        }
        return moved;
    }

    private static boolean contains(final PciDevice[] array, final int count, final PciDevice d)
    {
        for (int i = 0; i < count; i++)
        {
            if (array[i] == d)
            {
                return true;
            }
        }
        return false;
    }

    /** The ranges taken by assigned BARs of functions on the bus (outside rescans: a new list). */
    private Ranges usedRanges()
    {
        final Ranges taken = new Ranges();
        for (int i = 0; i < devices.size(); i++)
        {
            final PciDevice d = devices.get(i);
            for (final BarSpec spec : d.barSpecs())
            {
                final long a = d.barAddress(spec.index());
                if (a >= 0)
                {
                    taken.add(a, a + spec.sizeBytes());
                }
            }
        }
        return taken;
    }

    /**
     * The first size-aligned free address for {@code size} bytes inside the window, scanning up from the bottom or
     * down from the top, never {@code avoid}; -1 if none.
     */
    private long findSlot(final Ranges taken, final int size, final boolean topDown, final long avoid)
    {
        final long align = size;
        long at = topDown ? (windowEnd - size) & -align : (windowBase + align - 1) & -align;
        while (at >= windowBase && at + size <= windowEnd)
        {
            final int hit = taken.overlapIndex(at, at + size);
            if (hit < 0 && at != avoid)
            {
                return at;
            }
            if (topDown)
            {
                at = hit < 0 ? at - align : Math.min(at - align, (taken.start[hit] - size) & -align);
            }
            else
            {
                at = hit < 0 ? at + align : Math.max(at + align, (taken.end[hit] + align - 1) & -align);
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

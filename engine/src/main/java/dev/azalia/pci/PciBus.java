package dev.azalia.pci;

import dev.azalia.kernel.WouldBlockException;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host bridge and root bus 00: a finite memory window for BARs, the MMIO address space, {@code ioremap}, driver
 * binding, hot-plug/hot-unplug and the movable-BAR rescan protocol.
 *
 * <p>BAR assignment: every BAR is aligned to its size and lies inside the window without overlap. At
 * {@link #addDevice} a BAR register already holding a non-zero address that fits is kept (a firmware assignment,
 * logged {@code reg 0x10: [mem ...]}); other BARs are assigned first-fit from the bottom of the window
 * ({@code BAR 0: assigned [mem ...]}).
 *
 * <p>Rescan ({@link #rescan()}, and {@link #hotPlug} when the new function does not fit), in order:
 * <ol>
 *   <li>movability per BAR: a bound driver's {@link PciDriver#barFixed} decides; unbound functions are movable;
 *   <li>{@link PciDriver#rescanPrepare} on every bound function with a movable BAR, children first (with one root
 *       bus: reverse order of addition);
 *   <li>movable BARs are released and placed again, largest first, each on an address different from its old one,
 *       alternately from the top and from the bottom of the window (the first rescan places from the top); a
 *       hot-plugged function's BARs are placed in the same pass. If no placement moves every BAR, one that may keep
 *       some in place is used; if none exists at all, every BAR keeps its address and that is logged;
 *   <li>COMMAND.MEMORY is cleared on every function whose BAR moves, the BAR registers are rewritten
 *       ({@code BAR 0 updated: 0x... -> 0x...}), then each COMMAND is restored;
 *   <li>{@link PciDriver#rescanDone} on the same functions, parents first.
 * </ol>
 * Driver exceptions in these hooks are logged and returned in {@link RescanResult#failures()}.
 *
 * <p>Threading: {@link #addDevice}, {@link #registerDriver}, {@link #hotPlug}, {@link #rescan} and
 * {@link #removeDevice} serialise on one reentrant lock (the "pci" thread's work; a driver may call back into the
 * bus from its hooks). MMIO through {@link #mmio()} and {@link IoMapping} runs from any thread, lock-free,
 * concurrently with all of that.
 */
public final class PciBus
{
    /** The first fake kernel virtual address handed out by {@link #ioremap}. */
    public static final long VIRT_BASE = 0xffff_c900_0000_0000L;
    /** Granule of fake virtual addresses: every mapping starts on a 1 MiB boundary. */
    private static final long VIRT_GRANULE = 0x10_0000L;
    /** The first IRQ number given to functions (IO-APIC pins 16.. carry PCI INTx). */
    private static final int FIRST_IRQ = 16;

    private static final String BUS_SOURCE = "pci_bus 0000:00";

    private final KernelLog log;
    private final NanoClock clock;
    private final long windowBase;
    private final long windowEnd;
    private final InterruptLine.Delivery delivery;
    private final MmioAddressSpace mmio;
    private volatile LongConsumer coreWork = nanos -> { };
    private volatile long coreWorkNanos;
    private final ReentrantLock pciLock = new ReentrantLock();
    private final List<PciDevice> devices = new CopyOnWriteArrayList<>();
    private final List<PciDriver> drivers = new CopyOnWriteArrayList<>();
    private volatile Consumer<PciDevice> boundListener;
    private final List<BarMove> moves = new ArrayList<>();
    private final List<MmioFault> faultRecords = new CopyOnWriteArrayList<>();
    private final List<Throwable> driverFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();
    private final AtomicInteger nextMapId = new AtomicInteger(1);
    private final AtomicLong nextVirt = new AtomicLong(VIRT_BASE);
    private final AtomicInteger nextIrq = new AtomicInteger(FIRST_IRQ);
    private volatile MmioTrace trace = MmioTrace.off();
    // Guarded by pciLock: where the next rescan places movable BARs from.
    private boolean nextRescanTopDown = true;

    /**
     * A bus with threaded interrupt delivery.
     *
     * @param log             the kernel log.
     * @param clock           the clock for BAR-move and fault timestamps.
     * @param windowBase      the bridge's memory window base (aligned to 1 MiB is typical).
     * @param windowSizeBytes its size in bytes; the window must lie below 4 GiB (32-bit BARs).
     */
    public PciBus(final KernelLog log, final NanoClock clock, final long windowBase, final long windowSizeBytes)
    {
        this(log, clock, windowBase, windowSizeBytes, InterruptLine.Delivery.THREADED);
    }

    /**
     * A bus whose functions' interrupt lines use {@code delivery}.
     *
     * @param log             the kernel log.
     * @param clock           the clock for BAR-move and fault timestamps.
     * @param windowBase      the bridge's memory window base.
     * @param windowSizeBytes its size in bytes; the window must lie below 4 GiB.
     * @param delivery        how interrupt lines created for added functions deliver.
     */
    public PciBus(final KernelLog log, final NanoClock clock, final long windowBase, final long windowSizeBytes,
        final InterruptLine.Delivery delivery)
    {
        if (windowBase <= 0 || windowSizeBytes <= 0 || windowBase + windowSizeBytes > 0x1_0000_0000L)
        {
            throw new IllegalArgumentException("memory window must be non-empty and below 4 GiB");
        }
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowBase = windowBase;
        this.windowEnd = windowBase + windowSizeBytes;
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.mmio = new MmioAddressSpace(this);
        log.info(BUS_SOURCE, "root bus resource " + range(windowBase, windowSizeBytes).replace("]", " window]"));
    }

    /**
     * The physical MMIO address space behind this bridge.
     *
     * @return the address space.
     */
    public MmioAddressSpace mmio()
    {
        return mmio;
    }

    /**
     * Replaces the mmiotrace sink; later accesses through every mapping use it.
     *
     * @param mmioTrace the trace ({@link MmioTrace#off()} to stop).
     */
    public void setTrace(final MmioTrace mmioTrace)
    {
        this.trace = Objects.requireNonNull(mmioTrace, "mmioTrace");
    }

    /**
     * The current mmiotrace sink.
     *
     * @return the trace, never null.
     */
    public MmioTrace trace()
    {
        return trace;
    }

    /**
     * The kernel log.
     *
     * @return the log.
     */
    public KernelLog log()
    {
        return log;
    }

    /**
     * The bus clock.
     *
     * @return the clock.
     */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * The window's first address.
     *
     * @return the base.
     */
    public long windowBase()
    {
        return windowBase;
    }

    /**
     * The window's size.
     *
     * @return bytes.
     */
    public long windowSizeBytes()
    {
        return windowEnd - windowBase;
    }

    /**
     * Adds a function at boot: routes its INTx to a new interrupt line (unless one is attached), keeps or assigns
     * its BARs, sets COMMAND.MEMORY if every BAR got space, and binds a matching registered driver (probe runs on
     * this thread). A BAR without space is logged ({@code no space for} / {@code failed to assign}) and left
     * unassigned.
     *
     * @param device the function, not on any bus yet.
     */
    public void addDevice(final PciDevice device)
    {
        pciLock.lock();
        try
        {
            join(device);
            final List<BarSpec> unclaimed = new ArrayList<>();
            for (final BarSpec spec : device.barSpecs())
            {
                if (!claimFirmwareBar(device, spec))
                {
                    unclaimed.add(spec);
                }
            }
            boolean all = true;
            for (final BarSpec spec : largestFirst(unclaimed))
            {
                all &= assign(device, spec);
            }
            if (all && !device.barSpecs().isEmpty())
            {
                enableMemory(device);
            }
            bindDriver(device);
        }
        finally
        {
            pciLock.unlock();
        }
    }

    /**
     * Sets who is told after a driver bound to a function (the driver core's {@code driver_bound}, which kicks the
     * deferred-probe queue); called on the binding thread with the PCI lock held.
     *
     * @param listener the listener, or null for none.
     */
    public void setBoundListener(final Consumer<PciDevice> listener)
    {
        this.boundListener = listener;
    }

    /**
     * Registers a driver and binds it to every matching unbound function, calling probe on this thread; functions
     * added later are bound too. A probe that throws is logged ({@code probe with driver <name> failed with error
     * ...}) and recorded ({@link #driverFailures()}); the function stays unbound.
     *
     * @param driver the driver.
     */
    public void registerDriver(final PciDriver driver)
    {
        pciLock.lock();
        try
        {
            drivers.add(Objects.requireNonNull(driver, "driver"));
            for (final PciDevice d : devices)
            {
                if (null == d.driver() && driver.matches(d))
                {
                    probe(driver, d);
                }
            }
        }
        finally
        {
            pciLock.unlock();
        }
    }

    /**
     * Maps a BAR ({@code ioremap}): the mapping is bound to the BAR's current physical base. Logs nothing; traced
     * as MAP.
     *
     * @param device the function.
     * @param bar    the BAR index.
     * @return the mapping.
     * @throws IllegalStateException if the BAR is not implemented or not assigned.
     */
    public IoMapping ioremap(final PciDevice device, final int bar)
    {
        final long phys = device.barAddress(bar);
        if (phys < 0)
        {
            throw new IllegalStateException(device.name() + ": BAR " + bar + " is not assigned");
        }
        final int size = device.barSize(bar);
        final long span = Math.max(VIRT_GRANULE, (size + VIRT_GRANULE - 1) & -VIRT_GRANULE);
        final long virt = nextVirt.getAndAdd(span + VIRT_GRANULE);
        final IoMapping m = new IoMapping(this, device, bar, nextMapId.getAndIncrement(), phys, virt, size);
        trace.map(m.mapId(), phys, virt, size);
        return m;
    }

    /**
     * A function appears (hot-plug). Its BARs are assigned in free space; if they do not fit, a rescan relocates
     * movable BARs to make room. If it still cannot fit, it is refused with
     * {@code BAR n: no space for [mem size 0x...]} and {@code BAR n: failed to assign [mem size 0x...]} and is not
     * added. On success a matching driver is bound.
     *
     * @param device the new function.
     * @return true if it was added.
     */
    public boolean hotPlug(final PciDevice device)
    {
        pciLock.lock();
        try
        {
            if (null != device.bus())
            {
                throw new IllegalArgumentException(device.name() + " is already on a bus");
            }
            if (fitsWithoutMoving(device))
            {
                join(device);
                for (final BarSpec spec : largestFirst(device.barSpecs()))
                {
                    assign(device, spec);
                }
            }
            else
            {
                final RescanResult r = rescanLocked(device);
                if (!r.refused().isEmpty())
                {
                    return false;
                }
            }
            if (!device.barSpecs().isEmpty())
            {
                enableMemory(device);
            }
            bindDriver(device);
            return true;
        }
        finally
        {
            pciLock.unlock();
        }
    }

    /**
     * Makes the PCI core's own work during a rescan (between {@code rescan_prepare} and {@code rescan_done}) take
     * time: {@code delay} is called with {@code nanos}. A real rescan walks the bus and sizes BARs for milliseconds;
     * by default it takes none.
     *
     * @param delay how to let time pass (the kernel's delay, so that other work runs meanwhile).
     * @param nanos how long, in nanoseconds.
     */
    public void setCoreWork(final LongConsumer delay, final long nanos)
    {
        this.coreWork = delay;
        this.coreWorkNanos = nanos;
    }

    /**
     * Rescans the bus with movable BARs ({@code echo 1 > /sys/bus/pci/rescan}): every movable BAR is moved to a
     * different address if the window allows it.
     *
     * @return what moved and what failed.
     */
    public RescanResult rescan()
    {
        pciLock.lock();
        try
        {
            return rescanLocked(null);
        }
        finally
        {
            pciLock.unlock();
        }
    }

    /**
     * Hot-unplug: the bound driver's remove runs on this thread, then the function stops decoding, its interrupt
     * line is closed and it leaves the bus. Existing mappings of it become stale (reads all-ones).
     *
     * @param device the function.
     */
    public void removeDevice(final PciDevice device)
    {
        pciLock.lock();
        try
        {
            if (!devices.contains(device))
            {
                return;
            }
            final PciDriver drv = device.driver();
            if (null != drv)
            {
                try
                {
                    drv.remove(device);
                    device.devres().releaseAll(log, src(device));
                }
                catch (final WouldBlockException wouldBlock)
                {
                    // a virtual kernel retries the whole removal later; remove and devres are idempotent
                    throw wouldBlock;
                }
                catch (final RuntimeException e)
                {
                    driverFailures.add(e);
                    log.err(src(device), "remove with driver " + drv.name() + " failed: " + e);
                }
                device.setDriver(null);
            }
            device.setPresent(false);
            devices.remove(device);
            device.setBus(null);
            decodeStateChanged();
            final InterruptLine l = device.interruptLine();
            if (null != l)
            {
                l.close();
            }
            log.info(src(device), "removed");
        }
        finally
        {
            pciLock.unlock();
        }
    }

    /**
     * Closes every function's interrupt line (stops their threads). The bus must not be used afterwards.
     */
    public void close()
    {
        for (final PciDevice d : devices)
        {
            final InterruptLine l = d.interruptLine();
            if (null != l)
            {
                l.close();
            }
        }
    }

    /**
     * How many accesses through mappings went to an address their BAR no longer decodes.
     *
     * @return the count.
     */
    public long staleAccesses()
    {
        return stale.get();
    }

    /**
     * How many page faults (accesses through released mappings or beyond them, double unmaps) happened.
     *
     * @return the count.
     */
    public long faults()
    {
        return faults.get();
    }

    /**
     * The faults, in order.
     *
     * @return a snapshot.
     */
    public List<MmioFault> faultRecords()
    {
        return List.copyOf(faultRecords);
    }

    /**
     * Every BAR move so far, in order.
     *
     * @return a snapshot.
     */
    public List<BarMove> barMoves()
    {
        synchronized (moves)
        {
            return List.copyOf(moves);
        }
    }

    /**
     * Exceptions thrown by drivers' probe/remove/rescan hooks, in order (also logged).
     *
     * @return a snapshot.
     */
    public List<Throwable> driverFailures()
    {
        return List.copyOf(driverFailures);
    }

    /**
     * The functions on the bus, in order of addition.
     *
     * @return a snapshot.
     */
    public List<PciDevice> devices()
    {
        return List.copyOf(devices);
    }

    void decodeStateChanged()
    {
        mmio.rebuild(devices);
    }

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
            widthBytes, write, thread, clock.nanoTime(), message));
        log.err("kernel", message);
        return new MmioFaultException(message, offset, thread);
    }

    // ---- internals; all below run under pciLock ----

    private void join(final PciDevice device)
    {
        if (null != device.bus())
        {
            throw new IllegalArgumentException(device.name() + " is already on a bus");
        }
        device.setBus(this);
        if (null == device.interruptLine())
        {
            device.attachInterruptLine(new InterruptLine(nextIrq.getAndIncrement(), log, delivery));
        }
        devices.add(device);
        device.setPresent(true);
    }

    private void bindDriver(final PciDevice device)
    {
        for (final PciDriver drv : drivers)
        {
            if (null == device.driver() && drv.matches(device))
            {
                probe(drv, device);
            }
        }
    }

    private void probe(final PciDriver drv, final PciDevice device)
    {
        device.setDriver(drv);
        try
        {
            drv.probe(device);
        }
        catch (final Exception e)
        {
            device.setDriver(null);
            driverFailures.add(e);
            log.warn(src(device), "probe with driver " + drv.name() + " failed with error " + e);
            releaseDevresAfterFailedProbe(device);
            return;
        }
        final Consumer<PciDevice> listener = boundListener;
        if (null != listener)
        {
            listener.accept(device);
        }
    }

    private void releaseDevresAfterFailedProbe(final PciDevice device)
    {
        try
        {
            device.devres().releaseAll(log, src(device));
        }
        catch (final RuntimeException e)
        {
            driverFailures.add(e);
        }
    }

    private boolean claimFirmwareBar(final PciDevice device, final BarSpec spec)
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
            log.info(src(device), "BAR " + spec.index() + ": can't claim " + range(addr, spec.sizeBytes()));
            return false;
        }
        log.info(src(device), String.format(Locale.ROOT, "reg 0x%02x: %s", reg, range(addr, spec.sizeBytes())));
        device.markAssigned(spec.index(), true);
        return true;
    }

    /** Assigns one BAR first-fit in the free space, logging as Linux does; false (and logged) if no space. */
    private boolean assign(final PciDevice device, final BarSpec spec)
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
        log.info(src(device), "BAR " + spec.index() + ": assigned " + range(at, spec.sizeBytes()));
        return true;
    }

    private void logNoSpace(final PciDevice device, final BarSpec spec)
    {
        final String size = String.format(Locale.ROOT, "[mem size 0x%08x]", spec.sizeBytes());
        log.info(src(device), "BAR " + spec.index() + ": no space for " + size);
        log.info(src(device), "BAR " + spec.index() + ": failed to assign " + size);
    }

    private boolean fitsWithoutMoving(final PciDevice device)
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

    private static List<BarSpec> largestFirst(final List<BarSpec> specs)
    {
        final List<BarSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt(BarSpec::sizeBytes).reversed());
        return sorted;
    }

    private void enableMemory(final PciDevice device)
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

    private RescanResult rescanLocked(final PciDevice newDevice)
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
            log.err(BUS_SOURCE, "failed to relocate BARs; keeping the current assignment");
        }
        else
        {
            if (refused.isEmpty() && null != newDevice)
            {
                join(newDevice);
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
            log.err(src(d), "bar_fixed failed, keeping BAR " + bar + " fixed: " + e);
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
            log.err(src(d), (prepare ? "rescan_prepare" : "rescan_done") + " failed: " + e);
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
                log.info(src(s.device), "BAR " + s.spec.index() + ": releasing " + range(s.oldAddress,
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
                log.info(src(s.device), "BAR " + index + ": assigned " + range(s.newAddress, s.spec.sizeBytes()));
                continue;
            }
            final BarMove move = new BarMove(s.device.address(), index, s.oldAddress, s.newAddress, clock.nanoTime());
            done.add(move);
            synchronized (moves)
            {
                moves.add(move);
            }
            log.info(src(s.device), "BAR " + index + " updated: 0x" + Long.toHexString(s.oldAddress) + " -> 0x"
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

    private static String src(final PciDevice d)
    {
        return "pci " + d.name();
    }

    private static String range(final long start, final long sizeBytes)
    {
        return "[mem 0x" + PciAddress.hex(start, 8) + "-0x" + PciAddress.hex(start + sizeBytes - 1, 8) + "]";
    }
}

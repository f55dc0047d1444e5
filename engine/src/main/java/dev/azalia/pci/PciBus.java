package dev.azalia.pci;

import dev.azalia.kernel.WouldBlockException;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Driver exceptions in these hooks are logged and returned in {@link RescanResult#failures()}. The allocation and
 * the rescan live in the package-private {@code BarAllocator}; this class keeps the device list, driver binding,
 * mappings and fault accounting.
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
    /** The first IRQ number given to functions (IO-APIC pins 16.. carry PCI INTx). */
    private static final int FIRST_IRQ = 16;

    static final String BUS_SOURCE = "pci_bus 0000:00";

    private final KernelLog log;
    private final NanoClock clock;
    private final long windowBase;
    private final long windowEnd;
    private final BarAllocator bars;
    private final InterruptLine.Delivery delivery;
    private final MmioAddressSpace mmio;
    private final ReentrantLock pciLock = new ReentrantLock();
    private final List<PciDevice> devices = new CopyOnWriteArrayList<>();
    /** The same functions as an array, replaced (under the PCI lock) when one joins or leaves: read lock-free. */
    private volatile PciDevice[] deviceArray = new PciDevice[0];
    private final List<PciDriver> drivers = new CopyOnWriteArrayList<>();
    private volatile Consumer<PciDevice> boundListener;
    private final List<Throwable> driverFailures = new CopyOnWriteArrayList<>();
    private final BarMappings mappings = new BarMappings(this);
    private final AtomicInteger nextIrq = new AtomicInteger(FIRST_IRQ);
    private volatile MmioTrace trace = MmioTrace.off();

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
        this.bars = new BarAllocator(log, clock, windowBase, windowEnd, devices, driverFailures);
        log.info(BUS_SOURCE, "root bus resource "
            + BarAllocator.range(windowBase, windowSizeBytes).replace("]", " window]"));
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
                if (!bars.claimFirmwareBar(device, spec))
                {
                    unclaimed.add(spec);
                }
            }
            boolean all = true;
            for (final BarSpec spec : BarAllocator.largestFirst(unclaimed))
            {
                all &= bars.assign(device, spec);
            }
            if (all && !device.barSpecs().isEmpty())
            {
                BarAllocator.enableMemory(device);
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
        return mappings.ioremap(device, bar, null);
    }

    /**
     * {@code ioremap} into a mapping made ahead by {@link #reserveMapping}: the same map id, virtual address and
     * trace as {@link #ioremap(PciDevice, int)}, without allocating (for a remap inside a BAR move's window). A
     * {@code reserved} that is null, already bound, or of another BAR is ignored and a new mapping made.
     *
     * @param device   the function.
     * @param bar      the BAR index.
     * @param reserved an unbound mapping of that BAR, or null.
     * @return the mapping ({@code reserved}, now bound, if it could be used).
     * @throws IllegalStateException if the BAR is not implemented or not assigned.
     */
    public IoMapping ioremap(final PciDevice device, final int bar, final IoMapping reserved)
    {
        return mappings.ioremap(device, bar, reserved);
    }

    /**
     * A mapping of a BAR made ahead of its {@code ioremap}: unbound (an access through it faults) until
     * {@link #ioremap(PciDevice, int, IoMapping)} binds it, once. Allocates; call outside a move's window.
     *
     * @param device the function.
     * @param bar    the BAR index.
     * @return the unbound mapping.
     */
    public IoMapping reserveMapping(final PciDevice device, final int bar)
    {
        return mappings.reserve(device, bar);
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
            if (bars.fitsWithoutMoving(device))
            {
                join(device);
                for (final BarSpec spec : BarAllocator.largestFirst(device.barSpecs()))
                {
                    bars.assign(device, spec);
                }
            }
            else
            {
                final RescanResult r = bars.rescan(device, this::join);
                if (!r.refused().isEmpty())
                {
                    return false;
                }
            }
            if (!device.barSpecs().isEmpty())
            {
                BarAllocator.enableMemory(device);
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
        bars.setCoreWork(delay, nanos);
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
            return bars.rescan(null, this::join);
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
            deviceArray = devices.toArray(new PciDevice[0]);
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
        return mappings.staleAccesses();
    }

    /**
     * How many page faults (accesses through released mappings or beyond them, double unmaps) happened.
     *
     * @return the count.
     */
    public long faults()
    {
        return mappings.faults();
    }

    /**
     * The faults, in order.
     *
     * @return a snapshot.
     */
    public List<MmioFault> faultRecords()
    {
        return mappings.faultRecords();
    }

    /**
     * Every BAR move so far, in order.
     *
     * @return a snapshot.
     */
    public List<BarMove> barMoves()
    {
        return bars.moves();
    }

    /**
     * How many BARs moved since boot ({@link #barMoves()} keeps the newest of them).
     *
     * @return the count.
     */
    public long barMoveCount()
    {
        return bars.moveCount();
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
        mmio.rebuild(deviceArray);
    }

    BarMappings mappings()
    {
        return mappings;
    }

    // ---- internals; all below run under pciLock ----

    /** Puts a function on the bus: its interrupt line, the device list, present. */
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
        deviceArray = devices.toArray(new PciDevice[0]);
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

    static String src(final PciDevice d)
    {
        return "pci " + d.name();
    }
}

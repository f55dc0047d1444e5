package dev.azalia.machine;

import dev.azalia.driver.AzxChip;
import dev.azalia.driver.AzxDriver;
import dev.azalia.hda.HdaController;
import dev.azalia.hda.HdaRegisters;
import dev.azalia.hda.RealtimeLinkClock;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.kernel.Kernel;
import dev.azalia.kernel.RealtimeKernel;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.BarSpec;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.PciAddress;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;
import dev.azalia.time.NanoClock;
import dev.azalia.time.SystemNanoClock;
import dev.azalia.time.VirtualNanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The assembled testbed: an ICH9 HD-Audio function ({@code 0000:00:1b.0}, 8086:293e) with one output codec on a PCI
 * bus behind a host bridge, the {@code snd_hda_intel} driver bound to it, and a link clock stepping the stream DMA.
 *
 * <p>On the virtual clock everything runs on the thread that drives the machine (see {@link VirtualKernel}); on the
 * real clock the link clock, interrupt, workqueue and timer threads run as a kernel's would. {@link #close()} stops
 * them.
 */
public final class Machine implements AutoCloseable
{
    /** The HD-Audio function's address. */
    public static final PciAddress HDA_ADDRESS = new PciAddress(0, 0, 0x1b, 0);
    /** Base of the host bridge's memory window. */
    public static final long WINDOW_BASE = 0xfe00_0000L;
    /** Size of the host bridge's memory window: 12 MiB. */
    public static final long WINDOW_SIZE_BYTES = 0x00c0_0000L;

    private final MachineConfig config;
    private final NanoClock clock;
    private final KernelLog log;
    private final Kernel kernel;
    private final DmaMemory memory;
    private final PciBus bus;
    private final HdaController controller;
    private final HdaCodec codec;
    private final PciDevice hdaDevice;
    private final AzxDriver driver;
    private final RealtimeLinkClock realtimeLinkClock;
    private Kernel.Cancellable virtualLinkTicks;

    private Machine(final MachineConfig config)
    {
        this.config = config;
        if (config.virtualClock())
        {
            final VirtualNanoClock virtualClock = null == config.clock()
                ? new VirtualNanoClock()
                : (VirtualNanoClock)config.clock();
            this.clock = virtualClock;
            this.log = new KernelLog(clock);
            this.kernel = new VirtualKernel(virtualClock, log);
        }
        else
        {
            this.clock = null == config.clock() ? SystemNanoClock.INSTANCE : config.clock();
            this.log = new KernelLog(clock);
            this.kernel = new RealtimeKernel(clock, log);
        }
        this.memory = new DmaMemory(config.hostMemoryBytes());
        this.bus = new PciBus(log, clock, WINDOW_BASE, WINDOW_SIZE_BYTES,
            config.virtualClock() ? InterruptLine.Delivery.INLINE : InterruptLine.Delivery.THREADED);
        bus.setTrace(config.trace());
        this.codec = HdaCodec.output(0, config.dacOutput());
        final PciDevice[] holder = new PciDevice[1];
        this.controller = new HdaController(memory, clock, level -> holder[0].intxPin().setLevel(level), log);
        controller.attachCodec(codec);
        this.hdaDevice = new PciDevice(HDA_ADDRESS, 0x8086, 0x293e, 0x03, 0x040300, 1,
            List.of(new BarSpec(0, HdaRegisters.BAR_SIZE, config.barFilter().apply(controller))));
        holder[0] = hdaDevice;
        hdaDevice.setPowerOnResetHook(controller::powerOnReset);
        this.driver = new AzxDriver(kernel, memory, config.driverConfig());
        this.realtimeLinkClock = config.virtualClock()
            ? null
            : new RealtimeLinkClock(controller, clock, config.linkTickNanos(), log);
    }

    /**
     * Builds a machine and boots it: the device is enumerated, the driver probes, and on return the card is
     * registered (or the probe failure is in the log).
     *
     * @param config what to build.
     * @return the running machine.
     * @throws InterruptedException if interrupted while waiting for the asynchronous probe.
     */
    public static Machine boot(final MachineConfig config) throws InterruptedException
    {
        final Machine m = new Machine(config);
        m.start();
        return m;
    }

    private void start() throws InterruptedException
    {
        if (null != realtimeLinkClock)
        {
            realtimeLinkClock.start();
        }
        else
        {
            final VirtualKernel vk = (VirtualKernel)kernel;
            virtualLinkTicks = vk.every("link", "link clock", clock.nanoTime() + config.linkTickNanos(),
                config.linkTickNanos(), controller::advance);
        }
        bus.addDevice(hdaDevice);
        bus.registerDriver(driver);
        final AzxChip chip = chip();
        if (null != chip && !chip.awaitProbe(TimeUnit.SECONDS.toNanos(10)))
        {
            log.err(chip.source(), "probe did not complete");
        }
    }

    /**
     * The machine's clock.
     *
     * @return the clock (a {@link VirtualNanoClock} on a virtual machine).
     */
    public NanoClock clock()
    {
        return clock;
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
     * Kernel services.
     *
     * @return the kernel ({@link VirtualKernel} on a virtual machine).
     */
    public Kernel kernel()
    {
        return kernel;
    }

    /**
     * Host memory.
     *
     * @return the DMA memory.
     */
    public DmaMemory memory()
    {
        return memory;
    }

    /**
     * The PCI bus.
     *
     * @return the bus.
     */
    public PciBus bus()
    {
        return bus;
    }

    /**
     * The emulated controller (the device model, not the driver).
     *
     * @return the controller.
     */
    public HdaController controller()
    {
        return controller;
    }

    /**
     * The emulated codec.
     *
     * @return the codec.
     */
    public HdaCodec codec()
    {
        return codec;
    }

    /**
     * The HD-Audio PCI function.
     *
     * @return the device.
     */
    public PciDevice hdaDevice()
    {
        return hdaDevice;
    }

    /**
     * The driver.
     *
     * @return the driver.
     */
    public AzxDriver driver()
    {
        return driver;
    }

    /**
     * The driver's chip for the HD-Audio function.
     *
     * @return the chip, or null if the driver did not bind.
     */
    public AzxChip chip()
    {
        final List<AzxChip> chips = driver.chips();
        return chips.isEmpty() ? null : chips.get(0);
    }

    /**
     * Unexpected exceptions from any device or kernel thread; a run with failures has failed.
     *
     * @return a snapshot.
     */
    public List<Throwable> failures()
    {
        final List<Throwable> all = new ArrayList<>(kernel.failures());
        all.addAll(controller.failures());
        if (null != realtimeLinkClock)
        {
            all.addAll(realtimeLinkClock.failures());
        }
        if (null != hdaDevice.interruptLine())
        {
            all.addAll(hdaDevice.interruptLine().handlerFailures());
        }
        all.addAll(bus.driverFailures());
        return all;
    }

    /** Stops the link clock and the kernel's threads. */
    @Override
    public void close()
    {
        if (null != realtimeLinkClock)
        {
            realtimeLinkClock.stop();
        }
        if (null != virtualLinkTicks)
        {
            virtualLinkTicks.cancel();
        }
        if (null != hdaDevice.interruptLine())
        {
            hdaDevice.interruptLine().close();
        }
        if (kernel instanceof RealtimeKernel rk)
        {
            rk.close();
        }
    }
}

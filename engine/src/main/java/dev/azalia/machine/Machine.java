package dev.azalia.machine;

import dev.azalia.device.ComponentRegistry;
import dev.azalia.device.Device;
import dev.azalia.device.DeviceCore;
import dev.azalia.driver.AzxChip;
import dev.azalia.driver.AzxDriver;
import dev.azalia.driver.AzxSystemPm;
import dev.azalia.hda.HdaController;
import dev.azalia.hda.HdaPciConfig;
import dev.azalia.hda.HdaRegisters;
import dev.azalia.hda.RealtimeLinkClock;
import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.kernel.Kernel;
import dev.azalia.kernel.RealtimeKernel;
import dev.azalia.kernel.Threads;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.kernel.trace.FtraceRecorder;
import dev.azalia.kernel.trace.TaskResolver;
import dev.azalia.kernel.trace.Tracepoints;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The assembled testbed: an HD-Audio function ({@code 0000:00:1b.0}; ICH9 8086:293e unless
 * {@link MachineConfig#controller()} names another identity) with one output codec on a PCI bus behind a host bridge, the {@code snd_hda_intel} driver bound to it, and a link clock stepping the stream DMA.
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
    private final List<EmulatedCodec> codecs;
    private final PciDevice hdaDevice;
    private final AzxDriver driver;
    private final RealtimeLinkClock realtimeLinkClock;
    private Kernel.Cancellable virtualLinkTicks;
    private final DeviceCore platform;
    private final ComponentRegistry components;
    private final Device boardDevice = new Device(BoardDriver.DEVICE_NAME);
    private final CountDownLatch unplugged = new CountDownLatch(1);
    private AzxSystemPm systemPm;

    private Machine(final MachineConfig config, final boolean deferredProbeTrigger)
    {
        this.config = config;
        if (config.virtualClock())
        {
            final VirtualNanoClock virtualClock = null == config.clock()
                ? new VirtualNanoClock()
                : (VirtualNanoClock)config.clock();
            this.clock = virtualClock;
            this.log = new KernelLog(clock);
            final VirtualKernel vk = new VirtualKernel(virtualClock, log);
            vk.setTracepoints(recorder(config, clock, vk::currentTask));
            this.kernel = vk;
        }
        else
        {
            this.clock = null == config.clock() ? SystemNanoClock.INSTANCE : config.clock();
            this.log = new KernelLog(clock);
            final RealtimeKernel rk = new RealtimeKernel(clock, log);
            rk.setTracepoints(recorder(config, clock, TaskResolver.byThreadName()));
            this.kernel = rk;
        }
        this.memory = new DmaMemory(config.hostMemoryBytes());
        this.bus = new PciBus(log, clock, WINDOW_BASE, WINDOW_SIZE_BYTES,
            config.virtualClock() ? InterruptLine.Delivery.INLINE : InterruptLine.Delivery.THREADED);
        bus.setTrace(config.trace());
        this.codecs = config.codec().createCodecs(config.dacOutput());
        this.codec = codecs.get(0) instanceof HdaCodec builtIn ? builtIn : null;
        final LatePin pin = new LatePin();
        this.controller = new HdaController(memory, clock, pin, log);
        codecs.forEach(controller::attachCodec);
        controller.setFaults(config.faults());
        this.hdaDevice = new PciDevice(HDA_ADDRESS, config.controller().vendorId(), config.controller().deviceId(),
            config.controller().revision(), config.controller().classCode(), 1,
            List.of(new BarSpec(0, HdaRegisters.BAR_SIZE, config.barFilter().apply(controller))));
        pin.connect(hdaDevice.intxPin());
        controller.setBusMaster(hdaDevice::busMasterEnabled);
        HdaPciConfig.defineConfigRegisters(hdaDevice.config());
        hdaDevice.setPowerOnResetHook(controller::powerOnReset);
        this.driver = new AzxDriver(kernel, memory, config.driverConfig());
        if (kernel instanceof VirtualKernel vk)
        {
            // system_unbound_wq: runs beside the workqueue, also while azx_probe_work waits
            this.platform = new DeviceCore("platform", log,
                (name, work) -> vk.at("events_unbound", name, clock.nanoTime(), work));
        }
        else
        {
            this.platform = new DeviceCore("platform", log, kernel::queueWork);
        }
        this.components = new ComponentRegistry(platform, deferredProbeTrigger);
        driver.setComponentRegistry(components);
        bus.setBoundListener(d -> platform.deferredProbeTrigger());
        this.realtimeLinkClock = config.virtualClock()
            ? null
            : new RealtimeLinkClock(controller, clock, config.linkTickNanos(), log);
    }

    /** The verb trace's recorder: ftrace text on the mmiotrace's time base, or off. */
    private static Tracepoints recorder(final MachineConfig config, final NanoClock clock, final TaskResolver tasks)
    {
        if (null == config.verbTrace())
        {
            return Tracepoints.off();
        }
        final long origin = config.trace().enabled() ? config.trace().originNanos() : clock.nanoTime();
        return FtraceRecorder.to(config.verbTrace(), clock, origin, tasks);
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
        return boot(config, true);
    }

    /**
     * Builds a machine and boots it, choosing whether the HD-Audio driver's component registration kicks the
     * deferred-probe queue. Boot order: the board driver and its platform device first (it defers: the
     * controller's component is missing), then the PCI function and {@code snd_hda_intel}; its bind kicks the
     * queue while its asynchronous probe is still running (the board defers again); the component appears at the
     * end of that work. Without the trigger the board stays deferred.
     *
     * @param config               what to build.
     * @param deferredProbeTrigger whether registering the component triggers the deferred-probe queue (the fix).
     * @return the running machine.
     * @throws InterruptedException if interrupted while waiting for the asynchronous probe.
     */
    public static Machine boot(final MachineConfig config, final boolean deferredProbeTrigger)
        throws InterruptedException
    {
        final Machine m = new Machine(config, deferredProbeTrigger);
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
            // verbs on the link's frames: a context of their own, so a verb sent from an interrupt still moves
            final Runnable frames = controller::runCommandFrames;
            controller.setLinkTimer(at -> vk.atHardware("link-clock", "link frame", at, frames));
        }
        platform.registerDriver(new BoardDriver(components, AzxDriver.componentName(hdaDevice), log));
        platform.registerDevice(boardDevice);
        bus.addDevice(hdaDevice);
        bus.registerDriver(driver);
        final AzxChip chip = chip();
        if (null != chip && !chip.awaitProbe(TimeUnit.SECONDS.toNanos(10)))
        {
            log.err(chip.source(), "probe did not complete");
        }
        if (kernel instanceof VirtualKernel vk)
        {
            vk.runUntil(clock.nanoTime());
        }
        kernel.flushWork();
        if (config.codec().restoreMixer() && null != chip && null == chip.probeFailure() && null != chip.card())
        {
            MixerRestore.masterAtMaximum(chip.card());
        }
        if (!boardDevice.bound())
        {
            log.warn("platform " + boardDevice.name(), "deferred probe pending: " + boardDevice.deferralReason());
        }
    }

    /**
     * The platform bus (board devices and drivers, with deferred probe).
     *
     * @return the driver core.
     */
    public DeviceCore platform()
    {
        return platform;
    }

    /**
     * The components drivers have published.
     *
     * @return the registry.
     */
    public ComponentRegistry components()
    {
        return components;
    }

    /**
     * The board's platform device, bound by {@link BoardDriver} once the controller's component is there.
     *
     * @return the device.
     */
    public Device boardDevice()
    {
        return boardDevice;
    }

    /**
     * Hot-unplugs the HD-Audio function after {@code delayNanos}, from the PCI side ({@link PciBus#removeDevice}):
     * the driver's remove frees the card (disconnect, then wait for the last close) and the function leaves the
     * bus. On a virtual machine it is an event on the "pci" context, retried while files are open; on the real
     * clock a daemon thread named {@code pci-unplug} runs it. A failure is recorded in {@link #failures()}.
     *
     * @param delayNanos how long from now, in nanoseconds.
     */
    public void scheduleUnplug(final long delayNanos)
    {
        if (kernel instanceof VirtualKernel vk)
        {
            vk.atRestartable("pci", "hot-unplug", clock.nanoTime() + delayNanos, this::unplugNow);
            return;
        }
        final long deadline = clock.nanoTime() + delayNanos;
        final Thread t = new Thread(() ->
        {
            long left = deadline - clock.nanoTime();
            while (left > 0)
            {
                LockSupport.parkNanos(left);
                left = deadline - clock.nanoTime();
            }
            try
            {
                unplugNow();
            }
            catch (final RuntimeException | Error e)
            {
                kernel.recordFailure("pci-unplug", e);
                unplugged.countDown();
            }
        }, "pci-unplug");
        t.setDaemon(true);
        t.start();
    }

    private void unplugNow()
    {
        bus.removeDevice(hdaDevice);
        unplugged.countDown();
    }

    /**
     * Waits until a {@link #scheduleUnplug scheduled} unplug has finished. On a virtual machine runs the machine's
     * events until then, for at most {@code timeoutNanos} of virtual time.
     *
     * @param timeoutNanos how long to wait at most, in nanoseconds.
     * @return true if the function has been removed.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitUnplugged(final long timeoutNanos) throws InterruptedException
    {
        if (kernel instanceof VirtualKernel vk)
        {
            final long deadline = clock.nanoTime() + timeoutNanos;
            while (unplugged.getCount() > 0 && vk.runNext(deadline))
            {
                // each iteration ran one event
            }
            return unplugged.getCount() == 0;
        }
        return unplugged.await(timeoutNanos, TimeUnit.NANOSECONDS);
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
     * The emulated codec of a built-in model.
     *
     * @return the codec; null when the machine emulates a dump's codecs (see {@link #codecs()}).
     */
    public HdaCodec codec()
    {
        return codec;
    }

    /**
     * The emulated codecs on the link.
     *
     * @return the codecs in address order (immutable).
     */
    public List<EmulatedCodec> codecs()
    {
        return codecs;
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
     * The driver's tracepoint recorder (the verb trace).
     *
     * @return the recorder; {@link Tracepoints#off()} without {@link MachineConfig#verbTrace()}.
     */
    public Tracepoints tracepoints()
    {
        return kernel.tracepoints();
    }

    /**
     * Writes a marker into both traces at the current time: {@code MARK} in the mmiotrace,
     * {@code tracing_mark_write} in the verb trace (what {@code echo TEXT > trace_marker} does in a capture).
     *
     * @param text the marker, one line.
     */
    public void mark(final String text)
    {
        config.trace().mark(text);
        kernel.tracepoints().mark(text);
    }

    /**
     * Lets the machine sit idle for {@code nanos}: on a virtual machine its events run until then (timers such as
     * the power-save autosuspend fire as they would), on the real clock the caller sleeps.
     *
     * @param nanos how long, in nanoseconds; nothing happens for 0 or less.
     */
    public void idle(final long nanos)
    {
        if (nanos <= 0)
        {
            return;
        }
        final long deadline = clock.nanoTime() + nanos;
        if (kernel instanceof VirtualKernel vk)
        {
            vk.runUntil(deadline);
            return;
        }
        long left = nanos;
        while (left > 0)
        {
            LockSupport.parkNanos(left);
            left = deadline - clock.nanoTime();
        }
    }

    /**
     * A system suspend of the HD-Audio function through the driver's {@code azx_prepare} / {@code azx_suspend}
     * path ({@link AzxSystemPm#suspend()}), run as the PM core's asynchronous suspend does: on the unbound
     * workqueue's context (a virtual machine runs its events until it is done), on the real clock on a thread
     * named {@code kworker/u2:1}.
     *
     * @throws IllegalStateException if the driver is not bound.
     */
    public void systemSuspend()
    {
        final AzxSystemPm pm = systemPm();
        runAsPmCore("azx_suspend", pm::suspend);
    }

    /**
     * A system resume through {@code azx_resume} / {@code azx_complete} ({@link AzxSystemPm#resume()}), on the
     * same context as {@link #systemSuspend()}.
     *
     * @throws IllegalStateException if the driver is not bound.
     */
    public void systemResume()
    {
        final AzxSystemPm pm = systemPm();
        runAsPmCore("azx_resume", pm::resume);
    }

    private AzxSystemPm systemPm()
    {
        final AzxChip chip = chip();
        if (null == chip)
        {
            throw new IllegalStateException("no HD-Audio driver bound");
        }
        if (null == systemPm)
        {
            systemPm = new AzxSystemPm(chip);
        }
        return systemPm;
    }

    private void runAsPmCore(final String name, final Runnable step)
    {
        final RuntimeException[] thrown = new RuntimeException[1];
        final boolean[] done = new boolean[1];
        final Runnable task = () ->
        {
            try
            {
                step.run();
            }
            catch (final RuntimeException e)
            {
                thrown[0] = e;
            }
            finally
            {
                done[0] = true;
            }
        };
        if (kernel instanceof VirtualKernel vk)
        {
            vk.at("events_unbound", name, clock.nanoTime(), task);
            while (!done[0] && vk.runNext(Long.MAX_VALUE))
            {
                // each iteration ran one event
            }
        }
        else
        {
            final Thread t = new Thread(task, "kworker/u2:1");
            t.start();
            Threads.joinUninterruptibly(t);
        }
        if (null != thrown[0])
        {
            throw thrown[0];
        }
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
        if (null != hdaDevice.msiLine())
        {
            all.addAll(hdaDevice.msiLine().handlerFailures());
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
        if (null != hdaDevice.msiLine())
        {
            hdaDevice.msiLine().close();
        }
        if (kernel instanceof RealtimeKernel rk)
        {
            rk.close();
        }
    }
}

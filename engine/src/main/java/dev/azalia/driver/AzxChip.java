package dev.azalia.driver;

import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.IoMapping;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;
import dev.azalia.sound.Card;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One HD-Audio controller as the driver sees it ({@code struct azx} with its {@code hdac_bus}): the register
 * mapping, the command transport, the stream descriptors, the codecs, the card, the interrupt handler, chip
 * init/stop and runtime PM. This class is the façade its collaborators share: the second probe phase and the bus
 * it builds are {@link AzxBus}, the interrupt path {@link AzxInterrupt}, the stream table {@link AzxStreams}, the
 * link {@link AzxLink}, the power transitions {@link AzxPower}, the interrupt vector {@link AzxIrq}.
 *
 * <p>Threading: created on the PCI thread ({@code probe}); the second probe phase runs on the workqueue; PCM ops on
 * the application thread; the interrupt handler on the interrupt thread; unsolicited events on the workqueue.
 * Shared register read-modify-writes are serialised by the chip's register lock.
 */
public final class AzxChip
{
    private final PciDevice pci;
    private final PciBus pciBus;
    private final Kernel kernel;
    private final KernelLog log;
    private final String source;
    private final ReentrantLock regLock = new ReentrantLock();
    private final AzxStreams streams = new AzxStreams(this);
    private final Card card;
    private final RuntimePm runtimePm;
    private final AzxIrq irqs;
    private final AzxIdentity identity;
    private final AzxInterrupt irqPath;
    private final AzxPower power;
    private final AzxBus bus;
    private final MmioGate gate;
    private final ReentrantReadWriteLock pcmRwsem = new ReentrantReadWriteLock();
    private final BarMoveStats moveStats = new BarMoveStats();
    private volatile QuiescePolicy policy;

    /**
     * A measurement hook called by the interrupt handler just before it reports a period to the sound core.
     *
     * <p>Called on the interrupt thread; must not block or allocate.
     */
    @FunctionalInterface
    public interface PeriodListener
    {
        /**
         * A period interrupt of a stream is about to be reported.
         *
         * @param sdIndex the stream descriptor index.
         */
        void onPeriodElapsed(int sdIndex);
    }

    /**
     * Installs the period hook (latency probes).
     *
     * @param listener the hook.
     */
    public void setPeriodListener(final PeriodListener listener)
    {
        irqPath.setPeriodListener(listener);
    }

    /**
     * Installs the interrupt-entry hook (latency probes): called on the interrupt thread when the handler is entered
     * with the device powered, before it reads any register. Must not block or allocate.
     *
     * @param listener the hook.
     */
    public void setInterruptEntryListener(final Runnable listener)
    {
        irqPath.setInterruptEntryListener(listener);
    }

    /**
     * Creates the chip in the first probe phase ({@code azx_create}): enables the device and creates the card.
     *
     * @param pci    the PCI function.
     * @param kernel kernel services.
     * @param memory host memory.
     * @param config driver options.
     * @param cardIndex the card number.
     */
    AzxChip(final PciDevice pci, final Kernel kernel, final DmaMemory memory, final AzxConfig config,
        final int cardIndex)
    {
        this.pci = pci;
        this.pciBus = pci.bus();
        this.kernel = kernel;
        this.log = kernel.log();
        this.source = "snd_hda_intel " + pci.name();
        final AzxIdentity bound = AzxIdentity.of(pci.vendorId(), pci.deviceId());
        // an ID outside the table binds like an ICH (the project's original device)
        this.identity = null == bound ? AzxIdentity.ICH9 : bound;
        this.irqPath = new AzxInterrupt(this);
        this.gate = new MmioGate(kernel);
        this.policy = QuiescePolicy.named(config.policy());
        this.card = Card.createManaged(pci, cardId(identity.shortName()), "HDA-Intel",
            identity.shortName(), log, kernel.clock(), kernel::await);
        this.card.setGateWaitListener(moveStats::recordGateWait);
        this.card.setNumber(cardIndex);
        this.card.setLogSource(source);
        this.power = new AzxPower(this);
        this.runtimePm = new RuntimePm(kernel, config.autosuspendDelayNanos(), identity.runtimePm(), power);
        this.irqs = new AzxIrq(pci, log, source, identity, config.enableMsi(), irqPath::interrupt);
        this.bus = new AzxBus(this, memory, power, config.autosuspendDelayNanos());
        log.debug(source, String.format(Locale.ROOT, "%04x:%04x: %s (%s), bdl_pos_adj %d", pci.vendorId(),
            pci.deviceId(), identity.shortName(), identity.capsDescription(), identity.bdlPosAdjFrames()));
        if (identity.snoopOff())
        {
            log.info(source, "Force to non-snoop mode");
        }
        AzxPciEnable.enable(pci, log, source);
    }

    /**
     * The log prefix of this controller.
     *
     * @return {@code "snd_hda_intel 0000:00:1b.0"}.
     */
    public String source()
    {
        return source;
    }

    /**
     * The sound card of this controller.
     *
     * @return the card (registered once probe completes).
     */
    public Card card()
    {
        return card;
    }

    /**
     * The PCI function.
     *
     * @return the device.
     */
    public PciDevice pci()
    {
        return pci;
    }

    /**
     * Kernel services the chip runs on.
     *
     * @return the kernel.
     */
    public Kernel kernel()
    {
        return kernel;
    }

    /**
     * Runtime PM of the controller.
     *
     * @return runtime PM.
     */
    public RuntimePm runtimePm()
    {
        return runtimePm;
    }

    /** @return the first codec's power save (null before probe). */
    public CodecPm codecPm()
    {
        return bus.codecPm();
    }

    /**
     * The register accessor.
     *
     * @return registers (null before the second probe phase).
     */
    public ChipRegisters registers()
    {
        return bus.registers();
    }

    /**
     * The command transport.
     *
     * @return the transport (null before the second probe phase).
     */
    public CommandTransport transport()
    {
        return bus.transport();
    }

    /**
     * The probed codecs.
     *
     * @return the codec drivers.
     */
    public List<CodecDriver> codecs()
    {
        return bus.codecs();
    }

    /**
     * The interrupt line the chip requested.
     *
     * @return the line.
     */
    public InterruptLine irq()
    {
        return irqs.line();
    }

    /**
     * The interrupt vector's owner: MSI or INTx, acquire and release, the MSI fallback.
     *
     * @return the vector.
     */
    AzxIrq irqs()
    {
        return irqs;
    }

    /**
     * The stream descriptor with the given index.
     *
     * @param index 0 ... 7.
     * @return the stream.
     */
    public AzxStream stream(final int index)
    {
        return streams.get(index);
    }

    /**
     * Whether the chip's registers are initialised ({@code bus->chip_init}).
     *
     * @return true after init, false after stop.
     */
    public boolean chipInitialised()
    {
        final AzxLink link = bus.link();
        return null != link && link.chipInitialised();
    }

    /**
     * Period interrupts that reached {@code periodElapsed}.
     *
     * @return the count.
     */
    public long periodInterrupts()
    {
        return irqPath.periodInterrupts();
    }

    /**
     * FIFO errors (SDnSTS.FIFOE) the interrupt handler cleared; Linux clears them silently, this driver counts them.
     *
     * @return the count.
     */
    public long fifoErrors()
    {
        return irqPath.fifoErrors();
    }

    /**
     * Descriptor errors (SDnSTS.DESE) the interrupt handler cleared; counted as {@link #fifoErrors()}.
     *
     * @return the count.
     */
    public long descriptorErrors()
    {
        return irqPath.descriptorErrors();
    }

    /**
     * Stream interrupts ignored as too early (bogus).
     *
     * @return the count.
     */
    public long bogusInterrupts()
    {
        return irqPath.bogusInterrupts();
    }

    /**
     * Stream interrupts that came before their period really elapsed and went to the pending work.
     *
     * @return the count.
     */
    public long pendingInterrupts()
    {
        return irqPath.pendingInterrupts();
    }

    /**
     * The identity the driver bound to ({@code azx_ids} driver data) and derives its capabilities from.
     *
     * @return the identity.
     */
    public AzxIdentity identity()
    {
        return identity;
    }

    private static String cardId(final String shortName)
    {
        return shortName.substring(shortName.lastIndexOf(' ') + 1);
    }

    /**
     * Waits for the asynchronous probe phase to finish.
     *
     * @param timeoutNanos how long to wait on a real machine; a virtual machine runs its workqueue instead.
     * @return true if probe completed successfully.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitProbe(final long timeoutNanos) throws InterruptedException
    {
        return bus.awaitProbe(timeoutNanos);
    }

    /**
     * Why the second probe phase failed.
     *
     * @return the failure, or null.
     */
    public Throwable probeFailure()
    {
        return bus.probeFailure();
    }

    /** The second probe phase ({@code azx_probe_continue}, {@link AzxBus}), run on the workqueue. */
    void probeContinue()
    {
        bus.probeContinue();
    }

    /**
     * Resets the link and initialises the chip ({@code azx_init_chip} / {@code snd_hdac_bus_init_chip}).
     *
     * @param fullReset whether to cycle CRST (always true here; kept for the Linux signature).
     */
    public void initChip(final boolean fullReset)
    {
        bus.link().initChip(fullReset);
    }

    /**
     * Puts the link into reset (CRST = 0) and waits until it reads back ({@code snd_hdac_bus_enter_link_reset}).
     */
    public void enterLinkReset()
    {
        bus.link().enterLinkReset();
    }

    /**
     * Stops the chip ({@code snd_hdac_bus_stop_chip}): interrupts off, statuses cleared, CORB/RIRB stopped,
     * position buffer off.
     */
    public void stopChip()
    {
        bus.link().stopChip();
    }

    /**
     * The STATESTS value read before the last runtime resume's controller reset (codecs that requested a wake).
     *
     * @return the SDIN bits.
     */
    public int wakeStatus()
    {
        return power.wakeStatus();
    }

    /**
     * Reconnects to the registers after the BAR moved: every later access uses {@code mapping}, including the
     * stream descriptors' accessors (which derive their addresses from this accessor, never from a cached copy).
     *
     * @param mapping the new mapping.
     */
    public void remap(final IoMapping mapping)
    {
        bus.registers().remap(mapping);
    }

    /**
     * The register lock ({@code bus->reg_lock}) serialising read-modify-writes of shared registers.
     *
     * @return the lock.
     */
    ReentrantLock regLock()
    {
        return regLock;
    }

    /**
     * The chip's stream descriptors.
     *
     * @return the stream table.
     */
    AzxStreams streams()
    {
        return streams;
    }

    /**
     * The interrupt path ({@code azx_interrupt}, stream interrupts, positions): the handler runs on the interrupt
     * thread, the position reads on the caller's.
     *
     * @return the interrupt path.
     */
    AzxInterrupt irqPath()
    {
        return irqPath;
    }

    /**
     * Whether positions come from the DMA position buffer (else LPIB).
     *
     * @return true for the position buffer.
     */
    public boolean usesPositionBuffer()
    {
        return irqPath.usesPositionBuffer();
    }

    /**
     * The MMIO gate that task-context register users pass.
     *
     * @return the gate.
     */
    public MmioGate gate()
    {
        return gate;
    }

    /**
     * The semaphore PCM operations take for reading (the {@code rwsem} policy takes it for writing).
     *
     * @return the lock.
     */
    public ReentrantReadWriteLock pcmRwsem()
    {
        return pcmRwsem;
    }

    /**
     * The BAR-move quiesce policy.
     *
     * @return the policy.
     */
    public QuiescePolicy policy()
    {
        return policy;
    }

    /**
     * Chooses the BAR-move quiesce policy (between moves).
     *
     * @param newPolicy the policy.
     */
    public void setPolicy(final QuiescePolicy newPolicy)
    {
        this.policy = newPolicy;
    }

    /**
     * What the BAR moves cost.
     *
     * @return the statistics.
     */
    public BarMoveStats moveStats()
    {
        return moveStats;
    }

    /**
     * Maps BAR 0 at its current address ({@code ioremap(pci_resource_start(pdev, 0))}).
     *
     * @return the new mapping.
     */
    public IoMapping ioremapBar()
    {
        return pciBus.ioremap(pci, 0);
    }

    /**
     * Points the bus's mapping and every pointer derived from it (each stream's {@code sd_addr}) at {@code mapping}.
     *
     * @param mapping the mapping of the BAR at its new address.
     */
    public void remapAll(final IoMapping mapping)
    {
        bus.registers().remap(mapping);
        streams.remap(mapping);
    }

    /**
     * Streams assigned to an open substream.
     *
     * @return the count.
     */
    public int openStreams()
    {
        return streams.open();
    }

    /** Restarts the streams {@link AzxStreams#stopRunning()} stopped, from the remembered positions. */
    void restartStoppedStreams()
    {
        streams.restartStopped(bus.pcmOps());
    }

    /** Suspends the codecs before a move (function group to D3, register caches only). */
    void suspendCodecsForMove()
    {
        power.suspendCodecs();
    }

    /** After a link reset: every codec is resumed and its caches replayed ("Unable to sync register" on failure). */
    void resumeCodecsAfterReset()
    {
        bus.resumeCodecsAfterReset();
    }

    /**
     * Unbinds ({@code azx_remove}): frees the card (disconnect, then wait until every open file is closed), then
     * stops everything and releases the interrupt. Idempotent up to the card's free.
     */
    void remove()
    {
        // snd_card_free first: disconnect, wait for the last close; on a virtual kernel this may unwind and rerun.
        // The chip's stop, its interrupt, its mapping and the device enable are managed resources: the PCI core
        // releases them after this returns, in reverse order of acquisition.
        card.free();
    }
}

package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.IoMapping;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;
import dev.azalia.sound.Card;
import dev.azalia.sound.Pcm;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One HD-Audio controller as the driver sees it ({@code struct azx} with its {@code hdac_bus}): the register
 * mapping, the command transport, the stream descriptors, the codecs, the card, the interrupt handler, chip
 * init/stop and runtime PM.
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
    private final DmaMemory memory;
    private final String source;
    private final ReentrantLock regLock = new ReentrantLock();
    private final CountDownLatch probed = new CountDownLatch(1);
    private final List<CodecDriver> codecs = new ArrayList<>();
    private final AzxStreams streams = new AzxStreams(this);
    private final Card card;
    private final RuntimePm runtimePm;
    private final long codecPowerSaveNanos;
    private CodecPm codecPm;

    private volatile ChipRegisters regs;
    private CommandTransport transport;
    private final AzxIrq irqs;
    private long posbufAddress;
    private AzxLink link;
    private final AzxIdentity identity;
    private final AzxInterrupt irqPath;
    private volatile Throwable probeFailure;
    private AzxPcmOps pcmOps;
    private final AzxPower power;
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
        this.memory = memory;
        this.source = "snd_hda_intel " + pci.name();
        final AzxIdentity bound = AzxIdentity.of(pci.vendorId(), pci.deviceId());
        // an ID outside the table binds like an ICH (the project's original device)
        this.identity = null == bound ? AzxIdentity.ICH9 : bound;
        this.irqPath = new AzxInterrupt(this);
        this.gate = new MmioGate(kernel);
        this.policy = QuiescePolicy.named(config.policy());
        this.codecPowerSaveNanos = config.autosuspendDelayNanos();
        this.card = Card.createManaged(pci, cardId(identity.shortName()), "HDA-Intel",
            identity.shortName(), log, kernel.clock(), kernel::await);
        this.card.setGateWaitListener(moveStats::recordGateWait);
        this.card.setNumber(cardIndex);
        this.card.setLogSource(source);
        this.power = new AzxPower(this);
        this.runtimePm = new RuntimePm(kernel, config.autosuspendDelayNanos(), identity.runtimePm(), power);
        this.irqs = new AzxIrq(pci, log, source, identity, config.enableMsi(), this::interrupt);
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
        return codecPm;
    }

    /**
     * The register accessor.
     *
     * @return registers (null before the second probe phase).
     */
    public ChipRegisters registers()
    {
        return regs;
    }

    /**
     * The command transport.
     *
     * @return the transport (null before the second probe phase).
     */
    public CommandTransport transport()
    {
        return transport;
    }

    /**
     * The probed codecs.
     *
     * @return the codec drivers.
     */
    public List<CodecDriver> codecs()
    {
        return List.copyOf(codecs);
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
        if (kernel.virtual())
        {
            kernel.flushWork();
        }
        return probed.await(timeoutNanos, TimeUnit.NANOSECONDS) && null == probeFailure;
    }

    /**
     * Why the second probe phase failed.
     *
     * @return the failure, or null.
     */
    public Throwable probeFailure()
    {
        return probeFailure;
    }

    /**
     * The second probe phase ({@code azx_probe_continue}), run on the workqueue: map the registers, request the
     * interrupt, reset the link, bring up CORB/RIRB, probe codecs, create the PCM and controls, register the card.
     */
    void probeContinue()
    {
        try
        {
            firstInit();
            probeCodecs();
            createPcmAndControls();
            card.register();
            log.info(source, "card " + card.number() + ": HDA Intel at 0x"
                + Long.toHexString(pci.barAddress(0)) + " irq " + irqs.line().irq());
            runtimePm.enable();
            codecPm.enable();
        }
        catch (final RuntimeException e)
        {
            probeFailure = e;
            log.err(source, "probe failed: " + e.getMessage());
        }
        finally
        {
            probed.countDown();
        }
    }

    private void firstInit()
    {
        final IoMapping mapping = pciBus.ioremap(pci, 0);
        regs = new ChipRegisters(mapping);
        // pcim_iomap: whatever mapping is current then (a BAR move replaces it)
        pci.devres().add("iomap BAR 0", () ->
        {
            if (regs.mapping().mapped())
            {
                regs.mapping().unmap();
            }
        });
        irqs.acquire();
        pci.devres().add("irq " + irqs.line().irq(), irqs::release);
        // azx_free: the chip is stopped before its interrupt and mapping go
        pci.devres().add("azx_stop_chip", () ->
        {
            if (runtimePm.active())
            {
                stopChip();
            }
        });
        card.setSyncIrq(() -> irqs.line().synchronizeIrq());
        final int gcap = regs.readw(HdaRegisters.GCAP);
        log.debug(source, String.format(Locale.ROOT, "chipset global capabilities = 0x%x", gcap));
        posbufAddress = memory.allocate(8 * streams.count(), 128);
        transport = new CommandTransport(regs, memory, kernel, source, gate, regLock);
        transport.setUnsolicitedHandler(this::onUnsolicited);
        transport.setBusResetter(this::resetBus);
        transport.setMsiFallback(irqs);
        link = new AzxLink(regs, transport, streams.create(regs, memory, kernel, posbufAddress), kernel, source,
            posbufAddress, irqs::line);
        power.initPci();
        initChip(true);
        if (link.codecMask() == 0)
        {
            throw new IllegalStateException("no codecs found!");
        }
    }

    private void probeCodecs()
    {
        codecs.addAll(new AzxCodecProbe(this, link, transport, kernel, source).probe(card.number()));
    }

    private void createPcmAndControls()
    {
        final CodecDriver codec = codecs.get(0);
        pcmOps = new AzxPcmOps(this, codec);
        card.newPcm("ALC Analog", pcmOps, AzxPcmOps.HARDWARE, memory);
        codec.mixerControls().forEach(card::addControl);
        codecPm = CodecPm.gated(kernel, codecPowerSaveNanos, codec, gate);
    }

    /**
     * Resets the link and initialises the chip ({@code azx_init_chip} / {@code snd_hdac_bus_init_chip}).
     *
     * @param fullReset whether to cycle CRST (always true here; kept for the Linux signature).
     */
    public void initChip(final boolean fullReset)
    {
        link.initChip(fullReset);
    }

    /**
     * Puts the link into reset (CRST = 0) and waits until it reads back ({@code snd_hdac_bus_enter_link_reset}).
     */
    public void enterLinkReset()
    {
        link.enterLinkReset();
    }

    /**
     * Stops the chip ({@code snd_hdac_bus_stop_chip}): interrupts off, statuses cleared, CORB/RIRB stopped,
     * position buffer off.
     */
    public void stopChip()
    {
        link.stopChip();
    }

    /**
     * Resets the bus after a fatal communication error ({@code azx_bus_reset}): chip stop and init, then every
     * codec is suspended and resumed so the link reset does not lose its settings (the caches are replayed).
     */
    private void resetBus()
    {
        stopChip();
        initChip(true);
        resumeCodecsAfterReset();
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
        regs.remap(mapping);
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
     * The interrupt handler ({@code azx_interrupt}): runs on the interrupt thread.
     *
     * @return true if the interrupt was ours.
     */
    boolean interrupt()
    {
        return irqPath.interrupt();
    }

    /**
     * Whether the calling thread is running this chip's interrupt handler.
     *
     * @return true inside the handler.
     */
    boolean inInterrupt()
    {
        return irqPath.inInterrupt();
    }

    /**
     * The stream's position in its buffer ({@code azx_get_position}).
     *
     * @param s the stream.
     * @return byte offset in the buffer.
     */
    int position(final AzxStream s)
    {
        return irqPath.position(s);
    }

    /**
     * Whether the pointer reads SDnLPIB for the delay ({@code AZX_DCAPS_COUNT_LPIB_DELAY} until an unstable read).
     *
     * @return true while LPIB delay counting is on.
     */
    boolean countsLpibDelay()
    {
        return irqPath.countsLpibDelay();
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

    private void onUnsolicited(final int codecAddress, final int response)
    {
        for (final CodecDriver codec : codecs)
        {
            if (codec.address() == codecAddress)
            {
                codec.onUnsolicited(response);
            }
        }
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
        regs.remap(mapping);
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

    /** Stops every running stream where it is, remembering the position (the {@code rwsem} policy). */
    void stopRunningStreams()
    {
        streams.stopRunning();
    }

    /** Restarts the streams {@link #stopRunningStreams()} stopped, from the remembered positions. */
    void restartStoppedStreams()
    {
        streams.restartStopped(pcmOps);
    }

    /** Suspends the codecs before a move (function group to D3, register caches only). */
    void suspendCodecsForMove()
    {
        power.suspendCodecs();
    }

    /** After a link reset: every codec is resumed and its caches replayed ("Unable to sync register" on failure). */
    void resumeCodecsAfterReset()
    {
        for (final CodecDriver codec : codecs)
        {
            codec.markSuspended();
            codec.resume();
        }
        notifyCodecPm();
    }

    private void notifyCodecPm()
    {
        if (null != codecPm)
        {
            codecPm.resumedElsewhere();
        }
    }

    /** Resumes every PCM substream left SUSPENDED (full resume; the {@code suspend} policy). */
    void resumeSuspendedPcms()
    {
        for (final Pcm pcm : card.pcms())
        {
            final PcmSubstream s = pcm.playback();
            if (PcmState.SUSPENDED == s.state())
            {
                try
                {
                    s.resume();
                }
                catch (final SoundException e)
                {
                    log.debug(source, "resume after the move: " + e.getMessage());
                }
            }
        }
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

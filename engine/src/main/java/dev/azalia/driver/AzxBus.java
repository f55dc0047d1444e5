package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.PciDevice;
import dev.azalia.sound.Card;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The chip's bus as the second probe phase ({@code azx_probe_continue}) builds it, and what the bus does for its
 * codecs afterwards. The probe maps BAR 0 and requests the interrupt (both managed resources, with the chip's stop
 * before them), reads GCAP, allocates the DMA position buffer, creates the command transport and the link, runs
 * {@code azx_init_pci} and the first {@code azx_init_chip}, probes the codecs ({@link AzxCodecProbe}), creates the
 * analog PCM with the first analog codec's mixer controls and power save, registers the card and enables runtime PM.
 * Afterwards it dispatches unsolicited responses by codec address, resets the bus after a fatal command error
 * ({@code azx_bus_reset}) and resumes the codecs after a link reset, replaying their register caches.
 *
 * <p>Threading: the probe phase runs once, on the workqueue; {@link #awaitProbe} publishes its result to the caller
 * (the probe latch). The register accessor is volatile: its mapping is replaced on the PCI thread when the BAR moves.
 * Unsolicited dispatch runs on the workqueue, the bus reset on the thread whose command failed, the resume after a
 * link reset on the thread that reset the link.
 */
final class AzxBus
{
    private final AzxChip chip;
    private final Kernel kernel;
    private final KernelLog log;
    private final DmaMemory memory;
    private final AzxPower power;
    private final long codecPowerSaveNanos;
    private final CountDownLatch probed = new CountDownLatch(1);
    private final List<CodecDriver> codecs = new ArrayList<>();

    private volatile ChipRegisters regs;
    private CommandTransport transport;
    private AzxLink link;
    private AzxPcmOps pcmOps;
    private CodecPm codecPm;
    private volatile Throwable probeFailure;

    /**
     * The bus of one chip, empty until {@link #probeContinue()}.
     *
     * @param chip                the controller (its PCI function, card, interrupt, runtime PM, gate and streams).
     * @param memory              host memory (position buffer, CORB/RIRB, BDLs).
     * @param power               the chip's power side ({@code azx_init_pci}).
     * @param codecPowerSaveNanos the codec power-save delay, in nanoseconds.
     */
    AzxBus(final AzxChip chip, final DmaMemory memory, final AzxPower power, final long codecPowerSaveNanos)
    {
        this.chip = chip;
        this.kernel = chip.kernel();
        this.log = kernel.log();
        this.memory = memory;
        this.power = power;
        this.codecPowerSaveNanos = codecPowerSaveNanos;
    }

    /**
     * The register accessor.
     *
     * @return registers (null before the second probe phase maps BAR 0).
     */
    ChipRegisters registers()
    {
        return regs;
    }

    /**
     * The command transport.
     *
     * @return the transport (null before the second probe phase creates it).
     */
    CommandTransport transport()
    {
        return transport;
    }

    /**
     * The link: controller reset, chip init and stop, codec mask.
     *
     * @return the link (null before the second probe phase creates it).
     */
    AzxLink link()
    {
        return link;
    }

    /**
     * The probed codecs.
     *
     * @return a copy of the codec drivers, in address order.
     */
    List<CodecDriver> codecs()
    {
        return List.copyOf(codecs);
    }

    /**
     * The PCM ops of the card's analog PCM.
     *
     * @return the ops (null before the PCM is created).
     */
    AzxPcmOps pcmOps()
    {
        return pcmOps;
    }

    /**
     * The power save of the codec the analog PCM uses.
     *
     * @return the codec power save (null before the PCM is created).
     */
    CodecPm codecPm()
    {
        return codecPm;
    }

    /**
     * Waits for the second probe phase to finish.
     *
     * @param timeoutNanos how long to wait on a real machine; a virtual machine runs its workqueue instead.
     * @return true if probe completed successfully.
     * @throws InterruptedException if interrupted.
     */
    boolean awaitProbe(final long timeoutNanos) throws InterruptedException
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
    Throwable probeFailure()
    {
        return probeFailure;
    }

    /**
     * The second probe phase ({@code azx_probe_continue}), on the workqueue: a failure is logged and kept, and the
     * probe latch is released in every case.
     */
    void probeContinue()
    {
        final Card card = chip.card();
        try
        {
            firstInit();
            codecs.addAll(new AzxCodecProbe(chip, link, transport, kernel, chip.source()).probe(card.number()));
            createPcmAndControls(card);
            card.register();
            log.info(chip.source(), "card " + card.number() + ": HDA Intel at 0x"
                + Long.toHexString(chip.pci().barAddress(0)) + " irq " + chip.irqs().line().irq());
            chip.runtimePm().enable();
            codecPm.enable();
        }
        catch (final RuntimeException e)
        {
            probeFailure = e;
            log.err(chip.source(), "probe failed: " + e.getMessage());
        }
        finally
        {
            probed.countDown();
        }
    }

    /** {@code azx_first_init}: mapping, interrupt, GCAP, position buffer, CORB/RIRB, PCI init, chip init. */
    private void firstInit()
    {
        final PciDevice pci = chip.pci();
        final AzxIrq irqs = chip.irqs();
        regs = new ChipRegisters(chip.ioremapBar());
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
            if (chip.runtimePm().active())
            {
                link.stopChip();
            }
        });
        chip.card().setSyncIrq(() -> irqs.line().synchronizeIrq());
        final int gcap = regs.readw(HdaRegisters.GCAP);
        log.debug(chip.source(), String.format(Locale.ROOT, "chipset global capabilities = 0x%x", gcap));
        final AzxStreams streams = chip.streams();
        final long posbufAddress = memory.allocate(8 * streams.count(), 128);
        transport = new CommandTransport(regs, memory, kernel, chip.source(), chip.gate(), chip.regLock());
        transport.setUnsolicitedHandler(this::onUnsolicited);
        transport.setBusResetter(this::resetBus);
        transport.setMsiFallback(irqs);
        link = new AzxLink(regs, transport, streams.create(regs, memory, kernel, posbufAddress), kernel,
            chip.source(), posbufAddress, irqs::line);
        power.initPci();
        link.initChip(true);
        if (link.codecMask() == 0)
        {
            throw new IllegalStateException("no codecs found!");
        }
    }

    private void createPcmAndControls(final Card card)
    {
        final CodecDriver codec = CodecDriver.firstAnalog(codecs);
        pcmOps = new AzxPcmOps(chip, codec);
        card.newPcm("ALC Analog", pcmOps, AzxPcmOps.HARDWARE, memory);
        codec.mixerControls().forEach(card::addControl);
        codecPm = CodecPm.gated(kernel, codecPowerSaveNanos, codec, chip.gate());
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
     * Resets the bus after a fatal communication error ({@code azx_bus_reset}): chip stop and init, then every
     * codec is suspended and resumed so the link reset does not lose its settings (the caches are replayed).
     */
    private void resetBus()
    {
        link.stopChip();
        link.initChip(true);
        resumeCodecsAfterReset();
    }

    /**
     * After a link reset: every codec is marked suspended and resumed, its register cache replayed ("Unable to sync
     * register" on failure); the codec power save learns that the codec is powered.
     */
    void resumeCodecsAfterReset()
    {
        for (final CodecDriver codec : codecs)
        {
            codec.markSuspended();
            codec.resume();
        }
        if (null != codecPm)
        {
            codecPm.resumedElsewhere();
        }
    }
}

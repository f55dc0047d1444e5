package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.InterruptLine;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The controller's link and chip bring-up and tear-down, access for access as Linux 6.1's
 * {@code hdac_controller.c} does them: {@code snd_hdac_bus_reset_link} (enter and exit link reset, codec
 * detection), {@code snd_hdac_bus_init_chip} (statuses cleared, CORB/RIRB, interrupts, position buffer) and
 * {@code snd_hdac_bus_stop_chip}.
 *
 * <p>Threading: called from task context (probe work, runtime PM, the quiesce policies, bus reset), one caller at a
 * time as Linux's callers are serialised; {@link #chipInitialised()} is a volatile read.
 */
final class AzxLink
{
    /** {@code STATESTS_INT_MASK} of Linux 6.x: the SDIN bits the driver clears and arms. */
    static final int STATESTS_INT_MASK = 0xff;
    /** {@code AZX_INT_CTRL_EN | AZX_INT_ALL_STREAM}: what {@code azx_int_clear} writes to INTSTS. */
    static final int INTSTS_CLEAR = 0x4000_00ff;
    private static final long RESET_POLL_NANOS = 1_000_000L;
    private static final int RESET_POLLS = 100;

    private final ChipRegisters regs;
    private final CommandTransport transport;
    private final AzxStream[] streams;
    private final Kernel kernel;
    private final KernelLog log;
    private final String source;
    private final long posbufAddress;
    private final Supplier<InterruptLine> irq;
    private volatile boolean chipInitialised;
    private int codecMask;

    /**
     * The link of one controller.
     *
     * @param regs          the bus's registers.
     * @param transport     the CORB/RIRB transport.
     * @param streams       every stream descriptor, in index order.
     * @param kernel        kernel services (the reset delays).
     * @param source        log prefix.
     * @param posbufAddress bus address of the DMA position buffer.
     * @param irq           the interrupt line (synchronised at stop), may supply null.
     */
    AzxLink(final ChipRegisters regs, final CommandTransport transport, final AzxStream[] streams, final Kernel kernel,
        final String source, final long posbufAddress, final Supplier<InterruptLine> irq)
    {
        this.regs = regs;
        this.transport = transport;
        this.streams = streams;
        this.kernel = kernel;
        this.log = kernel.log();
        this.source = source;
        this.posbufAddress = posbufAddress;
        this.irq = irq;
    }

    /**
     * Whether the chip is initialised ({@code bus->chip_init}).
     *
     * @return true between init and stop.
     */
    boolean chipInitialised()
    {
        return chipInitialised;
    }

    /**
     * The codecs found at the first reset ({@code bus->codec_mask}).
     *
     * @return one bit per SDIN.
     */
    int codecMask()
    {
        return codecMask;
    }

    /**
     * Drops codecs from the mask (a probe error).
     *
     * @param mask the bits to clear.
     */
    void clearCodecs(final int mask)
    {
        codecMask &= ~mask;
    }

    /**
     * {@code snd_hdac_bus_init_chip}: link reset, statuses cleared, CORB/RIRB, CIE|GIE, position buffer base
     * (without its enable bit: the first stream set-up enables it). Does nothing if already initialised.
     *
     * @param fullReset whether to cycle the link reset.
     */
    void initChip(final boolean fullReset)
    {
        if (chipInitialised)
        {
            return;
        }
        if (fullReset)
        {
            resetLink();
        }
        intClear();
        transport.init();
        regs.updatel(HdaRegisters.INTCTL, 0, HdaRegisters.INTCTL_CIE | HdaRegisters.INTCTL_GIE);
        regs.writel(HdaRegisters.DPLBASE, (int)posbufAddress);
        regs.writel(HdaRegisters.DPUBASE, (int)(posbufAddress >>> 32));
        chipInitialised = true;
    }

    /**
     * {@code snd_hdac_bus_reset_link}: clears STATESTS only if CRST already reads 1, enters reset with a dword
     * update, leaves it with a byte update, waits, checks that GCTL reads non-zero ("controller not ready!") and
     * reads STATESTS for the codec mask only while none is known.
     */
    private void resetLink()
    {
        if ((regs.readb(HdaRegisters.GCTL) & HdaRegisters.GCTL_CRST) != 0)
        {
            regs.writew(HdaRegisters.STATESTS, STATESTS_INT_MASK);
        }
        enterLinkReset();
        kernel.delayNanos(500_000L);
        exitLinkReset();
        kernel.delayNanos(1_000_000L);
        if (regs.readb(HdaRegisters.GCTL) == 0)
        {
            log.debug(source, "controller not ready!");
            return;
        }
        if (codecMask == 0)
        {
            codecMask = regs.readw(HdaRegisters.STATESTS);
            log.debug(source, String.format(Locale.ROOT, "codec_mask = 0x%x", codecMask));
        }
    }

    /** {@code snd_hdac_bus_enter_link_reset}: CRST = 0 by a dword update, polled until it reads back 0. */
    void enterLinkReset()
    {
        regs.updatel(HdaRegisters.GCTL, HdaRegisters.GCTL_CRST, 0);
        pollCrst(false);
    }

    /** {@code snd_hdac_bus_exit_link_reset}: CRST = 1 by a byte update, polled until it reads back 1. */
    private void exitLinkReset()
    {
        regs.updateb(HdaRegisters.GCTL, HdaRegisters.GCTL_CRST, HdaRegisters.GCTL_CRST);
        pollCrst(true);
    }

    private void pollCrst(final boolean set)
    {
        for (int i = 0; i < RESET_POLLS; i++)
        {
            if (((regs.readb(HdaRegisters.GCTL) & HdaRegisters.GCTL_CRST) != 0) == set)
            {
                return;
            }
            kernel.delayNanos(RESET_POLL_NANOS);
        }
    }

    /** {@code azx_int_clear}: every stream's status, STATESTS, RIRBSTS and INTSTS. */
    private void intClear()
    {
        for (final AzxStream s : streams)
        {
            s.writeb(HdaRegisters.SD_STS, HdaRegisters.SD_INT_MASK);
        }
        regs.writew(HdaRegisters.STATESTS, STATESTS_INT_MASK);
        regs.writeb(HdaRegisters.RIRBSTS, HdaRegisters.RIRBSTS_RINTFL | HdaRegisters.RIRBSTS_RIRBOIS);
        regs.writel(HdaRegisters.INTSTS, INTSTS_CLEAR);
    }

    /**
     * {@code snd_hdac_bus_stop_chip}: stream interrupt enables off (a byte update each), INTCTL = 0 in one dword
     * write, statuses cleared, CORB/RIRB stopped, position buffer off. Does nothing if not initialised.
     */
    void stopChip()
    {
        if (!chipInitialised)
        {
            return;
        }
        for (final AzxStream s : streams)
        {
            regs.updateb(HdaRegisters.SD_BASE + HdaRegisters.SD_STRIDE * s.index() + HdaRegisters.SD_CTL,
                HdaRegisters.SD_INT_MASK, 0);
        }
        regs.writel(HdaRegisters.INTCTL, 0);
        final InterruptLine line = irq.get();
        if (null != line)
        {
            line.synchronizeIrq();
        }
        intClear();
        transport.stop();
        regs.writel(HdaRegisters.DPLBASE, 0);
        regs.writel(HdaRegisters.DPUBASE, 0);
        chipInitialised = false;
    }
}

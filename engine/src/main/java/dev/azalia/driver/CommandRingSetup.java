package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;

/**
 * The CORB and RIRB register programming: {@code snd_hdac_bus_init_cmd_io} (bases, sizes, pointers, the CORBRP
 * reset handshake, RINTCNT, DMA and unsolicited responses on) and {@code snd_hdac_bus_stop_cmd_io} (DMA off, polled
 * until the controller confirms, unsolicited responses off).
 *
 * <p>Not thread-safe: the {@link CommandTransport} calls it under the bus lock.
 */
final class CommandRingSetup
{
    private static final long CORBRP_POLL_NANOS = 1_000L;
    private static final int CORBRP_POLLS = 1000;
    private static final long STOP_POLL_NANOS = 10_000L;
    private static final int STOP_POLLS = 10_000;

    private final ChipRegisters regs;
    private final Kernel kernel;
    private final KernelLog log;
    private final String source;

    CommandRingSetup(final ChipRegisters regs, final Kernel kernel, final String source)
    {
        this.regs = regs;
        this.kernel = kernel;
        this.log = kernel.log();
        this.source = source;
    }

    /**
     * Programs both rings and starts them.
     *
     * @param corbAddress the CORB's bus address.
     * @param rirbAddress the RIRB's bus address.
     */
    void init(final long corbAddress, final long rirbAddress)
    {
        regs.writel(HdaRegisters.CORBLBASE, (int)corbAddress);
        regs.writel(HdaRegisters.CORBUBASE, (int)(corbAddress >>> 32));
        regs.writeb(HdaRegisters.CORBSIZE, 0x02);
        regs.writew(HdaRegisters.CORBWP, 0);
        regs.writew(HdaRegisters.CORBRP, HdaRegisters.CORBRP_RST);
        clearCorbrp();
        regs.writeb(HdaRegisters.CORBCTL, HdaRegisters.CORBCTL_RUN);

        regs.writel(HdaRegisters.RIRBLBASE, (int)rirbAddress);
        regs.writel(HdaRegisters.RIRBUBASE, (int)(rirbAddress >>> 32));
        regs.writeb(HdaRegisters.RIRBSIZE, 0x02);
        regs.writew(HdaRegisters.RIRBWP, HdaRegisters.RIRBWP_RST);
        regs.writew(HdaRegisters.RINTCNT, 1);
        regs.writeb(HdaRegisters.RIRBCTL, HdaRegisters.RIRBCTL_DMAEN | HdaRegisters.RIRBCTL_RINTCTL);
        regs.updatel(HdaRegisters.GCTL, 0, HdaRegisters.GCTL_UNSOL);
    }

    /** Stops both rings' DMA and unsolicited responses. */
    void stop()
    {
        regs.writeb(HdaRegisters.RIRBCTL, 0);
        regs.writeb(HdaRegisters.CORBCTL, 0);
        pollUntilClear(HdaRegisters.RIRBCTL, HdaRegisters.RIRBCTL_DMAEN);
        pollUntilClear(HdaRegisters.CORBCTL, HdaRegisters.CORBCTL_RUN);
        regs.updatel(HdaRegisters.GCTL, HdaRegisters.GCTL_UNSOL, 0);
    }

    private void clearCorbrp()
    {
        int timeout = CORBRP_POLLS;
        for (; timeout > 0; timeout--)
        {
            if ((regs.readw(HdaRegisters.CORBRP) & HdaRegisters.CORBRP_RST) != 0)
            {
                break;
            }
            kernel.delayNanos(CORBRP_POLL_NANOS);
        }
        if (timeout <= 0)
        {
            log.err(source, "CORB reset timeout#1, CORBRP = " + regs.readw(HdaRegisters.CORBRP));
        }
        regs.writew(HdaRegisters.CORBRP, 0);
        for (timeout = CORBRP_POLLS; timeout > 0; timeout--)
        {
            if (regs.readw(HdaRegisters.CORBRP) == 0)
            {
                break;
            }
            kernel.delayNanos(CORBRP_POLL_NANOS);
        }
        if (timeout <= 0)
        {
            log.err(source, "CORB reset timeout#2, CORBRP = " + regs.readw(HdaRegisters.CORBRP));
        }
    }

    private void pollUntilClear(final int reg, final int bit)
    {
        for (int i = 0; i < STOP_POLLS; i++)
        {
            if ((regs.readb(reg) & bit) == 0)
            {
                return;
            }
            kernel.delayNanos(STOP_POLL_NANOS);
        }
    }
}

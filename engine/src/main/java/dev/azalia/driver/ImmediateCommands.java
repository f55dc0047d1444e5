package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.Locale;

/**
 * The immediate command interface (IC/IR/IRS), the transport's last fallback ({@code azx_single_send_cmd} and
 * {@code azx_single_wait_for_response}): wait up to 50 × 1 µs for ICB to clear, clear IRV, write IC, set ICB, then
 * poll IRV up to 50 × 1 µs.
 *
 * <p>Threading: called by {@link CommandTransport} with its command mutex held.
 */
final class ImmediateCommands
{
    private static final int POLLS = 50;
    private static final long POLL_DELAY_NANOS = 1_000L;

    private final ChipRegisters regs;
    private final Kernel kernel;
    private final KernelLog log;
    private final String source;
    private long sent;

    /**
     * An immediate-command path on the controller's registers.
     *
     * @param regs   the controller registers.
     * @param kernel kernel services (delays).
     * @param source log prefix.
     */
    ImmediateCommands(final ChipRegisters regs, final Kernel kernel, final String source)
    {
        this.regs = regs;
        this.kernel = kernel;
        this.log = kernel.log();
        this.source = source;
    }

    /**
     * Sends one verb through IC and waits for its response in IR.
     *
     * @param verb the verb.
     * @return the response.
     * @throws SoundException EIO if the interface stays busy or no response comes.
     */
    int execute(final int verb)
    {
        final int addr = verb >>> 28;
        for (int timeout = POLLS; timeout > 0; timeout--)
        {
            if ((regs.readw(HdaRegisters.IRS) & HdaRegisters.IRS_ICB) == 0)
            {
                regs.writew(HdaRegisters.IRS, regs.readw(HdaRegisters.IRS) | HdaRegisters.IRS_IRV);
                regs.writel(HdaRegisters.IC, verb);
                regs.writew(HdaRegisters.IRS, regs.readw(HdaRegisters.IRS) | HdaRegisters.IRS_ICB);
                sent++;
                return waitForResponse(addr);
            }
            kernel.delayNanos(POLL_DELAY_NANOS);
        }
        log.debug(source, String.format(Locale.ROOT, "send_cmd timeout: IRS=0x%x, val=0x%x",
            regs.readw(HdaRegisters.IRS), verb));
        throw new SoundException(Errno.EIO, "immediate command interface busy");
    }

    /**
     * Verbs written to IC so far.
     *
     * @return the count.
     */
    long sent()
    {
        return sent;
    }

    private int waitForResponse(final int addr)
    {
        for (int timeout = POLLS; timeout > 0; timeout--)
        {
            if ((regs.readw(HdaRegisters.IRS) & HdaRegisters.IRS_IRV) != 0)
            {
                return regs.readl(HdaRegisters.IR);
            }
            kernel.delayNanos(POLL_DELAY_NANOS);
        }
        log.debug(source, String.format(Locale.ROOT, "get_response timeout: IRS=0x%x",
            regs.readw(HdaRegisters.IRS)));
        throw new SoundException(Errno.EIO, "no immediate response from codec " + addr);
    }
}

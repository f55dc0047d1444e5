package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.NanoClock;

import java.util.Arrays;
import java.util.Locale;

/**
 * The bus's response bookkeeping ({@code bus->rirb}): per codec address the commands still waiting for a response,
 * the last response and the last command sent, and the driver's RIRB read pointer. {@link #update} is
 * {@code snd_hdac_bus_update_rirb}'s loop: each new entry completes a waiting command, goes to the unsolicited queue,
 * or is logged as spurious with Linux's message: a response naming a codec address the bus does not have
 * ({@code HDA_MAX_CODECS} 8 and up) with {@code dev_err}, one for a codec with no command waiting with
 * {@code dev_err_ratelimited} (a RIRB full of zeros reads as a flood of {@code "spurious response 0x0:0x0"}). An
 * RIRBWP of all ones (the controller gone or in D3) reads nothing and logs nothing, as Linux returns quietly.
 *
 * <p>Not thread-safe: the {@link CommandTransport} calls it under the bus lock.
 */
final class RirbResponses
{
    /** {@link #update} found the RIRB unreadable (RIRBWP all ones) and read nothing. */
    static final int UNREADABLE = -1;
    /** {@link #update} read only solicited responses (or none). */
    static final int SOLICITED = 0;
    /** {@link #update} queued at least one unsolicited response. */
    static final int UNSOLICITED = 1;

    private final int[] pendingCmds = new int[CommandTransport.MAX_CODECS];
    private final int[] responses = new int[CommandTransport.MAX_CODECS];
    private final int[] lastCmd = new int[CommandTransport.MAX_CODECS];
    private final ChipRegisters regs;
    private final DmaMemory memory;
    private final long rirbAddress;
    private final UnsolicitedQueue unsol;
    private final KernelLog log;
    private final String source;
    private final LogRateLimit spuriousLimit;
    private int readPointer;

    RirbResponses(final ChipRegisters regs, final DmaMemory memory, final long rirbAddress,
        final UnsolicitedQueue unsol, final KernelLog log, final String source, final NanoClock clock)
    {
        this.regs = regs;
        this.memory = memory;
        this.rirbAddress = rirbAddress;
        this.unsol = unsol;
        this.log = log;
        this.source = source;
        this.spuriousLimit = new LogRateLimit(clock, log, "snd_hdac_bus_update_rirb");
    }

    /** The rings were (re)initialised: read pointer 0, nothing waiting. */
    void reset()
    {
        readPointer = 0;
        Arrays.fill(pendingCmds, 0);
    }

    /** A command went into the CORB for {@code addr}. */
    void sent(final int addr, final int verb)
    {
        pendingCmds[addr]++;
        lastCmd[addr] = verb;
    }

    int pending(final int addr)
    {
        return pendingCmds[addr];
    }

    /** Gives up on the commands waiting for {@code addr} (a timeout). */
    void drop(final int addr)
    {
        pendingCmds[addr] = 0;
    }

    int response(final int addr)
    {
        return responses[addr];
    }

    int lastCmd(final int addr)
    {
        return lastCmd[addr];
    }

    /**
     * Reads the RIRB entries up to RIRBWP.
     *
     * @return {@link #UNREADABLE}, {@link #SOLICITED} or {@link #UNSOLICITED}.
     */
    int update()
    {
        final int wp = regs.readw(HdaRegisters.RIRBWP);
        if (wp == 0xffff)
        {
            return UNREADABLE;
        }
        final int target = wp & 0xff;
        int result = SOLICITED;
        while (readPointer != target)
        {
            readPointer = (readPointer + 1) % CommandTransport.RING_ENTRIES;
            final long entry = rirbAddress + 8L * readPointer;
            final int res = memory.readInt(entry);
            final int ex = memory.readInt(entry + 4);
            final int addr = ex & 0xf;
            if (addr >= CommandTransport.MAX_CODECS)
            {
                log.err(source, String.format(Locale.ROOT, "spurious response %#x:%#x, rp = %d, wp = %d",
                    res, ex, readPointer, target));
            }
            else if ((ex & 0x10) != 0)
            {
                unsol.offer(addr, res);
                result = UNSOLICITED;
            }
            else if (pendingCmds[addr] > 0)
            {
                responses[addr] = res;
                pendingCmds[addr]--;
            }
            else if (spuriousLimit.allow())
            {
                log.err(source, String.format(Locale.ROOT, "spurious response %#x:%#x, last cmd=%#08x",
                    res, ex, lastCmd[addr]));
            }
        }
        return result;
    }
}

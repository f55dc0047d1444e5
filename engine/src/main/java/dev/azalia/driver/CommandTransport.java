package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The codec command transport of an HD-Audio bus: verbs out through the CORB, responses back through the RIRB
 * (updated by the interrupt handler, or by the waiter in polling mode), and Linux's fallback chain when responses
 * stop coming: polling mode, then a bus reset, then the immediate command interface ("single_cmd" mode).
 *
 * <p>Threading: {@link #execute} is called from any task context (probe work, PCM ops, control get/put,
 * unsolicited work) and serialises commands like {@code bus->cmd_mutex}; {@link #updateRirb} is called from the
 * interrupt handler. CORB writes and RIRB reads happen under the register lock ({@code bus->reg_lock}); a waiter for
 * a response sleeps on a condition of that lock which {@link #updateRirb} signals.
 */
public final class CommandTransport
{
    /** Responses per codec address Linux tracks ({@code HDA_MAX_CODECS}). */
    public static final int MAX_CODECS = 8;
    /** Entries in the CORB and the RIRB (256, {@code CORBSIZE = 0x02}). */
    public static final int RING_ENTRIES = 256;
    private static final long RESPONSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The sleep between checks while interrupts deliver responses ({@code schedule_timeout(2 ms)}). */
    private static final long RESPONSE_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Polling mode: {@code udelay(10)} between RIRB reads for the first 3000 loops, then {@code msleep(2)}. */
    private static final long POLL_DELAY_NANOS = 10_000L;
    private static final int POLL_FAST_LOOPS = 3000;
    private static final long CORBRP_POLL_NANOS = 1_000L;
    private static final int CORBRP_POLLS = 1000;
    private static final long STOP_POLL_NANOS = 10_000L;
    private static final int STOP_POLLS = 10_000;

    /** Receives unsolicited responses, on the workqueue ({@code bus->unsol_work}). */
    @FunctionalInterface
    public interface UnsolicitedHandler
    {
        /**
         * One unsolicited response.
         *
         * @param codecAddress the codec that sent it.
         * @param response     the 32-bit response.
         */
        void onUnsolicited(int codecAddress, int response);
    }

    /** Called when the transport asks for a bus reset after a fatal communication error. */
    @FunctionalInterface
    public interface BusResetter
    {
        /** Resets the link and re-initialises the command rings ({@code snd_hda_bus_reset}). */
        void resetBus();
    }

    private final ChipRegisters regs;
    private final DmaMemory memory;
    private final Kernel kernel;
    private final KernelLog log;
    private final String source;
    private final MmioGate gate;
    private final long corbAddress;
    private final long rirbAddress;

    private final ReentrantLock cmdMutex = new ReentrantLock();
    /** The bus's {@code reg_lock}: shared with the interrupt handler, trigger and stream assignment. */
    private final ReentrantLock regLock;
    private final Condition rirbUpdated;

    private final int[] pendingCmds = new int[MAX_CODECS];
    private final int[] responses = new int[MAX_CODECS];
    private final int[] lastCmd = new int[MAX_CODECS];
    private int rirbReadPointer;
    private boolean pollingMode;
    private volatile boolean singleCmd;
    private boolean responseReset;
    private boolean inReset;
    private volatile boolean allowBusReset;
    private volatile boolean probing;
    private volatile boolean frozen;
    private BusResetter busResetter = () -> { };

    private final ImmediateCommands immediate;
    private final UnsolicitedQueue unsol;
    private MsiFallback msiFallback;
    private long commandsSent;
    private long commandErrors;
    /** The controller's PCI name, as the tracepoints print it. */
    private final String traceDevice;

    /**
     * A transport using one page of host memory for both rings (CORB at +0, RIRB at +2048).
     *
     * @param regs    the controller registers.
     * @param memory  host memory.
     * @param kernel  kernel services.
     * @param source  log prefix, e.g. {@code "snd_hda_intel 0000:00:1b.0"}.
     * @param gate    the MMIO gate every command passes.
     */
    public CommandTransport(final ChipRegisters regs, final DmaMemory memory, final Kernel kernel,
        final String source, final MmioGate gate)
    {
        this(regs, memory, kernel, source, gate, new ReentrantLock());
    }

    /**
     * A transport that takes the bus's register lock for its ring pointers, as {@code snd_hdac_bus_send_cmd} and
     * {@code snd_hdac_bus_update_rirb} take {@code bus->reg_lock}: the same lock the interrupt handler holds over its
     * whole status loop and the PCM trigger holds while it starts or stops streams.
     *
     * @param regs    the controller registers.
     * @param memory  host memory.
     * @param kernel  kernel services.
     * @param source  log prefix, e.g. {@code "snd_hda_intel 0000:00:1b.0"}.
     * @param gate    the MMIO gate every command passes.
     * @param busLock the bus's {@code reg_lock}.
     */
    public CommandTransport(final ChipRegisters regs, final DmaMemory memory, final Kernel kernel,
        final String source, final MmioGate gate, final ReentrantLock busLock)
    {
        this.regLock = busLock;
        this.rirbUpdated = busLock.newCondition();
        this.unsol = new UnsolicitedQueue(busLock);
        this.gate = gate;
        this.regs = regs;
        this.memory = memory;
        this.kernel = kernel;
        this.log = kernel.log();
        this.source = source;
        this.traceDevice = source.substring(source.lastIndexOf(' ') + 1);
        this.corbAddress = memory.allocate(4096, 4096);
        this.rirbAddress = corbAddress + 2048;
        this.immediate = new ImmediateCommands(regs, kernel, source);
    }

    /**
     * Sets who handles unsolicited responses.
     *
     * @param handler the handler, run on the workqueue.
     */
    public void setUnsolicitedHandler(final UnsolicitedHandler handler)
    {
        unsol.setHandler(handler);
    }

    /**
     * Sets who resets the bus when the transport asks for it.
     *
     * @param resetter the resetter.
     */
    public void setBusResetter(final BusResetter resetter)
    {
        this.busResetter = resetter;
    }

    /**
     * Allows the bus reset before the switch to single-command mode ({@code hda_bus.allow_bus_reset}). Off by
     * default, as in Linux 6.1, where only some codec drivers (Conexant, Senary) set it: a generic codec that stops
     * answering goes from polling mode (and MSI off) straight to single-command mode.
     *
     * @param allow true to reset the bus and replay the codecs once before giving up on CORB/RIRB.
     */
    public void setAllowBusReset(final boolean allow)
    {
        this.allowBusReset = allow;
    }

    /**
     * Sets the interrupt's MSI fallback, tried after polling mode when a codec still does not answer
     * ({@code disable_msi_reset_irq}).
     *
     * @param fallback the chip's interrupt, or null for none.
     */
    public void setMsiFallback(final MsiFallback fallback)
    {
        this.msiFallback = fallback;
    }

    /**
     * Marks the codec-probing phase, in which a timeout is an absent codec, not a reason to fall back.
     *
     * @param value true while probing.
     */
    public void setProbing(final boolean value)
    {
        this.probing = value;
    }

    /**
     * Refuses every later command with EIO until unfrozen (no hardware access while a BAR moves).
     *
     * @param value true to freeze.
     */
    public void setFrozen(final boolean value)
    {
        this.frozen = value;
    }

    /**
     * Whether the transport has fallen back to polling the RIRB.
     *
     * @return true in polling mode.
     */
    public boolean pollingMode()
    {
        regLock.lock();
        try
        {
            return pollingMode;
        }
        finally
        {
            regLock.unlock();
        }
    }

    /**
     * Whether the transport has fallen back to the immediate command interface.
     *
     * @return true in single_cmd mode.
     */
    public boolean singleCmdMode()
    {
        return singleCmd;
    }

    /**
     * Verbs sent so far.
     *
     * @return the count.
     */
    public long commandsSent()
    {
        return commandsSent + immediate.sent();
    }

    /**
     * Commands that failed (EIO/EAGAIN) so far.
     *
     * @return the count.
     */
    public long commandErrors()
    {
        return commandErrors;
    }

    /**
     * Unsolicited responses received so far.
     *
     * @return the count.
     */
    public long unsolicitedCount()
    {
        return unsol.offered();
    }

    /**
     * Programs and starts the CORB and RIRB ({@code snd_hdac_bus_init_cmd_io}), including the CORBRP reset
     * handshake. Called with the controller out of reset.
     */
    public void init()
    {
        regLock.lock();
        try
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
            rirbReadPointer = 0;
            regs.writew(HdaRegisters.RINTCNT, 1);
            regs.writeb(HdaRegisters.RIRBCTL, HdaRegisters.RIRBCTL_DMAEN | HdaRegisters.RIRBCTL_RINTCTL);
            regs.updatel(HdaRegisters.GCTL, 0, HdaRegisters.GCTL_UNSOL);
            java.util.Arrays.fill(pendingCmds, 0);
        }
        finally
        {
            regLock.unlock();
        }
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

    /**
     * Stops the CORB and RIRB DMA and waits until the controller confirms ({@code snd_hdac_bus_stop_cmd_io}).
     */
    public void stop()
    {
        regLock.lock();
        try
        {
            regs.writeb(HdaRegisters.RIRBCTL, 0);
            regs.writeb(HdaRegisters.CORBCTL, 0);
            pollUntilClear(HdaRegisters.RIRBCTL, HdaRegisters.RIRBCTL_DMAEN);
            pollUntilClear(HdaRegisters.CORBCTL, HdaRegisters.CORBCTL_RUN);
            regs.updatel(HdaRegisters.GCTL, HdaRegisters.GCTL_UNSOL, 0);
        }
        finally
        {
            regLock.unlock();
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

    /**
     * Sends a verb and waits for its response ({@code snd_hda_codec_exec_verb}), falling back as Linux does.
     *
     * @param verb the 32-bit verb.
     * @return the response.
     * @throws SoundException EIO when the controller is unreachable (all-ones CORBWP, frozen) or no response came,
     *                        EAGAIN when the CORB is full.
     */
    public int execute(final int verb)
    {
        gate.enter();
        cmdMutex.lock();
        kernel.enterNoPreempt();
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    kernel.tracepoints().hdaSendCmd(traceDevice, verb);
                    final int response = singleCmd ? singleCommand(verb) : corbCommand(verb);
                    kernel.tracepoints().hdaGetResponse(traceDevice, verb >>> 28, response);
                    return response;
                }
                catch (final SoundException e)
                {
                    if (e.errno() == Errno.EAGAIN && attempt == 0 && responseReset)
                    {
                        inReset = true;
                        try
                        {
                            busResetter.resetBus();
                        }
                        finally
                        {
                            inReset = false;
                        }
                        continue;
                    }
                    commandErrors++;
                    throw e;
                }
            }
        }
        finally
        {
            kernel.exitNoPreempt();
            cmdMutex.unlock();
            gate.exit();
        }
    }

    private int corbCommand(final int verb)
    {
        final int addr = verb >>> 28;
        send(verb, addr);
        return getResponse(addr);
    }

    private void send(final int verb, final int addr)
    {
        if (frozen)
        {
            throw new SoundException(Errno.EIO, "command transport frozen");
        }
        if (addr >= MAX_CODECS)
        {
            throw new SoundException(Errno.EINVAL, "no such codec address " + addr);
        }
        regLock.lock();
        try
        {
            int wp = regs.readw(HdaRegisters.CORBWP);
            if (wp == 0xffff)
            {
                // the controller is likely in D3 or not decoding its BAR
                throw new SoundException(Errno.EIO, "CORBWP reads 0xffff");
            }
            wp = (wp + 1) % RING_ENTRIES;
            final int rp = regs.readw(HdaRegisters.CORBRP);
            if (wp == rp)
            {
                throw new SoundException(Errno.EAGAIN, "CORB full");
            }
            pendingCmds[addr]++;
            lastCmd[addr] = verb;
            memory.writeInt(corbAddress + 4L * wp, verb);
            commandsSent++;
            regs.writew(HdaRegisters.CORBWP, wp);
        }
        finally
        {
            regLock.unlock();
        }
    }

    /**
     * Waits for the codec's response ({@code snd_hdac_bus_get_response} with {@code azx_rirb_get_response}'s
     * fallbacks): with interrupts, sleeps until the handler has counted the response in (re-checking every 2 ms);
     * in polling mode reads the RIRB itself every 10 µs, after 3000 reads every 2 ms; gives up after 1 s.
     */
    private int getResponse(final int addr)
    {
        boolean retriedPolling = false;
        while (true)
        {
            final long deadline = kernel.clock().nanoTime() + RESPONSE_TIMEOUT_NANOS;
            regLock.lock();
            try
            {
                if (awaitResponse(addr, deadline))
                {
                    responseReset = false;
                    return responses[addr];
                }
                if (!pollingMode && !retriedPolling)
                {
                    log.warn(source, String.format(Locale.ROOT,
                        "azx_get_response timeout, switching to polling mode: last cmd=0x%08x", lastCmd[addr]));
                    pollingMode = true;
                    retriedPolling = true;
                    continue;
                }
                if (null != msiFallback && disableMsi(lastCmd[addr]))
                {
                    continue;
                }
                if (probing)
                {
                    // an access to an empty codec slot while probing: an error, not a reason to fall back
                    pendingCmds[addr] = 0;
                    throw new SoundException(Errno.EIO, "no response from codec " + addr);
                }
                if (allowBusReset && !responseReset && !inReset)
                {
                    responseReset = true;
                    pendingCmds[addr] = 0;
                    log.err(source, String.format(Locale.ROOT,
                        "No response from codec, resetting bus: last cmd=0x%08x", lastCmd[addr]));
                    throw new SoundException(Errno.EAGAIN, "bus reset requested");
                }
                log.err(source, String.format(Locale.ROOT,
                    "azx_get_response timeout, switching to single_cmd mode: last cmd=0x%08x", lastCmd[addr]));
                singleCmd = true;
                responseReset = false;
                pendingCmds[addr] = 0;
                // snd_hdac_bus_stop_cmd_io: the rings and unsolicited responses are off from now on
                stop();
                throw new SoundException(Errno.EIO, "no response from codec " + addr);
            }
            finally
            {
                regLock.unlock();
            }
        }
    }

    /**
     * Linux's next step after polling mode: free the interrupt, turn MSI off and take INTx; under regLock, which is
     * dropped around it (freeing the interrupt waits for a running handler, which takes the lock).
     */
    private boolean disableMsi(final int cmd)
    {
        regLock.unlock();
        try
        {
            return msiFallback.disableMsi(cmd);
        }
        finally
        {
            regLock.lock();
        }
    }

    /** The wait loop, under regLock; true once {@code rirb.cmds[addr]} is 0, false when the deadline passed. */
    private boolean awaitResponse(final int addr, final long deadline)
    {
        for (int loop = 0; ; loop++)
        {
            if (pollingMode)
            {
                updateRirbLocked();
            }
            if (pendingCmds[addr] == 0)
            {
                return true;
            }
            final long now = kernel.clock().nanoTime();
            if (now > deadline)
            {
                return false;
            }
            if (!pollingMode)
            {
                try
                {
                    kernel.await(rirbUpdated, Math.min(deadline + 1, now + RESPONSE_SLEEP_NANOS));
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    throw new SoundException(Errno.EIO, "interrupted waiting for a codec response");
                }
            }
            else
            {
                // the register lock is dropped while delaying, as Linux drops reg_lock before udelay/msleep
                regLock.unlock();
                try
                {
                    kernel.delayNanos(loop > POLL_FAST_LOOPS ? RESPONSE_SLEEP_NANOS : POLL_DELAY_NANOS);
                }
                finally
                {
                    regLock.lock();
                }
            }
        }
    }

    /**
     * Reads new RIRB entries ({@code snd_hdac_bus_update_rirb}): solicited responses complete waiting commands,
     * unsolicited ones are queued for the workqueue. Called from the interrupt handler.
     */
    public void updateRirb()
    {
        regLock.lock();
        try
        {
            updateRirbLocked();
        }
        finally
        {
            regLock.unlock();
        }
    }

    private void updateRirbLocked()
    {
        final int wp = regs.readw(HdaRegisters.RIRBWP);
        if (wp == 0xffff)
        {
            return;
        }
        final int target = wp & 0xff;
        boolean sawUnsolicited = false;
        while (rirbReadPointer != target)
        {
            rirbReadPointer = (rirbReadPointer + 1) % RING_ENTRIES;
            final long entry = rirbAddress + 8L * rirbReadPointer;
            final int res = memory.readInt(entry);
            final int ex = memory.readInt(entry + 4);
            final int addr = ex & 0xf;
            if (addr >= MAX_CODECS)
            {
                log.err(source, String.format(Locale.ROOT, "spurious response %#x:%#x, rp = %d, wp = %d",
                    res, ex, rirbReadPointer, target));
            }
            else if ((ex & 0x10) != 0)
            {
                unsol.offer(addr, res);
                sawUnsolicited = true;
            }
            else if (pendingCmds[addr] > 0)
            {
                responses[addr] = res;
                pendingCmds[addr]--;
            }
            else
            {
                log.err(source, String.format(Locale.ROOT, "spurious response %#x:%#x, last cmd=%#08x",
                    res, ex, lastCmd[addr]));
            }
        }
        rirbUpdated.signalAll();
        if (sawUnsolicited)
        {
            kernel.queueWork("unsol_work", unsol::process);
        }
    }

    private int singleCommand(final int verb)
    {
        if (frozen)
        {
            throw new SoundException(Errno.EIO, "command transport frozen");
        }
        return immediate.execute(verb);
    }
}

package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
    /** GET_PARAMETER(VENDOR_ID) to the root node of codec 0 (the address goes in [31:28]). */
    private static final int VENDOR_ID_VERB = 0x000f0000;
    private static final int POLL_FAST_LOOPS = 3000;

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

    private final RirbResponses slots;
    private boolean pollingMode;
    private volatile boolean singleCmd;
    private boolean responseReset;
    private boolean inReset;
    private volatile boolean allowBusReset;
    private volatile boolean probing;
    private final AtomicIntegerArray inPm = new AtomicIntegerArray(MAX_CODECS);
    private long busResets;
    private volatile boolean frozen;
    private BusResetter busResetter = () -> { };

    private final ImmediateCommands immediate;
    private final CommandRingSetup rings;
    private final UnsolicitedQueue unsol;
    private MsiFallback msiFallback;
    private long commandsSent;
    private long commandErrors;
    /** The controller's PCI name, as the tracepoints print it. */
    private final String traceDevice;

    /**
     * A transport using one page of host memory for both rings (CORB at +0, RIRB at +2048), taking the bus's
     * register lock for its ring pointers, as {@code snd_hdac_bus_send_cmd} and
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
        this.slots = new RirbResponses(regs, memory, rirbAddress, unsol, log, source, kernel.clock());
        this.immediate = new ImmediateCommands(regs, kernel, source);
        this.rings = new CommandRingSetup(regs, kernel, source);
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
     * {@code probe_codec}: the root node's VENDOR_ID sent straight to the CORB (no {@code hda_send_cmd} tracepoint,
     * as {@code azx_send_cmd} bypasses it) with {@code chip->probing} set around this one verb only, so that a slot
     * that never answers is an error (after polling mode and MSI off, as Linux does) instead of a reason to fall
     * back further.
     *
     * @param addr the codec slot.
     * @return the codec's vendor id, or -1 when the slot answered nothing.
     * @throws SoundException EIO when the slot did not answer.
     */
    public int probeCodec(final int addr)
    {
        gate.enter();
        cmdMutex.lock();
        kernel.enterNoPreempt();
        probing = true;
        try
        {
            if (!send(addr << 28 | VENDOR_ID_VERB, addr))
            {
                throw new SoundException(Errno.EAGAIN, "CORB full");
            }
            return getResponse(addr);
        }
        finally
        {
            probing = false;
            kernel.exitNoPreempt();
            cmdMutex.unlock();
            gate.exit();
        }
    }

    /**
     * Marks a codec as entering ({@code snd_hdac_enter_pm}) or leaving ({@code snd_hdac_leave_pm}) its suspend or
     * resume: a verb that times out inside is not retried through a bus reset ({@code codec_in_pm}); nesting counts.
     *
     * @param addr     the codec's address.
     * @param entering true on entry, false on leaving.
     */
    public void markInPm(final int addr, final boolean entering)
    {
        inPm.addAndGet(addr, entering ? 1 : -1);
    }

    /**
     * Bus resets the transport asked for ({@code snd_hda_bus_reset} from {@code codec_exec_verb}).
     *
     * @return resets so far.
     */
    public long busResets()
    {
        return busResets;
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
            rings.init(corbAddress, rirbAddress);
            slots.reset();
        }
        finally
        {
            regLock.unlock();
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
            rings.stop();
        }
        finally
        {
            regLock.unlock();
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
                    final int addr = verb >>> 28;
                    if (e.errno() == Errno.EAGAIN && addr < MAX_CODECS && inPm.get(addr) > 0)
                    {
                        // codec_exec_verb: no bus reset inside the codec's own suspend or resume; the flag clears
                        responseReset = false;
                    }
                    else if (e.errno() == Errno.EAGAIN && attempt == 0 && responseReset)
                    {
                        busResets++;
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

    /**
     * {@code snd_hdac_bus_exec_verb_unlocked}: a full CORB is not an error; the pending response is collected
     * and the send tried again, until the response timeout.
     */
    private int corbCommand(final int verb)
    {
        final int addr = verb >>> 28;
        final long deadline = kernel.clock().nanoTime() + RESPONSE_TIMEOUT_NANOS;
        while (!send(verb, addr))
        {
            if (slots.pending(addr) > 0)
            {
                getResponse(addr);
            }
            else if (kernel.clock().nanoTime() > deadline)
            {
                throw new SoundException(Errno.EIO, "CORB full");
            }
            else
            {
                kernel.delayNanos(POLL_DELAY_NANOS);
            }
        }
        return getResponse(addr);
    }

    /** {@code snd_hdac_bus_send_cmd}; false when the CORB is full ({@code -EAGAIN}). */
    private boolean send(final int verb, final int addr)
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
                return false;
            }
            slots.sent(addr, verb);
            memory.writeInt(corbAddress + 4L * wp, verb);
            commandsSent++;
            regs.writew(HdaRegisters.CORBWP, wp);
            return true;
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
                    return slots.response(addr);
                }
                if (!pollingMode && !retriedPolling)
                {
                    log.warn(source, String.format(Locale.ROOT,
                        "azx_get_response timeout, switching to polling mode: last cmd=0x%08x", slots.lastCmd(addr)));
                    pollingMode = true;
                    retriedPolling = true;
                    continue;
                }
                if (null != msiFallback && disableMsi(slots.lastCmd(addr)))
                {
                    continue;
                }
                if (probing)
                {
                    // an access to an empty codec slot while probing: an error, not a reason to fall back
                    slots.drop(addr);
                    throw new SoundException(Errno.EIO, "no response from codec " + addr);
                }
                if (allowBusReset && !responseReset && !inReset)
                {
                    responseReset = true;
                    slots.drop(addr);
                    log.err(source, String.format(Locale.ROOT,
                        "No response from codec, resetting bus: last cmd=0x%08x", slots.lastCmd(addr)));
                    throw new SoundException(Errno.EAGAIN, "bus reset requested");
                }
                log.err(source, String.format(Locale.ROOT,
                    "azx_get_response timeout, switching to single_cmd mode: last cmd=0x%08x", slots.lastCmd(addr)));
                singleCmd = true;
                responseReset = false;
                slots.drop(addr);
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
            if (slots.pending(addr) == 0)
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
        final int read = slots.update();
        if (read == RirbResponses.UNREADABLE)
        {
            return;
        }
        rirbUpdated.signalAll();
        if (read == RirbResponses.UNSOLICITED)
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

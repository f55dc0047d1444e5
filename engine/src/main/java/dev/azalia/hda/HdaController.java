package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.*;
import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.hda.codec.Codec;
import dev.azalia.hda.codec.CodecBus;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.ConfigSpace;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptPin;
import dev.azalia.pci.MmioRegion;
import dev.azalia.time.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The emulated Intel HD-Audio controller behind BAR0: global registers, CORB/RIRB and the immediate command
 * interface on the link's frame timing ({@link CommandRings}: a verb goes out at the next 48 kHz frame boundary and
 * its response comes back in the following frame, driven by {@link #runCommandFrames()} at the times the
 * {@link LinkTimer} is asked for), eight stream descriptors (SDI0-3, SDO0-3) with BDL DMA, LPIB and the DMA position
 * buffer, WALCLK, INTCTL/INTSTS and a level-triggered interrupt line.
 *
 * <p>Register decoding follows QEMU: an access is decoded by the exact start offset of a register; the value read is
 * that register shifted to the access and cut to its width, a write changes only the register's writable bits inside
 * the access width. An offset that is not a register start, a width other than 1, 2 or 4, a misaligned access or an
 * offset outside the BAR reads 0 and ignores the write; such accesses are counted ({@link #ignoredAccesses()}).
 * The registers repeat at {@link HdaRegisters#ALIAS_OFFSET}.
 *
 * <p>DMA only touches {@link DmaMemory} (host RAM), never the BAR, so relocating the BAR does not disturb a running
 * stream. Streams are paced by {@link #advance()} against the injected {@link NanoClock}: a stream that started
 * at {@code t0} has moved {@code floor((now - t0 + pacing) * rate / 1e9)} frames.
 *
 * <p>Threading: every register access and the DMA step run under one device lock (like QEMU's global lock).
 * Codec verbs ({@link Codec#execute}, {@link Codec#reset}) are called with that lock held; stream data
 * ({@link Codec#streamData}) and the interrupt line ({@link InterruptPin#setLevel}) are called without it, so an
 * interrupt handler delivered inline may perform MMIO on this device. Level changes are delivered by one thread at a
 * time, always the latest level, and before the access that caused them returns. {@link #advance()} is meant for
 * one link-clock thread; concurrent callers are serialised. Unsolicited responses may arrive from any thread; they are queued and moved into the RIRB by whichever
 * thread holds the device lock next.
 */
public final class HdaController implements MmioRegion
{
    private static final String LOG_SOURCE = "intel-hda";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int STAGING_BYTES = 64 * 1024;
    private static final int ZERO_BYTES = 4096;
    private static final int UNSOL_QUEUE = 64;
    private static final int MAX_RECORDED_FAILURES = 64;

    private final DmaMemory memory;
    private final NanoClock clock;
    private final InterruptPin irq;
    private final KernelLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object advanceMonitor = new Object();

    // Guarded by lock.
    private final int[] regs = new int[SLOTS];
    private final Codec[] codecByAddress = new Codec[MAX_CODECS];
    private final Stream[] streams = new Stream[NUM_STREAMS];
    private final CommandRings rings;
    private long resetExitNanos;
    private long ignoredAccesses;

    // Unsolicited responses waiting for the device lock; guarded by unsolQueue itself.
    private final int[] unsolQueue = new int[UNSOL_QUEUE * 2];
    private int unsolHead;
    private int unsolSize;
    private long unsolDropped;
    // Written under unsolQueue's monitor, read without it as a hint only; the monitor gives the real answer.
    private volatile boolean unsolPending;

    // Codecs in address order, replaced (never mutated) under lock; read by the link clock without it.
    private volatile Codec[] codecList = new Codec[0];

    // Interrupt delivery: wantedLevel is written under lock, then irqDirty set; one deliverer at a time.
    private volatile int wantedLevel;
    private volatile boolean irqDirty;
    private final AtomicReference<Thread> deliverer = new AtomicReference<>();
    private int deliveredLevel;

    private final List<Throwable> failures = new ArrayList<>();
    private final byte[] zeros = new byte[ZERO_BYTES];

    /**
     * A controller in its power-on state (in reset: GCTL.CRST = 0) with no codecs.
     *
     * @param memory host memory its DMA engines read and write.
     * @param clock  the link clock time base: stream pacing and WALCLK.
     * @param irq    the INTx line it drives.
     * @param log    where device errors (a codec throwing) are logged.
     */
    public HdaController(final DmaMemory memory, final NanoClock clock, final InterruptPin irq, final KernelLog log)
    {
        this.memory = memory;
        this.clock = clock;
        this.irq = irq;
        this.log = log;
        this.rings = new CommandRings(regs, memory, codecByAddress, this::fail);
        for (int i = 0; i < NUM_STREAMS; i++)
        {
            streams[i] = new Stream(i);
        }
        lock.lock();
        try
        {
            resetRegisters();
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Connects a codec to the link at its {@link Codec#address()} and calls {@link Codec#attach} with this
     * controller's bus. Its STATESTS bit is set the next time the controller leaves reset.
     *
     * @param codec the codec.
     * @throws IllegalArgumentException if the address is outside 0..14 or already taken.
     */
    public void attachCodec(final Codec codec)
    {
        final int address = codec.address();
        lock.lock();
        try
        {
            if (address < 0 || address >= MAX_CODECS)
            {
                throw new IllegalArgumentException("codec address must be 0..14: " + address);
            }
            if (null != codecByAddress[address])
            {
                throw new IllegalArgumentException("codec address " + address + " is taken");
            }
            codecByAddress[address] = codec;
            int n = 0;
            for (final Codec c : codecByAddress)
            {
                n += null == c ? 0 : 1;
            }
            final Codec[] list = new Codec[n];
            int k = 0;
            for (final Codec c : codecByAddress)
            {
                if (null != c)
                {
                    list[k++] = c;
                }
            }
            codecList = list;
        }
        finally
        {
            unlock();
        }
        codec.attach(new Bus());
    }

    /**
     * The attached codecs in address order.
     *
     * @return an immutable snapshot.
     */
    public List<Codec> codecs()
    {
        return List.of(codecList);
    }

    /**
     * QEMU's RINTCNT flow control (not in the HD-Audio specification, where RINTCNT only paces the response
     * interrupt): when on, the CORB stops fetching verbs once RINTCNT responses are waiting and resumes when RINTFL
     * is acknowledged. Off by default.
     *
     * @param on true to pace the CORB like QEMU's {@code intel-hda}.
     */
    public void setRintcntFlowControl(final boolean on)
    {
        lock.lock();
        try
        {
            rings.setRintcntFlowControl(on);
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Sets what wakes the command engine at link frame boundaries (see {@link CommandRings}'s timing): without one,
     * commands move only when {@link #advance()} runs.
     *
     * @param timer the timer; called with the device lock held.
     */
    public void setLinkTimer(final LinkTimer timer)
    {
        lock.lock();
        try
        {
            rings.setTimer(timer);
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Runs the command engine up to {@code clock.nanoTime()}: CORB and immediate commands go out at link frame
     * boundaries, one per codec per frame, and their responses land in the RIRB (RINTFL, the interrupt line) or in
     * IR one frame later. Called by the {@link LinkTimer}'s owner at the times it was asked for; a call with nothing
     * due does nothing. Thread-safe.
     */
    public void runCommandFrames()
    {
        lock.lock();
        try
        {
            rings.run(clock.nanoTime());
            updateIrq();
        }
        finally
        {
            unlock();
        }
        deliverIrq();
    }

    /**
     * Defines the HD-Audio function's vendor-specific config registers the driver touches: TCSEL (0x44, bits 2:0
     * writable, reset 0) and DEVC (0x78, the no-snoop bit 11 writable, reset 0).
     *
     * @param config the function's config space, before the function is enumerated.
     */
    public static void defineConfigRegisters(final ConfigSpace config)
    {
        config.defineRegister(0x44, 1, 0, 0x07);
        config.defineRegister(0x78, 2, 0, 0x0800);
    }

    /**
     * Returns the controller to its power-on state, as after D3hot to D0: every register at its reset value, CRST = 0
     * (in reset), all streams stopped, CORB/RIRB state and queued unsolicited responses dropped, codecs reset, the
     * interrupt line deasserted. Diagnostics counters ({@link #ignoredAccesses()}, {@link #failures()}) are kept.
     */
    public void powerOnReset()
    {
        lock.lock();
        try
        {
            synchronized (unsolQueue)
            {
                unsolSize = 0;
                unsolPending = false;
            }
            enterReset(true);
        }
        finally
        {
            unlock();
        }
        deliverIrq();
    }

    /**
     * Reads a register (thread-safe).
     *
     * @param offset     byte offset inside BAR0.
     * @param widthBytes 1, 2 or 4.
     * @return the value zero-extended to the width, or 0 for an undefined access.
     */
    @Override
    public int read(final int offset, final int widthBytes)
    {
        lock.lock();
        try
        {
            final Reg reg = decode(offset, widthBytes);
            if (null == reg)
            {
                ignoredAccesses++;
                return 0;
            }
            return (int)((registerValue(reg) & 0xffff_ffffL) >>> reg.shift) & widthMask(widthBytes);
        }
        finally
        {
            unlock();
            deliverIrq();
        }
    }

    /**
     * Writes a register (thread-safe); may process CORB entries, start or stop a stream and change the interrupt
     * line, which is delivered after the device lock is released.
     *
     * @param offset     byte offset inside BAR0.
     * @param widthBytes 1, 2 or 4.
     * @param value      the value; the low {@code widthBytes} bytes are used.
     */
    @Override
    public void write(final int offset, final int widthBytes, final int value)
    {
        lock.lock();
        try
        {
            final Reg reg = decode(offset, widthBytes);
            if (null == reg)
            {
                ignoredAccesses++;
                return;
            }
            final int field = widthMask(widthBytes) << reg.shift;
            final int shifted = value << reg.shift;
            final int old = regs[reg.slot];
            final int writable = reg.wmask & field;
            final int clearable = reg.w1c & field;
            regs[reg.slot] = ((old & ~writable) | (shifted & writable)) & ~(shifted & clearable);
            runHook(reg, old);
            updateIrq();
        }
        finally
        {
            unlock();
        }
        deliverIrq();
    }

    /**
     * The DMA step, called by the link clock: moves every running stream forward to {@code clock.nanoTime()}.
     * Output streams fetch the bytes owed since they started from their BDL buffers at LPIB (across entry
     * boundaries and the CBL wrap) and hand them to every codec in stream order; input streams write silence.
     * LPIB, the position buffer and BCIS (on completing an IOC entry) are updated and the interrupt line follows.
     * Allocates nothing. Large catch-ups are done in chunks of at most 64 KiB per stream.
     */
    public void advance()
    {
        synchronized (advanceMonitor)
        {
            final long now = clock.nanoTime();
            boolean more = true;
            while (more)
            {
                more = false;
                lock.lock();
                try
                {
                    rings.run(now);
                    for (final Stream s : streams)
                    {
                        s.stagedBytes = 0;
                        if (s.active(regs[S_SSYNC]))
                        {
                            more |= s.step(now);
                        }
                    }
                    updateIrq();
                }
                finally
                {
                    unlock();
                }
                final Codec[] targets = codecList;
                for (final Stream s : streams)
                {
                    if (s.stagedBytes > 0)
                    {
                        deliver(targets, s, now);
                    }
                }
                deliverIrq();
            }
        }
    }

    /**
     * Shifts a running stream's time base, for drift correction against a real output device. The shift is applied
     * gradually, at most a third of the elapsed time per DMA step, so the link never leaps.
     *
     * @param sdIndex    stream index 0..7.
     * @param deltaNanos positive: the stream fetches sooner (as if it had started earlier); negative: later.
     */
    public void adjustPacing(final int sdIndex, final long deltaNanos)
    {
        lock.lock();
        try
        {
            final Stream s = streams[sdIndex];
            if (s.running)
            {
                s.pendingPacingNanos = Math.max(-MAX_PENDING_PACING_NANOS,
                    Math.min(MAX_PENDING_PACING_NANOS, s.pendingPacingNanos + deltaNanos));
            }
        }
        finally
        {
            unlock();
        }
    }

    /**
     * The earliest clock time at which a running stream completes its next IOC entry.
     *
     * @return nanoseconds on the controller's clock, or {@link Long#MAX_VALUE} if no running stream has an IOC
     *         entry ahead.
     */
    public long nextEventNanos()
    {
        lock.lock();
        try
        {
            long next = Long.MAX_VALUE;
            for (final Stream s : streams)
            {
                if (s.active(regs[S_SSYNC]))
                {
                    next = Math.min(next, s.nextIocNanos());
                }
            }
            return next;
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Number of stream descriptors.
     *
     * @return 8 (4 input, 4 output).
     */
    public int streamCount()
    {
        return NUM_STREAMS;
    }

    /**
     * A stream's link position.
     *
     * @param sdIndex stream index 0..7.
     * @return SDnLPIB in bytes.
     */
    public int lpib(final int sdIndex)
    {
        lock.lock();
        try
        {
            return regs[streams[sdIndex].slot + SS_LPIB];
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Whether a stream's DMA engine is running (RUN set, descriptor valid).
     *
     * @param sdIndex stream index 0..7.
     * @return true while it moves data.
     */
    public boolean running(final int sdIndex)
    {
        lock.lock();
        try
        {
            return streams[sdIndex].running;
        }
        finally
        {
            unlock();
        }
    }

    /**
     * The format a stream runs with (captured when RUN went to 1).
     *
     * @param sdIndex stream index 0..7.
     * @return the format, or null if the stream never started since its last reset.
     */
    public StreamFormat format(final int sdIndex)
    {
        lock.lock();
        try
        {
            return streams[sdIndex].format;
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Bytes a stream has moved since RUN last went to 1.
     *
     * @param sdIndex stream index 0..7.
     * @return bytes.
     */
    public long bytesFetched(final int sdIndex)
    {
        lock.lock();
        try
        {
            return streams[sdIndex].fetchedBytes;
        }
        finally
        {
            unlock();
        }
    }

    /**
     * How often a stream's link clock fell so far behind (its thread stalled) that the missed time was skipped
     * rather than fetched at once.
     *
     * @param sdIndex stream index 0..7.
     * @return the count since creation.
     */
    public long clockSkips(final int sdIndex)
    {
        lock.lock();
        try
        {
            return streams[sdIndex].clockSkips;
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Accesses that decoded to nothing: offsets outside the BAR or not at a register start, widths other than
     * 1, 2, 4, misaligned accesses.
     *
     * @return the count since creation.
     */
    public long ignoredAccesses()
    {
        lock.lock();
        try
        {
            return ignoredAccesses;
        }
        finally
        {
            unlock();
        }
    }

    /**
     * Unsolicited responses dropped because more than 64 were waiting for the device lock.
     *
     * @return the count since creation.
     */
    public long droppedUnsolicited()
    {
        synchronized (unsolQueue)
        {
            return unsolDropped;
        }
    }

    /**
     * The level the device drives on its interrupt line: GIE set and an enabled status bit set.
     *
     * @return 1 asserted, 0 deasserted.
     */
    public int irqLevel()
    {
        return wantedLevel;
    }

    /**
     * Exceptions thrown by codecs or the interrupt pin while the device called them (they are logged and
     * swallowed so the device keeps running; a run with any of them should fail).
     *
     * @return a snapshot, at most the first 64.
     */
    public List<Throwable> failures()
    {
        synchronized (failures)
        {
            return List.copyOf(failures);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Register decoding and hooks (all under lock)

    private int registerValue(final Reg reg)
    {
        switch (reg.slot)
        {
            case S_INTSTS:
                return intsts();
            case S_WALCLK:
                return (int)((clock.nanoTime() - resetExitNanos) * 24L / 1000L);
            case S_CORBRP:
                return (regs[S_CORBRP] & CORBRP_RST) | rings.corbRp();
            default:
                return regs[reg.slot];
        }
    }

    private void runHook(final Reg reg, final int old)
    {
        switch (reg.hook)
        {
            case HOOK_GCTL:
                if ((regs[S_GCTL] & GCTL_CRST) == 0)
                {
                    enterReset(false);
                }
                else if ((old & GCTL_CRST) == 0)
                {
                    regs[S_STATESTS] |= presentCodecMask();
                    resetExitNanos = clock.nanoTime();
                    rings.linkUp(resetExitNanos);
                }
                break;
            case HOOK_CORB_RUN:
                rings.kick(clock.nanoTime());
                break;
            case HOOK_CORBRP:
                if ((regs[S_CORBRP] & CORBRP_RST) != 0)
                {
                    rings.resetCorbRp();
                }
                break;
            case HOOK_RIRBWP:
                regs[S_RIRBWP] = (regs[S_RIRBWP] & RIRBWP_RST) != 0 ? 0 : old;
                break;
            case HOOK_RIRBSTS:
                if ((old & RIRBSTS_RINTFL) != 0 && (regs[S_RIRBSTS] & RIRBSTS_RINTFL) == 0)
                {
                    rings.rintflAcknowledged(clock.nanoTime());
                }
                break;
            case HOOK_IRS:
                if ((regs[S_IRS] & IRS_ICB) != 0)
                {
                    rings.kick(clock.nanoTime());
                }
                break;
            case HOOK_SSYNC:
                final long now = clock.nanoTime();
                for (final Stream s : streams)
                {
                    final int bit = 1 << s.index;
                    if ((old & bit) != 0 && (regs[S_SSYNC] & bit) == 0 && s.running)
                    {
                        s.restartClock(now);
                    }
                }
                break;
            case HOOK_SD_CTL:
                streams[reg.stream].ctlWritten(old);
                break;
            default:
                break;
        }
    }

    private void resetRegisters()
    {
        System.arraycopy(RESET_VALUES, 0, regs, 0, SLOTS);
        resetExitNanos = clock.nanoTime();
        rings.reset(resetExitNanos);
        for (final Stream s : streams)
        {
            s.clear();
        }
    }

    /**
     * The controller reset: every register to its reset value, except, for a link reset (CRST = 0), WAKEEN and
     * STATESTS, which live in the resume well and are reset only at power-on (and D3hot to D0).
     */
    private void enterReset(final boolean powerOn)
    {
        final int wakeen = regs[S_WAKEEN];
        final int statests = regs[S_STATESTS];
        resetRegisters();
        if (!powerOn)
        {
            regs[S_WAKEEN] = wakeen;
            regs[S_STATESTS] = statests;
        }
        for (final Codec c : codecList)
        {
            try
            {
                c.reset();
            }
            catch (final RuntimeException e)
            {
                fail("codec " + c.address() + " failed to reset", e);
            }
        }
        updateIrq();
    }

    private int presentCodecMask()
    {
        int mask = 0;
        for (int a = 0; a < MAX_CODECS; a++)
        {
            if (null != codecByAddress[a])
            {
                mask |= 1 << a;
            }
        }
        return mask;
    }

    private long address(final int lowSlot, final int highSlot)
    {
        return ((long)regs[highSlot] << 32) | (regs[lowSlot] & 0xffff_ff80L);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Interrupts

    private int intsts()
    {
        int sts = 0;
        for (final Stream s : streams)
        {
            if (s.interruptPending())
            {
                sts |= 1 << s.index;
            }
        }
        final int rirbsts = regs[S_RIRBSTS];
        final int rirbctl = regs[S_RIRBCTL];
        if ((rirbsts & RIRBSTS_RINTFL) != 0 && (rirbctl & RIRBCTL_RINTCTL) != 0
            || (rirbsts & RIRBSTS_RIRBOIS) != 0 && (rirbctl & RIRBCTL_ROIC) != 0
            || (regs[S_STATESTS] & regs[S_WAKEEN]) != 0
            || (regs[S_CORBSTS] & CORBSTS_CMEI) != 0 && (regs[S_CORBCTL] & CORBCTL_CMEIE) != 0)
        {
            sts |= INTSTS_CIS;
        }
        if ((sts & regs[S_INTCTL] & (INTSTS_CIS | INTSTS_SIS_MASK)) != 0)
        {
            sts |= INTSTS_GIS;
        }
        return sts;
    }

    private void updateIrq()
    {
        final int level = (intsts() & INTSTS_GIS) != 0 && (regs[S_INTCTL] & INTCTL_GIE) != 0 ? 1 : 0;
        if (level != wantedLevel)
        {
            // Volatile write of the level before the volatile dirty flag: the deliverer clears the flag, then reads
            // the level, so it never delivers an older level after a newer one.
            wantedLevel = level;
            irqDirty = true;
        }
    }

    private void deliverIrq()
    {
        final Thread self = Thread.currentThread();
        while (irqDirty)
        {
            final boolean nested = deliverer.get() == self;
            if (!nested && !deliverer.compareAndSet(null, self))
            {
                // Another thread is delivering: wait for it, then deliver this change ourselves, so that the
                // register write that changed the level has reached the line before the write returns (a handler
                // re-checking a level-triggered line must not see a stale level).
                while (null != deliverer.get())
                {
                    Thread.yield();
                }
                continue;
            }
            try
            {
                // A handler run inline by the line (nested on this thread) that changes the level delivers the
                // change at once: the line re-checks its level when the handler returns.
                while (irqDirty)
                {
                    irqDirty = false;
                    final int level = wantedLevel;
                    if (level != deliveredLevel)
                    {
                        deliveredLevel = level;
                        irq.setLevel(level != 0);
                    }
                }
            }
            catch (final RuntimeException e)
            {
                fail("interrupt delivery failed", e);
            }
            finally
            {
                if (!nested)
                {
                    deliverer.set(null);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Locking, unsolicited responses, failures

    private void unlock()
    {
        while (true)
        {
            if (unsolPending)
            {
                drainUnsolicited();
            }
            lock.unlock();
            if (lock.isHeldByCurrentThread())
            {
                return;
            }
            // An unsolicited response queued while we held the lock (its sender's tryLock failed): take it in.
            if (!unsolPending || !lock.tryLock())
            {
                deliverIrq();
                return;
            }
        }
    }

    private void drainUnsolicited()
    {
        while (true)
        {
            final int cad;
            final int response;
            synchronized (unsolQueue)
            {
                if (unsolSize == 0)
                {
                    unsolPending = false;
                    break;
                }
                cad = unsolQueue[unsolHead * 2];
                response = unsolQueue[unsolHead * 2 + 1];
                unsolHead = (unsolHead + 1) % UNSOL_QUEUE;
                unsolSize--;
            }
            rings.unsolicited(cad, response);
        }
        updateIrq();
    }

    private void fail(final String message, final Throwable e)
    {
        log.err(LOG_SOURCE, message + ": " + e);
        synchronized (failures)
        {
            if (failures.size() < MAX_RECORDED_FAILURES)
            {
                failures.add(e);
            }
        }
    }

    private void deliver(final Codec[] targets, final Stream s, final long now)
    {
        for (final Codec c : targets)
        {
            try
            {
                c.streamData(s.stagedTag, s.stagedFormat, s.staging, 0, s.stagedBytes, now);
            }
            catch (final RuntimeException e)
            {
                fail("codec " + c.address() + " failed on stream data", e);
            }
        }
    }

    /** The bus a codec sees: unsolicited responses into the RIRB. */
    private final class Bus implements CodecBus
    {
        @Override
        public void unsolicited(final int codecAddress, final int response)
        {
            synchronized (unsolQueue)
            {
                if (unsolSize == UNSOL_QUEUE)
                {
                    unsolDropped++;
                    return;
                }
                final int tail = (unsolHead + unsolSize) % UNSOL_QUEUE;
                unsolQueue[tail * 2] = codecAddress & RIRB_EX_CODEC_MASK;
                unsolQueue[tail * 2 + 1] = response;
                unsolSize++;
                unsolPending = true;
            }
            if (lock.tryLock())
            {
                unlock();
                deliverIrq();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stream descriptors (all methods under lock)

    /** The DMA engine state of one stream descriptor; its registers live in {@code regs}. */
    /**
     * Pacing corrections run the link at most a third faster or slower than nominal: period interrupts then stay
     * more than 3/4 of a period apart (Linux drops one that comes before 2/3 as bogus).
     */
    private static final long MAX_PACING_SLEW_DIVISOR = 3;
    /** Corrections not yet applied are capped: a controller cannot owe more drift than this. */
    private static final long MAX_PENDING_PACING_NANOS = 20_000_000L;
    private static final VarHandle IOC_NANOS;

    static
    {
        try
        {
            IOC_NANOS = MethodHandles.lookup().findVarHandle(Stream.class, "iocNanos", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * When the stream last completed an IOC entry (set BCIS), on the link clock: the hardware event a period
     * interrupt's latency is measured from. A measurement port, not a register; lock-free.
     *
     * @param sdIndex stream index 0..7.
     * @return nanoseconds on the controller's clock, or 0 before the first IOC.
     */
    public long iocNanos(final int sdIndex)
    {
        return (long)IOC_NANOS.getAcquire(streams[sdIndex]);
    }

    private final class Stream
    {
        final int index;
        final int slot;
        final boolean output;
        final long[] entryAddress = new long[BDL_MAX_ENTRIES];
        final int[] entryLength = new int[BDL_MAX_ENTRIES];
        final boolean[] entryIoc = new boolean[BDL_MAX_ENTRIES];
        final byte[] staging;
        int entries;
        int entry;
        int entryOffset;
        boolean running;
        StreamFormat format;
        int tag;
        long rateNumerator;
        long rateDenominatorNanos;
        int frameBytes;
        long startNanos;
        long pacingNanos;
        long pendingPacingNanos;
        long lastStepNanos;
        long fetchedBytes;
        long clockSkips;
        // written by the DMA step (release), read by measurement probes on any thread (acquire)
        long iocNanos;
        // Written in step() under lock by the advancing thread, read by that same thread after unlocking.
        int stagedBytes;
        int stagedTag;
        StreamFormat stagedFormat;

        Stream(final int index)
        {
            this.index = index;
            this.slot = S_STREAM0 + index * STREAM_SLOTS;
            this.output = isOutput(index);
            this.staging = output ? new byte[STAGING_BYTES] : new byte[0];
        }

        void clear()
        {
            running = false;
            format = null;
            entries = 0;
            entry = 0;
            entryOffset = 0;
            fetchedBytes = 0;
            pacingNanos = 0;
            pendingPacingNanos = 0;
        }

        boolean active(final int ssync)
        {
            return running && (ssync & (1 << index)) == 0;
        }

        boolean interruptPending()
        {
            final int word = regs[slot + SS_CTL];
            final int sts = word >>> SD_STS_SHIFT;
            return (sts & SD_STS_BCIS) != 0 && (word & SD_CTL_IOCE) != 0
                || (sts & SD_STS_FIFOE) != 0 && (word & SD_CTL_FEIE) != 0
                || (sts & SD_STS_DESE) != 0 && (word & SD_CTL_DEIE) != 0;
        }

        void ctlWritten(final int old)
        {
            final int word = regs[slot + SS_CTL];
            if ((word & SD_CTL_SRST) != 0)
            {
                // Stream reset: every descriptor register to its reset value, SRST reads back 1 until cleared.
                for (int k = 0; k < STREAM_SLOTS; k++)
                {
                    regs[slot + k] = RESET_VALUES[slot + k];
                }
                regs[slot + SS_CTL] |= SD_CTL_SRST;
                clear();
                return;
            }
            final boolean wasRun = (old & SD_CTL_RUN) != 0;
            final boolean isRun = (word & SD_CTL_RUN) != 0;
            if (isRun && !wasRun)
            {
                start();
            }
            else if (!isRun && wasRun)
            {
                running = false;
            }
        }

        private void start()
        {
            if (!parse())
            {
                regs[slot + SS_CTL] = (regs[slot + SS_CTL] & ~SD_CTL_RUN) | (SD_STS_DESE << SD_STS_SHIFT);
                running = false;
                return;
            }
            tag = (regs[slot + SS_CTL] & SD_CTL_STRM_MASK) >>> SD_CTL_STRM_SHIFT;
            final int word = format.word();
            final long base = (word & 0x4000) != 0 ? 44_100L : 48_000L;
            rateNumerator = base * (((word >> 11) & 7) + 1);
            rateDenominatorNanos = NANOS_PER_SECOND * (((word >> 8) & 7) + 1);
            frameBytes = format.frameBytes();
            seekToLpib();
            restartClock(clock.nanoTime());
            running = true;
            writePositionBuffer();
        }

        void restartClock(final long now)
        {
            startNanos = now;
            pacingNanos = 0;
            pendingPacingNanos = 0;
            lastStepNanos = now;
            fetchedBytes = 0;
        }

        /**
         * Applies requested pacing corrections gradually, at most {@link #MAX_PACING_SLEW_DIVISOR a third} of the time since the last
         * step: the link runs a little faster or slower, never leaps, so period interrupts stay a period apart within
         * the drivers' tolerance (Linux drops an interrupt that comes before 2/3 of a period as bogus).
         */
        private void slewPacing(final long now)
        {
            if (0 != pendingPacingNanos)
            {
                final long limit = Math.max(1L, (now - lastStepNanos) / MAX_PACING_SLEW_DIVISOR);
                final long apply = Math.max(-limit, Math.min(limit, pendingPacingNanos));
                pacingNanos += apply;
                pendingPacingNanos -= apply;
            }
            lastStepNanos = now;
        }

        /** Reads and validates the BDL; false on a descriptor error. */
        private boolean parse()
        {
            final long cbl = regs[slot + SS_CBL] & 0xffff_ffffL;
            final int fmt = regs[slot + SS_FMT];
            if (cbl == 0 || ((fmt >> 4) & 7) > 4 || ((fmt >> 11) & 7) == 2 || ((fmt >> 11) & 7) > 3)
            {
                return false;
            }
            final int n = (regs[slot + SS_LVI] & 0xff) + 1;
            final long bdl = address(slot + SS_BDPL, slot + SS_BDPU);
            if (!memory.contains(bdl, n * BDL_ENTRY_BYTES))
            {
                return false;
            }
            for (int e = 0; e < n; e++)
            {
                final long at = bdl + (long)e * BDL_ENTRY_BYTES;
                final long addr = memory.readLong(at);
                final int length = memory.readInt(at + 8);
                if (length <= 0 || !memory.contains(addr, length))
                {
                    return false;
                }
                entryAddress[e] = addr;
                entryLength[e] = length;
                entryIoc[e] = (memory.readInt(at + 12) & BDL_IOC) != 0;
            }
            entries = n;
            if (null == format || format.word() != fmt)
            {
                format = new StreamFormat(fmt);
            }
            return true;
        }

        /** Resumes at LPIB (0 after a stream reset): finds the entry and offset it falls in. */
        private void seekToLpib()
        {
            final int lpib = regs[slot + SS_LPIB];
            entry = 0;
            entryOffset = 0;
            if (lpib <= 0 || (lpib & 0xffff_ffffL) >= (regs[slot + SS_CBL] & 0xffff_ffffL))
            {
                regs[slot + SS_LPIB] = 0;
                return;
            }
            long acc = 0;
            for (int e = 0; e < entries; e++)
            {
                if (lpib < acc + entryLength[e])
                {
                    entry = e;
                    entryOffset = (int)(lpib - acc);
                    return;
                }
                acc += entryLength[e];
            }
            regs[slot + SS_LPIB] = 0;
        }

        private long targetBytes(final long now)
        {
            final long elapsed = now - startNanos + pacingNanos;
            if (elapsed <= 0)
            {
                return 0;
            }
            final long frames = elapsed / rateDenominatorNanos * rateNumerator
                + elapsed % rateDenominatorNanos * rateNumerator / rateDenominatorNanos;
            return frames * frameBytes;
        }

        /** Moves this stream up to {@code now}, at most one staging buffer; true if more is owed. */
        boolean step(final long now)
        {
            if (now != lastStepNanos)
            {
                slewPacing(now);
            }
            long owed = targetBytes(now) - fetchedBytes;
            final long cbl = regs[slot + SS_CBL] & 0xffff_ffffL;
            final long limit = Math.max(frameBytes, cbl / 2 - (cbl / 2) % frameBytes);
            if (owed > 2 * limit)
            {
                // The link clock's thread stalled for more than the buffer lasts. Hardware paced by the link never
                // races to catch up; skip the missed time instead, so DMA cannot overrun what software has written.
                final long excessFrames = (owed - limit) / frameBytes;
                pacingNanos -= excessFrames * rateDenominatorNanos / rateNumerator;
                clockSkips++;
                owed = targetBytes(now) - fetchedBytes;
            }
            if (owed <= 0)
            {
                return false;
            }
            final int chunkCap = STAGING_BYTES - STAGING_BYTES % frameBytes;
            final int n = (int)Math.min(owed, chunkCap);
            transfer(n, now);
            fetchedBytes += n;
            if (output && 0 != tag)
            {
                stagedBytes = n;
                stagedTag = tag;
                stagedFormat = format;
            }
            return owed > n;
        }

        private void transfer(final int n, final long now)
        {
            final int lpibSlot = slot + SS_LPIB;
            final long cbl = regs[slot + SS_CBL] & 0xffff_ffffL;
            int done = 0;
            while (done < n)
            {
                final long lpib = regs[lpibSlot] & 0xffff_ffffL;
                final int c = (int)Math.min(Math.min(n - done, entryLength[entry] - entryOffset), cbl - lpib);
                final long src = entryAddress[entry] + entryOffset;
                if (output)
                {
                    memory.read(src, staging, done, c);
                }
                else
                {
                    writeSilence(src, c);
                }
                done += c;
                entryOffset += c;
                regs[lpibSlot] = (int)(lpib + c);
                if (entryOffset == entryLength[entry])
                {
                    if (entryIoc[entry])
                    {
                        regs[slot + SS_CTL] |= SD_STS_BCIS << SD_STS_SHIFT;
                        IOC_NANOS.setRelease(this, now);
                    }
                    entryOffset = 0;
                    entry++;
                    if (entry == entries)
                    {
                        entry = 0;
                        regs[lpibSlot] = 0;
                    }
                }
                if ((regs[lpibSlot] & 0xffff_ffffL) >= cbl)
                {
                    regs[lpibSlot] = 0;
                    entry = 0;
                    entryOffset = 0;
                }
            }
            writePositionBuffer();
        }

        private void writeSilence(final long dst, final int length)
        {
            int done = 0;
            while (done < length)
            {
                final int c = Math.min(length - done, zeros.length);
                memory.write(dst + done, zeros, 0, c);
                done += c;
            }
        }

        private void writePositionBuffer()
        {
            if ((regs[S_DPLBASE] & DPLBASE_ENABLE) != 0)
            {
                // Pairs with the driver's DmaMemory.readIntAcquire of its position buffer slot.
                memory.writeIntRelease(address(S_DPLBASE, S_DPUBASE) + (long)DPBASE_STRIDE * index,
                    regs[slot + SS_LPIB]);
            }
        }

        /** Clock time at which the next IOC entry will have been fetched completely. */
        long nextIocNanos()
        {
            long bytes = entryLength[entry] - entryOffset;
            int e = entry;
            boolean found = false;
            for (int k = 0; k < entries; k++)
            {
                if (entryIoc[e])
                {
                    found = true;
                    break;
                }
                e = (e + 1) % entries;
                bytes += entryLength[e];
            }
            if (!found)
            {
                return Long.MAX_VALUE;
            }
            final long frames = (fetchedBytes + bytes + frameBytes - 1) / frameBytes;
            // Smallest elapsed time with floor(elapsed * num / den) >= frames.
            final long whole = frames / rateNumerator * rateDenominatorNanos;
            final long part = (frames % rateNumerator * rateDenominatorNanos + rateNumerator - 1) / rateNumerator;
            return startNanos - pacingNanos + whole + part;
        }
    }
}

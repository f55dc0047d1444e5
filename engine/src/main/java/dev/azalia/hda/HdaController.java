package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.*;
import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.hda.codec.Codec;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptPin;
import dev.azalia.pci.MmioRegion;
import dev.azalia.time.NanoClock;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

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
 * stream, and a DMA aimed at any MMIO window (this BAR before or after a move) or beyond RAM is a master abort:
 * reads give zeros, writes are dropped, the matching error bit is set (RIRBOIS, CMEI, DESE, FIFOE) and the guest
 * error counted ({@link #guestErrors()}); no register handler ever runs from DMA, and a nested access is refused.
 * Streams are paced by {@link #advance()} against the injected {@link NanoClock}: a stream that started at
 * {@code t0} has moved {@code floor((now - t0 + pacing) * rate / 1e9)} frames.
 *
 * <p>Threading: every register access and the DMA step run under one device lock (like QEMU's global lock).
 * Codec verbs ({@link Codec#execute}, {@link Codec#reset}) are called with that lock held; stream data
 * ({@link Codec#streamData}) and the interrupt line ({@link InterruptPin#setLevel}) are called without it, so an
 * interrupt handler delivered inline may perform MMIO on this device. Level changes are delivered by one thread at a
 * time, always the latest level, and before the access that caused them returns. {@link #advance()} is meant for
 * one link-clock thread; concurrent callers are serialised. Unsolicited responses may arrive from any thread; they
 * are queued and moved into the RIRB by whichever thread holds the device lock next.
 *
 * <p>This class owns the threads' entry points and the public API; the parts are package-private: the device lock
 * and re-entrancy guard ({@code DeviceLock}), the register file and its side effects ({@code ControllerRegisters}),
 * the command rings ({@link CommandRings}), each stream descriptor's DMA engine ({@code StreamDescriptor}), the
 * command and DMA steps ({@code LinkSteps}), the interrupt status and line ({@code ControllerInterrupts}), the codec
 * slots ({@code CodecSlots}) and the unsolicited response queue ({@code UnsolicitedQueue}).
 */
public final class HdaController implements MmioRegion
{
    private static final ToLongFunction<StreamDescriptor> LPIB = s -> s.lpibRegister();
    private static final ToLongFunction<StreamDescriptor> RUNNING = s -> s.running ? 1 : 0;
    private static final ToLongFunction<StreamDescriptor> FETCHED = s -> s.fetchedBytes;
    private static final ToLongFunction<StreamDescriptor> SKIPS = s -> s.clockSkips;
    private static final int ZERO_BYTES = 4096;

    private final NanoClock clock;
    private final DeviceLock lock;

    // Guarded by lock.
    private final int[] regs = new int[SLOTS];
    private final StreamDescriptor[] streams = new StreamDescriptor[NUM_STREAMS];
    private final CodecSlots codecs = new CodecSlots();
    private final CommandRings rings;
    private final ControllerRegisters registers;
    private final ControllerInterrupts interrupts;
    private final UnsolicitedQueue unsolicited = new UnsolicitedQueue();
    private final GuestErrors guestErrors;
    private final InjectedFaults injected = new InjectedFaults();

    private final DeviceFailures failures;
    private final LinkSteps steps;
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
        this.clock = clock;
        this.failures = new DeviceFailures(log);
        this.guestErrors = new GuestErrors(log);
        this.rings = new CommandRings(regs, memory, codecs.byAddress(), failures, guestErrors, injected);
        for (int i = 0; i < NUM_STREAMS; i++)
        {
            streams[i] = new StreamDescriptor(i, regs, memory, clock, zeros, failures, guestErrors, streams, injected);
        }
        this.interrupts = new ControllerInterrupts(regs, streams, irq, failures, injected, clock);
        this.registers = new ControllerRegisters(regs, clock, rings, streams, codecs, interrupts, failures, injected);
        this.lock = new DeviceLock(unsolicited, rings, interrupts, guestErrors);
        this.steps = new LinkSteps(clock, lock, regs, streams, codecs, rings, interrupts, injected);
        lock.lock();
        try
        {
            registers.reset();
        }
        finally
        {
            lock.unlock();
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
        lock.lock();
        try
        {
            codecs.attach(codec);
        }
        finally
        {
            lock.unlock();
        }
        codec.attach(lock.codecBus());
    }

    /**
     * The attached codecs in address order.
     *
     * @return an immutable snapshot.
     */
    public List<Codec> codecs()
    {
        return List.of(codecs.list());
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
            lock.unlock();
        }
    }

    /**
     * Injects faults from now on ({@link FaultPlan}): the DMA engines, the command engine, the interrupt line and
     * register reads consult them; times in them count from this call.
     *
     * @param faults the faults; {@link DeviceFaults#NONE} or null for none.
     */
    public void setFaults(final DeviceFaults faults)
    {
        lock.lock();
        try
        {
            injected.set(null == faults ? DeviceFaults.NONE : faults, clock.nanoTime());
        }
        finally
        {
            lock.unlock();
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
            lock.unlock();
        }
    }

    /**
     * Sets what a DMA step does right after it raised the interrupt line, before it hands the fetched bytes to the
     * codecs. The real-time link clock gives up its CPU there ({@link Thread#yield()}): an interrupt thread woken on
     * the link thread's CPU then runs at once, as a hardware interrupt preempts what the CPU was doing, instead of
     * after the rest of the step (on two vCPUs, half of the real-clock runs had the interrupt thread wait there:
     * period-elapsed p50 21-24 µs against 10 µs with the yield).
     *
     * @param action run on the stepping thread, without the device lock; null for nothing (the default).
     */
    public void setAfterRaise(final Runnable action)
    {
        steps.setAfterRaise(action);
    }

    /**
     * Runs the command engine up to {@code clock.nanoTime()}: CORB and immediate commands go out at link frame
     * boundaries, one per codec per frame, and their responses land in the RIRB (RINTFL, the interrupt line) or in
     * IR one frame later. Called by the {@link LinkTimer}'s owner at the times it was asked for; a call with nothing
     * due does nothing. Thread-safe.
     */
    public void runCommandFrames()
    {
        steps.runCommandFrames();
    }

    /**
     * Sets where the controller reads PCI COMMAND.BME, sampled before each DMA and command step (never with the
     * device lock held): while it reads false, no DMA happens: output and input streams starve with FIFOE, the CORB
     * is not fetched and responses are dropped. Until set, bus mastering counts as enabled.
     *
     * @param enabled reads the bit; called on the link clock's threads.
     */
    public void setBusMaster(final BooleanSupplier enabled)
    {
        steps.setBusMaster(enabled);
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
            unsolicited.clear();
            registers.enterReset(true);
        }
        finally
        {
            lock.unlock();
        }
        interrupts.deliver();
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
        if (lock.reentered(offset))
        {
            return 0;
        }
        lock.lock();
        try
        {
            return registers.read(offset, widthBytes);
        }
        finally
        {
            lock.unlock();
            interrupts.deliver();
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
        if (lock.reentered(offset))
        {
            return;
        }
        lock.lock();
        try
        {
            registers.write(offset, widthBytes, value);
            interrupts.update();
        }
        finally
        {
            lock.unlock();
        }
        interrupts.deliver();
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
        steps.advance();
    }

    /**
     * Waits until a DMA step running on another thread has ended, delivery included: the bytes a stream fetched
     * before the call have then reached the codecs and what they publish to. A step hands its bytes to the codecs
     * after releasing the device lock, so the driver can see its LPIB and interrupt, and stop the stream, first; a
     * run's end calls this before it ends the link's ring. Returns at once on the stepping thread. Thread-safe.
     *
     * @param timeoutNanos the longest wait, in nanoseconds.
     * @return false if the step did not end in time, or the waiting thread was interrupted (its flag set again).
     */
    public boolean awaitStep(final long timeoutNanos)
    {
        return steps.awaitStep(timeoutNanos);
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
            streams[sdIndex].adjustPacing(deltaNanos);
        }
        finally
        {
            lock.unlock();
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
        return steps.nextEventNanos();
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
        return (int)readLocked(sdIndex, LPIB);
    }

    /**
     * Whether a stream's DMA engine is running (RUN set, descriptor valid).
     *
     * @param sdIndex stream index 0..7.
     * @return true while it moves data.
     */
    public boolean running(final int sdIndex)
    {
        return readLocked(sdIndex, RUNNING) != 0;
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
            lock.unlock();
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
        return readLocked(sdIndex, FETCHED);
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
        return readLocked(sdIndex, SKIPS);
    }

    /** A stream's figure read under the device lock (non-capturing, so no allocation per call). */
    private long readLocked(final int sdIndex, final ToLongFunction<StreamDescriptor> figure)
    {
        lock.lock();
        try
        {
            return figure.applyAsLong(streams[sdIndex]);
        }
        finally
        {
            lock.unlock();
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
            return registers.ignoredAccesses();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Test injection: WALCLK counts from {@code ticks} instead of 0 after each reset exit (e.g. just below 2^32, to
     * cross its wrap within seconds instead of after 178.96 s). Any thread.
     *
     * @param ticks the 24 MHz count at reset exit, as an unsigned 32-bit value.
     */
    public void setWallClockBase(final int ticks)
    {
        registers.setWallClockBase(ticks);
    }

    /**
     * Unsolicited responses dropped because more than 64 were waiting for the device lock.
     *
     * @return the count since creation.
     */
    public long droppedUnsolicited()
    {
        return unsolicited.dropped();
    }

    /**
     * The level the device drives on its interrupt line: GIE set and an enabled status bit set.
     *
     * @return 1 asserted, 0 deasserted.
     */
    public int irqLevel()
    {
        return interrupts.level();
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
        return streams[sdIndex].iocNanosAcquire();
    }

    /**
     * Exceptions thrown by codecs or the interrupt pin while the device called them (they are logged and
     * swallowed so the device keeps running; a run with any of them should fail).
     *
     * @return a snapshot, at most the first 64.
     */
    public List<Throwable> failures()
    {
        return failures.snapshot();
    }

    /**
     * Guest errors the device refused or dropped: DMA outside RAM (master aborts), descriptors refused at RUN,
     * nested accesses, clock jumps cut short. The first of each kind is logged once.
     *
     * @return the count since creation.
     */
    public long guestErrors()
    {
        return guestErrors.total();
    }

    long guestErrors(final GuestErrors.Kind kind)
    {
        return guestErrors.count(kind);
    }
}

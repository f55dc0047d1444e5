package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.*;
import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.hda.codec.Codec;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The DMA engine of one stream descriptor (SDI0-3, SDO0-3): the BDL it walks, its position (LPIB and the DMA
 * position buffer), its pacing against the link clock, BCIS on completing an IOC entry and DESE on a bad descriptor.
 * Its registers live in the controller's register file, which it shares.
 *
 * <p>Threading: every method runs under the controller's device lock, except {@link #iocNanosAcquire()} (lock-free)
 * and reading the staged bytes, which the advancing thread does after unlocking.
 */
final class StreamDescriptor
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Buffer space a BDL may describe: 2 GiB and more is refused at RUN (as VirtualBox). */
    private static final long MAX_BUFFER_BYTES = 1L << 31;
    /** Bytes a stream moves per DMA step at most: larger catch-ups take several steps. */
    private static final int STAGING_BYTES = 64 * 1024;
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
            IOC_NANOS = MethodHandles.lookup().findVarHandle(StreamDescriptor.class, "iocNanos", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int[] regs;
    private final DmaMemory memory;
    private final NanoClock clock;
    private final byte[] zeros;
    private final CommandRings.Failures failures;
    private final GuestErrors guestErrors;
    private final StreamDescriptor[] peers;
    private final InjectedFaults faults;
    final int index;
    final int slot;
    private final boolean output;
    private final long[] entryAddress = new long[BDL_MAX_ENTRIES];
    private final int[] entryLength = new int[BDL_MAX_ENTRIES];
    private final boolean[] entryIoc = new boolean[BDL_MAX_ENTRIES];
    private final byte[] staging;
    private int entries;
    /** CBL as validated at RUN: a CBL written while running (smaller than LPIB) must not reach the DMA. */
    private long cblBytes;
    private int entry;
    private int entryOffset;
    boolean running;
    StreamFormat format;
    private int tag;
    private long rateNumerator;
    private long rateDenominatorNanos;
    private int frameBytes;
    private long startNanos;
    private long pacingNanos;
    private long pendingPacingNanos;
    private long lastStepNanos;
    long fetchedBytes;
    long clockSkips;
    // written by the DMA step (release), read by measurement probes on any thread (acquire)
    private long iocNanos;
    // Written in step() under lock by the advancing thread, read by that same thread after unlocking.
    int stagedBytes;
    private int stagedTag;
    private StreamFormat stagedFormat;
    private final PeriodFaults period = new PeriodFaults();

    /**
     * A stopped descriptor.
     *
     * @param index    stream index 0..7.
     * @param regs     the controller's register file (shared, guarded by the device lock).
     * @param memory   host memory the engine reads and writes.
     * @param clock    the link clock time base.
     * @param zeros    a zero-filled buffer, the silence an input stream writes (shared, never written).
     * @param failures where a codec that throws on stream data is reported.
     * @param guestErrors where a refused descriptor and a DMA outside RAM are counted.
     * @param peers    every descriptor of the controller, this one included (filled by the caller): a tag already
     *                 running in this direction is refused.
     * @param faults   the faults injected into its DMA, BCIS and position buffer.
     */
    StreamDescriptor(final int index, final int[] regs, final DmaMemory memory, final NanoClock clock,
        final byte[] zeros, final CommandRings.Failures failures, final GuestErrors guestErrors,
        final StreamDescriptor[] peers, final InjectedFaults faults)
    {
        this.faults = faults;
        this.guestErrors = guestErrors;
        this.peers = peers;
        this.failures = failures;
        this.regs = regs;
        this.memory = memory;
        this.clock = clock;
        this.zeros = zeros;
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
        period.clear();
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
            guestErrors.report(GuestErrors.Kind.BAD_DESCRIPTOR, index, regs[slot + SS_CTL] & 0xffff_ffffL);
            return;
        }
        final int word = format.word();
        final long base = (word & 0x4000) != 0 ? 44_100L : 48_000L;
        rateNumerator = base * (((word >> 11) & 7) + 1);
        rateDenominatorNanos = NANOS_PER_SECOND * (((word >> 8) & 7) + 1);
        frameBytes = format.frameBytes();
        seekToLpib();
        restartClock(clock.nanoTime());
        running = true;
        writePositionBuffer(clock.nanoTime());
    }

    /** Queues a pacing correction for a running stream, capped; applied gradually by later steps. */
    void adjustPacing(final long deltaNanos)
    {
        if (running)
        {
            pendingPacingNanos = Math.max(-MAX_PENDING_PACING_NANOS,
                Math.min(MAX_PENDING_PACING_NANOS, pendingPacingNanos + deltaNanos));
        }
    }

    /** When this stream last completed an IOC entry, lock-free; 0 before the first. */
    long iocNanosAcquire()
    {
        return (long)IOC_NANOS.getAcquire(this);
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
     * Applies requested pacing corrections gradually, at most {@link #MAX_PACING_SLEW_DIVISOR a third} of the time
     * since the last step: the link runs a little faster or slower, never leaps, so period interrupts stay a period
     * apart within the drivers' tolerance (Linux drops an interrupt that comes before 2/3 of a period as bogus).
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

    /**
     * Validates the descriptor and takes the snapshot of its BDL that the engine uses until RUN goes 0 to 1 again;
     * false (a descriptor error) for: CBL 0 or not a whole number of frames, a format the link cannot carry, tag 0
     * or a tag already running in this direction, a BDL outside RAM, an entry of length 0, not a whole number of
     * samples or ending past 2^64, entries summing to 2 GiB or more or not to CBL. A buffer outside RAM is not
     * refused here: its DMA fails when it is reached (FIFOE). Entry addresses need no alignment (Linux's
     * bdl_pos_adj entry ends a few frames into the buffer).
     */
    private boolean parse()
    {
        final long cbl = regs[slot + SS_CBL] & 0xffff_ffffL;
        final int fmt = regs[slot + SS_FMT];
        if (cbl == 0 || ((fmt >> 4) & 7) > 4 || ((fmt >> 11) & 7) == 2 || ((fmt >> 11) & 7) > 3)
        {
            return false;
        }
        final StreamFormat candidate = null != format && format.word() == fmt ? format : new StreamFormat(fmt);
        final int newTag = (regs[slot + SS_CTL] & SD_CTL_STRM_MASK) >>> SD_CTL_STRM_SHIFT;
        if (cbl % candidate.frameBytes() != 0 || newTag == 0 || tagRunning(newTag))
        {
            return false;
        }
        final int n = (regs[slot + SS_LVI] & 0xff) + 1;
        final long bdl = address(slot + SS_BDPL, slot + SS_BDPU);
        if (!memory.contains(bdl, n * BDL_ENTRY_BYTES))
        {
            return false;
        }
        long sum = 0;
        for (int e = 0; e < n; e++)
        {
            final long at = bdl + (long)e * BDL_ENTRY_BYTES;
            final long addr = memory.readLong(at);
            final int length = memory.readInt(at + 8);
            if (length <= 0 || length % candidate.containerBytes() != 0
                || Long.compareUnsigned(addr + length - 1, addr) < 0)
            {
                return false;
            }
            sum += length;
            entryAddress[e] = addr;
            entryLength[e] = length;
            entryIoc[e] = (memory.readInt(at + 12) & BDL_IOC) != 0;
        }
        if (sum >= MAX_BUFFER_BYTES || sum != cbl)
        {
            return false;
        }
        entries = n;
        cblBytes = cbl;
        format = candidate;
        tag = newTag;
        return true;
    }

    private boolean tagRunning(final int candidateTag)
    {
        for (final StreamDescriptor p : peers)
        {
            if (p != this && p.running && p.output == output && p.tag == candidateTag)
            {
                return true;
            }
        }
        return false;
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

    private long address(final int lowSlot, final int highSlot)
    {
        return ((long)regs[highSlot] << 32) | (regs[lowSlot] & 0xffff_ff80L);
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

    /**
     * Moves this stream up to {@code now}, at most one staging buffer; true if more is owed.
     *
     * @param now       the clock.
     * @param busMaster PCI COMMAND.BME as sampled for this step.
     */
    boolean step(final long now, final boolean busMaster)
    {
        if (!busMaster)
        {
            // No DMA without PCI bus mastering: the FIFO starves (FIFOE), nothing moves, LPIB holds.
            regs[slot + SS_CTL] |= SD_STS_FIFOE << SD_STS_SHIFT;
            return false;
        }
        if (faults.active && faults.plan.dmaStalled(index, now))
        {
            return false;
        }
        if (now != lastStepNanos)
        {
            slewPacing(now);
        }
        long owed = targetBytes(now) - fetchedBytes;
        final long cbl = cblBytes;
        final long halfBuffer = Math.min(cbl / 2, halfSecondBytes());
        final long limit = Math.max(frameBytes, halfBuffer - halfBuffer % frameBytes);
        if (owed > 2 * limit)
        {
            // The link clock's thread stalled for more than the buffer (or a second) lasts. Hardware paced by the
            // link never races to catch up; skip the missed time instead, so DMA cannot overrun what software has
            // written and a step never moves more than a second of frames.
            final long excessFrames = (owed - limit) / frameBytes;
            // Divide first: excessFrames times the denominator may not fit in a long after a huge jump.
            pacingNanos -= excessFrames / rateNumerator * rateDenominatorNanos
                + excessFrames % rateNumerator * rateDenominatorNanos / rateNumerator;
            clockSkips++;
            guestErrors.report(GuestErrors.Kind.CLOCK_JUMP, index, owed);
            owed = targetBytes(now) - fetchedBytes;
        }
        if (owed <= 0)
        {
            return false;
        }
        final int chunkCap = STAGING_BYTES - STAGING_BYTES % frameBytes;
        final int n = (int)Math.min(owed, chunkCap);
        if (!transfer(n, now))
        {
            return false;
        }
        fetchedBytes += n;
        if (output && 0 != tag)
        {
            stagedBytes = n;
            stagedTag = tag;
            stagedFormat = format;
        }
        return owed > n;
    }

    /**
     * Hands the bytes the last step staged to every codec, without the device lock, on the advancing thread.
     *
     * @param targets the codecs in address order.
     * @param now     the step's clock time.
     */
    void deliverStaged(final Codec[] targets, final long now)
    {
        for (final Codec c : targets)
        {
            try
            {
                c.streamData(stagedTag, stagedFormat, staging, 0, stagedBytes, now);
            }
            catch (final RuntimeException e)
            {
                failures.fail("codec " + c.address() + " failed on stream data", e);
            }
        }
    }

    /** Half a second of this stream's bytes, whole frames. */
    private long halfSecondBytes()
    {
        return rateNumerator * NANOS_PER_SECOND / rateDenominatorNanos / 2 * frameBytes;
    }

    /** Moves {@code n} bytes at LPIB; false if a buffer DMA reached no RAM (FIFOE set, the engine stopped). */
    private boolean transfer(final int n, final long now)
    {
        final int lpibSlot = slot + SS_LPIB;
        final long cbl = cblBytes;
        int done = 0;
        while (done < n)
        {
            final long lpib = regs[lpibSlot] & 0xffff_ffffL;
            final int c = (int)Math.min(Math.min(n - done, entryLength[entry] - entryOffset), cbl - lpib);
            final long src = entryAddress[entry] + entryOffset;
            if (!(output ? memory.read(src, staging, done, c) : writeSilence(src, c)))
            {
                // A master abort on the buffer: FIFO error, no more data moves until RUN goes 0 to 1 again.
                regs[slot + SS_CTL] |= SD_STS_FIFOE << SD_STS_SHIFT;
                running = false;
                guestErrors.report(GuestErrors.Kind.BUFFER_DMA_ABORT, index, src);
                writePositionBuffer(now);
                return false;
            }
            if (faults.active && period.unplanned())
            {
                period.plan(faults.plan, index, bytesToIocEnd(), now);
            }
            done += c;
            entryOffset += c;
            regs[lpibSlot] = (int)(lpib + c);
            if (period.moved(c))
            {
                // an injected early BCIS, before the end of the IOC entry
                regs[slot + SS_CTL] |= SD_STS_BCIS << SD_STS_SHIFT;
            }
            if (entryOffset == entryLength[entry])
            {
                if (entryIoc[entry])
                {
                    regs[slot + SS_CTL] |= period.endStatus() << SD_STS_SHIFT;
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
        writePositionBuffer(now);
        return true;
    }

    /** SDnLPIB as the register file holds it, in bytes; under the device lock. */
    int lpibRegister()
    {
        return regs[slot + SS_LPIB];
    }

    /** Bytes from the current position to the end of the next IOC entry, or -1 when no entry has IOC. */
    private long bytesToIocEnd()
    {
        long bytes = entryLength[entry] - entryOffset;
        int e = entry;
        for (int k = 0; k < entries; k++)
        {
            if (entryIoc[e])
            {
                return bytes;
            }
            e = (e + 1) % entries;
            bytes += entryLength[e];
        }
        return -1;
    }

    private boolean writeSilence(final long dst, final int length)
    {
        int done = 0;
        while (done < length)
        {
            final int c = Math.min(length - done, zeros.length);
            if (!memory.write(dst + done, zeros, 0, c))
            {
                return false;
            }
            done += c;
        }
        return true;
    }

    private void writePositionBuffer(final long now)
    {
        if ((regs[S_DPLBASE] & DPLBASE_ENABLE) != 0)
        {
            // Pairs with the driver's DmaMemory.readIntAcquire of its position buffer slot.
            final long at = address(S_DPLBASE, S_DPUBASE) + (long)DPBASE_STRIDE * index;
            final int lpib = regs[slot + SS_LPIB];
            if (!memory.writeIntRelease(at, faults.active ? faults.plan.positionBuffer(index, lpib, now) : lpib))
            {
                guestErrors.report(GuestErrors.Kind.POSBUF_DMA_ABORT, index, at);
            }
        }
    }

    /** Clock time at which the next IOC entry will have been fetched completely (or reaches an injected early BCIS). */
    long nextIocNanos()
    {
        long bytes = bytesToIocEnd();
        if (bytes < 0)
        {
            return Long.MAX_VALUE;
        }
        if (faults.active && period.unplanned())
        {
            // an early BCIS is an event of its own: the period's fault is planned before its first byte moves
            period.plan(faults.plan, index, bytes, clock.nanoTime());
        }
        final long early = period.bytesToEarlyBcis();
        if (early > 0)
        {
            bytes = early;
        }
        final long frames = (fetchedBytes + bytes + frameBytes - 1) / frameBytes;
        // Smallest elapsed time with floor(elapsed * num / den) >= frames.
        final long whole = frames / rateNumerator * rateDenominatorNanos;
        final long part = (frames % rateNumerator * rateDenominatorNanos + rateNumerator - 1) / rateNumerator;
        return startNanos - pacingNanos + whole + part;
    }
}

package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.Kernel;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.IoMapping;
import dev.azalia.sound.PcmSubstream;

/**
 * One stream descriptor as the driver programs it ({@code struct hdac_stream}): its BDL in host memory, the
 * buffer it plays, the stream tag, and the reset/setup/start/stop/cleanup sequences of Linux's
 * {@code hdac_stream.c}.
 *
 * <p>Threading: programmed from PCM ops (application thread) and trigger (under the PCM stream lock, possibly on the
 * interrupt thread for an xrun stop); {@link #running} is read by the interrupt handler.
 */
public final class AzxStream
{
    /** Bytes per BDL entry. */
    public static final int BDL_ENTRY_BYTES = 16;
    /** Most BDL entries Linux uses ({@code AZX_MAX_BDL_ENTRIES}). */
    public static final int MAX_BDL_ENTRIES = 256;
    private static final int SD_INT_MASK = HdaRegisters.SD_STS_BCIS | HdaRegisters.SD_STS_FIFOE
        | HdaRegisters.SD_STS_DESE;
    private static final int SD_CTL_INT_MASK = HdaRegisters.SD_CTL_IOCE | HdaRegisters.SD_CTL_FEIE
        | HdaRegisters.SD_CTL_DEIE;

    private final int index;
    private final int tag;
    private final boolean playback;
    private final int sdOffset;
    private final ChipRegisters busRegs;
    private final ChipRegisters sdRegs;
    private final DmaMemory memory;
    private final Kernel kernel;
    private final long bdlAddress;
    private final long posbufSlot;

    volatile PcmSubstream substream;
    volatile boolean running;
    long bufferAddress;
    int bufferBytes;
    int periodBytes;
    int periods;
    int formatVal;
    boolean prepared;
    int startWallclk;
    int periodWallclk;
    int resumeOffsetBytes;
    int bdlEntries;
    int suspendedAtBytes;
    boolean stoppedByMove;
    volatile boolean irqPending;
    int timecounterWallclk;
    int lpibDelayBytes;
    int fifoSizeBytes;

    /**
     * A stream descriptor.
     *
     * @param index      SD index (0-3 input, 4-7 output with GCAP 4/4).
     * @param tag        the stream tag ({@code index + 1}).
     * @param playback   true for an output stream.
     * @param regs       the bus's register accessor (global registers); the stream derives its own for SD
     *                   registers from its current mapping.
     * @param memory     host memory (the BDL is allocated here once).
     * @param kernel     kernel services (delays of the reset handshake).
     * @param posbufBase bus address of the DMA position buffer.
     */
    AzxStream(final int index, final int tag, final boolean playback, final ChipRegisters regs,
        final DmaMemory memory, final Kernel kernel, final long posbufBase)
    {
        this.index = index;
        this.tag = tag;
        this.playback = playback;
        this.sdOffset = HdaRegisters.SD_BASE + HdaRegisters.SD_STRIDE * index;
        this.busRegs = regs;
        // sd_addr: derived once from the bus's mapping; a BAR move must recompute it (remap)
        this.sdRegs = new ChipRegisters(regs.mapping());
        this.memory = memory;
        this.kernel = kernel;
        this.bdlAddress = memory.allocate(MAX_BDL_ENTRIES * BDL_ENTRY_BYTES, 128);
        this.posbufSlot = posbufBase + 8L * index;
    }

    /**
     * The SD index.
     *
     * @return 0 ... 7.
     */
    public int index()
    {
        return index;
    }

    /**
     * The stream tag sent to the codec.
     *
     * @return 1 ... 15.
     */
    public int tag()
    {
        return tag;
    }

    /**
     * Whether this is an output stream.
     *
     * @return true for playback.
     */
    public boolean playback()
    {
        return playback;
    }

    /**
     * Whether the stream was started and not stopped.
     *
     * @return true while running.
     */
    public boolean running()
    {
        return running;
    }

    int readb(final int reg)
    {
        return sdRegs.readb(sdOffset + reg);
    }

    int readl(final int reg)
    {
        return sdRegs.readl(sdOffset + reg);
    }

    void writeb(final int reg, final int value)
    {
        sdRegs.writeb(sdOffset + reg, value);
    }

    void writew(final int reg, final int value)
    {
        sdRegs.writew(sdOffset + reg, value);
    }

    void writel(final int reg, final int value)
    {
        sdRegs.writel(sdOffset + reg, value);
    }

    void updateb(final int reg, final int mask, final int set)
    {
        sdRegs.updateb(sdOffset + reg, mask, set);
    }

    /** Stops DMA and clears interrupt enables and status ({@code snd_hdac_stream_clear}). */
    void clear()
    {
        sdRegs.updateb(sdOffset + HdaRegisters.SD_CTL, HdaRegisters.SD_CTL_RUN | SD_CTL_INT_MASK, 0);
        writeb(HdaRegisters.SD_STS, SD_INT_MASK);
        running = false;
    }

    /**
     * Resets the stream with the SRST read-back handshake ({@code snd_hdac_stream_reset}): clear, the DMA run state
     * read, SRST set by a byte update and polled until it reads 1, cleared by a byte update and polled until 0.
     */
    void reset()
    {
        clear();
        readb(HdaRegisters.SD_CTL);
        updateb(HdaRegisters.SD_CTL, 0, HdaRegisters.SD_CTL_SRST);
        // 3 us settle before each poll (5.x's udelay(3); 6.x polls at once): invisible in the register sequence,
        // kept because the glitch suite's rwsem rows are timed with it
        kernel.delayNanos(3_000L);
        pollSrst(true);
        updateb(HdaRegisters.SD_CTL, HdaRegisters.SD_CTL_SRST, 0);
        kernel.delayNanos(3_000L);
        pollSrst(false);
        memory.writeIntRelease(posbufSlot, 0);
    }

    /** {@code snd_hdac_stream_readb_poll(SD_CTL, ..., 3 us, 300 us)}: read first, then wait between reads. */
    private void pollSrst(final boolean set)
    {
        for (int waitedNanos = 0; waitedNanos <= 300_000; waitedNanos += 3_000)
        {
            if (((readb(HdaRegisters.SD_CTL) & HdaRegisters.SD_CTL_SRST) != 0) == set)
            {
                return;
            }
            kernel.delayNanos(3_000L);
        }
    }

    /**
     * {@code snd_hdac_stream_setup_periods}: the BDL pointer registers zeroed, then the BDL built from the buffer
     * start: with a position adjustment, a lead entry of {@code posAdjBytes} with IOC, one entry per period with IOC,
     * the last shortened by the lead and without IOC (so each IOC lands just after a period boundary and LVI equals
     * the period count); without one, one IOC entry per period.
     *
     * @param posAdjBytes the lead entry's size ({@code bdl_pos_adj} in bytes), 0 for none.
     */
    void setupPeriods(final int posAdjBytes)
    {
        writel(HdaRegisters.SD_BDPL, 0);
        writel(HdaRegisters.SD_BDPU, 0);
        int entry = 0;
        int ofs = 0;
        if (posAdjBytes > 0)
        {
            bdle(entry++, ofs, posAdjBytes, true);
            ofs += posAdjBytes;
        }
        for (int i = 0; i < periods; i++)
        {
            final boolean lastShortened = i == periods - 1 && posAdjBytes > 0;
            final int length = lastShortened ? periodBytes - posAdjBytes : periodBytes;
            bdle(entry++, ofs, length, !lastShortened);
            ofs += length;
        }
        resumeOffsetBytes = 0;
        bdlEntries = entry;
    }

    private void bdle(final int entry, final int offsetBytes, final int length, final boolean ioc)
    {
        final long e = bdlAddress + (long)entry * BDL_ENTRY_BYTES;
        memory.writeLong(e, bufferAddress + offsetBytes);
        memory.writeInt(e + 8, length);
        memory.writeInt(e + 12, ioc ? 1 : 0);
    }

    /**
     * Writes the BDL: one entry per period, each with IOC, starting {@code offsetBytes} into the buffer (the rest
     * of the buffer follows, wrapping to its start), so that DMA restarting at LPIB 0 continues at that offset.
     *
     * @param offsetBytes where in the buffer the first entry starts; a multiple of the period for a fresh start.
     */
    void writeBdl(final int offsetBytes)
    {
        int entry = 0;
        int pos = offsetBytes;
        int left = bufferBytes;
        while (left > 0)
        {
            final int untilPeriodEnd = periodBytes - (pos % periodBytes);
            final int untilBufferEnd = bufferBytes - pos;
            final int length = Math.min(left, Math.min(untilPeriodEnd, untilBufferEnd));
            final long e = bdlAddress + (long)entry * BDL_ENTRY_BYTES;
            memory.writeLong(e, bufferAddress + pos);
            memory.writeInt(e + 8, length);
            // IOC where a period ends, so interrupts keep their period boundaries after a rotated restart
            memory.writeInt(e + 12, length == untilPeriodEnd ? 1 : 0);
            entry++;
            left -= length;
            pos = (pos + length) % bufferBytes;
        }
        resumeOffsetBytes = offsetBytes;
        bdlEntries = entry;
    }


    /**
     * Programs the descriptor for the current buffer and BDL ({@code snd_hdac_stream_setup}): clear, a 32-bit
     * read-modify-write of SDnCTL for the tag (and the traffic-priority bit when DMA is not snooped), CBL, FMT, LVI,
     * the BDL address, the position buffer's enable bit if still off, the interrupt enables, and the FIFO size read.
     *
     * @param noSnoop whether the controller's DMA is non-snooped ({@code !bus->snoop}).
     */
    void setup(final boolean noSnoop)
    {
        clear();
        int ctl = (readl(HdaRegisters.SD_CTL) & ~HdaRegisters.SD_CTL_STRM_MASK) | tag << HdaRegisters.SD_CTL_STRM_SHIFT;
        if (noSnoop)
        {
            ctl |= HdaRegisters.SD_CTL_TP;
        }
        writel(HdaRegisters.SD_CTL, ctl);
        writel(HdaRegisters.SD_CBL, bufferBytes);
        writew(HdaRegisters.SD_FMT, formatVal);
        writew(HdaRegisters.SD_LVI, bdlEntries - 1);
        writel(HdaRegisters.SD_BDPL, (int)bdlAddress);
        writel(HdaRegisters.SD_BDPU, (int)(bdlAddress >>> 32));
        if ((busRegs.readl(HdaRegisters.DPLBASE) & HdaRegisters.DPLBASE_ENABLE) == 0)
        {
            busRegs.writel(HdaRegisters.DPLBASE, (int)(posbufSlot - 8L * index) | HdaRegisters.DPLBASE_ENABLE);
        }
        sdRegs.updatel(sdOffset + HdaRegisters.SD_CTL, 0, SD_CTL_INT_MASK);
        fifoSizeBytes = sdRegs.readw(sdOffset + HdaRegisters.SD_FIFOS) + 1;
    }

    /**
     * Points the stream's own register accessor ({@code sd_addr}) at a new mapping after a BAR move.
     *
     * @param mapping the mapping of the BAR at its new address.
     */
    void remap(final IoMapping mapping)
    {
        sdRegs.remap(mapping);
    }

    /**
     * Starts DMA ({@code snd_hdac_stream_start}); the caller holds the chip's register lock.
     *
     * @param freshStart false when continuing a stream (Azalia's full RESUME and the rwsem restart, extensions:
     *                   Linux always starts fresh): the first interrupt then comes after less than a period, so the
     *                   wall-clock check must not take it for a bogus early one. True for START and PAUSE_RELEASE,
     *                   where an interrupt within 2/3 of a period is discarded as in Linux.
     */
    void start(final boolean freshStart)
    {
        kernel.tracepoints().streamStart(tag);
        startWallclk = busRegs.readl(HdaRegisters.WALCLK);
        if (!freshStart)
        {
            startWallclk -= periodWallclk;
        }
        busRegs.updatel(HdaRegisters.INTCTL, 0, 1 << index);
        sdRegs.updateb(sdOffset + HdaRegisters.SD_CTL, 0, HdaRegisters.SD_CTL_RUN | SD_CTL_INT_MASK);
        running = true;
    }

    /** Stops DMA ({@code snd_hdac_stream_stop}); the caller holds the chip's register lock. */
    void stop()
    {
        kernel.tracepoints().streamStop(tag);
        clear();
        busRegs.updatel(HdaRegisters.INTCTL, 1 << index, 0);
    }

    /**
     * Waits until the FIFO is ready after a start, or RUN reads 0 after a stop ({@code snd_hdac_stream_sync}).
     *
     * @param start true after a start.
     */
    void sync(final boolean start)
    {
        for (int timeout = 5000; timeout > 0; timeout--)
        {
            if (start)
            {
                if ((readb(HdaRegisters.SD_STS) & HdaRegisters.SD_STS_FIFORDY) != 0)
                {
                    return;
                }
            }
            else if ((readb(HdaRegisters.SD_CTL) & HdaRegisters.SD_CTL_RUN) == 0)
            {
                return;
            }
        }
    }

    /** Clears the descriptor's programming ({@code snd_hdac_stream_cleanup}). */
    void cleanup()
    {
        writel(HdaRegisters.SD_BDPL, 0);
        writel(HdaRegisters.SD_BDPU, 0);
        writel(HdaRegisters.SD_CTL, 0);
        prepared = false;
    }

    /**
     * The DMA position from the position buffer, in bytes into the DMA's (possibly rotated) view.
     *
     * @return the position-buffer word.
     */
    int posbuf()
    {
        return memory.readIntAcquire(posbufSlot);
    }

    /**
     * The DMA position from LPIB.
     *
     * @return LPIB.
     */
    int lpib()
    {
        return readl(HdaRegisters.SD_LPIB);
    }

    /**
     * Converts a position reported by the hardware (relative to where the BDL starts) to a byte offset in the
     * buffer.
     *
     * @param hwPos bytes since the BDL's first entry.
     * @return offset in the buffer, {@code 0 <= pos < bufferBytes}, or 0 for an invalid position.
     */
    int bufferPosition(final int hwPos)
    {
        if (hwPos < 0 || hwPos >= bufferBytes)
        {
            return 0;
        }
        return (hwPos + resumeOffsetBytes) % bufferBytes;
    }
}

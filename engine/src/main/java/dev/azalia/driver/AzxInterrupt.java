package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.PcmSubstream;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The controller's interrupt path, as Linux 6.1 has it: {@code azx_interrupt} (INTSTS loop, stream interrupts,
 * RIRBSTS acknowledged before the RIRB is read), {@code snd_hdac_bus_handle_stream_irq} / {@code stream_update},
 * {@code azx_position_check} / {@code azx_position_ok} (the 2/3-period bogus test, the position-buffer check, the
 * "not really elapsed yet" pending test) and {@code azx_irq_pending_work} (1 ms polling of pending streams).
 *
 * <p>Threading: {@link #interrupt()} runs on the interrupt thread; the pending work on the workqueue. Counters are
 * written by the interrupt thread only.
 */
final class AzxInterrupt
{
    private static final long PENDING_POLL_NANOS = 1_000_000L;

    private final AzxChip chip;
    private final KernelLog log;
    private final boolean bdlPosAdj;
    private volatile boolean usePosbuf;
    private volatile boolean positionChecked;
    private volatile boolean pendingWarned;
    private volatile boolean pendingWorkQueued;
    private volatile boolean lpibDelayUnstable;
    private long periodInterrupts;
    private long bogusInterrupts;
    private volatile long fifoErrors;
    private volatile long descriptorErrors;
    private volatile long pendingInterrupts;
    private volatile AzxChip.PeriodListener periodListener = index -> { };
    private volatile Runnable interruptEntryListener = () -> { };
    private volatile Thread handlerThread;

    /**
     * The interrupt path of one chip.
     *
     * @param chip the controller.
     */
    AzxInterrupt(final AzxChip chip)
    {
        this.chip = chip;
        this.log = chip.kernel().log();
        this.usePosbuf = !chip.identity().positionFromLpib();
        this.bdlPosAdj = chip.identity().bdlPosAdjFrames() > 0;
    }

    void setPeriodListener(final AzxChip.PeriodListener listener)
    {
        this.periodListener = listener;
    }

    void setInterruptEntryListener(final Runnable listener)
    {
        this.interruptEntryListener = listener;
    }

    long periodInterrupts()
    {
        return periodInterrupts;
    }

    long bogusInterrupts()
    {
        return bogusInterrupts;
    }

    long fifoErrors()
    {
        return fifoErrors;
    }

    long descriptorErrors()
    {
        return descriptorErrors;
    }

    long pendingInterrupts()
    {
        return pendingInterrupts;
    }

    boolean usesPositionBuffer()
    {
        return usePosbuf;
    }

    boolean inInterrupt()
    {
        return handlerThread == Thread.currentThread();
    }

    /**
     * {@code azx_interrupt}: IRQ_NONE while runtime-suspended only on IDs with runtime PM.
     *
     * @return true if the interrupt was ours.
     */
    boolean interrupt()
    {
        if (chip.identity().runtimePm() && !chip.runtimePm().active())
        {
            return false;
        }
        handlerThread = Thread.currentThread();
        interruptEntryListener.run();
        try
        {
            return handle();
        }
        finally
        {
            handlerThread = null;
        }
    }

    /**
     * The status loop under {@code bus->reg_lock}, as {@code azx_interrupt} holds it: a trigger or a command cannot
     * run between a stream's status read, its acknowledgement and the {@code running} check.
     */
    private boolean handle()
    {
        final ReentrantLock busLock = chip.regLock();
        busLock.lock();
        try
        {
            return handleLocked();
        }
        finally
        {
            busLock.unlock();
        }
    }

    private boolean handleLocked()
    {
        boolean handled = false;
        final ChipRegisters r = chip.registers();
        for (int repeat = 0; repeat < 10; repeat++)
        {
            final int status = r.readl(HdaRegisters.INTSTS);
            if (status == 0 || status == 0xffffffff)
            {
                break;
            }
            handled = true;
            boolean active = handleStreamIrq(status);
            final int rirbsts = r.readb(HdaRegisters.RIRBSTS);
            if ((rirbsts & (HdaRegisters.RIRBSTS_RINTFL | HdaRegisters.RIRBSTS_RIRBOIS)) != 0)
            {
                // acknowledged before RIRBWP is read, so a response landing in between raises a new interrupt
                r.writeb(HdaRegisters.RIRBSTS, HdaRegisters.RIRBSTS_RINTFL | HdaRegisters.RIRBSTS_RIRBOIS);
                active = true;
                if ((rirbsts & HdaRegisters.RIRBSTS_RINTFL) != 0)
                {
                    chip.transport().updateRirb();
                }
            }
            if (!active)
            {
                break;
            }
        }
        return handled;
    }

    private boolean handleStreamIrq(final int status)
    {
        boolean handled = false;
        for (int i = 0; i < HdaRegisters.NUM_STREAMS; i++)
        {
            final AzxStream s = chip.stream(i);
            if ((status & (1 << s.index())) == 0)
            {
                continue;
            }
            final int sdStatus = s.readb(HdaRegisters.SD_STS);
            s.writeb(HdaRegisters.SD_STS, HdaRegisters.SD_INT_MASK);
            handled = true;
            if ((sdStatus & (HdaRegisters.SD_STS_FIFOE | HdaRegisters.SD_STS_DESE)) != 0)
            {
                streamErrors(s.index(), sdStatus);
            }
            final PcmSubstream substream = s.substream;
            if (null == substream || !s.running || (sdStatus & HdaRegisters.SD_STS_BCIS) == 0)
            {
                continue;
            }
            if (positionCheck(s))
            {
                // snd_pcm_period_elapsed runs with the bus lock dropped: it takes the stream lock, under which the
                // core calls trigger, which takes the bus lock
                final ReentrantLock busLock = chip.regLock();
                busLock.unlock();
                try
                {
                    elapsed(s, substream);
                }
                finally
                {
                    busLock.lock();
                }
            }
        }
        return handled;
    }

    /**
     * FIFOE or DESE came with a stream interrupt. Linux clears them with BCIS and acts on BCIS alone, silently; this
     * driver does the same and, beyond Linux, counts them and logs the first of each kind.
     */
    private void streamErrors(final int index, final int sdStatus)
    {
        if ((sdStatus & HdaRegisters.SD_STS_FIFOE) != 0 && fifoErrors++ == 0)
        {
            log.warn(chip.source(), "stream " + index + ": FIFO error (FIFOE) cleared with the stream interrupt;"
                + " later ones are counted, not logged");
        }
        if ((sdStatus & HdaRegisters.SD_STS_DESE) != 0 && descriptorErrors++ == 0)
        {
            log.warn(chip.source(), "stream " + index + ": descriptor error (DESE) cleared with the stream interrupt;"
                + " later ones are counted, not logged");
        }
    }

    private void elapsed(final AzxStream s, final PcmSubstream substream)
    {
        periodInterrupts++;
        chip.moveStats().onPeriod(chip.kernel().clock());
        periodListener.onPeriodElapsed(s.index());
        substream.periodElapsed();
    }

    /** {@code azx_position_check}: a pending result schedules the pending work. */
    private boolean positionCheck(final AzxStream s)
    {
        final int ok = positionOk(s);
        if (ok > 0)
        {
            s.irqPending = false;
            return true;
        }
        if (ok == 0)
        {
            s.irqPending = true;
            pendingInterrupts++;
            schedulePendingWork();
        }
        return false;
    }

    /**
     * {@code azx_position_ok}.
     *
     * @return 1 if the period elapsed, 0 if it is pending (check again later), -1 if the interrupt is bogus.
     */
    private int positionOk(final AzxStream s)
    {
        final int wallclk = chip.registers().readl(HdaRegisters.WALCLK) - s.startWallclk;
        if (Integer.compareUnsigned(wallclk, (s.periodWallclk * 2) / 3) < 0)
        {
            bogusInterrupts++;
            return -1;
        }
        int pos;
        if (!usePosbuf)
        {
            pos = s.lpib();
        }
        else
        {
            pos = s.posbuf();
            if (!positionChecked)
            {
                positionChecked = true;
                if (pos == 0 || pos == 0xffffffff)
                {
                    log.info(chip.source(), "Invalid position buffer, using LPIB read method instead.");
                    usePosbuf = false;
                    pos = s.lpib();
                }
            }
        }
        if (pos < 0 || pos >= s.bufferBytes)
        {
            pos = 0;
        }
        if (s.periodBytes == 0)
        {
            return -1;
        }
        // a BDL rotated for a restart in place (full resume, rwsem: project extensions) has its IOCs on the period
        // boundaries and a back-dated start, which the "not yet elapsed" tests below are not made for
        final boolean linuxBdl = s.resumeOffsetBytes == 0;
        if (linuxBdl && Integer.compareUnsigned(wallclk, (s.periodWallclk * 5) / 4) < 0 && pos % s.periodBytes > s.periodBytes / 2)
        {
            return bdlPosAdj ? 0 : -1;
        }
        s.startWallclk += wallclk;
        return !linuxBdl || reallyElapsed(s, pos) ? 1 : (bdlPosAdj ? 0 : -1);
    }

    /**
     * The 6.x "period really elapsed" test: with the hardware pointer's base and the last interrupt-time pointer
     * equal, the position must have reached the next period boundary. The core publishes only its current
     * {@code hw_ptr}; both are derived from it (base: the buffer start, interrupt pointer: the period start).
     */
    private static boolean reallyElapsed(final AzxStream s, final int posBytes)
    {
        final PcmSubstream substream = s.substream;
        if (null == substream || null == substream.hwParams())
        {
            return true;
        }
        // read without the stream lock, as azx_position_ok does: the handler holds the bus lock, and a writer that
        // holds the stream lock may be triggering (which takes the bus lock)
        final long hwPtr = substream.hwPtrUnlocked();
        final long bufferFrames = substream.hwParams().bufferFrames();
        final long periodFrames = substream.hwParams().periodFrames();
        final long base = hwPtr - hwPtr % bufferFrames;
        final long interruptPtr = hwPtr - hwPtr % periodFrames;
        if (base != interruptPtr)
        {
            return true;
        }
        long hw = base + s.bufferPosition(posBytes) / substream.hwParams().frameBytes();
        if (hw < hwPtr)
        {
            // the position wrapped past the buffer's end since the last update
            hw += bufferFrames;
        }
        return hw >= interruptPtr + periodFrames;
    }

    private void schedulePendingWork()
    {
        if (pendingWorkQueued)
        {
            return;
        }
        pendingWorkQueued = true;
        chip.kernel().queueWork("azx_irq_pending_work", this::pendingWork);
    }

    /** {@code azx_irq_pending_work}: polls pending streams every 1 ms until each elapsed or turned bogus. */
    private void pendingWork()
    {
        if (!pendingWarned)
        {
            pendingWarned = true;
            log.info(chip.source(), "IRQ timing workaround is activated for card #" + chip.card().number()
                + ". Suggest a bigger bdl_pos_adj.");
        }
        int pending = 0;
        for (int i = 0; i < HdaRegisters.NUM_STREAMS; i++)
        {
            final AzxStream s = chip.stream(i);
            final PcmSubstream substream = s.substream;
            if (!s.irqPending || null == substream || !s.running)
            {
                continue;
            }
            final int ok;
            chip.regLock().lock();
            try
            {
                ok = positionOk(s);
            }
            finally
            {
                chip.regLock().unlock();
            }
            if (ok > 0)
            {
                s.irqPending = false;
                elapsed(s, substream);
            }
            else if (ok == 0)
            {
                pending++;
            }
        }
        if (pending == 0)
        {
            pendingWorkQueued = false;
            return;
        }
        chip.kernel().schedule("azx_irq_pending_work", PENDING_POLL_NANOS, this::pendingWork);
    }

    /**
     * The stream's position in its buffer ({@code azx_get_position}): from SDnLPIB on LPIB IDs or after the
     * position-buffer check failed, else from the position buffer; IDs with {@code COUNT_LPIB_DELAY} also read
     * SDnLPIB for the delay ({@code azx_get_delay_from_lpib}).
     *
     * @param s the stream.
     * @return byte offset in the buffer.
     */
    int position(final AzxStream s)
    {
        final int pos = s.bufferPosition(usePosbuf ? s.posbuf() : s.lpib());
        if (usePosbuf && countsLpibDelay())
        {
            s.lpibDelayBytes = lpibDelay(s, pos);
        }
        return pos;
    }

    /**
     * Whether the pointer still reads SDnLPIB for the delay: the ID counts it and no read has been unstable yet.
     *
     * @return true while LPIB delay counting is on.
     */
    boolean countsLpibDelay()
    {
        return chip.identity().countLpibDelay() && !lpibDelayUnstable;
    }

    /** {@code azx_get_delay_from_lpib}: a delay of a period or more turns the counting off for the chip. */
    private int lpibDelay(final AzxStream s, final int pos)
    {
        int delay = pos - s.bufferPosition(s.lpib());
        if (delay < 0)
        {
            delay += s.bufferBytes;
        }
        if (delay >= s.periodBytes)
        {
            log.info(chip.source(), "Unstable LPIB (" + delay + " >= " + s.periodBytes
                + "); disabling LPIB delay counting");
            lpibDelayUnstable = true;
            return 0;
        }
        return delay;
    }
}

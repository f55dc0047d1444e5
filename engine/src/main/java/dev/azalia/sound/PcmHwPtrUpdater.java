package dev.azalia.sound;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The position side of one playback runtime: Linux 6.1's {@code snd_pcm_period_elapsed} (from the interrupt) and
 * {@code snd_pcm_update_hw_ptr} (from the application side) read the driver's {@link PcmOps#pointer}, advance
 * {@code hw_ptr} with {@link PcmPointers}' arithmetic, then {@code snd_pcm_update_state} ends a drain when the ring
 * is empty, stops with an xrun ({@code __snd_pcm_xrun}) once {@code avail} reaches the stop threshold, or wakes the
 * writers and drainers. A position of {@link PcmOps#POS_XRUN} is an xrun at once. Counts the xruns and the period
 * interrupts since open; with xrun debug, logs "XRUN: pcmC0D0p:0" as Linux does.
 *
 * <p><b>Threads.</b> {@link #periodElapsed()} runs on the driver's interrupt thread and {@link #updateHwPtr()} on
 * the application thread; both take the stream lock. Methods ending in {@code Locked} run under it, held by the
 * caller. Allocates nothing on the normal path (only error and debug log lines allocate).
 */
final class PcmHwPtrUpdater
{
    private final PcmSubstream substream;
    private final Card card;
    private final PcmOps ops;
    private final ReentrantLock lock;
    private final PcmStateMachine machine;
    private final PcmPointers ptrs;

    // Guarded by the stream lock.
    private long xruns;
    private long periodsElapsed;
    private boolean xrunDebug;

    /**
     * The position side of {@code substream}.
     *
     * @param substream the substream the ops are called with.
     * @param card      the card (clock, log).
     * @param ops       the driver's operations.
     * @param lock      the stream lock.
     * @param machine   the state machine.
     * @param ptrs      the pointers.
     */
    PcmHwPtrUpdater(final PcmSubstream substream, final Card card, final PcmOps ops, final ReentrantLock lock,
        final PcmStateMachine machine, final PcmPointers ptrs)
    {
        this.substream = substream;
        this.card = card;
        this.ops = ops;
        this.lock = lock;
        this.machine = machine;
        this.ptrs = ptrs;
    }

    /**
     * {@code snd_pcm_period_elapsed}; see {@link PcmSubstream#periodElapsed()}.
     */
    void periodElapsed()
    {
        lock.lock();
        try
        {
            final PcmState state = machine.state();
            if (PcmState.RUNNING != state && PcmState.DRAINING != state)
            {
                return;
            }
            periodsElapsed++;
            updateHwPtrLocked(true);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * {@code snd_pcm_update_hw_ptr} from the application side; see {@link PcmSubstream#updateHwPtr()}.
     *
     * @throws SoundException {@link Errno#EBADFD} if not open, {@link Errno#ENODEV} after disconnect.
     */
    void updateHwPtr()
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            final PcmState state = machine.state();
            if (PcmState.RUNNING == state || PcmState.DRAINING == state)
            {
                updateHwPtrLocked(false);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * {@code snd_pcm_update_hw_ptr0}: the pointer arithmetic in {@link PcmPointers}, then the state update.
     *
     * @param inInterrupt true from {@code snd_pcm_period_elapsed}.
     */
    void updateHwPtrLocked(final boolean inInterrupt)
    {
        final long pos = ops.pointer(substream);
        if (PcmOps.POS_XRUN == pos)
        {
            xrunLocked();
            return;
        }
        if (PcmPointers.Update.MOVED == ptrs.update(pos, inInterrupt, card.clock().nanoTime(), xrunDebug))
        {
            updateStateLocked();
        }
    }

    /** Clears the counters (open). */
    void clearCountersLocked()
    {
        xruns = 0;
        periodsElapsed = 0;
        ptrs.clearCounters();
    }

    /**
     * Enables the xrun-debug checks and messages (see {@link PcmSubstream#setXrunDebug(boolean)}).
     *
     * @param enabled whether to check and log.
     */
    void setXrunDebugLocked(final boolean enabled)
    {
        xrunDebug = enabled;
    }

    /**
     * Xruns since open.
     *
     * @return the count.
     */
    long xrunsLocked()
    {
        return xruns;
    }

    /**
     * Period interrupts that found the stream running or draining, since open.
     *
     * @return the count.
     */
    long periodsElapsedLocked()
    {
        return periodsElapsed;
    }

    /** {@code snd_pcm_update_state}: drain end, xrun at the stop threshold, or wake the sleepers. */
    private void updateStateLocked()
    {
        final long avail = ptrs.avail();
        if (PcmState.DRAINING == machine.state())
        {
            if (avail >= ptrs.bufferFrames())
            {
                machine.stopLocked(PcmState.SETUP);
                return;
            }
        }
        else if (avail >= machine.stopThresholdFramesLocked())
        {
            xrunLocked();
            return;
        }
        machine.wakeSleepersLocked();
    }

    private void xrunLocked()
    {
        machine.stopLocked(PcmState.XRUN);
        xruns++;
        if (xrunDebug)
        {
            card.log().warn(card.logSource(), "XRUN: " + substream.name());
        }
    }
}

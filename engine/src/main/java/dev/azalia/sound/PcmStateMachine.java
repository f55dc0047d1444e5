package dev.azalia.sound;

import java.util.concurrent.locks.Condition;

/**
 * The state of one playback runtime ({@code runtime->state}, {@code runtime->suspended_state},
 * {@code runtime->stop_operating}, the sw_params thresholds) and its transitions as Linux 6.1's PCM core makes
 * them: {@code snd_pcm_start}, {@code snd_pcm_stop}, pause push and release, {@code snd_pcm_suspend},
 * {@code snd_pcm_resume}, and the state parts of open, prepare, drop, drain and close; also the checks of which
 * state permits what ({@code pcm_accessible_state}) and the errno for the rest. The pointer side
 * ({@code snd_pcm_update_hw_ptr0}, {@code snd_pcm_update_state}, xruns) is {@link PcmHwPtrUpdater}'s.
 *
 * <p>Every transition that needs the DMA to start or stop issues a {@link TriggerCommand} through
 * {@link PcmOps#trigger} with the stream lock held, and wakes the sleepers on {@code runtime->sleep}. A STOP or
 * SUSPEND sets {@link #stopOperating()}, which {@link #syncStop()} consumes.
 *
 * <p><b>Threads.</b> Methods whose name ends in {@code Locked}, and the checks, run under the owning substream's
 * stream lock, held by the caller. {@link #state()}, {@link #isOpened()} and {@link #stopOperating()} are volatile
 * reads that need no lock. {@link #syncStop()} runs without the lock. Allocates nothing on the normal path (only
 * errors and log lines allocate).
 */
final class PcmStateMachine
{
    private final PcmSubstream substream;
    private final Card card;
    private final PcmOps ops;
    private final PcmPointers ptrs;
    private final Condition sleep;

    // Written under the stream lock; volatile so queries and the app-side checks may read them without it.
    private volatile PcmState state = PcmState.OPEN;
    private volatile boolean opened;
    private volatile boolean stopOperating;
    private volatile boolean syncStopDisabledForTest;

    // Guarded by the stream lock.
    private PcmState suspendedState = PcmState.OPEN;
    private long startThresholdFrames;
    private long stopThresholdFrames;

    /**
     * The state machine of {@code substream}.
     *
     * @param substream the substream the ops are called with (and whose name the messages carry).
     * @param card      the card (clock, log, shutdown flag, sync irq).
     * @param ops       the driver's operations.
     * @param ptrs      the runtime's pointers.
     * @param sleep     the condition of the stream lock that writers and drainers sleep on.
     */
    PcmStateMachine(final PcmSubstream substream, final Card card, final PcmOps ops, final PcmPointers ptrs,
        final Condition sleep)
    {
        this.substream = substream;
        this.card = card;
        this.ops = ops;
        this.ptrs = ptrs;
        this.sleep = sleep;
    }

    // ----------------------------------------------------------------------------------------------- open, close

    /**
     * The state part of an open: fails unless connected and not yet open, registers the open file with the card,
     * state {@link PcmState#OPEN}, no stop pending (the counters are {@link PcmHwPtrUpdater}'s).
     *
     * @throws SoundException {@link Errno#ENODEV} after a disconnect, {@link Errno#EBUSY} if already open (or from
     *                        the card's file list).
     */
    void openLocked()
    {
        checkConnected();
        if (opened)
        {
            throw new SoundException(Errno.EBUSY, substream.name() + " is already open");
        }
        card.fileAdd();
        opened = true;
        state = PcmState.OPEN;
        stopOperating = false;
    }

    /** Undoes {@link #openLocked()}'s flag after the driver's open failed (the caller removes the card's file). */
    void openFailed()
    {
        opened = false;
    }

    /**
     * The state part of a close before the sync-stop: a paused stream is released, a running or draining one
     * stopped (state SETUP).
     *
     * @throws SoundException {@link Errno#EBADFD} if not open.
     */
    void closeStopLocked()
    {
        if (!opened)
        {
            throw new SoundException(Errno.EBADFD, substream.name() + " is not open");
        }
        if (PcmState.PAUSED == state)
        {
            releasePauseLocked();
        }
        if (PcmState.RUNNING == state || PcmState.DRAINING == state)
        {
            stopLocked(PcmState.SETUP);
        }
    }

    /** The end of a close: not open, state OPEN unless disconnected. */
    void closedLocked()
    {
        opened = false;
        if (PcmState.DISCONNECTED != state)
        {
            state = PcmState.OPEN;
        }
    }

    /**
     * Sets the state unless the substream was disconnected (hw_params and hw_free outcomes).
     *
     * @param s the new state.
     */
    void setStateLocked(final PcmState s)
    {
        if (PcmState.DISCONNECTED != state)
        {
            state = s;
        }
    }

    /** {@code snd_pcm_dev_disconnect} for this substream: stop if running, state DISCONNECTED, wake sleepers. */
    void disconnectLocked()
    {
        stopLocked(PcmState.DISCONNECTED);
    }

    // ----------------------------------------------------------------------------------------------- transitions

    /**
     * The state part of a prepare before the driver's: a paused stream is released and stopped, a suspended one
     * dropped.
     *
     * @throws SoundException {@link Errno#EBADFD} in OPEN, {@link Errno#EBUSY} while running or draining.
     */
    void prePrepareLocked()
    {
        switch (state)
        {
            case OPEN:
                throw badState("prepare");
            case RUNNING:
            case DRAINING:
                throw new SoundException(Errno.EBUSY, substream.name() + ": prepare while " + state);
            case PAUSED:
                releasePauseLocked();
                stopLocked(PcmState.SETUP);
                break;
            case SUSPENDED:
                stopLocked(PcmState.SETUP);
                break;
            default:
                break;
        }
    }

    /** The end of a prepare: pointers reset, state PREPARED, sleepers woken. */
    void preparedLocked()
    {
        ptrs.reset(card.clock().nanoTime());
        state = PcmState.PREPARED;
        sleep.signalAll();
    }

    /**
     * {@code snd_pcm_start}: {@link TriggerCommand#START}, state RUNNING.
     *
     * @throws SoundException {@link Errno#EBADFD} unless PREPARED, {@link Errno#EPIPE} with an empty buffer (unless
     *                        xrun detection is off).
     */
    void startLocked()
    {
        if (PcmState.PREPARED != state)
        {
            throw badState("start");
        }
        if (stopThresholdFrames < ptrs.boundary() && ptrs.avail() >= ptrs.bufferFrames())
        {
            throw new SoundException(Errno.EPIPE, substream.name() + ": start with an empty buffer");
        }
        ops.trigger(substream, TriggerCommand.START);
        ptrs.touch(card.clock().nanoTime());
        state = PcmState.RUNNING;
    }

    /**
     * {@code snd_pcm_stop}: STOP trigger if the DMA runs (a failure is logged), then the new state; wakes sleepers.
     *
     * @param newState the state afterwards.
     */
    void stopLocked(final PcmState newState)
    {
        if (PcmState.RUNNING == state || PcmState.DRAINING == state)
        {
            stopOperating = true;
            try
            {
                ops.trigger(substream, TriggerCommand.STOP);
            }
            catch (final SoundException e)
            {
                card.log().err(card.logSource(), substream.name() + ": trigger STOP failed: " + e.getMessage());
            }
        }
        state = newState;
        sleep.signalAll();
    }

    /**
     * {@code snd_pcm_drop}: a paused stream is released, then stopped; state SETUP.
     *
     * @throws SoundException {@link Errno#EBADFD} in OPEN.
     */
    void dropLocked()
    {
        if (PcmState.OPEN == state)
        {
            throw badState("drop");
        }
        if (PcmState.PAUSED == state)
        {
            releasePauseLocked();
        }
        stopLocked(PcmState.SETUP);
    }

    /**
     * The state part of {@code snd_pcm_drain}'s start: a paused stream is released, a prepared one with data started;
     * a running or released stream goes to DRAINING.
     *
     * @return true if the caller must wait for the drain to end; false if the stream is already at SETUP.
     * @throws SoundException {@link Errno#EBADFD} in OPEN, {@link Errno#ENODEV} when disconnected,
     *                        {@link Errno#ESTRPIPE} when suspended, what {@link #startLocked()} throws.
     */
    boolean drainStartLocked()
    {
        switch (state)
        {
            case OPEN:
                throw badState("drain");
            case DISCONNECTED:
                throw disconnected();
            case SUSPENDED:
                throw suspended();
            case SETUP:
                return false;
            case XRUN:
                state = PcmState.SETUP;
                return false;
            case PAUSED:
                releasePauseLocked();
                state = PcmState.DRAINING;
                break;
            case PREPARED:
                if (ptrs.avail() >= ptrs.bufferFrames())
                {
                    state = PcmState.SETUP;
                    return false;
                }
                startLocked();
                state = PcmState.DRAINING;
                break;
            case RUNNING:
                state = PcmState.DRAINING;
                break;
            default:
                break;
        }
        return true;
    }

    /**
     * Pause push (RUNNING to PAUSED; the caller updates the pointers first) or release (PAUSED to RUNNING).
     *
     * @param push true to pause, false to continue.
     * @throws SoundException {@link Errno#EBADFD} in another state.
     */
    void pauseLocked(final boolean push)
    {
        if (push)
        {
            if (PcmState.RUNNING != state)
            {
                throw badState("pause");
            }
            ptrs.pauseToggled(card.clock().nanoTime());
            ops.trigger(substream, TriggerCommand.PAUSE_PUSH);
            state = PcmState.PAUSED;
            sleep.signalAll();
        }
        else
        {
            if (PcmState.PAUSED != state)
            {
                throw badState("pause release");
            }
            releasePauseLocked();
        }
    }

    /** {@code snd_pcm_suspend}; see {@link PcmSubstream#suspend()}. */
    void suspendLocked()
    {
        switch (state)
        {
            case RUNNING:
            case DRAINING:
                suspendedState = state;
                stopOperating = true;
                try
                {
                    ops.trigger(substream, TriggerCommand.SUSPEND);
                }
                catch (final SoundException e)
                {
                    card.log().err(card.logSource(),
                        substream.name() + ": trigger SUSPEND failed: " + e.getMessage());
                }
                break;
            case PREPARED:
            case PAUSED:
            case XRUN:
                suspendedState = state;
                break;
            default:
                return;
        }
        state = PcmState.SUSPENDED;
        sleep.signalAll();
    }

    /**
     * {@code snd_pcm_resume}; see {@link PcmSubstream#resume()}.
     *
     * @param resumeSupported whether the open's hardware declares {@code SNDRV_PCM_INFO_RESUME}.
     * @throws SoundException {@link Errno#ENOSYS} without resume support, {@link Errno#EBADFD} unless SUSPENDED.
     */
    void resumeLocked(final boolean resumeSupported)
    {
        if (!resumeSupported)
        {
            throw new SoundException(Errno.ENOSYS, substream.name() + ": the hardware cannot resume; prepare instead");
        }
        if (PcmState.SUSPENDED != state)
        {
            throw badState("resume");
        }
        final PcmState previous = suspendedState;
        if (PcmState.RUNNING == previous || PcmState.DRAINING == previous)
        {
            ops.trigger(substream, TriggerCommand.RESUME);
            ptrs.touch(card.clock().nanoTime());
        }
        state = previous;
        sleep.signalAll();
    }

    /** Wakes the writers and drainers sleeping on {@code runtime->sleep}. */
    void wakeSleepersLocked()
    {
        sleep.signalAll();
    }

    private void releasePauseLocked()
    {
        ptrs.pauseToggled(card.clock().nanoTime());
        ops.trigger(substream, TriggerCommand.PAUSE_RELEASE);
        state = PcmState.RUNNING;
        sleep.signalAll();
    }

    // -------------------------------------------------------------------------------------------------- sync-stop

    /**
     * {@code snd_pcm_sync_stop}: if a stop is pending, clears the flag and waits out an in-flight interrupt via
     * {@link PcmOps#syncStop} or the card's sync irq. Called without the stream lock: on a threaded kernel the
     * interrupt handler it waits for may need that lock. (On a virtual machine the one thread may hold it: a move
     * running inside a writer's wait, whose lock the wait conceptually released; the handler then runs inline and
     * is never in flight here.)
     */
    void syncStop()
    {
        if (!stopOperating)
        {
            return;
        }
        stopOperating = false;
        if (syncStopDisabledForTest)
        {
            return;
        }
        if (ops.hasSyncStop())
        {
            ops.syncStop(substream);
        }
        else
        {
            card.runSyncIrq();
        }
    }

    /** Test hook: skip the sync in {@link #syncStop()}. */
    void setSyncStopDisabledForTest(final boolean disabled)
    {
        this.syncStopDisabledForTest = disabled;
    }

    // ------------------------------------------------------------------------------------------------- sw_params

    /**
     * The defaults of {@code snd_pcm_hw_params}: start threshold 1, stop threshold the buffer.
     *
     * @param bufferFrames the buffer in frames.
     */
    void resetThresholdsLocked(final long bufferFrames)
    {
        startThresholdFrames = 1L;
        stopThresholdFrames = bufferFrames;
    }

    /**
     * Sets the start threshold.
     *
     * @param frames frames; less than 1 counts as 1.
     */
    void setStartThresholdLocked(final long frames)
    {
        startThresholdFrames = Math.max(1L, frames);
    }

    /**
     * Sets the stop threshold.
     *
     * @param frames frames; less than 1 counts as 1; at or above the boundary disables xrun detection.
     */
    void setStopThresholdLocked(final long frames)
    {
        stopThresholdFrames = Math.max(1L, frames);
    }

    /** The stop threshold: the {@code avail} in frames at which a running stream stops with an xrun. */
    long stopThresholdFramesLocked()
    {
        return stopThresholdFrames;
    }

    /**
     * Whether a prepared stream must start after a write: the buffered frames reached the start threshold.
     *
     * @return true to start now.
     */
    boolean shouldAutoStartLocked()
    {
        return PcmState.PREPARED == state && ptrs.bufferFrames() - ptrs.avail() >= startThresholdFrames;
    }

    // --------------------------------------------------------------------------------------------------- queries

    /** The current state (a volatile read: no lock needed). */
    PcmState state()
    {
        return state;
    }

    /** Whether the substream is open, between open and close (a volatile read). */
    boolean isOpened()
    {
        return opened;
    }

    /** Whether a STOP or SUSPEND was issued and not yet synced (a volatile read). */
    boolean stopOperating()
    {
        return stopOperating;
    }

    // --------------------------------------------------------------------------------------------------- checks

    /**
     * The writer's wake-up test: throws for a state a writer cannot wait in.
     *
     * @return true once there is room.
     * @throws SoundException {@link Errno#ESTRPIPE}, {@link Errno#EPIPE}, {@link Errno#ENODEV} or {@link Errno#EBADFD}
     *                        by state.
     */
    boolean writeReadyLocked()
    {
        switch (state)
        {
            case SUSPENDED:
                throw suspended();
            case XRUN:
                throw new SoundException(Errno.EPIPE, substream.name() + ": xrun");
            case DRAINING:
                throw new SoundException(Errno.EPIPE, substream.name() + ": write while draining");
            case DISCONNECTED:
                throw disconnected();
            case OPEN:
            case SETUP:
                throw badState("write");
            default:
                return ptrs.avail() > 0;
        }
    }

    /**
     * Fails after the card's shutdown or this substream's disconnect.
     *
     * @throws SoundException {@link Errno#ENODEV}.
     */
    void checkConnected()
    {
        if (card.shutdown() || PcmState.DISCONNECTED == state)
        {
            throw disconnected();
        }
    }

    /**
     * Fails unless connected and open.
     *
     * @throws SoundException {@link Errno#ENODEV} or {@link Errno#EBADFD}.
     */
    void checkOpened()
    {
        checkConnected();
        if (!opened)
        {
            throw new SoundException(Errno.EBADFD, substream.name() + " is not open");
        }
    }

    /**
     * {@code pcm_accessible_state} for read/write.
     *
     * @throws SoundException {@link Errno#EPIPE} after an xrun, {@link Errno#ESTRPIPE} when suspended,
     *                        {@link Errno#ENODEV} when disconnected, {@link Errno#EBADFD} otherwise.
     */
    void checkAccessible()
    {
        switch (state)
        {
            case PREPARED:
            case RUNNING:
            case PAUSED:
                return;
            case XRUN:
                throw new SoundException(Errno.EPIPE, substream.name() + ": xrun");
            case SUSPENDED:
                throw suspended();
            case DISCONNECTED:
                throw disconnected();
            default:
                throw badState("write");
        }
    }

    /**
     * The error for an operation the state does not allow.
     *
     * @param operation what was tried, e.g. {@code "hw_params"}.
     * @return an {@link Errno#EBADFD} exception naming the state.
     */
    SoundException badState(final String operation)
    {
        return new SoundException(Errno.EBADFD, substream.name() + ": " + operation + " in state " + state);
    }

    /** The error of a suspended stream ({@link Errno#ESTRPIPE}). */
    SoundException suspended()
    {
        return new SoundException(Errno.ESTRPIPE, substream.name() + " is suspended");
    }

    /** The error of a disconnected card ({@link Errno#ENODEV}). */
    SoundException disconnected()
    {
        return new SoundException(Errno.ENODEV, substream.name() + ": card " + card.id() + " is disconnected");
    }
}

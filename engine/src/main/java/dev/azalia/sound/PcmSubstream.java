package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The runtime of a playback substream and the file operations of its one open ({@code snd_pcm_substream} +
 * {@code snd_pcm_runtime} + the PCM ioctls).
 *
 * <p><b>Pointers.</b> {@link #hwPtr()} (what the hardware has played) and {@link #applPtr()} (what the application
 * has written) count frames modulo the <em>boundary</em>, a multiple of the buffer; {@code hw_ptr} follows the
 * hardware position as Linux 6.1's {@code snd_pcm_update_hw_ptr0} does ({@link PcmPointers} holds the pointers and
 * that arithmetic, and documents it), then {@code snd_pcm_update_state} ends a drain, stops with an xrun once
 * {@code avail} reaches the stop threshold, or wakes the sleepers.
 *
 * <p><b>Threads and locks.</b> File operations ({@link #open()} … {@link #close()}) are called by one application
 * thread at a time, like one file descriptor. Each first passes the card's power gate ({@link Card#powerWait()}):
 * it blocks while the card is not in D0 and fails with {@link Errno#ENODEV} after a disconnect. State, pointers and
 * counters are guarded by the <em>stream lock</em> (a {@link ReentrantLock}); {@link PcmOps#trigger} and
 * {@link PcmOps#pointer} run under it, the other ops without it. {@link #periodElapsed()} is called by the driver
 * from the interrupt thread and takes the stream lock. {@link #writei} and {@link #drain} sleep on a condition of
 * the stream lock through the card's {@link Waiter}, with the stream lock held once and no other core lock.
 * {@link #suspend()} and the card's {@code disconnect}/{@code suspendAllPcms} may run on any thread.
 *
 * <p><b>sync-stop.</b> When the core issues {@link TriggerCommand#STOP} (drop, drain end, xrun) or
 * {@link TriggerCommand#SUSPEND}, it sets {@link #stopOperating()}. Before {@code hw_params}, {@code prepare},
 * {@code hw_free} and {@code close} let the driver tear anything down, the core calls {@link PcmOps#syncStop} (or
 * the card's sync irq), without the stream lock, so that an interrupt handler already in flight, which may still
 * read the stream's buffer or registers and then call {@link #periodElapsed()}, finishes first.
 */
public final class PcmSubstream
{

    private final Card card;
    private final Pcm pcm;
    private final PcmOps ops;
    private final PcmHardware hardware;
    private final DmaMemory memory;

    private final ReentrantLock lock = new ReentrantLock();
    /** {@code runtime->sleep}: writers waiting for room and drainers waiting for the end. */
    private final Condition sleep = lock.newCondition();

    // Written under the stream lock; volatile so queries and the app-side checks may read them without it.
    private volatile PcmState state = PcmState.OPEN;
    private volatile boolean opened;
    private volatile HwParams params;
    private volatile boolean stopOperating;
    private volatile Object privateData;
    private volatile PcmHardware runtimeHardware;
    private volatile long dmaAddress;
    private volatile int allocatedBytes;
    private volatile boolean syncStopDisabledForTest;

    // Guarded by the stream lock.
    private final PcmPointers ptrs;
    private final PcmSleeper sleeper;
    private final BooleanSupplier writeReady;
    private final BooleanSupplier drainDone;
    private final BooleanSupplier paused;
    private long startThresholdFrames;
    private long stopThresholdFrames;
    private PcmState suspendedState = PcmState.OPEN;
    private long xruns;
    private long periodsElapsed;
    private boolean xrunDebug;

    PcmSubstream(final Card card, final Pcm pcm, final PcmOps ops, final PcmHardware hardware,
        final DmaMemory memory)
    {
        this.card = card;
        this.pcm = pcm;
        this.ops = ops;
        this.hardware = hardware;
        this.runtimeHardware = hardware;
        this.memory = memory;
        this.ptrs = new PcmPointers(card.log(), card::logSource, this::name);
        this.sleeper = new PcmSleeper(card, sleep, this::name);
        this.writeReady = this::writeReadyLocked;
        this.drainDone = () -> PcmState.DRAINING != state;
        this.paused = () -> PcmState.PAUSED == state;
    }

    // ------------------------------------------------------------------------------------------ file operations

    /**
     * Opens the substream: {@link PcmOps#open}, state {@link PcmState#OPEN}.
     *
     * @throws SoundException {@link Errno#EBUSY} if already open or the card's devices are locked,
     *                        {@link Errno#ENODEV} after disconnect.
     */
    public void open()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkConnected();
            if (opened)
            {
                throw new SoundException(Errno.EBUSY, name() + " is already open");
            }
            card.fileAdd();
            opened = true;
            state = PcmState.OPEN;
            params = null;
            stopOperating = false;
            runtimeHardware = hardware;
            xruns = 0;
            periodsElapsed = 0;
            ptrs.clearCounters();
        }
        finally
        {
            lock.unlock();
        }
        try
        {
            ops.open(this);
        }
        catch (final RuntimeException e)
        {
            opened = false;
            card.fileRemove();
            throw e;
        }
    }

    /**
     * Sets the hardware parameters: validates them against {@link PcmHardware}, syncs a previous stop,
     * allocates the DMA buffer (page aligned, when its size changed), resets the pointers and the thresholds as
     * {@code snd_pcm_hw_params} does (start threshold 1, stop threshold = buffer size), calls
     * {@link PcmOps#hwParams}; state {@link PcmState#SETUP}.
     *
     * @param p the parameters.
     * @throws SoundException {@link Errno#EINVAL} outside the constraints, {@link Errno#EBADFD} unless OPEN, SETUP
     *                        or PREPARED, {@link Errno#ENOMEM} if host memory is exhausted.
     */
    public void hwParams(final HwParams p)
    {
        card.powerWait();
        runtimeHardware.validate(p);
        lock.lock();
        try
        {
            checkOpened();
            if (PcmState.OPEN != state && PcmState.SETUP != state && PcmState.PREPARED != state)
            {
                throw badState("hw_params");
            }
        }
        finally
        {
            lock.unlock();
        }
        syncStop();
        final int bytes = p.bufferBytes();
        if (bytes != allocatedBytes)
        {
            try
            {
                dmaAddress = memory.allocate(bytes, 4096);
            }
            catch (final IllegalStateException e)
            {
                throw new SoundException(Errno.ENOMEM, "cannot allocate a DMA buffer of " + bytes + " bytes", e);
            }
            allocatedBytes = bytes;
        }
        lock.lock();
        try
        {
            params = p;
            ptrs.configure(p);
            startThresholdFrames = 1L;
            stopThresholdFrames = p.bufferFrames();
        }
        finally
        {
            lock.unlock();
        }
        try
        {
            ops.hwParams(this, p);
        }
        catch (final RuntimeException e)
        {
            setState(PcmState.OPEN);
            params = null;
            throw e;
        }
        setState(PcmState.SETUP);
    }

    /**
     * Prepares the stream: a paused stream is released and stopped, a suspended one dropped; syncs a previous
     * stop; {@link PcmOps#prepare}; {@code hw_ptr = appl_ptr = 0}; state {@link PcmState#PREPARED}. This is how an
     * application recovers from {@link Errno#EPIPE} (xrun) and {@link Errno#ESTRPIPE} (suspend).
     *
     * @throws SoundException {@link Errno#EBADFD} in OPEN, {@link Errno#EBUSY} while running or draining.
     */
    public void prepare()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            switch (state)
            {
                case OPEN:
                    throw badState("prepare");
                case RUNNING:
                case DRAINING:
                    throw new SoundException(Errno.EBUSY, name() + ": prepare while " + state);
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
        finally
        {
            lock.unlock();
        }
        syncStop();
        ops.prepare(this);
        lock.lock();
        try
        {
            ptrs.reset(card.clock().nanoTime());
            state = PcmState.PREPARED;
            sleep.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Starts a prepared stream ({@link TriggerCommand#START}); state {@link PcmState#RUNNING}.
     *
     * @throws SoundException {@link Errno#EBADFD} unless PREPARED, {@link Errno#EPIPE} if nothing was written.
     */
    public void start()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            startLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Writes interleaved frames, blocking while the ring is full ({@code snd_pcm_lib_write}). Copies into the DMA
     * buffer at {@code appl_ptr} (wrapping), advances {@code appl_ptr}, and starts the stream once the buffered
     * frames reach the start threshold. While the ring is full it sleeps until {@link #periodElapsed()} frees room;
     * if the hardware makes no progress for {@link #writeTimeoutNanos()} it fails with {@link Errno#EIO}
     * ("playback write error (DMA or IRQ trouble?)", also logged at debug level, as Linux 6.1 words it).
     *
     * @param src    interleaved samples, {@code frameBytes()} bytes per frame, little-endian.
     * @param offset the first byte in {@code src}.
     * @param frames how many frames to write.
     * @return frames written: all of them, or fewer if an error interrupted a write that had already copied some.
     * @throws SoundException {@link Errno#EPIPE} after an xrun, {@link Errno#ESTRPIPE} when suspended,
     *                        {@link Errno#EBADFD} in a wrong state, {@link Errno#ENODEV} when disconnected,
     *                        {@link Errno#EIO} on timeout, {@link Errno#EINVAL} for a bad range, {@link Errno#EINTR}
     *                        if the thread was interrupted.
     */
    public int writei(final byte[] src, final int offset, final int frames)
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            checkAccessible();
            final HwParams p = params;
            final int frameBytes = p.frameBytes();
            if (null == src || offset < 0 || frames < 0 || (long)offset + (long)frames * frameBytes > src.length)
            {
                throw new SoundException(Errno.EINVAL, name() + ": writei range outside the source array");
            }
            if (PcmState.RUNNING == state)
            {
                updateHwPtrLocked(false);
            }
            int written = 0;
            while (written < frames)
            {
                final long avail = ptrs.avail();
                if (avail <= 0)
                {
                    try
                    {
                        waitForAvailLocked();
                    }
                    catch (final SoundException e)
                    {
                        if (written > 0)
                        {
                            return written;
                        }
                        throw e;
                    }
                    continue;
                }
                final long applOffset = ptrs.applOffset();
                final int chunk = (int)Math.min(Math.min(avail, frames - written), ptrs.bufferFrames() - applOffset);
                if (!memory.write(dmaAddress + applOffset * frameBytes, src, offset + written * frameBytes,
                    chunk * frameBytes))
                {
                    throw new SoundException(Errno.EIO, name() + ": DMA buffer outside host memory");
                }
                ptrs.advanceAppl(chunk);
                written += chunk;
                if (PcmState.PREPARED == state && ptrs.bufferFrames() - ptrs.avail() >= startThresholdFrames)
                {
                    try
                    {
                        startLocked();
                    }
                    catch (final SoundException e)
                    {
                        if (written > 0)
                        {
                            return written;
                        }
                        throw e;
                    }
                }
            }
            return written;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Plays out every written frame, then stops ({@code snd_pcm_drain}); state {@link PcmState#SETUP} afterwards.
     * A paused stream is released first; a prepared one with data is started; an empty or xrun one just goes to
     * SETUP. Fails with {@link Errno#EIO} ("playback drain error (DMA or IRQ trouble?)") and stops the stream if
     * the hardware makes no progress for {@link #writeTimeoutNanos()}.
     *
     * @throws SoundException {@link Errno#EBADFD} in OPEN, {@link Errno#ESTRPIPE} when suspended,
     *                        {@link Errno#ENODEV} when disconnected, {@link Errno#EIO} on timeout.
     */
    public void drain()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            switch (state)
            {
                case OPEN:
                    throw badState("drain");
                case DISCONNECTED:
                    throw disconnected();
                case SUSPENDED:
                    throw suspended();
                case SETUP:
                    return;
                case XRUN:
                    state = PcmState.SETUP;
                    return;
                case PAUSED:
                    releasePauseLocked();
                    state = PcmState.DRAINING;
                    break;
                case PREPARED:
                    if (ptrs.avail() >= ptrs.bufferFrames())
                    {
                        state = PcmState.SETUP;
                        return;
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
            updateHwPtrLocked(false);
            if (!sleeper.awaitProgress(drainDone, paused, ptrs, sleeper.timeoutNanos(params)))
            {
                card.log().debug(card.logSource(), "playback drain error (DMA or IRQ trouble?)");
                stopLocked(PcmState.SETUP);
                throw new SoundException(Errno.EIO, "playback drain error (DMA or IRQ trouble?)");
            }
            if (PcmState.DISCONNECTED == state)
            {
                throw disconnected();
            }
            if (PcmState.SUSPENDED == state)
            {
                throw suspended();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Stops at once, dropping what was buffered ({@code snd_pcm_drop}): a paused stream is released, a running one
     * gets {@link TriggerCommand#STOP}; state {@link PcmState#SETUP}.
     *
     * @throws SoundException {@link Errno#EBADFD} in OPEN, {@link Errno#ENODEV} when disconnected.
     */
    public void drop()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
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
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Pauses ({@link TriggerCommand#PAUSE_PUSH}, RUNNING to PAUSED) or continues
     * ({@link TriggerCommand#PAUSE_RELEASE}, PAUSED to RUNNING) the stream, keeping the position.
     *
     * @param push true to pause, false to continue.
     * @throws SoundException {@link Errno#EBADFD} in another state.
     */
    public void pause(final boolean push)
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            if (push)
            {
                if (PcmState.RUNNING == state)
                {
                    updateHwPtrLocked(false);
                }
                if (PcmState.RUNNING != state)
                {
                    throw badState("pause");
                }
                ptrs.pauseToggled(card.clock().nanoTime());
                ops.trigger(this, TriggerCommand.PAUSE_PUSH);
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
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Suspends the substream ({@code snd_pcm_suspend}): a running or draining stream gets
     * {@link TriggerCommand#SUSPEND} (and {@link #stopOperating()} is set); a running, draining, prepared, paused or
     * xrun stream goes to {@link PcmState#SUSPENDED}, remembering its state for {@link #resume()}. As in ALSA, a
     * paused or prepared stream gets no trigger (its DMA is not running). Other states are left alone (ALSA's
     * {@code -EBUSY} that {@code snd_pcm_suspend_all} skips). Does not pass the power gate and does not sync the
     * stop; {@link Card#suspendAllPcms()} does both steps for every PCM.
     */
    public void suspend()
    {
        lock.lock();
        try
        {
            switch (state)
            {
                case RUNNING:
                case DRAINING:
                    suspendedState = state;
                    stopOperating = true;
                    try
                    {
                        ops.trigger(this, TriggerCommand.SUSPEND);
                    }
                    catch (final SoundException e)
                    {
                        card.log().err(card.logSource(), name() + ": trigger SUSPEND failed: " + e.getMessage());
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
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Resumes a suspended stream from its saved position: {@link TriggerCommand#RESUME} if it was running or
     * draining, then back to the state it had ({@code snd_pcm_resume}). Only with {@link PcmHardware#resumeSupported()}
     * ({@code SNDRV_PCM_INFO_RESUME}); otherwise it fails with {@link Errno#ENOSYS} as Linux's
     * {@code snd_pcm_pre_resume} does, and the application re-prepares ({@code aplay}, alsa-lib's recovery).
     *
     * @throws SoundException {@link Errno#ENOSYS} without resume support, {@link Errno#EBADFD} unless SUSPENDED.
     */
    public void resume()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            if (!runtimeHardware.resumeSupported())
            {
                throw new SoundException(Errno.ENOSYS, name() + ": the hardware cannot resume; prepare instead");
            }
            if (PcmState.SUSPENDED != state)
            {
                throw badState("resume");
            }
            final PcmState previous = suspendedState;
            if (PcmState.RUNNING == previous || PcmState.DRAINING == previous)
            {
                ops.trigger(this, TriggerCommand.RESUME);
                ptrs.touch(card.clock().nanoTime());
            }
            state = previous;
            sleep.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Releases the hardware parameters: syncs a previous stop, {@link PcmOps#hwFree}; state {@link PcmState#OPEN}.
     * The DMA buffer stays allocated for a later {@link #hwParams} of the same size.
     *
     * @throws SoundException {@link Errno#EBADFD} unless SETUP or PREPARED.
     */
    public void hwFree()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
            if (PcmState.SETUP != state && PcmState.PREPARED != state)
            {
                throw badState("hw_free");
            }
        }
        finally
        {
            lock.unlock();
        }
        syncStop();
        try
        {
            ops.hwFree(this);
        }
        finally
        {
            params = null;
            setState(PcmState.OPEN);
        }
    }

    /**
     * Closes the substream ({@code snd_pcm_release}): waits for D0 like Linux (but also works after a disconnect),
     * drops a running stream, syncs the stop, {@link PcmOps#hwFree} if parameters were set, {@link PcmOps#close}.
     *
     * @throws SoundException {@link Errno#EBADFD} if not open.
     */
    public void close()
    {
        try
        {
            card.powerWait();
        }
        catch (final SoundException e)
        {
            if (Errno.ENODEV != e.errno())
            {
                throw e;
            }
        }
        final boolean hadParams;
        lock.lock();
        try
        {
            if (!opened)
            {
                throw new SoundException(Errno.EBADFD, name() + " is not open");
            }
            if (PcmState.PAUSED == state)
            {
                releasePauseLocked();
            }
            if (PcmState.RUNNING == state || PcmState.DRAINING == state)
            {
                stopLocked(PcmState.SETUP);
            }
            hadParams = null != params;
        }
        finally
        {
            lock.unlock();
        }
        syncStop();
        try
        {
            if (hadParams)
            {
                ops.hwFree(this);
            }
        }
        finally
        {
            try
            {
                ops.close(this);
            }
            finally
            {
                lock.lock();
                try
                {
                    opened = false;
                    params = null;
                    privateData = null;
                    if (PcmState.DISCONNECTED != state)
                    {
                        state = PcmState.OPEN;
                    }
                }
                finally
                {
                    lock.unlock();
                }
                card.fileRemove();
            }
        }
    }

    /**
     * Updates {@code hw_ptr} from the hardware as the application side does when it polls
     * ({@code snd_pcm_update_hw_ptr}); may detect an xrun or the end of a drain.
     *
     * @throws SoundException {@link Errno#EBADFD} if not open, {@link Errno#ENODEV} after disconnect.
     */
    public void updateHwPtr()
    {
        card.powerWait();
        lock.lock();
        try
        {
            checkOpened();
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

    // --------------------------------------------------------------------------------------------- interrupt side

    /**
     * A period elapsed ({@code snd_pcm_period_elapsed}). Called by the driver from the interrupt thread. Under the
     * stream lock, if running or draining: reads {@link PcmOps#pointer}, advances {@code hw_ptr}, ends a drain when
     * the ring is empty, stops with an xrun when {@code avail} reaches the stop threshold, and wakes writers and
     * drainers. Allocates nothing on the normal path (only error and debug log lines allocate).
     */
    public void periodElapsed()
    {
        lock.lock();
        try
        {
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

    // ------------------------------------------------------------------------------------------- configuration

    /**
     * Sets the start threshold ({@code sw_params.start_threshold}): {@link #writei} starts a prepared stream once
     * this many frames are buffered. Reset to 1 by {@link #hwParams} (the kernel's and alsa-lib's default: the
     * first write starts the stream), so set it afterwards; {@code aplay} sets it to the buffer size.
     *
     * @param frames the threshold in frames, at least 1; larger than the buffer means "never auto-start".
     */
    public void setStartThresholdFrames(final long frames)
    {
        lock.lock();
        try
        {
            startThresholdFrames = Math.max(1L, frames);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sets the stop threshold ({@code sw_params.stop_threshold}): the stream stops with an xrun once {@code avail}
     * reaches it. Reset to the buffer size (stop when empty) by {@link #hwParams}. A value at or above
     * {@link #boundary()} (e.g. {@link Long#MAX_VALUE}) disables xrun detection, as in ALSA.
     *
     * @param frames the threshold in frames.
     */
    public void setStopThresholdFrames(final long frames)
    {
        lock.lock();
        try
        {
            stopThresholdFrames = Math.max(1L, frames);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sets how long {@link #writei} and {@link #drain} wait without hardware progress before failing with
     * {@link Errno#EIO}.
     *
     * @param timeoutNanos the timeout in nanoseconds; 0 or less restores the default, Linux 6.1's
     *                     {@code max(10, 2 * period_size / rate)} whole seconds (6.4 changed it to 1.1 buffers, at
     *                     least 100 ms).
     */
    public void setWriteTimeoutNanos(final long timeoutNanos)
    {
        lock.lock();
        try
        {
            sleeper.setTimeoutNanos(timeoutNanos);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The no-progress timeout of {@link #writei} and {@link #drain}.
     *
     * @return nanoseconds: the value set, or by default Linux 6.1's {@code max(10, 2 * period_size / rate)} seconds,
     *         the division in whole seconds (10 s before hw_params).
     */
    public long writeTimeoutNanos()
    {
        lock.lock();
        try
        {
            return sleeper.timeoutNanos(params);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Enables the xrun-debug checks ({@code /proc/asound/card0/pcm0p/xrun_debug}): "hw_ptr skipping" (the
     * position moved further than the time since the last update allows; {@code hw_ptr} then moves by the periods
     * the time allows) is only checked with it, and "Lost interrupts?", "Unexpected hw_ptr" and xruns are only
     * logged with it, as Linux prints them (see {@link PcmPointers}; they are always counted).
     *
     * @param enabled whether to check and log.
     */
    public void setXrunDebug(final boolean enabled)
    {
        lock.lock();
        try
        {
            xrunDebug = enabled;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sets the driver's per-substream state ({@code runtime->private_data}).
     *
     * @param data anything; cleared on close.
     */
    public void setPrivateData(final Object data)
    {
        this.privateData = data;
    }

    /**
     * The driver's per-substream state.
     *
     * @return what {@link #setPrivateData} stored, or null.
     */
    public Object privateData()
    {
        return privateData;
    }

    // --------------------------------------------------------------------------------------------------- queries

    /**
     * The current state.
     *
     * @return the state.
     */
    public PcmState state()
    {
        return state;
    }

    /**
     * Whether the substream is open.
     *
     * @return true between {@link #open()} and {@link #close()}.
     */
    public boolean isOpen()
    {
        return opened;
    }

    /**
     * The substream's name as the kernel prints it.
     *
     * @return e.g. {@code "pcmC0D0p:0"}.
     */
    public String name()
    {
        return "pcmC" + card.number() + "D" + pcm.device() + "p:0";
    }

    /**
     * The card.
     *
     * @return the owning card.
     */
    public Card card()
    {
        return card;
    }

    /**
     * The PCM device.
     *
     * @return the owning device.
     */
    public Pcm pcm()
    {
        return pcm;
    }

    /**
     * The hardware constraints of this open ({@code runtime->hw}).
     *
     * @return what the driver declared at {@link Card#newPcm}, or at its open with {@link #setRuntimeHardware}.
     */
    public PcmHardware hardware()
    {
        return runtimeHardware;
    }

    /**
     * Sets this open's hardware description ({@code runtime->hw = ...} in the driver's open), e.g. with or without
     * {@link PcmHardware#resumeSupported()}. Reset to the PCM's at every {@link #open()}.
     *
     * @param hw what the driver declares for this open.
     */
    public void setRuntimeHardware(final PcmHardware hw)
    {
        this.runtimeHardware = hw;
    }

    /**
     * The current hardware parameters.
     *
     * @return the parameters, or null before {@link #hwParams} or after {@link #hwFree()}.
     */
    public HwParams hwParams()
    {
        return params;
    }

    /**
     * The bus address of the DMA ring buffer in host memory.
     *
     * @return the address, page aligned; 0 before the first {@link #hwParams}.
     */
    public long dmaAddress()
    {
        return dmaAddress;
    }

    /**
     * The size of the allocated DMA ring buffer.
     *
     * @return bytes; 0 before the first {@link #hwParams}.
     */
    public int bufferBytes()
    {
        return allocatedBytes;
    }

    /**
     * The pointer boundary (see the class comment).
     *
     * @return frames; 0 before {@link #hwParams}.
     */
    public long boundary()
    {
        lock.lock();
        try
        {
            return ptrs.boundary();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * What the hardware has played.
     *
     * @return frames modulo {@link #boundary()}.
     */
    public long hwPtr()
    {
        lock.lock();
        try
        {
            return ptrs.hwPtr();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * What the application has written.
     *
     * @return frames modulo {@link #boundary()}.
     */
    public long applPtr()
    {
        lock.lock();
        try
        {
            return ptrs.applPtr();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Room in the ring for the application (playback avail), from the last known {@code hw_ptr}.
     *
     * @return frames, normally {@code 0 .. bufferFrames}.
     */
    public long availFrames()
    {
        lock.lock();
        try
        {
            return ptrs.avail();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Frames written but not yet played (playback {@code hw_avail}), from the last known {@code hw_ptr}.
     *
     * @return frames; 0 before {@link #hwParams}.
     */
    public long delayFrames()
    {
        lock.lock();
        try
        {
            return null == params ? 0L : ptrs.bufferFrames() - ptrs.avail();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Total hardware progress since the last prepare; unlike {@link #hwPtr()} it never wraps.
     *
     * @return frames.
     */
    public long framesPlayed()
    {
        lock.lock();
        try
        {
            return ptrs.framesPlayed();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * How many xruns happened since open.
     *
     * @return the count.
     */
    public long xruns()
    {
        lock.lock();
        try
        {
            return xruns;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * How many {@link #periodElapsed()} calls found the stream running or draining, since open.
     *
     * @return the count.
     */
    public long periodsElapsed()
    {
        lock.lock();
        try
        {
            return periodsElapsed;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * How many interrupts found the position more than 1.5 periods ahead ("Lost interrupts?"), since open.
     *
     * @return the count.
     */
    public long lostInterrupts()
    {
        lock.lock();
        try
        {
            return ptrs.lostInterrupts();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * How many updates found the position further ahead than the elapsed time allows ("hw_ptr skipping"); only
     * checked with {@link #setXrunDebug(boolean)}.
     *
     * @return the count since open.
     */
    public long hwPtrSkips()
    {
        lock.lock();
        try
        {
            return ptrs.hwPtrSkips();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Whether a STOP or SUSPEND was issued and not yet synced ({@code runtime->stop_operating}).
     *
     * @return true until the next sync-stop.
     */
    public boolean stopOperating()
    {
        return stopOperating;
    }

    // ------------------------------------------------------------------------------------------------- internals

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
            ops.syncStop(this);
        }
        else
        {
            card.runSyncIrq();
        }
    }

    /** {@code snd_pcm_dev_disconnect} for this substream: stop if running, state DISCONNECTED, wake sleepers. */
    void disconnect()
    {
        lock.lock();
        try
        {
            stopLocked(PcmState.DISCONNECTED);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Test hook: skip the sync in {@link #syncStop()} to show the race it prevents. */
    void setSyncStopDisabledForTest(final boolean disabled)
    {
        this.syncStopDisabledForTest = disabled;
    }

    /** Test hook: a smaller boundary (a multiple of the buffer, at least two buffers), set after hw_params. */
    void setBoundaryForTest(final long frames)
    {
        lock.lock();
        try
        {
            ptrs.setBoundary(frames);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Test hook: whether a writer or drainer sleeps on the stream condition. */
    boolean hasSleepersForTest()
    {
        lock.lock();
        try
        {
            return lock.hasWaiters(sleep);
        }
        finally
        {
            lock.unlock();
        }
    }

    static long boundaryFor(final long bufferFrames)
    {
        return PcmPointers.boundaryFor(bufferFrames);
    }

    /** {@code snd_pcm_update_hw_ptr0}: the pointer arithmetic in {@link PcmPointers}, then the state update. */
    private void updateHwPtrLocked(final boolean inInterrupt)
    {
        final long pos = ops.pointer(this);
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

    /** {@code snd_pcm_update_state}: drain end, xrun at the stop threshold, or wake the sleepers. */
    private void updateStateLocked()
    {
        final long avail = ptrs.avail();
        if (PcmState.DRAINING == state)
        {
            if (avail >= ptrs.bufferFrames())
            {
                stopLocked(PcmState.SETUP);
                return;
            }
        }
        else if (avail >= stopThresholdFrames)
        {
            xrunLocked();
            return;
        }
        sleep.signalAll();
    }

    private void xrunLocked()
    {
        stopLocked(PcmState.XRUN);
        xruns++;
        if (xrunDebug)
        {
            card.log().warn(card.logSource(), "XRUN: " + name());
        }
    }

    /** {@code snd_pcm_stop}: STOP trigger if the DMA runs, then the new state; wakes sleepers. */
    private void stopLocked(final PcmState newState)
    {
        if (PcmState.RUNNING == state || PcmState.DRAINING == state)
        {
            stopOperating = true;
            try
            {
                ops.trigger(this, TriggerCommand.STOP);
            }
            catch (final SoundException e)
            {
                card.log().err(card.logSource(), name() + ": trigger STOP failed: " + e.getMessage());
            }
        }
        state = newState;
        sleep.signalAll();
    }

    private void startLocked()
    {
        if (PcmState.PREPARED != state)
        {
            throw badState("start");
        }
        if (stopThresholdFrames < ptrs.boundary() && ptrs.avail() >= ptrs.bufferFrames())
        {
            throw new SoundException(Errno.EPIPE, name() + ": start with an empty buffer");
        }
        ops.trigger(this, TriggerCommand.START);
        ptrs.touch(card.clock().nanoTime());
        state = PcmState.RUNNING;
    }

    private void releasePauseLocked()
    {
        ptrs.pauseToggled(card.clock().nanoTime());
        ops.trigger(this, TriggerCommand.PAUSE_RELEASE);
        state = PcmState.RUNNING;
        sleep.signalAll();
    }

    /** {@code wait_for_avail}: sleeps until there is room; fails on a state change or when no progress is made. */
    private void waitForAvailLocked()
    {
        if (!sleeper.awaitProgress(writeReady, paused, ptrs, sleeper.timeoutNanos(params)))
        {
            card.log().debug(card.logSource(), "playback write error (DMA or IRQ trouble?)");
            throw new SoundException(Errno.EIO, "playback write error (DMA or IRQ trouble?)");
        }
    }

    /** The write side's wake-up test: throws for a state a writer cannot wait in, true once there is room. */
    private boolean writeReadyLocked()
    {
        switch (state)
        {
            case SUSPENDED:
                throw suspended();
            case XRUN:
                throw new SoundException(Errno.EPIPE, name() + ": xrun");
            case DRAINING:
                throw new SoundException(Errno.EPIPE, name() + ": write while draining");
            case DISCONNECTED:
                throw disconnected();
            case OPEN:
            case SETUP:
                throw badState("write");
            default:
                return ptrs.avail() > 0;
        }
    }

    private void setState(final PcmState s)
    {
        lock.lock();
        try
        {
            if (PcmState.DISCONNECTED != state)
            {
                state = s;
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void checkConnected()
    {
        if (card.shutdown() || PcmState.DISCONNECTED == state)
        {
            throw disconnected();
        }
    }

    private void checkOpened()
    {
        checkConnected();
        if (!opened)
        {
            throw new SoundException(Errno.EBADFD, name() + " is not open");
        }
    }

    /** {@code pcm_accessible_state} for read/write. */
    private void checkAccessible()
    {
        switch (state)
        {
            case PREPARED:
            case RUNNING:
            case PAUSED:
                return;
            case XRUN:
                throw new SoundException(Errno.EPIPE, name() + ": xrun");
            case SUSPENDED:
                throw suspended();
            case DISCONNECTED:
                throw disconnected();
            default:
                throw badState("write");
        }
    }

    private SoundException badState(final String operation)
    {
        return new SoundException(Errno.EBADFD, name() + ": " + operation + " in state " + state);
    }

    private SoundException suspended()
    {
        return new SoundException(Errno.ESTRPIPE, name() + " is suspended");
    }

    private SoundException disconnected()
    {
        return new SoundException(Errno.ENODEV, name() + ": card " + card.id() + " is disconnected");
    }
}

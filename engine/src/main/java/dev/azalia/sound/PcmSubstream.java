package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime of a playback substream and the file operations of its one open ({@code snd_pcm_substream} +
 * {@code snd_pcm_runtime} + the PCM ioctls). This class is the ioctl surface; the runtime's parts are package-private:
 * {@code PcmPointers} (the pointers and their arithmetic), {@code PcmHwPtrUpdater} (position updates, xruns),
 * {@code PcmStateMachine} (states and transitions), {@code PcmSetup} (open, hw_params, prepare, hw_free, close,
 * sw_params), {@code PcmActions} (start, drop, pause, suspend, resume), {@code PcmTransfer} (writei, drain),
 * {@code PcmSleeper} (the no-progress waits) and {@code PcmStatus} (locked reads); the queries of the pointers,
 * counters and buffer are declared in {@code PcmRuntimeQueries}, which this class alone extends.
 *
 * <p><b>Pointers.</b> {@link #hwPtr()} (what the hardware has played) and {@link #applPtr()} (what the application
 * has written) count frames modulo the <em>boundary</em>, a multiple of the buffer; {@code hw_ptr} follows the
 * hardware position as Linux 6.1's {@code snd_pcm_update_hw_ptr0} does, then {@code snd_pcm_update_state} ends a
 * drain, stops with an xrun once {@code avail} reaches the stop threshold, or wakes the sleepers.
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
public final class PcmSubstream extends PcmRuntimeQueries
{
    private final Card card;
    private final Pcm pcm;

    // The runtime's parts; each documents what of it the stream lock guards.
    private final PcmStateMachine machine;
    private final PcmHwPtrUpdater updater;
    private final PcmSetup setup;
    private final PcmActions actions;
    private final PcmTransfer transfer;
    private final PcmStatus status;

    PcmSubstream(final Card card, final Pcm pcm, final PcmOps ops, final PcmHardware hardware,
        final DmaMemory memory)
    {
        this.card = card;
        this.pcm = pcm;
        final ReentrantLock lock = new ReentrantLock();
        // runtime->sleep: writers waiting for room and drainers waiting for the end
        final Condition sleep = lock.newCondition();
        final PcmPointers ptrs = new PcmPointers(card.log(), card::logSource, this::name);
        final PcmSleeper sleeper = new PcmSleeper(card, sleep, this::name);
        this.machine = new PcmStateMachine(this, card, ops, ptrs, sleep);
        this.updater = new PcmHwPtrUpdater(this, card, ops, lock, machine, ptrs);
        // runtime->buffer_accessing: writes copy with the stream lock released; hw_params, hw_free, prepare exclude them
        final PcmBufferAccess access = new PcmBufferAccess();
        this.setup = new PcmSetup(this, card, ops, hardware, memory, lock, access, machine, ptrs, sleeper, updater);
        this.actions = new PcmActions(lock, machine, updater, setup);
        this.transfer = new PcmTransfer(this, card, ops, memory, lock, access, machine, ptrs, sleeper, setup, updater);
        this.status = new PcmStatus(lock, sleep, ptrs, updater, setup);
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
        setup.open();
    }

    /**
     * Sets the hardware parameters: validates them against {@link PcmHardware}, syncs a previous stop,
     * allocates the DMA buffer (page aligned, when its size changed), resets the pointers and the thresholds as
     * {@code snd_pcm_hw_params} does (start threshold 1, stop threshold = buffer size), calls
     * {@link PcmOps#hwParams}; state {@link PcmState#SETUP}.
     *
     * @param p the parameters.
     * @throws SoundException {@link Errno#EINVAL} outside the constraints, {@link Errno#EBADFD} unless OPEN, SETUP
     *                        or PREPARED, {@link Errno#ENOMEM} if host memory is exhausted, {@link Errno#EBUSY}
     *                        while a {@link #writei} on another thread is copying into the buffer.
     */
    public void hwParams(final HwParams p)
    {
        card.powerWait();
        setup.hwParams(p);
    }

    /**
     * Prepares the stream: a paused stream is released and stopped, a suspended one dropped; syncs a previous
     * stop; {@link PcmOps#prepare}; {@code hw_ptr = appl_ptr = 0}; state {@link PcmState#PREPARED}. This is how an
     * application recovers from {@link Errno#EPIPE} (xrun) and {@link Errno#ESTRPIPE} (suspend).
     *
     * @throws SoundException {@link Errno#EBADFD} in OPEN, {@link Errno#EBUSY} while running or draining, or while a
     *                        {@link #writei} on another thread is copying into the buffer.
     */
    public void prepare()
    {
        card.powerWait();
        setup.prepare();
    }

    /**
     * Starts a prepared stream ({@link TriggerCommand#START}); state {@link PcmState#RUNNING}.
     *
     * @throws SoundException {@link Errno#EBADFD} unless PREPARED, {@link Errno#EPIPE} if nothing was written.
     */
    public void start()
    {
        card.powerWait();
        actions.start();
    }

    /**
     * Writes interleaved frames, blocking while the ring is full ({@code snd_pcm_lib_write}). Copies into the DMA
     * buffer at {@code appl_ptr} (wrapping), advances {@code appl_ptr}, and starts the stream once the buffered
     * frames reach the start threshold. As in Linux 6.1, each chunk is copied with the stream lock released (the
     * interrupt handler, a suspend or a stop may run meanwhile) and the state is checked again after it: a chunk
     * copied into a stream suspended or stopped meanwhile is not counted, and the write ends there. While the ring is full it sleeps until {@link #periodElapsed()} frees room;
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
     *                        if the thread was interrupted, {@link Errno#EBUSY} while {@link #hwParams},
     *                        {@link #hwFree()} or {@link #prepare()} on another thread change the buffer.
     */
    public int writei(final byte[] src, final int offset, final int frames)
    {
        card.powerWait();
        return transfer.writei(src, offset, frames);
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
        transfer.drain();
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
        actions.drop();
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
        actions.pause(push);
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
        actions.suspend();
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
        actions.resume();
    }

    /**
     * Releases the hardware parameters: syncs a previous stop, {@link PcmOps#hwFree}; state {@link PcmState#OPEN}.
     * The DMA buffer stays allocated for a later {@link #hwParams} of the same size.
     *
     * @throws SoundException {@link Errno#EBADFD} unless SETUP or PREPARED, {@link Errno#EBUSY} while a
     *                        {@link #writei} on another thread is copying into the buffer.
     */
    public void hwFree()
    {
        card.powerWait();
        setup.hwFree();
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
        setup.close();
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
        updater.updateHwPtr();
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
        updater.periodElapsed();
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
        setup.setStartThresholdFrames(frames);
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
        setup.setStopThresholdFrames(frames);
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
        setup.setWriteTimeoutNanos(timeoutNanos);
    }

    /**
     * The no-progress timeout of {@link #writei} and {@link #drain}.
     *
     * @return nanoseconds: the value set, or by default Linux 6.1's {@code max(10, 2 * period_size / rate)} seconds,
     *         the division in whole seconds (10 s before hw_params).
     */
    public long writeTimeoutNanos()
    {
        return setup.writeTimeoutNanos();
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
        setup.setXrunDebug(enabled);
    }

    /**
     * Sets the driver's per-substream state ({@code runtime->private_data}).
     *
     * @param data anything; cleared on close.
     */
    public void setPrivateData(final Object data)
    {
        setup.setPrivateData(data);
    }

    /**
     * The driver's per-substream state.
     *
     * @return what {@link #setPrivateData} stored, or null.
     */
    public Object privateData()
    {
        return setup.privateData();
    }

    // --------------------------------------------------------------------------------------------------- queries

    /**
     * The current state.
     *
     * @return the state.
     */
    public PcmState state()
    {
        return machine.state();
    }

    /**
     * Whether the substream is open.
     *
     * @return true between {@link #open()} and {@link #close()}.
     */
    public boolean isOpen()
    {
        return machine.isOpened();
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
        return setup.hardware();
    }

    /**
     * Sets this open's hardware description ({@code runtime->hw = ...} in the driver's open), e.g. with or without
     * {@link PcmHardware#resumeSupported()}. Reset to the PCM's at every {@link #open()}.
     *
     * @param hw what the driver declares for this open.
     */
    public void setRuntimeHardware(final PcmHardware hw)
    {
        setup.setRuntimeHardware(hw);
    }

    // ------------------------------------------------------------------------------------------------- internals

    @Override
    PcmSetup setup()
    {
        return setup;
    }

    @Override
    PcmStatus status()
    {
        return status;
    }

    @Override
    PcmStateMachine stateMachine()
    {
        return machine;
    }

    /** {@code snd_pcm_sync_stop}, without the stream lock (see the class comment and {@code PcmStateMachine}). */
    void syncStop()
    {
        machine.syncStop();
    }

    /** {@code snd_pcm_dev_disconnect} for this substream: stop if running, state DISCONNECTED, wake sleepers. */
    void disconnect()
    {
        actions.disconnect();
    }

    /** Test hook: skip the sync in {@link #syncStop()} to show the race it prevents. */
    void setSyncStopDisabledForTest(final boolean disabled)
    {
        machine.setSyncStopDisabledForTest(disabled);
    }

    /**
     * Test hook for long runs: a smaller pointer boundary, so that {@code hw_ptr} and {@code appl_ptr} wrap within
     * a test (Linux's is the buffer doubled up to LONG_MAX; the 32-bit compat path's stays below 2^31). Set after
     * {@link #hwParams}; the application thread.
     *
     * @param frames the boundary: a multiple of the buffer, at least two buffers.
     * @throws IllegalArgumentException otherwise.
     */
    public void setBoundaryForTest(final long frames)
    {
        status.setBoundaryForTest(frames);
    }

    /** Test hook: whether a writer or drainer sleeps on the stream condition. */
    boolean hasSleepersForTest()
    {
        return status.hasSleepersForTest();
    }
}

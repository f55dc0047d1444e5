package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The setup file operations of one playback substream, those that call the driver's ops without the stream lock:
 * open, {@code hw_params} (the parameters checked against the open's {@code runtime->hw}, the page-aligned DMA
 * buffer, the pointers and thresholds reset), prepare, {@code hw_free} and close ({@code snd_pcm_release}), each
 * with the sync-stop before the driver may tear anything down; and the {@code sw_params} this core has (start and
 * stop thresholds, the no-progress timeout, xrun debug). Holds what an open configures: the parameters, the
 * runtime's hardware description, the DMA buffer and the driver's private data.
 *
 * <p><b>Threads.</b> Called on the application thread that owns the substream, after the card's power gate.
 * {@link #params()}, {@link #hardware()}, {@link #dmaAddress()}, {@link #bufferBytes()} and {@link #privateData()}
 * are volatile reads for any thread; everything else takes the stream lock itself for its state changes, and calls
 * {@link PcmOps#open}, {@link PcmOps#hwParams}, {@link PcmOps#prepare}, {@link PcmOps#hwFree} and
 * {@link PcmOps#close} without it. {@code hw_params}, {@code hw_free} and prepare hold the buffer against writes
 * ({@link PcmBufferAccess}) from start to end. Sizes are in bytes, thresholds in frames.
 */
final class PcmSetup
{
    private static final int PAGE_BYTES = 4096;

    private final PcmSubstream substream;
    private final Card card;
    private final PcmOps ops;
    private final PcmHardware pcmHardware;
    private final DmaMemory memory;
    private final ReentrantLock lock;
    private final PcmBufferAccess bufferAccess;
    private final PcmStateMachine machine;
    private final PcmPointers ptrs;
    private final PcmSleeper sleeper;
    private final PcmHwPtrUpdater updater;

    // Written by the application thread (params under the stream lock); volatile for readers on other threads.
    private volatile HwParams params;
    private volatile PcmHardware runtimeHardware;
    private volatile long dmaAddress;
    private volatile int allocatedBytes;
    private volatile Object privateData;

    /**
     * The configuration of {@code substream}.
     *
     * @param substream   the substream the ops are called with.
     * @param card        the card (its list of open files).
     * @param ops         the driver's operations.
     * @param pcmHardware what the driver declared for the PCM ({@code runtime->hw} at every open).
     * @param memory      host memory the DMA buffer is allocated in.
     * @param lock        the stream lock.
     * @param access      who may touch the buffer: hw_params, hw_free and prepare hold it against writes.
     * @param machine     the state machine.
     * @param ptrs        the pointers.
     * @param sleeper     the sleeper whose timeout this sets.
     * @param updater     the position side (its counters and xrun debug).
     */
    PcmSetup(final PcmSubstream substream, final Card card, final PcmOps ops, final PcmHardware pcmHardware,
        final DmaMemory memory, final ReentrantLock lock, final PcmBufferAccess access, final PcmStateMachine machine,
        final PcmPointers ptrs, final PcmSleeper sleeper, final PcmHwPtrUpdater updater)
    {
        this.substream = substream;
        this.card = card;
        this.ops = ops;
        this.pcmHardware = pcmHardware;
        this.runtimeHardware = pcmHardware;
        this.memory = memory;
        this.lock = lock;
        this.bufferAccess = access;
        this.machine = machine;
        this.ptrs = ptrs;
        this.sleeper = sleeper;
        this.updater = updater;
    }

    /**
     * Opens; see {@link PcmSubstream#open()}.
     *
     * @throws SoundException as {@link PcmSubstream#open()} documents.
     */
    void open()
    {
        lock.lock();
        try
        {
            machine.openLocked();
            params = null;
            runtimeHardware = pcmHardware;
            updater.clearCountersLocked();
        }
        finally
        {
            lock.unlock();
        }
        try
        {
            ops.open(substream);
        }
        catch (final RuntimeException e)
        {
            machine.openFailed();
            card.fileRemove();
            throw e;
        }
    }

    /**
     * {@code snd_pcm_hw_params}; see {@link PcmSubstream#hwParams(HwParams)}.
     *
     * @param p the parameters.
     * @throws SoundException as {@link PcmSubstream#hwParams(HwParams)} documents.
     */
    void hwParams(final HwParams p)
    {
        bufferAccess.lockBuffer(substream.name(), "hw_params");
        try
        {
            hwParamsBufferLocked(p);
        }
        finally
        {
            bufferAccess.unlockBuffer();
        }
    }

    private void hwParamsBufferLocked(final HwParams p)
    {
        runtimeHardware.validate(p);
        lock.lock();
        try
        {
            machine.checkOpened();
            final PcmState state = machine.state();
            if (PcmState.OPEN != state && PcmState.SETUP != state && PcmState.PREPARED != state)
            {
                throw machine.badState("hw_params");
            }
        }
        finally
        {
            lock.unlock();
        }
        machine.syncStop();
        final int bytes = p.bufferBytes();
        if (bytes != allocatedBytes)
        {
            try
            {
                dmaAddress = memory.allocate(bytes, PAGE_BYTES);
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
            machine.resetThresholdsLocked(p.bufferFrames());
        }
        finally
        {
            lock.unlock();
        }
        try
        {
            ops.hwParams(substream, p);
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
     * {@code snd_pcm_hw_free}; see {@link PcmSubstream#hwFree()}.
     *
     * @throws SoundException {@link Errno#EBADFD} unless SETUP or PREPARED, {@link Errno#EBUSY} while a write copies.
     */
    void hwFree()
    {
        bufferAccess.lockBuffer(substream.name(), "hw_free");
        try
        {
            lock.lock();
            try
            {
                machine.checkOpened();
                if (PcmState.SETUP != machine.state() && PcmState.PREPARED != machine.state())
                {
                    throw machine.badState("hw_free");
                }
            }
            finally
            {
                lock.unlock();
            }
            machine.syncStop();
            try
            {
                ops.hwFree(substream);
            }
            finally
            {
                params = null;
                setState(PcmState.OPEN);
            }
        }
        finally
        {
            bufferAccess.unlockBuffer();
        }
    }

    /**
     * Prepares; see {@link PcmSubstream#prepare()}.
     *
     * @throws SoundException as {@link PcmSubstream#prepare()} documents.
     */
    void prepare()
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            machine.prePrepareLocked();
        }
        finally
        {
            lock.unlock();
        }
        bufferAccess.lockBuffer(substream.name(), "prepare");
        try
        {
            // the action's own checks (snd_pcm_pre_prepare), again now that no write can copy
            lock.lock();
            try
            {
                machine.prePrepareLocked();
            }
            finally
            {
                lock.unlock();
            }
            machine.syncStop();
            ops.prepare(substream);
            lock.lock();
            try
            {
                machine.preparedLocked();
            }
            finally
            {
                lock.unlock();
            }
        }
        finally
        {
            bufferAccess.unlockBuffer();
        }
    }

    /**
     * Closes ({@code snd_pcm_release}, after the power gate); see {@link PcmSubstream#close()}.
     *
     * @throws SoundException {@link Errno#EBADFD} if not open.
     */
    void close()
    {
        final boolean hadParams;
        lock.lock();
        try
        {
            machine.closeStopLocked();
            hadParams = null != params;
        }
        finally
        {
            lock.unlock();
        }
        machine.syncStop();
        try
        {
            if (hadParams)
            {
                ops.hwFree(substream);
            }
        }
        finally
        {
            try
            {
                ops.close(substream);
            }
            finally
            {
                lock.lock();
                try
                {
                    params = null;
                    privateData = null;
                    machine.closedLocked();
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
     * Sets the start threshold under the stream lock.
     *
     * @param frames frames, at least 1.
     */
    void setStartThresholdFrames(final long frames)
    {
        lock.lock();
        try
        {
            machine.setStartThresholdLocked(frames);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sets the stop threshold under the stream lock.
     *
     * @param frames frames, at least 1.
     */
    void setStopThresholdFrames(final long frames)
    {
        lock.lock();
        try
        {
            machine.setStopThresholdLocked(frames);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sets the no-progress timeout under the stream lock.
     *
     * @param timeoutNanos nanoseconds; 0 or less restores the default.
     */
    void setWriteTimeoutNanos(final long timeoutNanos)
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
     * The no-progress timeout for the current parameters.
     *
     * @return nanoseconds.
     */
    long writeTimeoutNanos()
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
     * Enables the xrun-debug checks under the stream lock.
     *
     * @param enabled whether to check and log.
     */
    void setXrunDebug(final boolean enabled)
    {
        lock.lock();
        try
        {
            updater.setXrunDebugLocked(enabled);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sets this open's hardware description.
     *
     * @param hw what the driver declares.
     */
    void setRuntimeHardware(final PcmHardware hw)
    {
        this.runtimeHardware = hw;
    }

    /**
     * Sets the driver's per-substream state.
     *
     * @param data anything; cleared on close.
     */
    void setPrivateData(final Object data)
    {
        this.privateData = data;
    }

    /**
     * The driver's per-substream state.
     *
     * @return what was set, or null.
     */
    Object privateData()
    {
        return privateData;
    }

    /**
     * This open's hardware description.
     *
     * @return {@code runtime->hw}.
     */
    PcmHardware hardware()
    {
        return runtimeHardware;
    }

    /**
     * The current parameters.
     *
     * @return the parameters, or null.
     */
    HwParams params()
    {
        return params;
    }

    /**
     * The DMA ring's bus address.
     *
     * @return the address; 0 before the first hw_params.
     */
    long dmaAddress()
    {
        return dmaAddress;
    }

    /**
     * The DMA ring's size.
     *
     * @return bytes; 0 before the first hw_params.
     */
    int bufferBytes()
    {
        return allocatedBytes;
    }

    private void setState(final PcmState s)
    {
        lock.lock();
        try
        {
            machine.setStateLocked(s);
        }
        finally
        {
            lock.unlock();
        }
    }
}

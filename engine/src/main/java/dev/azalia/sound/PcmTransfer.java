package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The data path of a playback substream: {@code snd_pcm_lib_write} (copy interleaved frames into the DMA ring at
 * {@code appl_ptr}, auto-start at the start threshold, sleep in {@code wait_for_avail} while the ring is full) and
 * {@code snd_pcm_drain} (wait until every written frame was played). The transitions it needs are
 * {@link PcmStateMachine}'s, the sleeps {@link PcmSleeper}'s.
 *
 * <p><b>Threads.</b> Called on the application thread that owns the substream, after the card's power gate; each
 * method takes the stream lock and holds it, except inside the sleeper's wait and around each chunk's copy into the
 * buffer, as {@code __snd_pcm_lib_xfer} releases it around its {@code writer}: the interrupt handler, a suspend or a
 * stop may run meanwhile, so the state is checked again before {@code appl_ptr} moves (a chunk copied into a stream
 * that was suspended or stopped meanwhile is not counted), and the buffer itself is kept from changing by
 * {@link PcmBufferAccess}. Allocates nothing per call: the wake-up conditions are bound once here.
 */
final class PcmTransfer
{
    private final PcmSubstream substream;
    private final Card card;
    private final PcmOps ops;
    private final DmaMemory memory;
    private final ReentrantLock lock;
    private final PcmBufferAccess bufferAccess;
    private final PcmStateMachine machine;
    private final PcmPointers ptrs;
    private final PcmSleeper sleeper;
    private final PcmSetup setup;
    private final PcmHwPtrUpdater updater;
    private final BooleanSupplier writeReady;
    private final BooleanSupplier drainDone;
    private final BooleanSupplier paused;

    /**
     * The data path of {@code substream}.
     *
     * @param substream the substream (its name, for messages).
     * @param card      the card (log).
     * @param ops       the driver's operations (its own copy, if it has one).
     * @param memory    host memory holding the DMA ring.
     * @param lock      the stream lock.
     * @param access    who may touch the buffer.
     * @param machine   the state machine.
     * @param ptrs      the pointers.
     * @param sleeper   the sleeper on {@code runtime->sleep}.
     * @param setup     the hardware parameters and the DMA buffer.
     * @param updater   the position side.
     */
    PcmTransfer(final PcmSubstream substream, final Card card, final PcmOps ops, final DmaMemory memory,
        final ReentrantLock lock, final PcmBufferAccess access, final PcmStateMachine machine, final PcmPointers ptrs,
        final PcmSleeper sleeper, final PcmSetup setup, final PcmHwPtrUpdater updater)
    {
        this.substream = substream;
        this.card = card;
        this.ops = ops;
        this.memory = memory;
        this.lock = lock;
        this.bufferAccess = access;
        this.machine = machine;
        this.ptrs = ptrs;
        this.sleeper = sleeper;
        this.setup = setup;
        this.updater = updater;
        this.writeReady = machine::writeReadyLocked;
        this.drainDone = () -> PcmState.DRAINING != machine.state();
        this.paused = () -> PcmState.PAUSED == machine.state();
    }

    /**
     * {@code snd_pcm_lib_write}; see {@link PcmSubstream#writei}.
     *
     * @param src    interleaved samples, little-endian.
     * @param offset the first byte in {@code src}.
     * @param frames how many frames to write.
     * @return frames written.
     * @throws SoundException as {@link PcmSubstream#writei} documents.
     */
    int writei(final byte[] src, final int offset, final int frames)
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            machine.checkAccessible();
            final HwParams p = setup.params();
            final int frameBytes = p.frameBytes();
            if (null == src || offset < 0 || frames < 0 || (long)offset + (long)frames * frameBytes > src.length)
            {
                throw new SoundException(Errno.EINVAL, substream.name() + ": writei range outside the source array");
            }
            if (PcmState.RUNNING == machine.state())
            {
                updater.updateHwPtrLocked(false);
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
                        return partial(written, e);
                    }
                    continue;
                }
                final long applOffset = ptrs.applOffset();
                final int chunk = (int)Math.min(Math.min(avail, frames - written), ptrs.bufferFrames() - applOffset);
                try
                {
                    copyUnlocked(applOffset * frameBytes, src, offset + written * frameBytes, chunk * frameBytes);
                    // a suspend, stop or disconnect while the lock was released ends the write here
                    machine.checkAccessible();
                }
                catch (final SoundException e)
                {
                    return partial(written, e);
                }
                ptrs.advanceAppl(chunk);
                written += chunk;
                if (machine.shouldAutoStartLocked())
                {
                    try
                    {
                        machine.startLocked();
                    }
                    catch (final SoundException e)
                    {
                        return partial(written, e);
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
     * {@code snd_pcm_drain}; see {@link PcmSubstream#drain()}.
     *
     * @throws SoundException as {@link PcmSubstream#drain()} documents.
     */
    void drain()
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            if (!machine.drainStartLocked())
            {
                return;
            }
            updater.updateHwPtrLocked(false);
            if (!sleeper.awaitProgress(drainDone, paused, ptrs, sleeper.timeoutNanos(setup.params())))
            {
                card.log().debug(card.logSource(), "playback drain error (DMA or IRQ trouble?)");
                machine.stopLocked(PcmState.SETUP);
                throw new SoundException(Errno.EIO, "playback drain error (DMA or IRQ trouble?)");
            }
            if (PcmState.DISCONNECTED == machine.state())
            {
                throw machine.disconnected();
            }
            if (PcmState.SUSPENDED == machine.state())
            {
                throw machine.suspended();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** A write that fails after copying some frames returns them; one that copied none fails. */
    private static int partial(final int written, final SoundException e)
    {
        if (written > 0)
        {
            return written;
        }
        throw e;
    }

    /**
     * One chunk's copy into the buffer, with the stream lock released around it and the buffer kept from changing
     * ({@code buffer_accessing}); the lock is held again when it returns or throws.
     *
     * @throws SoundException {@link Errno#EBUSY} while {@code hw_params}, {@code hw_free} or prepare change the
     *                        buffer; {@link Errno#EIO} when the buffer is outside host memory; the driver's own.
     */
    private void copyUnlocked(final long bufferOffsetBytes, final byte[] src, final int srcOffset, final int bytes)
    {
        if (!bufferAccess.tryBeginCopy())
        {
            throw new SoundException(Errno.EBUSY, substream.name() + ": write while the buffer is being changed");
        }
        boolean copied = true;
        lock.unlock();
        try
        {
            if (ops.hasCopy())
            {
                ops.copy(substream, bufferOffsetBytes, src, srcOffset, bytes);
            }
            else
            {
                copied = memory.write(setup.dmaAddress() + bufferOffsetBytes, src, srcOffset, bytes);
            }
        }
        finally
        {
            lock.lock();
            bufferAccess.endCopy();
        }
        if (!copied)
        {
            throw new SoundException(Errno.EIO, substream.name() + ": DMA buffer outside host memory");
        }
    }

    /** {@code wait_for_avail}: sleeps until there is room; fails on a state change or when no progress is made. */
    private void waitForAvailLocked()
    {
        if (!sleeper.awaitProgress(writeReady, paused, ptrs, sleeper.timeoutNanos(setup.params())))
        {
            card.log().debug(card.logSource(), "playback write error (DMA or IRQ trouble?)");
            throw new SoundException(Errno.EIO, "playback write error (DMA or IRQ trouble?)");
        }
    }
}

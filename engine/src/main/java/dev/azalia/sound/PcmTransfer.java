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
 * method takes the stream lock and holds it (released only inside the sleeper's wait). Allocates nothing per call:
 * the wake-up conditions are bound once here.
 */
final class PcmTransfer
{
    private final PcmSubstream substream;
    private final Card card;
    private final DmaMemory memory;
    private final ReentrantLock lock;
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
     * @param memory    host memory holding the DMA ring.
     * @param lock      the stream lock.
     * @param machine   the state machine.
     * @param ptrs      the pointers.
     * @param sleeper   the sleeper on {@code runtime->sleep}.
     * @param setup     the hardware parameters and the DMA buffer.
     * @param updater   the position side.
     */
    PcmTransfer(final PcmSubstream substream, final Card card, final DmaMemory memory, final ReentrantLock lock,
        final PcmStateMachine machine, final PcmPointers ptrs, final PcmSleeper sleeper, final PcmSetup setup,
        final PcmHwPtrUpdater updater)
    {
        this.substream = substream;
        this.card = card;
        this.memory = memory;
        this.lock = lock;
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
                if (!memory.write(setup.dmaAddress() + applOffset * frameBytes, src, offset + written * frameBytes,
                    chunk * frameBytes))
                {
                    throw new SoundException(Errno.EIO, substream.name() + ": DMA buffer outside host memory");
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

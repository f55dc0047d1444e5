package dev.azalia.driver;

import dev.azalia.kernel.Kernel;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.IoMapping;
import dev.azalia.sound.PcmSubstream;

/**
 * The chip's stream descriptors ({@code bus->stream_list}): created at probe, assigned to substreams
 * ({@code azx_assign_device} / {@code azx_release_device}) under the register lock, re-pointed after a BAR move,
 * and stopped and restarted in place around a move (the {@code rwsem} policy, a project extension).
 *
 * <p>Threading: assignment under the chip's register lock; the move helpers from the policy's task context.
 */
final class AzxStreams
{
    private static final int PLAYBACK_INDEX_OFFSET = 4;

    private final AzxChip chip;
    private final AzxStream[] streams = new AzxStream[8];

    /**
     * The stream table of one chip.
     *
     * @param chip the controller.
     */
    AzxStreams(final AzxChip chip)
    {
        this.chip = chip;
    }

    /**
     * Creates every descriptor (SD0-3 capture, SD4-7 playback, tag = index + 1).
     *
     * @param regs          the bus's registers.
     * @param memory        host memory (BDLs).
     * @param kernel        kernel services.
     * @param posbufAddress the DMA position buffer.
     * @return the descriptors in index order (shared, not a copy).
     */
    AzxStream[] create(final ChipRegisters regs, final DmaMemory memory, final Kernel kernel,
        final long posbufAddress)
    {
        for (int i = 0; i < streams.length; i++)
        {
            streams[i] = new AzxStream(i, i + 1, i >= PLAYBACK_INDEX_OFFSET, regs, memory, kernel, posbufAddress);
        }
        return streams;
    }

    /**
     * The number of descriptors.
     *
     * @return 8.
     */
    int count()
    {
        return streams.length;
    }

    AzxStream get(final int index)
    {
        return streams[index];
    }

    /**
     * Takes a free playback stream for a substream ({@code azx_assign_device}).
     *
     * @param substream the opening substream.
     * @return the stream, or null if all are busy.
     */
    AzxStream assignPlayback(final PcmSubstream substream)
    {
        chip.regLock().lock();
        try
        {
            for (int i = PLAYBACK_INDEX_OFFSET; i < streams.length; i++)
            {
                if (null == streams[i].substream)
                {
                    streams[i].substream = substream;
                    return streams[i];
                }
            }
            return null;
        }
        finally
        {
            chip.regLock().unlock();
        }
    }

    /**
     * Releases a stream ({@code azx_release_device}).
     *
     * @param stream the stream.
     */
    void release(final AzxStream stream)
    {
        chip.regLock().lock();
        try
        {
            stream.substream = null;
        }
        finally
        {
            chip.regLock().unlock();
        }
    }

    /**
     * Points every descriptor's own accessor ({@code sd_addr}) at a new mapping.
     *
     * @param mapping the mapping of the BAR at its new address.
     */
    void remap(final IoMapping mapping)
    {
        for (final AzxStream s : streams)
        {
            s.remap(mapping);
        }
    }

    /**
     * Streams assigned to an open substream.
     *
     * @return the count.
     */
    int open()
    {
        int n = 0;
        for (final AzxStream s : streams)
        {
            if (null != s && null != s.substream)
            {
                n++;
            }
        }
        return n;
    }

    /** Stops every running stream where it is, remembering the position. */
    void stopRunning()
    {
        for (final AzxStream s : streams)
        {
            if (s.running)
            {
                chip.regLock().lock();
                try
                {
                    s.stop();
                }
                finally
                {
                    chip.regLock().unlock();
                }
                s.suspendedAtBytes = chip.irqPath().position(s);
                s.stoppedByMove = true;
            }
        }
        chip.irq().synchronizeIrq();
    }

    /**
     * Restarts the streams {@link #stopRunning()} stopped, from the remembered positions.
     *
     * @param pcmOps the PCM ops that re-program a stream at an offset.
     */
    void restartStopped(final AzxPcmOps pcmOps)
    {
        for (final AzxStream s : streams)
        {
            if (s.stoppedByMove)
            {
                s.stoppedByMove = false;
                pcmOps.reprogramAt(s, s.suspendedAtBytes);
                chip.regLock().lock();
                try
                {
                    s.start(false);
                }
                finally
                {
                    chip.regLock().unlock();
                }
            }
        }
    }
}

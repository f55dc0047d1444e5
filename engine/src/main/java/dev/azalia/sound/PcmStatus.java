package dev.azalia.sound;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consistent reads of one playback runtime's pointers and counters ({@code snd_pcm_status} and the
 * {@code /proc/asound/.../status} figures): each value is read under the stream lock, from the last known
 * {@code hw_ptr} (no hardware position is read here).
 *
 * <p><b>Threads.</b> Any thread; every method takes the stream lock briefly. Allocates nothing. Pointers and the
 * boundary are in frames modulo the boundary, counts since the last open.
 */
final class PcmStatus
{
    private final ReentrantLock lock;
    private final Condition sleep;
    private final PcmPointers ptrs;
    private final PcmHwPtrUpdater updater;
    private final PcmSetup setup;

    /**
     * Reads of a runtime.
     *
     * @param lock    the stream lock.
     * @param sleep   the condition writers and drainers sleep on.
     * @param ptrs    the pointers.
     * @param updater the position side (its counters).
     * @param setup   the configuration (whether parameters are set).
     */
    PcmStatus(final ReentrantLock lock, final Condition sleep, final PcmPointers ptrs, final PcmHwPtrUpdater updater,
        final PcmSetup setup)
    {
        this.lock = lock;
        this.sleep = sleep;
        this.ptrs = ptrs;
        this.updater = updater;
        this.setup = setup;
    }

    /** The pointer boundary, in frames; 0 before hw_params. */
    long boundary()
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

    /** {@code hw_ptr}, in frames. */
    /** The hardware pointer without the stream lock ({@link PcmPointers#hwPtrAcquire}). */
    long hwPtrUnlocked()
    {
        return ptrs.hwPtrAcquire();
    }

    long hwPtr()
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

    /** {@code appl_ptr}, in frames. */
    long applPtr()
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

    /** Playback {@code avail}, in frames. */
    long availFrames()
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

    /** Playback {@code hw_avail}, in frames; 0 before hw_params. */
    long delayFrames()
    {
        lock.lock();
        try
        {
            return null == setup.params() ? 0L : ptrs.bufferFrames() - ptrs.avail();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Frames played since the last prepare (never wraps). */
    long framesPlayed()
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

    /** Xruns since open. */
    long xruns()
    {
        lock.lock();
        try
        {
            return updater.xrunsLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Period interrupts that found the stream running or draining, since open. */
    long periodsElapsed()
    {
        lock.lock();
        try
        {
            return updater.periodsElapsedLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** "Lost interrupts?" counted since open. */
    long lostInterrupts()
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

    /** "hw_ptr skipping" counted since open. */
    long hwPtrSkips()
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
     * Test hook: a smaller boundary (a multiple of the buffer, at least two buffers), set after hw_params.
     *
     * @param frames the boundary in frames.
     */
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

    /**
     * Test hook: whether a writer or drainer sleeps on the stream condition.
     *
     * @return true while one waits.
     */
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
}

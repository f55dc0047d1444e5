package dev.azalia.sound;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may touch a substream's DMA buffer: the writers copying into it with the stream lock released, or one
 * operation that changes or resets it ({@code hw_params}, {@code hw_free}, prepare), never both at once. Linux 6.1's
 * {@code runtime->buffer_accessing} and {@code runtime->buffer_mutex}: a count that is positive while copies are in
 * progress and negative while a change holds the buffer. A copy that finds a change in progress fails with
 * {@link Errno#EBUSY}, and so does a change that finds a copy in progress; neither waits for the other. Changes wait
 * for each other on the mutex.
 *
 * <p>Threads: any. {@link #tryBeginCopy()}/{@link #endCopy()} and {@link #lockBuffer}/{@link #unlockBuffer()}
 * are each called in pairs by one thread. The count is an {@link AtomicInteger} updated by compare-and-set (a full
 * fence, as the kernel's {@code atomic_inc_unless_negative} and {@code atomic_dec_unless_positive} are), so a copy
 * that began happens-before the change that saw the count back at 0, and the reverse. Allocates nothing.
 */
final class PcmBufferAccess
{
    private final AtomicInteger accessing = new AtomicInteger();
    private final ReentrantLock mutex = new ReentrantLock();

    /**
     * A copy into the buffer begins ({@code atomic_inc_unless_negative(&runtime->buffer_accessing)}).
     *
     * @return false while a change holds the buffer (the caller fails with {@link Errno#EBUSY}).
     */
    boolean tryBeginCopy()
    {
        int v;
        do
        {
            v = accessing.get();
            if (v < 0)
            {
                return false;
            }
        }
        while (!accessing.compareAndSet(v, v + 1));
        return true;
    }

    /** The copy begun by {@link #tryBeginCopy()} ended ({@code atomic_dec}). */
    void endCopy()
    {
        accessing.decrementAndGet();
    }

    /**
     * A change of the buffer begins ({@code snd_pcm_buffer_access_lock}): refused while a copy is in progress,
     * otherwise keeps further copies out and waits for any other change to finish.
     *
     * @param name      the substream's name, for the message.
     * @param operation what the change is, e.g. {@code "hw_params"}.
     * @throws SoundException {@link Errno#EBUSY} while a copy is in progress.
     */
    void lockBuffer(final String name, final String operation)
    {
        int v;
        do
        {
            v = accessing.get();
            if (v > 0)
            {
                throw new SoundException(Errno.EBUSY, name + ": " + operation + " while a write is copying");
            }
        }
        while (!accessing.compareAndSet(v, v - 1));
        mutex.lock();
    }

    /** The change begun by {@link #lockBuffer} ended ({@code snd_pcm_buffer_access_unlock}). */
    void unlockBuffer()
    {
        mutex.unlock();
        accessing.incrementAndGet();
    }

    /**
     * The count: copies in progress when positive, changes holding or waiting for the buffer when negative.
     *
     * @return the count now.
     */
    int count()
    {
        return accessing.get();
    }
}

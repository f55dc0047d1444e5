package dev.azalia.driver;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The bus's queue of unsolicited responses ({@code bus->unsol_queue}): the interrupt's RIRB update offers each one
 * under the transport's register lock, and the unsolicited work hands them to the handler in order. As
 * {@code snd_hdac_bus_queue_event} does, an offer always advances the write index over the ring of 64 without looking
 * at the read index: a storm overwrites what the work has not reached, memory stays bounded, and the newest responses
 * are the ones handled (64 unhandled offers in a row bring the indices level, so the ring reads as empty until the
 * next). Each response is consumed only once handled, so a handler that has to wait (and is retried) sees it again.
 */
final class UnsolicitedQueue
{
    private static final int ENTRIES = 64;

    private final ReentrantLock lock;
    private final int[] entries = new int[ENTRIES * 2];
    private int write;
    private int read;
    private volatile long offered;
    private volatile UnsolicitedHandler handler = (a, r) -> { };

    /**
     * A queue guarded by the transport's register lock.
     *
     * @param lock the lock {@link #offer} is called under.
     */
    UnsolicitedQueue(final ReentrantLock lock)
    {
        this.lock = lock;
    }

    /**
     * Sets who handles the responses.
     *
     * @param newHandler the handler, called on the workqueue.
     */
    void setHandler(final UnsolicitedHandler newHandler)
    {
        this.handler = newHandler;
    }

    /**
     * Queues one response; the caller holds the register lock (the interrupt's RIRB update).
     *
     * @param addr the codec address.
     * @param res  the response word.
     */
    void offer(final int addr, final int res)
    {
        entries[write * 2] = addr;
        entries[write * 2 + 1] = res;
        write = (write + 1) % ENTRIES;
        offered++;
    }

    /**
     * How many responses were queued.
     *
     * @return the count.
     */
    long offered()
    {
        return offered;
    }

    /** The unsolicited work: hands every queued response to the handler, in order, without the lock held. */
    void process()
    {
        while (true)
        {
            final int addr;
            final int res;
            lock.lock();
            try
            {
                if (read == write)
                {
                    return;
                }
                addr = entries[read * 2];
                res = entries[read * 2 + 1];
            }
            finally
            {
                lock.unlock();
            }
            handler.onUnsolicited(addr, res);
            lock.lock();
            try
            {
                read = (read + 1) % ENTRIES;
            }
            finally
            {
                lock.unlock();
            }
        }
    }
}

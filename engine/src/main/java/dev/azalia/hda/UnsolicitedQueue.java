package dev.azalia.hda;

/**
 * Unsolicited responses from codecs waiting for the controller's device lock: a bounded FIFO any thread may add to;
 * whichever thread holds the device lock next moves them into the RIRB.
 *
 * <p>Threading: guarded by its own monitor; {@link #pending()} is a lock-free hint, the monitor gives the real answer.
 */
final class UnsolicitedQueue
{
    private static final int CAPACITY = 64;

    private final int[] queue = new int[CAPACITY * 2];
    private int head;
    private int size;
    private long dropped;
    // Written under the monitor, read without it as a hint only.
    private volatile boolean pending;

    /**
     * Queues a response, or counts it dropped when {@value #CAPACITY} are already waiting.
     *
     * @param cad      the codec address (already masked).
     * @param response the response word.
     * @return false if it was dropped.
     */
    synchronized boolean offer(final int cad, final int response)
    {
        if (size == CAPACITY)
        {
            dropped++;
            return false;
        }
        final int tail = (head + size) % CAPACITY;
        queue[tail * 2] = cad;
        queue[tail * 2 + 1] = response;
        size++;
        pending = true;
        return true;
    }

    /** Whether responses may be waiting (a hint read without the monitor). */
    boolean pending()
    {
        return pending;
    }

    /** Drops every waiting response. */
    synchronized void clear()
    {
        size = 0;
        pending = false;
    }

    /** Responses dropped because the queue was full, since creation. */
    synchronized long dropped()
    {
        return dropped;
    }

    /**
     * Moves every waiting response into the rings, in arrival order; called with the device lock held. Responses
     * queued meanwhile are moved too.
     *
     * @param rings the controller's command rings.
     */
    void drainTo(final CommandRings rings)
    {
        while (true)
        {
            final int cad;
            final int response;
            synchronized (this)
            {
                if (size == 0)
                {
                    pending = false;
                    return;
                }
                cad = queue[head * 2];
                response = queue[head * 2 + 1];
                head = (head + 1) % CAPACITY;
                size--;
            }
            rings.unsolicited(cad, response);
        }
    }
}

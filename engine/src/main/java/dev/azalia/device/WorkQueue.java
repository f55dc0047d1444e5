package dev.azalia.device;

/**
 * Where the driver core queues its deferred-probe work ({@code system_unbound_wq}).
 */
@FunctionalInterface
public interface WorkQueue
{
    /**
     * Queues work to run later on the queue's thread.
     *
     * @param name what the work is.
     * @param work the work.
     */
    void queue(String name, Runnable work);
}

package dev.azalia.kernel;

/**
 * Thread helpers the emulated kernel's contexts share.
 */
public final class Threads
{
    private Threads()
    {
    }

    /**
     * Waits for a thread to end, ignoring interrupts while waiting and restoring the caller's interrupt status
     * afterwards (a teardown that must not be cut short).
     *
     * @param t the thread to wait for.
     */
    public static void joinUninterruptibly(final Thread t)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                t.join();
                break;
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.azalia.time;

/**
 * The real clock: {@link System#nanoTime()}.
 */
public final class SystemNanoClock implements NanoClock
{
    /** The shared instance; the class has no state. */
    public static final SystemNanoClock INSTANCE = new SystemNanoClock();

    private SystemNanoClock()
    {
    }

    /** {@inheritDoc} */
    @Override
    public long nanoTime()
    {
        return System.nanoTime();
    }
}

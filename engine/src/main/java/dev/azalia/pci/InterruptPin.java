package dev.azalia.pci;

/**
 * The device side of a level-triggered INTx line: the device model drives the level, the interrupt core delivers
 * it to the handler the driver requested.
 *
 * <p>Called by device models from whatever thread changed their state (a register write, the link clock's DMA step);
 * implementations are thread-safe and must not call back into the device while the device holds its own lock.
 */
public interface InterruptPin
{
    /**
     * Sets the line's level.
     *
     * @param asserted true while the device requests service; INTx stays asserted until the cause is cleared.
     */
    void setLevel(boolean asserted);

    /**
     * Sets the level as {@link #setLevel} does, but leaves waking a thread the change makes runnable (an interrupt
     * thread) to {@link #wakeDeferred()}: a device that serialises its level changes calls this while others may
     * wait for it, and the wake-up (a system call that can take tens of microseconds) once they no longer do. A
     * handler run on the calling thread (inline delivery) still runs before this returns.
     *
     * @param asserted true while the device requests service.
     */
    default void setLevelDeferringWake(final boolean asserted)
    {
        setLevel(asserted);
    }

    /** Wakes what {@link #setLevelDeferringWake} left asleep; does nothing when nothing was left. Any thread. */
    default void wakeDeferred()
    {
    }
}

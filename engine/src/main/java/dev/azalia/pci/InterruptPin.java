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
}

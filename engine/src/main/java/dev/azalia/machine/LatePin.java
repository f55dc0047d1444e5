package dev.azalia.machine;

import dev.azalia.pci.InterruptPin;

/**
 * An interrupt pin handed to a device model before the PCI function that carries it exists: it forwards every call
 * to the function's pin once {@link #connect connected}. Thread-safe; the device raises nothing before it is.
 */
final class LatePin implements InterruptPin
{
    private volatile InterruptPin target;

    /**
     * Forwards from now on.
     *
     * @param pin the function's pin.
     */
    void connect(final InterruptPin pin)
    {
        target = pin;
    }

    @Override
    public void setLevel(final boolean asserted)
    {
        target.setLevel(asserted);
    }

    @Override
    public void setLevelDeferringWake(final boolean asserted)
    {
        target.setLevelDeferringWake(asserted);
    }

    @Override
    public void wakeDeferred()
    {
        target.wakeDeferred();
    }
}

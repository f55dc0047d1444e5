package dev.azalia.hda;

/**
 * The controller's current {@link DeviceFaults}, shared by its parts: {@link #active} is checked first on every
 * path, so a controller without faults makes no call.
 *
 * <p>Threading: both fields are written under the device lock and read under it, except by the interrupt pulse,
 * which reads them after the lock is released on the same DMA step.
 */
final class InjectedFaults
{
    volatile DeviceFaults plan = DeviceFaults.NONE;
    volatile boolean active;

    void set(final DeviceFaults faults, final long nowNanos)
    {
        faults.start(nowNanos);
        plan = faults;
        active = faults.active();
    }
}

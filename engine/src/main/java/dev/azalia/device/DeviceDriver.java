package dev.azalia.device;

/**
 * A driver on the {@link DeviceCore} ({@code struct device_driver}). {@link #probe} and {@link #remove} are called
 * with the core's lock held, on the thread that registers the device or driver or on the deferred-probe work.
 */
public interface DeviceDriver
{
    /**
     * The driver's name.
     *
     * @return the name.
     */
    String name();

    /**
     * Whether this driver handles the device ({@code bus->match}).
     *
     * @param device the candidate.
     * @return true to be probed for it.
     */
    boolean matches(Device device);

    /**
     * Binds to the device. Resources acquired here should be managed ({@link Device#devres()}): on failure or
     * deferral they are released.
     *
     * @param device the device.
     * @throws ProbeDeferException if something the driver needs is missing; the device is retried later.
     * @throws Exception           any other failure; the device stays unbound.
     */
    void probe(Device device) throws Exception;

    /**
     * Unbinds from the device; managed resources are released after this returns.
     *
     * @param device the device.
     */
    default void remove(final Device device)
    {
    }
}

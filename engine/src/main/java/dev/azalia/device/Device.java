package dev.azalia.device;

/**
 * A device on the {@link DeviceCore} (a platform device such as a board/machine device): its name, the driver bound
 * to it and its managed resources.
 *
 * <p>Thread-safety: the binding is changed by the core under its lock; reads are volatile.
 */
public final class Device implements ManagedDevice
{
    private final String name;
    private final Devres devres = new Devres();
    private volatile DeviceDriver driver;
    private volatile String deferralReason;
    private volatile Object driverData;

    /**
     * A device, not registered yet.
     *
     * @param name its name.
     */
    public Device(final String name)
    {
        this.name = name;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public Devres devres()
    {
        return devres;
    }

    /**
     * The bound driver.
     *
     * @return the driver, or null if unbound.
     */
    public DeviceDriver driver()
    {
        return driver;
    }

    /**
     * Whether a driver is bound.
     *
     * @return true if bound.
     */
    public boolean bound()
    {
        return null != driver;
    }

    /**
     * Why the last probe was deferred ({@code /sys/kernel/debug/devices_deferred}).
     *
     * @return the reason, or null if the device is not deferred.
     */
    public String deferralReason()
    {
        return deferralReason;
    }

    /**
     * Driver-private data ({@code dev_set_drvdata}).
     *
     * @return what the driver set, or null.
     */
    public Object driverData()
    {
        return driverData;
    }

    /**
     * Sets driver-private data.
     *
     * @param data the data.
     */
    public void setDriverData(final Object data)
    {
        this.driverData = data;
    }

    void setDriver(final DeviceDriver d)
    {
        this.driver = d;
    }

    void setDeferralReason(final String reason)
    {
        this.deferralReason = reason;
    }

    @Override
    public String toString()
    {
        return name;
    }
}

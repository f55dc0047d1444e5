package dev.azalia.device;

/**
 * Something that owns managed resources ({@code struct device} with its devres list): a PCI function or a
 * platform device.
 */
public interface ManagedDevice
{
    /**
     * The device's name as it prefixes log lines ({@code "0000:00:1b.0"}, {@code "hda-board"}).
     *
     * @return the name.
     */
    String name();

    /**
     * The device's managed resources, released when the device is unbound from its driver.
     *
     * @return the list, owned by the device.
     */
    Devres devres();
}

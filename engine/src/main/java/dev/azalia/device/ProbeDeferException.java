package dev.azalia.device;

/**
 * Thrown by {@link DeviceDriver#probe} when a resource the driver needs is not there yet ({@code -EPROBE_DEFER}):
 * the device goes on the deferred-probe list and is probed again when the list is triggered.
 */
public final class ProbeDeferException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * A deferral.
     *
     * @param reason what is missing, as {@code dev_err_probe} records it.
     */
    public ProbeDeferException(final String reason)
    {
        super(reason, null, false, false);
    }
}

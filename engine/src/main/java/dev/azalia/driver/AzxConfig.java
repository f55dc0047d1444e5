package dev.azalia.driver;

/**
 * Options of the HD-Audio driver, like {@code snd_hda_intel}'s module parameters.
 *
 * @param autosuspendDelayNanos idle time before the controller runtime-suspends ({@code power_save}); negative
 *                              disables autosuspend.
 * @param policy                the BAR-move quiesce policy's name ({@link QuiescePolicy#named}).
 * @param enableMsi             {@code enable_msi}: negative (Linux's default -1) uses MSI unless the controller's
 *                              identity forbids it, 0 forces INTx, positive forces MSI.
 */
public record AzxConfig(long autosuspendDelayNanos, String policy, int enableMsi)
{
    /** One second of idle before autosuspend, and the {@code live} policy. */
    public static final AzxConfig DEFAULT = new AzxConfig(1_000_000_000L, "live");

    /**
     * Options with {@code enable_msi} at its default (-1).
     *
     * @param autosuspendDelayNanos idle time before autosuspend; negative disables it.
     * @param policy                the BAR-move quiesce policy's name.
     */
    public AzxConfig(final long autosuspendDelayNanos, final String policy)
    {
        this(autosuspendDelayNanos, policy, -1);
    }

    /**
     * Checks the policy name.
     *
     * @throws IllegalArgumentException for an unknown policy.
     */
    public AzxConfig
    {
        QuiescePolicy.named(policy);
    }

    /**
     * The same options with another policy.
     *
     * @param name the policy's name.
     * @return a copy.
     */
    public AzxConfig withPolicy(final String name)
    {
        return new AzxConfig(autosuspendDelayNanos, name, enableMsi);
    }

    /**
     * The same options with another autosuspend delay.
     *
     * @param nanos the delay; negative disables autosuspend.
     * @return a copy.
     */
    public AzxConfig withAutosuspendDelayNanos(final long nanos)
    {
        return new AzxConfig(nanos, policy, enableMsi);
    }

    /**
     * The same options with another {@code enable_msi}.
     *
     * @param value negative for the default, 0 for INTx, positive for MSI.
     * @return a copy.
     */
    public AzxConfig withEnableMsi(final int value)
    {
        return new AzxConfig(autosuspendDelayNanos, policy, value);
    }
}

package dev.azalia.driver;

/**
 * Options of the HD-Audio driver, like {@code snd_hda_intel}'s module parameters.
 *
 * @param autosuspendDelayNanos idle time before the controller runtime-suspends ({@code power_save}); negative
 *                              disables autosuspend.
 * @param policy                the BAR-move quiesce policy's name ({@link QuiescePolicy#named}).
 */
public record AzxConfig(long autosuspendDelayNanos, String policy)
{
    /** One second of idle before autosuspend, and the {@code live} policy. */
    public static final AzxConfig DEFAULT = new AzxConfig(1_000_000_000L, "live");

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
        return new AzxConfig(autosuspendDelayNanos, name);
    }

    /**
     * The same options with another autosuspend delay.
     *
     * @param nanos the delay; negative disables autosuspend.
     * @return a copy.
     */
    public AzxConfig withAutosuspendDelayNanos(final long nanos)
    {
        return new AzxConfig(nanos, policy);
    }
}

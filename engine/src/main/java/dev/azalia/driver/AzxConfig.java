package dev.azalia.driver;

/**
 * Options of the HD-Audio driver, like {@code snd_hda_intel}'s module parameters.
 *
 * @param autosuspendDelayNanos idle time before the controller runtime-suspends ({@code power_save}); negative
 *                              disables autosuspend.
 */
public record AzxConfig(long autosuspendDelayNanos)
{
    /** One second of idle before autosuspend. */
    public static final AzxConfig DEFAULT = new AzxConfig(1_000_000_000L);
}

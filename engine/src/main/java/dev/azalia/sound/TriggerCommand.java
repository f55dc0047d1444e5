package dev.azalia.sound;

/**
 * The commands of {@link PcmOps#trigger} ({@code SNDRV_PCM_TRIGGER_*}). Always issued under the stream lock.
 */
public enum TriggerCommand
{
    /** Start the DMA. */
    START,
    /** Stop the DMA (explicit drop, drain end, or xrun). */
    STOP,
    /** Pause the DMA, keeping the position. */
    PAUSE_PUSH,
    /** Continue a paused DMA. */
    PAUSE_RELEASE,
    /** Stop the DMA for a suspend, keeping the position for a later {@link #RESUME}. */
    SUSPEND,
    /** Restart the DMA after a suspend from the saved position (only with {@link PcmHardware#resumeSupported()}). */
    RESUME
}

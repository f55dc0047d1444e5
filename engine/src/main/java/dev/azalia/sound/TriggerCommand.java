package dev.azalia.sound;

/**
 * The commands of {@link PcmOps#trigger} ({@code SNDRV_PCM_TRIGGER_*}). Always issued under the stream lock.
 */
public enum TriggerCommand
{
    /** Start the DMA. */
    START(1),
    /** Stop the DMA (explicit drop, drain end, or xrun). */
    STOP(0),
    /** Pause the DMA, keeping the position. */
    PAUSE_PUSH(3),
    /** Continue a paused DMA. */
    PAUSE_RELEASE(4),
    /** Stop the DMA for a suspend, keeping the position for a later {@link #RESUME}. */
    SUSPEND(5),
    /** Restart the DMA after a suspend from the saved position (only with {@link PcmHardware#resumeSupported()}). */
    RESUME(6);

    private final int linuxValue;

    TriggerCommand(final int linuxValue)
    {
        this.linuxValue = linuxValue;
    }

    /**
     * The command's number in Linux ({@code SNDRV_PCM_TRIGGER_*}), as the {@code azx_pcm_trigger} tracepoint prints it.
     *
     * @return STOP 0, START 1, PAUSE_PUSH 3, PAUSE_RELEASE 4, SUSPEND 5, RESUME 6.
     */
    public int linuxValue()
    {
        return linuxValue;
    }
}

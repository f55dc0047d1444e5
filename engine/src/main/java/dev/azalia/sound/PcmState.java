package dev.azalia.sound;

/**
 * The states of a PCM substream ({@code SNDRV_PCM_STATE_*}).
 */
public enum PcmState
{
    /** Open, no hardware parameters yet. */
    OPEN,
    /** Hardware parameters set, not prepared (also after drop or a finished drain). */
    SETUP,
    /** Ready to start. */
    PREPARED,
    /** The DMA runs. */
    RUNNING,
    /** Stopped by an underrun; {@code prepare} recovers. */
    XRUN,
    /** Running until every written frame was played. */
    DRAINING,
    /** Paused by {@code pause(true)}. */
    PAUSED,
    /** Suspended by the card (power management, BAR move); {@code resume} or {@code prepare} recovers. */
    SUSPENDED,
    /** The card was disconnected; only {@code close} works. */
    DISCONNECTED
}

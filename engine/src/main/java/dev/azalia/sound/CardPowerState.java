package dev.azalia.sound;

/**
 * The card-level power state ({@code SNDRV_CTL_POWER_*}). PCM file operations and control get/put only proceed in
 * {@link #D0}; in {@link #D3HOT} they block in the power gate until the card is back in D0 or shut down.
 */
public enum CardPowerState
{
    /** Fully on: hardware may be touched. */
    D0,
    /** Suspended (e.g. while the PCI core moves the BAR): callers wait. */
    D3HOT
}

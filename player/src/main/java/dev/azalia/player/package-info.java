/**
 * The {@code ./play} command-line player: options, the {@link dev.azalia.player.Playback} seam the emulated-card
 * pipeline plugs into, and progress display.
 */
package dev.azalia.player;

/**
 * The {@code ./play} command-line player: options, the {@link dev.azalia.player.Playback} seam the emulated-card
 * pipeline plugs into, progress display, and the stand-in {@link dev.azalia.player.DecodeOnlyPlayback}.
 */
package dev.azalia.player;

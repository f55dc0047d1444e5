/**
 * The {@code ./play} command-line player: options, the {@link dev.azalia.player.Playback} seam the emulated-card
 * pipeline plugs into ({@link dev.azalia.player.CardPlayback} maps the options onto a
 * {@link dev.azalia.testbed.Testbed} run; on the virtual clock the file is decoded ahead on a thread of its own,
 * {@link dev.azalia.player.DecodeAheadSource}), progress display, the summary line, the JSON report and the plot. It
 * builds on the engine's testbed; nothing in the engine or the benchmarks uses it.
 */
package dev.azalia.player;

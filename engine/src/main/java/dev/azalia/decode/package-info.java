/**
 * Audio sources for the testbed: MP3 decoding (frame-sync scanning with header validation, so garbage is refused
 * quickly, Xing/Info and LAME tag parsing, and a JLayer-based decoder trimmed to the source sample-accurately) and
 * 16-bit PCM WAV files, told apart by content ({@link dev.azalia.decode.InputFiles}).
 *
 * <p>Layering: a leaf; it uses {@code hda.StreamFormat} only, and the testbed, the player and the benchmarks use it.
 */
package dev.azalia.decode;

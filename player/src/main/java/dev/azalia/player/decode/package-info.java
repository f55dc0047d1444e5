/**
 * MP3 decoding for the player: frame-sync scanning with header validation (so garbage is refused quickly),
 * Xing/Info and LAME tag parsing, and a JLayer-based decoder trimmed to the source sample-accurately.
 */
package dev.azalia.player.decode;

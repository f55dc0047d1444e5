/**
 * Command-line value parsing for the player: durations and their picocli converters.
 */
package dev.azalia.player.cli;

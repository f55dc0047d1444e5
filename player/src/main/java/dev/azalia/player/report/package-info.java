/**
 * The player's JSON run report: its model (the key contract other tools read) and its writer.
 */
package dev.azalia.player.report;

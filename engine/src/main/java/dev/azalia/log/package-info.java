/**
 * The emulated machine's kernel log, in the words Linux uses.
 */
package dev.azalia.log;

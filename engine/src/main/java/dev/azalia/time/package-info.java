/**
 * Clocks: the real one and a virtual one that tests step explicitly.
 */
package dev.azalia.time;

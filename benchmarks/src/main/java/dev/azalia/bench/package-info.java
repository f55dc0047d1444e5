/**
 * JMH benchmarks of the emulated card, the link and the player pipeline.
 */
package dev.azalia.bench;

/**
 * JMH benchmarks of the emulated card, the link and the player pipeline; the tools beside them: whole-process
 * start-up timing ({@link dev.azalia.bench.StartupTime}) and this machine's wake-up floor
 * ({@link dev.azalia.bench.WakeupFloor}) that the real-clock latencies are compared with.
 */
package dev.azalia.bench;

/**
 * JMH benchmarks of the emulated card, the link and the player pipeline; the tools beside them: whole-process
 * start-up timing ({@link dev.azalia.bench.StartupTime}) and this machine's wake-up floor
 * ({@link dev.azalia.bench.WakeupFloor}) that the real-clock latencies are compared with.
 *
 * <p>Whatever plays a stream runs through the engine's testbed ({@link dev.azalia.testbed.Testbed}), as a user's
 * benchmark would: a whole run per invocation ({@code TestbedRunBenchmark}, {@code DecodeThroughputBenchmark},
 * {@code PolicyComparison}, {@code ConcurrencyScale}, {@code PeriodLatency}), or one action per invocation on a
 * run started in the background ({@link dev.azalia.testbed.TestbedSession}: {@code BarMoveStallBenchmark}). The
 * component benchmarks ({@code MmioBenchmark}, {@code CodecModelBenchmark}, {@code PeriodPathBenchmark},
 * {@code PeriodHopBenchmark}, {@code AllocationPerPeriodBenchmark}) drive one engine part a step at a time, below
 * what a run exposes. The module depends on the engine only.
 */
package dev.azalia.bench;

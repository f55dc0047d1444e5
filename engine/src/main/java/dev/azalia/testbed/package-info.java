/**
 * The testbed: the assembled pipeline as a library, for glitch tests and benchmarks. {@link dev.azalia.testbed.Testbed}
 * describes a run (controller, codec, quiesce policy, buffer, clock, sink, source, disturbances, detectors, traces)
 * with a builder whose defaults play, and {@link dev.azalia.testbed.Testbed#run()} plays it through a freshly booted
 * machine and returns a {@link dev.azalia.testbed.RunResult} with every figure of the JSON report
 * ({@link dev.azalia.testbed.Report}).
 *
 * <p>Layering: at the machine level. It may use {@code machine}, {@code link}, {@code probe}, {@code driver},
 * {@code sound}, {@code hda}, {@code pci}, {@code decode} and below; nothing in the engine below it uses it. The
 * player and the benchmarks build on it.
 */
package dev.azalia.testbed;

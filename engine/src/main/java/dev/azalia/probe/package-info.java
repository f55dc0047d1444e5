/**
 * Glitch detectors that provably catch faults, usable as link handlers, on WAV files and on captured audio.
 *
 * <p>The contract is {@link dev.azalia.probe.GlitchDetector} (feed PCM, finish, read a
 * {@link dev.azalia.probe.GlitchReport} of {@link dev.azalia.probe.Glitch} records in the style of Chromium's
 * counters: count, lost milliseconds, largest glitch); {@link dev.azalia.probe.DetectorHandler} makes any detector a
 * {@link dev.azalia.link.LinkHandler}. The detectors:
 * <ul>
 *   <li>{@link dev.azalia.probe.ReferenceDetector}: bit-exact comparison against the known source (wraps
 *       {@link dev.azalia.link.FrameSequenceProbe}), after {@link dev.azalia.probe.Alignment};</li>
 *   <li>{@link dev.azalia.probe.CounterDetector}: decodes the per-frame index that
 *       {@link dev.azalia.probe.IndexedSignal} writes into one channel; exact, no reference needed;</li>
 *   <li>{@link dev.azalia.probe.SineLockDetector}: phase-locked sine analysis after OboeTester's glitch analyser,
 *       for paths that are not bit-exact;</li>
 *   <li>{@link dev.azalia.probe.SilenceDetector}: zero runs and holds inside non-silent audio;</li>
 *   <li>{@link dev.azalia.probe.XrunCounter}: PCM xruns, sink underruns and missed cycle deadlines.</li>
 * </ul>
 *
 * <p>Threads: a detector is confined to the thread that feeds it (a link handler thread, or the caller on a file);
 * its report is read on that thread or after it finished ({@link dev.azalia.probe.DetectorHandler#finalReport()}
 * publishes it safely). Nothing is allocated per chunk on the steady path; reports are built on demand.
 */
package dev.azalia.probe;

package dev.azalia.testbed;

import dev.azalia.driver.BarMoveStats;
import dev.azalia.metrics.LatencyRecorder;

import java.util.List;

/**
 * What a run recorded over time, for a plot: the latency probes, the output level, the BAR moves and the xruns.
 * Handed once, at the end of a run, to the observer given to {@link Testbed.Builder#timeline}; valid only during
 * that call (the recorders belong to the run).
 *
 * @param startNanos when the link started, link-clock nanoseconds.
 * @param probes     the latency probes, in legend order.
 * @param level      the output level over time.
 * @param moves      the BAR moves (start on the kernel clock, which is the link clock).
 * @param xrunNanos  when the application saw an xrun, link-clock nanoseconds.
 */
public record RunTimeline(long startNanos, List<LatencyRecorder> probes, OutputLevelTimeline level,
                          List<BarMoveStats.Move> moves, List<Long> xrunNanos)
{
}

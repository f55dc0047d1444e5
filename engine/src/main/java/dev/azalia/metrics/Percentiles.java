package dev.azalia.metrics;

import org.HdrHistogram.Histogram;

/**
 * A percentile summary of a latency histogram, for reports. Values are in the unit chosen by the caller of
 * {@link #of(Histogram, double)} (e.g. microseconds when the histogram records microseconds and the scale is 1).
 * Immutable.
 *
 * @param p50  the median.
 * @param p99  the 99th percentile.
 * @param p999 the 99.9th percentile.
 * @param max  the largest recorded value.
 */
public record Percentiles(double p50, double p99, double p999, double max)
{
    /** The summary of an empty histogram: all zeros. */
    public static final Percentiles EMPTY = new Percentiles(0.0, 0.0, 0.0, 0.0);

    /**
     * Summarises a histogram.
     *
     * @param histogram the histogram; not modified. Read it on one thread (it is not thread-safe).
     * @param unitScale multiplier applied to every value, e.g. {@code 1.0} to keep the recorded unit or
     *                  {@code 0.001} to turn microseconds into milliseconds.
     * @return the summary; {@link #EMPTY} when the histogram holds no value.
     */
    public static Percentiles of(final Histogram histogram, final double unitScale)
    {
        if (0 == histogram.getTotalCount())
        {
            return EMPTY;
        }
        return new Percentiles(
            histogram.getValueAtPercentile(50.0) * unitScale,
            histogram.getValueAtPercentile(99.0) * unitScale,
            histogram.getValueAtPercentile(99.9) * unitScale,
            histogram.getMaxValue() * unitScale);
    }
}

package dev.azalia.player;

import dev.azalia.driver.BarMoveStats;
import dev.azalia.metrics.LatencyRecorder;
import dev.azalia.testbed.OutputLevelTimeline;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --plot} PNG (XChart, headless): on top the percentile distribution of every latency probe that recorded
 * something (latency in µs, logarithmic, against the percentile on the usual HdrHistogram scale where 90 %, 99 %,
 * 99.9 % ... are evenly spaced); below, a timeline of the playback: the output level (RMS per 10 ms, dBFS) with the
 * BAR moves (their stall, in ms, on the right axis) and the xruns.
 *
 * <p>Called once on the application thread after the playback; allocates freely.
 */
public final class LatencyPlot
{
    /** Width of the PNG in pixels. */
    public static final int WIDTH = 1200;
    /** Height of each of the two charts in pixels; the PNG is twice as high. */
    public static final int CHART_HEIGHT = 520;

    private static final double MAX_PERCENTILE_X = 1e5;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Distinct, dark enough on white: one per probe. */
    private static final Color[] PROBE_COLORS = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189),
        new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207),
        new Color(80, 80, 80), new Color(188, 189, 34)};

    private LatencyPlot()
    {
    }

    /**
     * What the timeline shows.
     *
     * @param startNanos    the playback's start on the link clock (time 0 of the plot).
     * @param level         the output level.
     * @param moves         the BAR moves (start on the kernel clock, which is the link clock).
     * @param xrunNanos     when the application saw an xrun, link-clock nanoseconds.
     */
    public record Timeline(long startNanos, OutputLevelTimeline level, List<BarMoveStats.Move> moves,
                           List<Long> xrunNanos)
    {
    }

    /**
     * Writes the PNG.
     *
     * @param path     the file; replaced.
     * @param title    a caption naming the run (input, period, policy, clock).
     * @param probes   the latency probes, in legend order; empty ones are left out.
     * @param timeline the playback's timeline.
     * @throws IOException if the file cannot be written.
     */
    public static void write(final Path path, final String title, final List<LatencyRecorder> probes,
        final Timeline timeline) throws IOException
    {
        if (null == System.getProperty("java.awt.headless"))
        {
            // no display is needed to draw into an image
            System.setProperty("java.awt.headless", "true");
        }
        final List<XYChart> charts = List.of(percentiles(title, probes), timeline(timeline));
        try (OutputStream out = Files.newOutputStream(path))
        {
            BitmapEncoder.saveBitmap(charts, 2, 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart percentiles(final String title, final List<LatencyRecorder> probes)
    {
        final XYChart chart = new XYChart(WIDTH, CHART_HEIGHT);
        chart.setTitle("Latency percentiles - " + title);
        chart.setXAxisTitle("percentile");
        chart.setYAxisTitle("latency (µs)");
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax(MAX_PERCENTILE_X);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(LatencyPlot::percentileLabel);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%,.0f", v));
        chart.getStyler().setSeriesColors(PROBE_COLORS);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        boolean any = false;
        for (final LatencyRecorder probe : probes)
        {
            final Histogram h = probe.snapshotMicros();
            if (0 == h.getTotalCount())
            {
                continue;
            }
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            double lastX = 0.0;
            for (final HistogramIterationValue v : h.percentiles(5))
            {
                final double p = v.getPercentileLevelIteratedTo();
                final double x = p >= 100.0 ? MAX_PERCENTILE_X : Math.min(MAX_PERCENTILE_X, 100.0 / (100.0 - p));
                if (x <= lastX)
                {
                    continue;
                }
                lastX = x;
                xs.add(x);
                ys.add((double)Math.max(1L, v.getValueIteratedTo()));
            }
            final XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (n=%d, max %d)", probe.name(),
                h.getTotalCount(), h.getMaxValue()), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            any = true;
        }
        if (!any)
        {
            chart.addSeries("no latency recorded", new double[] {1.0, MAX_PERCENTILE_X}, new double[] {1.0, 1.0});
        }
        return chart;
    }

    /** An x value 1 / (1 - p) as the percentile p it stands for: 10 is 90 %, 1000 is 99.9 %. */
    static String percentileLabel(final double x)
    {
        if (x <= 1.0)
        {
            return "0%";
        }
        final double p = 100.0 - 100.0 / x;
        final String s = String.format(Locale.ROOT, "%.6f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    private static XYChart timeline(final Timeline t)
    {
        final XYChart chart = new XYChart(WIDTH, CHART_HEIGHT);
        chart.setTitle("Playback timeline - output level, BAR moves and xruns");
        chart.setXAxisTitle("time since start (s)");
        chart.setYAxisGroupTitle(0, "output level (dBFS RMS per 10 ms)");
        chart.setYAxisGroupTitle(1, "BAR move stall (ms)");
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0, OutputLevelTimeline.SILENCE_DBFS);
        chart.getStyler().setYAxisMax(0, 0.0);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        final long[] times = t.level().timeNanos();
        final double[] levels = t.level().levelDbfs();
        final double[] xs = new double[times.length];
        for (int i = 0; i < times.length; i++)
        {
            xs[i] = seconds(times[i], t.startNanos());
        }
        final XYSeries level = times.length > 0
            ? chart.addSeries("output level", xs, levels)
            : chart.addSeries("output level (none)", new double[] {0.0}, new double[] {OutputLevelTimeline
                .SILENCE_DBFS});
        level.setMarker(SeriesMarkers.NONE);
        level.setLineColor(new Color(40, 90, 170));
        level.setYAxisGroup(0);

        double maxStall = 0.0;
        if (!t.moves().isEmpty())
        {
            final double[] mx = new double[t.moves().size()];
            final double[] my = new double[t.moves().size()];
            for (int i = 0; i < mx.length; i++)
            {
                final BarMoveStats.Move m = t.moves().get(i);
                mx[i] = seconds(m.startNanos(), t.startNanos());
                my[i] = m.stallNanos() / 1e6;
                maxStall = Math.max(maxStall, my[i]);
            }
            final XYSeries moves = chart.addSeries("BAR move (stall)", mx, my);
            moves.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            moves.setMarker(SeriesMarkers.DIAMOND);
            moves.setMarkerColor(new Color(230, 120, 0));
            moves.setYAxisGroup(1);
        }
        if (!t.xrunNanos().isEmpty())
        {
            final double[] rx = new double[t.xrunNanos().size()];
            final double[] ry = new double[rx.length];
            for (int i = 0; i < rx.length; i++)
            {
                rx[i] = seconds(t.xrunNanos().get(i), t.startNanos());
                ry[i] = maxStall;
            }
            final XYSeries xruns = chart.addSeries("xrun", rx, ry);
            xruns.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            xruns.setMarker(SeriesMarkers.CROSS);
            xruns.setMarkerColor(Color.RED);
            xruns.setYAxisGroup(1);
        }
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, Math.max(1.0, maxStall * 1.1));
        return chart;
    }

    private static void style(final XYChart chart)
    {
        final Styler s = chart.getStyler();
        s.setChartTitleFont(TITLE_FONT);
        s.setLegendFont(TEXT_FONT);
        chart.getStyler().setAxisTitleFont(TEXT_FONT);
        chart.getStyler().setAxisTickLabelsFont(TEXT_FONT);
        s.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(220, 220, 220));
        s.setAntiAlias(true);
    }

    private static double seconds(final long nanos, final long startNanos)
    {
        return (nanos - startNanos) / 1e9;
    }
}

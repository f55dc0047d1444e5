package dev.azalia.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the IOC to period-elapsed latency table of real-clock playbacks without JMH (see
 * {@link PeriodLatencyRun}).
 *
 * <p>Usage: {@code PeriodLatency [--seconds S] [--period FRAMES] [--periods N] [--warmup RUNS] [--runs RUNS]
 * [FILE]}; defaults: 3 s, 256 x 4, two warm-up runs (not kept: the JIT still compiles the real-clock paths during
 * the first), one measured run, {@code music-44k1-stereo-vbr.mp3}.
 * The wake-up floor ({@link WakeupFloor}) is measured after the warm-up and again after the measured runs; the goals
 * (p99 &lt;= 100 µs, and p99 &lt;= 1.5 x the floor's p99) are printed as met or not, with the load average; the
 * exit status is 2 on bad arguments, else 0.
 */
public final class PeriodLatency
{
    private PeriodLatency()
    {
    }

    /**
     * Runs the playbacks and prints the table to stdout.
     *
     * @param args see the class comment.
     * @throws Exception when a playback fails.
     */
    public static void main(final String[] args) throws Exception
    {
        double seconds = 3.0;
        int periodFrames = 256;
        int periods = 4;
        int warmupRuns = 2;
        int runs = 1;
        String file = "music-44k1-stereo-vbr.mp3";
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--period" -> periodFrames = Integer.parseInt(args[++i]);
                    case "--periods" -> periods = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmupRuns = Integer.parseInt(args[++i]);
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    default -> file = args[i];
                }
            }
        }
        catch (final NumberFormatException | ArrayIndexOutOfBoundsException e)
        {
            System.err.println("usage: PeriodLatency [--seconds S] [--period FRAMES] [--periods N] [--warmup RUNS]"
                + " [--runs RUNS] [FILE]");
            System.exit(2);
        }
        final Path path = Samples.resolve(file);
        for (int i = 0; i < warmupRuns; i++)
        {
            PeriodLatencyRun.play(path, seconds, periodFrames, periods);
        }
        final Histogram floorBefore = WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES);
        final Histogram all = new Histogram(3);
        long expected = 0;
        long interrupts = 0;
        long lost = 0;
        long xruns = 0;
        for (int i = 0; i < runs; i++)
        {
            final PeriodLatencyRun.Result r = PeriodLatencyRun.play(path, seconds, periodFrames, periods);
            all.add(r.latencyNanos());
            expected += r.periodsExpected();
            interrupts += r.periodInterrupts();
            lost += r.lostInterrupts();
            xruns += r.xruns();
        }
        final WakeupFloor.Floor floor = new WakeupFloor.Floor(floorBefore,
            WakeupFloor.measure(WakeupFloor.DEFAULT_SAMPLES));
        PeriodLatencyRun.printTable(String.format(Locale.ROOT,
            "%s, %d x %.1f s, period %d x %d, real clock", path.getFileName(), runs, seconds, periodFrames, periods),
            all, System.out);
        System.out.println(String.format(Locale.ROOT, "periods written %d, period interrupts %d, merged %d, xruns %d",
            expected, interrupts, lost, xruns));
        floor.print(System.out);
        System.out.println(floor.ratio("period-elapsed p99", all.getValueAtPercentile(99.0),
            PeriodLatencyRun.GOAL_FLOOR_FACTOR));
        System.out.println("load average: " + Load.average());
    }
}

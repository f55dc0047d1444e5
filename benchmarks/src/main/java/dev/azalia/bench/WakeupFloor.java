package dev.azalia.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * This machine's floor for a threaded wake-up, measured in the same run as the latency it is compared with: a thread
 * parked in {@link LockSupport#park} is woken by {@link LockSupport#unpark} once a millisecond, and the time from
 * the unpark to the woken thread running is recorded (nanoseconds, HdrHistogram, 3 significant digits). No threaded
 * interrupt, period hand-off or driver wake-up in the emulation can beat it: the real-clock latencies are reported as
 * multiples of its 99th percentile.
 *
 * <p>Method (after cyclictest, with the JVM's own park instead of a timer): the waker sleeps about 1 ms, waits until
 * the sleeper is really parked ({@link Thread.State#WAITING}), stamps {@link System#nanoTime()}, publishes a new
 * sequence number (volatile) and unparks it; the sleeper, once it sees the new sequence, stamps again and records the
 * difference. A spurious wake-up finds the sequence unchanged and parks again.
 *
 * <p>Threading: {@link #measure} runs the waker on the calling thread and the sleeper on a thread of its own, joined
 * before it returns; the histogram is written by the sleeper only and read after the join. Not for use on the real
 * time path: it is a benchmark's instrument.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.azalia.bench.WakeupFloor [SAMPLES]} (default
 * {@value #DEFAULT_SAMPLES}); prints one line. {@code --help} (or {@code -h}) prints the usage on standard output
 * and exits with status 0; an option, a second operand, or a count that is not a whole number of at least 1 prints
 * one line on standard error, {@code WakeupFloor: what is wrong; usage: ...}, and exits with status 2.
 */
public final class WakeupFloor
{
    /** Samples per measurement by default: 2000 wake-ups, about 2.5 s. */
    public static final int DEFAULT_SAMPLES = 2000;
    /** The most wake-ups one measurement takes: about 17 minutes. */
    static final int MAX_SAMPLES = 1_000_000;
    /** Wake-ups first run and dropped (class loading, JIT). */
    private static final int WARMUP_SAMPLES = 100;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STATE_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final int SIGNIFICANT_DIGITS = 3;

    /** The command line: its usage and its parse step. */
    static final Command<Integer> COMMAND = new Command<>("WakeupFloor", WakeupFloor::parse,
        "usage: WakeupFloor [SAMPLES]", "  SAMPLES  wake-ups recorded, about 1 ms each, at most "
        + MAX_SAMPLES + " (default " + DEFAULT_SAMPLES + ")");

    private volatile long sequence;
    private volatile long unparkNanos;
    /** The last sequence the sleeper recorded. */
    private volatile long acknowledged;
    private final Histogram wakeupNanos = new Histogram(SIGNIFICANT_DIGITS);
    private final int samples;

    private WakeupFloor(final int samples)
    {
        this.samples = samples;
    }

    /**
     * Measures the floor.
     *
     * @param samples wake-ups recorded (after {@value #WARMUP_SAMPLES} not recorded).
     * @return the unpark-to-running times in nanoseconds.
     * @throws InterruptedException when interrupted while waiting for the sleeper.
     */
    public static Histogram measure(final int samples) throws InterruptedException
    {
        return new WakeupFloor(samples).run();
    }

    private Histogram run() throws InterruptedException
    {
        final int total = WARMUP_SAMPLES + samples;
        final Thread sleeper = new Thread(new Sleeper(total), "wakeup-floor");
        sleeper.setDaemon(true);
        sleeper.start();
        for (int i = 1; i <= total; i++)
        {
            LockSupport.parkNanos(INTERVAL_NANOS);
            // a wake-up slower than the interval is still recorded whole: the next waits for it
            while (sleeper.isAlive() && (acknowledged != i - 1 || Thread.State.WAITING != sleeper.getState()))
            {
                LockSupport.parkNanos(STATE_POLL_NANOS);
            }
            unparkNanos = System.nanoTime();
            sequence = i;
            LockSupport.unpark(sleeper);
        }
        sleeper.join();
        return wakeupNanos;
    }

    /** The parked side: records each wake-up. */
    private final class Sleeper implements Runnable
    {
        private final int total;

        Sleeper(final int total)
        {
            this.total = total;
        }

        @Override
        public void run()
        {
            long seen = 0;
            while (seen < total)
            {
                LockSupport.park(this);
                final long now = System.nanoTime();
                final long s = sequence;
                if (s != seen)
                {
                    seen = s;
                    if (seen > WARMUP_SAMPLES)
                    {
                        wakeupNanos.recordValue(Math.max(0L, now - unparkNanos));
                    }
                    acknowledged = seen;
                }
            }
        }
    }

    /**
     * The floor before and after a measured run, and both together: what the ratios are taken against.
     *
     * @param before measured before the run, nanoseconds.
     * @param after  measured after it, nanoseconds.
     */
    public record Floor(Histogram before, Histogram after)
    {
        /**
         * Both measurements together.
         *
         * @return a new histogram, nanoseconds.
         */
        public Histogram both()
        {
            final Histogram h = before.copy();
            h.add(after);
            return h;
        }

        /**
         * The 99th percentile of both measurements together.
         *
         * @return nanoseconds.
         */
        public long p99Nanos()
        {
            return both().getValueAtPercentile(99.0);
        }

        /**
         * Prints one line per measurement: samples, p50, p99, p99.9 and max in microseconds.
         *
         * @param out where to print.
         */
        public void print(final PrintStream out)
        {
            out.println(line("wake-up floor before", before));
            out.println(line("wake-up floor after", after));
            out.println(line("wake-up floor (both)", both()));
        }

        private static String line(final String label, final Histogram h)
        {
            return String.format(Locale.ROOT, "%-22s %6d wake-ups, p50 %7.1f us, p99 %7.1f us, p99.9 %7.1f us, "
                + "max %8.1f us", label, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        }

        /**
         * A latency as a multiple of the floor's 99th percentile, with its goal.
         *
         * @param what        what the latency is, e.g. {@code "period-elapsed p99"}.
         * @param p99Nanos    the latency's 99th percentile, nanoseconds.
         * @param goalFactor  the goal, as a multiple of the floor p99.
         * @return e.g. {@code "period-elapsed p99 / floor p99 = 1.32 (goal <= 1.5): met"}.
         */
        public String ratio(final String what, final long p99Nanos, final double goalFactor)
        {
            final long floor = p99Nanos();
            final double ratio = floor > 0 ? (double)p99Nanos / floor : Double.NaN;
            return String.format(Locale.ROOT, "%s / floor p99 = %.1f us / %.1f us = %.2f (goal <= %.1f): %s", what,
                p99Nanos / 1e3, floor / 1e3, ratio, goalFactor, ratio <= goalFactor ? "met" : "NOT MET");
        }
    }

    /**
     * Parses the command line (the parse step of {@link #main}; {@code --help} is answered before it).
     *
     * @param args optional: the number of samples.
     * @return the number of samples, at least 1.
     * @throws UsageException on a bad argument, with its one-line message.
     */
    static Integer parse(final String... args) throws UsageException
    {
        final Arguments a = new Arguments(args);
        String samples = null;
        while (a.hasNext())
        {
            samples = Arguments.single("SAMPLES", samples, a.next());
        }
        return null == samples ? DEFAULT_SAMPLES : Arguments.integer("SAMPLES", samples, 1, MAX_SAMPLES);
    }

    /**
     * Measures {@link #DEFAULT_SAMPLES} wake-ups (or as many as the argument says) and prints them, for a look at the
     * machine on its own.
     *
     * @param args optional: the number of samples.
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final int n = COMMAND.readOrExit(args);
        final Histogram h = measure(n);
        System.out.println(Floor.line("wake-up floor", h));
    }
}

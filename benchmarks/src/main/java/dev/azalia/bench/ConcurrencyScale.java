package dev.azalia.bench;

import dev.azalia.link.NullSink;
import dev.azalia.machine.Machine;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SinkSpec;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;
import dev.azalia.time.SystemNanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How many cards play in real time at once: for N = 1, 2, 4, 8, 16, 32, 48, N {@link Testbed} runs on the real
 * clock, started together on N threads. Each card is a full testbed run, exactly what a user's run costs: its own
 * machine (PCI bus, controller, codec, driver, link clock thread, threaded interrupt), the testbed's
 * {@code aplay}-like application thread writing a 1 kHz sine (48 kHz stereo, 4 x 256 frames, start at a full
 * buffer), the link's Disruptor ring and sink writer, and the frame-sequence probe checking every frame that reaches
 * the sink. That is heavier than the hand-built pipeline this benchmark used before (no probe, no reference of the
 * written frames), so its figures are not comparable with the older tables. The N runs boot at once, and each waits
 * for the others' machines to be up (the testbed's {@code afterBoot} hook) before it opens its stream, so that the
 * playbacks overlap from the first period.
 *
 * <p>Each card's sink is a {@link NullSink} paced in real time which, like a device with a prefill, starts
 * consuming once it holds one period ({@code start_threshold}) and again after an underrun: a sink underrun is a
 * delivery more than a period late, not the few microseconds of jitter of every link chunk (the plain
 * {@link SinkSpec#nullSink()} starts at its first frame and would count that jitter).
 *
 * <p>Every figure comes from the runs' {@link RunResult}s, summed over the cards: the xruns the PCM layer saw
 * ({@code stream.xruns}), the sink underruns ({@code output.underruns}), the period interrupts
 * ({@code stream.periodsElapsed}), the frames that reached the sink ({@code output.framesWritten}), the frames the
 * probe checked and those it found lost or duplicated ({@code probe}), and the failures
 * ({@link RunResult#failure()}, or what a run threw). A clean card has no xrun, no sink underrun, no lost or
 * duplicated frame and no failure. The table ends with the largest N with zero xruns (the goal: at least 32) and the
 * largest N with zero xruns and zero sink underruns. Two columns of the hand-built version are gone: the ESTRPIPE
 * "suspends" (a suspend needs a BAR move, and there are none; the testbed recovers them itself and does not count
 * them) and the "frames to link" (the link ring's published frames are not in a run's result; the frames sunk and
 * the probe's frames replace them).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.azalia.bench.ConcurrencyScale [--seconds S] [--counts 1,2,4,...]
 * [--warmup S]}; Markdown on standard output. The first run (one card for {@code --warmup} seconds, default 3)
 * only warms up and is not reported: it takes the JIT's compilations and the JVM's first young collection (about
 * 10 ms with the default heap, longer than the sink's prefill of a period: with a 1 s warm-up it fell in the first
 * row, as a sink underrun); {@code --warmup 0} skips it. {@code --help} (or {@code -h}) prints the usage and every
 * default on standard output and exits with status 0. A bad argument (an unknown option, a missing or malformed
 * value, seconds not positive, a negative warm-up, a count below 1) prints one line on standard error,
 * {@code ConcurrencyScale: what is wrong; usage: ...}, and exits with status 2.
 *
 * <p>Threading: {@link #run} starts one thread per card and returns once every card's run has returned.
 */
public final class ConcurrencyScale
{
    private static final int RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int PERIOD_FRAMES = 256;
    private static final int PERIODS = 4;
    private static final double TONE_HZ = 1000.0;
    private static final long BOOT_WAIT_SECONDS = 60;
    private static final long SLACK_MILLIS = 60_000;
    private static final long ABORT_JOIN_MILLIS = 10_000;
    private static final int FAILURE_CHARS = 160;
    /** The most cards in a row: each plays on four threads of its own, with buffers of several MB. */
    static final int MAX_CARDS = 128;

    /** The command line: its usage and its parse step. */
    static final Command<Options> COMMAND = new Command<>("ConcurrencyScale", ConcurrencyScale::parse,
        "usage: ConcurrencyScale [--seconds S] [--counts N,N,...] [--warmup S]",
        "  --seconds S         audio each card plays, in seconds, at most " + Arguments.MAX_RUN_SECONDS
            + " (default 3)",
        "  --counts N,N,...    cards played at once, one row each, at most " + MAX_CARDS
            + " (default 1,2,4,8,16,32,48)",
        "  --warmup S          one card first for S seconds (at most " + Arguments.MAX_RUN_SECONDS
            + "), not reported; 0 for none (default 3)");

    private ConcurrencyScale()
    {
    }

    /**
     * What one run of N cards gave, summed over the cards.
     *
     * @param cards            cards played at once.
     * @param xruns            xruns the PCM layers saw.
     * @param underruns        sink underruns.
     * @param cleanCards       cards with no xrun, sink underrun, lost or duplicated frame, or failure.
     * @param periodInterrupts period interrupts the drivers handled.
     * @param framesSunk       frames that reached the sinks.
     * @param framesChecked    frames the frame-sequence probes checked.
     * @param framesLost       frames the probes never saw.
     * @param framesDuplicated frames the probes saw more than once.
     * @param loadAverage      the 1-minute load average after the run, or negative where there is none.
     * @param failures         the cards' failures, one line each.
     */
    record Result(int cards, long xruns, long underruns, int cleanCards, long periodInterrupts, long framesSunk,
                  long framesChecked, long framesLost, long framesDuplicated, double loadAverage,
                  List<String> failures)
    {
        /**
         * Whether no card saw an xrun and none failed.
         *
         * @return true when so.
         */
        boolean noXruns()
        {
            return 0 == xruns && failures.isEmpty();
        }

        /**
         * Whether no card saw an xrun or a sink underrun, and none failed.
         *
         * @return true when so.
         */
        boolean clean()
        {
            return noXruns() && 0 == underruns;
        }
    }

    /**
     * What to run.
     *
     * @param seconds audio each card plays, in seconds; positive.
     * @param counts  cards played at once, one row each; every count at least 1.
     * @param warmup  seconds of the warm-up card; 0 for none.
     */
    record Options(double seconds, List<Integer> counts, double warmup)
    {
    }

    /**
     * Parses the command line (the parse step of {@link #main}; {@code --help} is answered before it).
     *
     * @param args {@code --seconds S} (default 3), {@code --counts LIST} (default 1,2,4,8,16,32,48),
     *             {@code --warmup S} (default 3).
     * @return the options.
     * @throws UsageException on a bad argument, with its one-line message.
     */
    static Options parse(final String... args) throws UsageException
    {
        final Arguments a = new Arguments(args);
        double seconds = 3.0;
        double warmup = 3.0;
        List<Integer> counts = List.of(1, 2, 4, 8, 16, 32, 48);
        while (a.hasNext())
        {
            final String option = a.next();
            switch (option)
            {
                case "--seconds" -> seconds = a.positiveNumber(option, Arguments.MAX_RUN_SECONDS, "an hour a row");
                case "--warmup" -> warmup = a.nonNegativeNumber(option, Arguments.MAX_RUN_SECONDS, "an hour");
                case "--counts" -> counts = counts(option, a.value(option));
                default -> throw new UsageException((Arguments.isOption(option) ? "unknown option "
                    : "unexpected argument ") + option);
            }
        }
        return new Options(seconds, counts, warmup);
    }

    /**
     * Runs the scale and prints the table.
     *
     * @param args {@code --seconds S} (default 3), {@code --counts LIST} (default 1,2,4,8,16,32,48),
     *             {@code --warmup S} (default 3).
     * @throws InterruptedException if interrupted while waiting for the cards.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Options options = COMMAND.readOrExit(args);
        final double seconds = options.seconds();
        final double warmup = options.warmup();
        final List<Integer> counts = options.counts();
        if (warmup > 0)
        {
            run(1, warmup, ClockMode.REAL);
        }
        System.out.println(String.format(Locale.ROOT, "%d cards max, 48 kHz stereo, %d x %d frames, %.1f s each, one"
            + " testbed run per card (frame-sequence probe included), null sink paced in real time; %d processors",
            counts.get(counts.size() - 1), PERIODS, PERIOD_FRAMES, seconds,
            Runtime.getRuntime().availableProcessors()));
        System.out.println();
        System.out.println("| cards | clean cards | xruns | sink underruns | period IRQs | frames sunk"
            + " | frames checked by the probe | lost / duplicated | load avg (1 min, after) | failures |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        final List<Result> results = new ArrayList<>();
        for (final int n : counts)
        {
            final Result r = run(n, seconds, ClockMode.REAL);
            results.add(r);
            System.out.println(row(r));
        }
        int largest = 0;
        int largestClean = 0;
        for (final Result r : results)
        {
            if (r.noXruns())
            {
                largest = Math.max(largest, r.cards());
            }
            if (r.clean())
            {
                largestClean = Math.max(largestClean, r.cards());
            }
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "largest N with zero xruns: %d (goal >= 32: %s); largest N with"
            + " zero xruns and zero sink underruns: %d", largest, largest >= 32 ? "met" : "not met", largestClean));
    }

    /**
     * The Markdown row of one result.
     *
     * @param r the result.
     * @return the row, without a line end.
     */
    static String row(final Result r)
    {
        return String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d / %d | %.2f | %s |", r.cards(),
            r.cleanCards(), r.xruns(), r.underruns(), r.periodInterrupts(), r.framesSunk(), r.framesChecked(),
            r.framesLost(), r.framesDuplicated(), r.loadAverage(),
            r.failures().isEmpty() ? "none" : r.failures().size() + ": " + r.failures().get(0));
    }

    /**
     * Plays {@code cards} testbed runs at once, each {@code seconds} of the sine.
     *
     * @param cards   how many cards.
     * @param seconds how much audio each card plays.
     * @param clock   {@link ClockMode#REAL} for the benchmark; {@link ClockMode#VIRTUAL} runs the same cards as
     *                fast as the CPU allows (deterministic figures, for tests).
     * @return the figures summed over the cards.
     * @throws InterruptedException if interrupted while waiting for the cards.
     */
    static Result run(final int cards, final double seconds, final ClockMode clock) throws InterruptedException
    {
        final Duration length = Duration.ofNanos(Math.round(seconds * 1e9));
        final CountDownLatch booted = new CountDownLatch(cards);
        final List<Card> all = new ArrayList<>();
        for (int i = 0; i < cards; i++)
        {
            all.add(new Card(i, length, clock, booted));
        }
        for (final Card c : all)
        {
            c.thread.start();
        }
        final long joinMillis = length.toMillis() + SLACK_MILLIS;
        final List<Outcome> outcomes = new ArrayList<>();
        for (final Card c : all)
        {
            outcomes.add(c.await(joinMillis));
        }
        return summarise(cards, outcomes, loadAverage());
    }

    /**
     * One card's outcome: its run's result, or why there is none.
     *
     * @param result  the run's result, or null when the run threw or did not finish.
     * @param failure the run's failure ({@link RunResult#failure()}, or what it threw), or null.
     */
    record Outcome(RunResult result, String failure)
    {
        /**
         * The outcome of a run that returned.
         *
         * @param result the run's result.
         * @return the outcome, failed when the result says so.
         */
        static Outcome of(final RunResult result)
        {
            return new Outcome(result, result.failure());
        }
    }

    /**
     * Sums the cards' results.
     *
     * @param cards       how many cards ran.
     * @param outcomes    one per card.
     * @param loadAverage the load average to report.
     * @return the sums.
     */
    static Result summarise(final int cards, final List<Outcome> outcomes, final double loadAverage)
    {
        long xruns = 0;
        long underruns = 0;
        long irqs = 0;
        long sunk = 0;
        long checked = 0;
        long lost = 0;
        long duplicated = 0;
        int clean = 0;
        final List<String> failures = new ArrayList<>();
        for (final Outcome o : outcomes)
        {
            final RunResult r = o.result();
            if (null != r)
            {
                xruns += r.stream().xruns();
                underruns += r.output().underruns();
                irqs += r.stream().periodsElapsed();
                sunk += r.output().framesWritten();
                checked += r.probe().framesChecked();
                lost += r.probe().framesLost();
                duplicated += r.probe().framesDuplicated();
            }
            if (null != o.failure())
            {
                failures.add(oneLine(o.failure()));
            }
            else if (null != r && 0 == r.stream().xruns() && 0 == r.output().underruns() && !r.probe().glitch())
            {
                clean++;
            }
        }
        return new Result(cards, xruns, underruns, clean, irqs, sunk, checked, lost, duplicated, loadAverage,
            List.copyOf(failures));
    }

    /** One card: a testbed and the thread that runs it. */
    private static final class Card
    {
        private final Testbed bed;
        private final CountDownLatch booted;
        private final Thread thread;
        private volatile Outcome outcome;
        private boolean arrived;

        Card(final int index, final Duration length, final ClockMode clock, final CountDownLatch booted)
        {
            this.booted = booted;
            // on the virtual clock the testbed's own null sink (unpaced) is the same device without the wait
            final SinkSpec sink = ClockMode.REAL == clock ? SinkSpec.of(new NullSink(SystemNanoClock.INSTANCE, true,
                NullSink.DEFAULT_BUFFER_FRAMES, PERIOD_FRAMES)) : SinkSpec.nullSink();
            this.bed = Testbed.builder().source(SourceSpec.sine(TONE_HZ, RATE, CHANNELS, length)).sink(sink)
                .clock(clock).buffer(PERIODS, PERIOD_FRAMES).quiet(true).afterBoot(this::startTogether).build();
            this.thread = new Thread(this::play, "card-" + index);
            thread.setDaemon(true);
        }

        /** On the card's thread, once its machine is up: waits for every other card to be up too. */
        private void startTogether(final Machine machine)
        {
            arrive();
            try
            {
                if (!booted.await(BOOT_WAIT_SECONDS, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("the other cards did not come up within " + BOOT_WAIT_SECONDS
                        + " s");
                }
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the other cards", e);
            }
        }

        private void arrive()
        {
            if (!arrived)
            {
                arrived = true;
                booted.countDown();
            }
        }

        private void play()
        {
            try
            {
                outcome = Outcome.of(bed.run());
            }
            catch (final Exception | Error e)
            {
                outcome = new Outcome(null, null == e.getMessage() ? "the run stopped without a message"
                    : e.getMessage());
            }
            finally
            {
                // a card that failed before its machine came up must not hold the others back
                arrive();
            }
        }

        /** Waits for the run; one that does not finish in time is aborted (the testbed hot-unplugs its card). */
        Outcome await(final long millis) throws InterruptedException
        {
            thread.join(millis);
            if (thread.isAlive())
            {
                bed.close();
                thread.join(ABORT_JOIN_MILLIS);
                final Outcome late = outcome;
                return new Outcome(null == late ? null : late.result(), "the run did not finish within "
                    + millis / 1000 + " s");
            }
            return outcome;
        }
    }

    private static String oneLine(final String text)
    {
        final String line = text.replace('\n', ' ').replace('|', '/');
        return line.length() <= FAILURE_CHARS ? line : line.substring(0, FAILURE_CHARS) + "...";
    }

    private static List<Integer> counts(final String option, final String text) throws UsageException
    {
        final List<Integer> counts = new ArrayList<>();
        for (final String part : text.split(",", -1))
        {
            counts.add(Arguments.integer(option, part.trim(), 1, MAX_CARDS));
        }
        return List.copyOf(counts);
    }

    private static double loadAverage()
    {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

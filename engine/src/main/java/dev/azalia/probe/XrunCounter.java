package dev.azalia.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Timing-level faults as counters with timestamps: PCM xruns (JACK reports them with how late they were), sink
 * underruns, and cycles that missed their deadline (PipeWire marks an xrun on a node whose cycle did not complete
 * before the next one began). Summarised Chromium-style: count, lost milliseconds, largest milliseconds.
 *
 * <p>Thread-safe: the PCM xrun comes from the interrupt thread, the underrun from the sink thread, cycle
 * completions from whoever runs the cycle; every method locks this object. Nothing is allocated per event; the
 * first {@code keep} events are kept with their timestamps.
 */
public final class XrunCounter
{
    /**
     * One recorded event. Immutable.
     *
     * @param nanos        when it happened (the injected clock's nanoseconds).
     * @param kind         {@link Glitch.Kind#PCM_XRUN}, {@link Glitch.Kind#SINK_UNDERRUN} or
     *                     {@link Glitch.Kind#DEADLINE_MISS}.
     * @param framePosition the stream position at the time, or -1 if unknown.
     * @param lateNanos    how late (deadline miss), how long starved (underrun), or how long delayed (xrun); 0 if
     *                     not known.
     */
    public record Event(long nanos, Glitch.Kind kind, long framePosition, long lateNanos)
    {
    }

    private final long startNanos;
    private final long intervalNanos;
    private final GlitchLog log;
    private final long[] keptNanos;
    private final int[] keptKind;
    private final long[] keptPosition;
    private final long[] keptLate;
    private int kept;
    private long cycles;

    /**
     * A counter for periodic cycles of a fixed interval, cycle {@code n}'s deadline being
     * {@code startNanos + (n + 1) * intervalNanos}.
     *
     * @param startNanos    when cycle 0 began.
     * @param intervalNanos the cycle period (e.g. one period of frames); positive.
     */
    public XrunCounter(final long startNanos, final long intervalNanos)
    {
        this(startNanos, intervalNanos, GlitchLog.DEFAULT_KEPT);
    }

    /**
     * A counter.
     *
     * @param startNanos    when cycle 0 began.
     * @param intervalNanos the cycle period; positive.
     * @param keep          events kept with their timestamps.
     */
    public XrunCounter(final long startNanos, final long intervalNanos, final int keep)
    {
        if (intervalNanos <= 0 || keep < 0)
        {
            throw new IllegalArgumentException("interval must be positive and keep non-negative");
        }
        this.startNanos = startNanos;
        this.intervalNanos = intervalNanos;
        this.log = new GlitchLog(keep, GlitchFilter.ALL);
        this.keptNanos = new long[keep];
        this.keptKind = new int[keep];
        this.keptPosition = new long[keep];
        this.keptLate = new long[keep];
    }

    /**
     * Records a PCM xrun (JACK's "xrun of at least ... msecs").
     *
     * @param nanos         when.
     * @param framePosition the hardware position, or -1.
     * @param delayedNanos  how late the application was, or 0 if unknown.
     */
    public synchronized void pcmXrun(final long nanos, final long framePosition, final long delayedNanos)
    {
        add(nanos, Glitch.Kind.PCM_XRUN, framePosition, delayedNanos);
    }

    /**
     * Records a sink underrun (the device starved).
     *
     * @param nanos         when it began.
     * @param framePosition the device's position, or -1.
     * @param starvedNanos  how long it starved, or 0 if unknown.
     */
    public synchronized void sinkUnderrun(final long nanos, final long framePosition, final long starvedNanos)
    {
        add(nanos, Glitch.Kind.SINK_UNDERRUN, framePosition, starvedNanos);
    }

    /**
     * Records a cycle's completion against an explicit deadline; a completion after the deadline is a miss.
     *
     * @param deadlineNanos  when it had to be complete.
     * @param completedNanos when it completed.
     * @param framePosition  the stream position, or -1.
     * @return true if the deadline was missed.
     */
    public synchronized boolean cycleCompleted(final long deadlineNanos, final long completedNanos,
        final long framePosition)
    {
        cycles++;
        if (completedNanos <= deadlineNanos)
        {
            return false;
        }
        add(completedNanos, Glitch.Kind.DEADLINE_MISS, framePosition, completedNanos - deadlineNanos);
        return true;
    }

    /**
     * Records the completion of periodic cycle {@code cycle} (deadline {@code startNanos + (cycle + 1) *
     * intervalNanos}).
     *
     * @param cycle          the cycle number, from 0.
     * @param completedNanos when it completed.
     * @param framePosition  the stream position, or -1.
     * @return true if the deadline was missed.
     */
    public synchronized boolean periodicCycleCompleted(final long cycle, final long completedNanos,
        final long framePosition)
    {
        return cycleCompleted(startNanos + (cycle + 1) * intervalNanos, completedNanos, framePosition);
    }

    private void add(final long nanos, final Glitch.Kind kind, final long position, final long lateNanos)
    {
        log.record(position, kind, 0L, lateNanos / 1e6);
        if (kept < keptNanos.length)
        {
            keptNanos[kept] = nanos;
            keptKind[kept] = kind.ordinal();
            keptPosition[kept] = position;
            keptLate[kept] = lateNanos;
            kept++;
        }
    }

    /**
     * Cycles completed so far (on time or not).
     *
     * @return cycles.
     */
    public synchronized long cycles()
    {
        return cycles;
    }

    /**
     * Events recorded so far, of every kind.
     *
     * @return events.
     */
    public synchronized long count()
    {
        return log.count();
    }

    /**
     * The first events with their timestamps, in the order recorded.
     *
     * @return a new list.
     */
    public synchronized List<Event> events()
    {
        final List<Event> list = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++)
        {
            list.add(new Event(keptNanos[i], Glitch.Kind.ALL[keptKind[i]], keptPosition[i], keptLate[i]));
        }
        return list;
    }

    /**
     * The Chromium-style summary: count, lost milliseconds (the sum of the lateness), largest milliseconds,
     * counts per kind.
     *
     * @return the report.
     */
    public synchronized GlitchReport report()
    {
        return log.report("xrun");
    }
}

package dev.azalia.testbed;

import dev.azalia.driver.AzxChip;
import dev.azalia.driver.BarMoveStats;
import dev.azalia.hda.HdaController;
import dev.azalia.link.WriteStamps;
import dev.azalia.metrics.LatencyRecorder;
import dev.azalia.probe.XrunCounter;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The latency probes of one playback, along a period's path: the stream's IOC (BCIS set by the DMA engine) to the
 * interrupt handler's entry ({@code irqEntry}), IOC to the handler reporting {@code periodElapsed}
 * ({@code periodElapsed}), {@code periodElapsed} to the application returning from a {@code writei} that waited for
 * room ({@code wakeup}), and the application writing a period's first frame to the sink accepting it
 * ({@code endToEnd}). The first three are HdrHistogram recorders with the period as expected interval (coordinated
 * omission corrected: a late interrupt hides the periods it coalesces); the end-to-end one is not corrected, since
 * every period is stamped whatever its latency. The BAR-move phases and power-gate waits come from the chip's {@link BarMoveStats}.
 *
 * <p>Threading: {@link #onInterruptEntry} and {@link #onPeriodElapsed} run on the interrupt thread (they are the
 * chip's hooks), {@link #beforeWrite} and {@link #afterWrite} on the application thread, the write stamps' reader on
 * the sink thread. Nothing is allocated on those threads, from the first period on: the recorders are created by the
 * constructor.
 */
public final class StreamProbes
{
    /** Periods of write stamps kept: far more than the PCM buffer, the link ring and the device buffer hold. */
    private static final int STAMP_SLOTS = 8192;

    private final NanoClock clock;
    private final LatencyRecorder irqEntry;
    private final LatencyRecorder periodElapsed;
    private final LatencyRecorder wakeup;
    private final WriteStamps writeStamps;
    /** Written and read on the interrupt thread only. */
    private long interruptEntryNanos;
    /** Written on the interrupt thread, read on the application thread. */
    private volatile long lastPeriodElapsedNanos = Long.MIN_VALUE;
    private final long periodNanos;
    /** PipeWire-style accounting: a period handled more than a period after its IOC missed its deadline. */
    private final XrunCounter xrunAccounting;
    /** Application thread only. */
    private long writeStartNanos;
    /** Set before the run starts; called on the interrupt thread. */
    private PeriodObserver periodObserver;

    /**
     * Probes for a stream.
     *
     * @param clock        the link clock (the controller's, which stamps the IOC).
     * @param periodNanos  the period in nanoseconds: the expected interval of every period-path probe.
     * @param periodFrames frames per period: the granularity of the end-to-end stamps.
     */
    public StreamProbes(final NanoClock clock, final long periodNanos, final int periodFrames)
    {
        this.clock = clock;
        this.periodNanos = periodNanos;
        this.xrunAccounting = new XrunCounter(clock.nanoTime(), periodNanos);
        this.irqEntry = new LatencyRecorder("irqEntry", periodNanos);
        this.periodElapsed = new LatencyRecorder("periodElapsed", periodNanos);
        this.wakeup = new LatencyRecorder("wakeup", periodNanos);
        // not corrected: a period is stamped whatever the latency, none is omitted, and the latency is meant to
        // exceed the period (it includes the buffering), so back-filling would invent samples
        this.writeStamps = new WriteStamps(clock, periodFrames, STAMP_SLOTS, new LatencyRecorder("endToEnd"));
        // created here, on the thread that sets the run up: the first value would otherwise create each recorder's
        // histograms (about 280 KB) on the interrupt, application or sink thread, inside the first period
        irqEntry.arm();
        periodElapsed.arm();
        wakeup.arm();
        writeStamps.recorder().arm();
    }

    /**
     * The xrun accounting: PCM xruns (recorded by the application) and periods handled past their deadline.
     *
     * @return the counter.
     */
    public XrunCounter xrunAccounting()
    {
        return xrunAccounting;
    }

    /**
     * Installs the interrupt-entry and period hooks on a chip.
     *
     * @param chip       the chip.
     * @param controller the controller whose IOC times are read.
     */
    public void attach(final AzxChip chip, final HdaController controller)
    {
        chip.setInterruptEntryListener(this::onInterruptEntry);
        chip.setPeriodListener(sd -> onPeriodElapsed(controller.iocNanos(sd)));
    }

    /**
     * Tells an observer of every period's raw times. Call before the stream starts.
     *
     * @param observer the observer, or null for none.
     */
    public void setPeriodObserver(final PeriodObserver observer)
    {
        this.periodObserver = observer;
    }

    /** The interrupt handler was entered. Interrupt thread. */
    public void onInterruptEntry()
    {
        interruptEntryNanos = clock.nanoTime();
    }

    /**
     * A period is about to be reported to the sound core. Interrupt thread.
     *
     * @param iocNanos when the stream's DMA engine completed the IOC entry, on the link clock; 0 if never.
     */
    public void onPeriodElapsed(final long iocNanos)
    {
        final long now = clock.nanoTime();
        if (iocNanos > 0)
        {
            // negative when the handler was entered for an earlier cause and saw this IOC on a repeat pass: dropped
            irqEntry.recordNanos(interruptEntryNanos - iocNanos);
            periodElapsed.recordNanos(now - iocNanos);
            xrunAccounting.cycleCompleted(iocNanos + periodNanos, now, -1);
            if (null != periodObserver)
            {
                periodObserver.periodElapsed(iocNanos, now);
            }
        }
        lastPeriodElapsedNanos = now;
    }

    /**
     * The application is about to write frames. Application thread.
     *
     * @param firstFrame the stream frame the write begins with.
     */
    public void beforeWrite(final long firstFrame)
    {
        writeStartNanos = clock.nanoTime();
        writeStamps.stampPeriod(firstFrame);
    }

    /**
     * The application's {@code writei} returned. If a period was reported while it was inside (it waited for room
     * and was woken by that period), records the time from that {@code periodElapsed} to now. Application thread.
     */
    public void afterWrite()
    {
        final long elapsedAt = lastPeriodElapsedNanos;
        if (elapsedAt >= writeStartNanos)
        {
            wakeup.recordNanos(clock.nanoTime() - elapsedAt);
        }
    }

    /**
     * The end-to-end write stamps, for the sink writer.
     *
     * @return the stamps.
     */
    public WriteStamps writeStamps()
    {
        return writeStamps;
    }

    /**
     * IOC to interrupt-handler entry.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder irqEntry()
    {
        return irqEntry;
    }

    /**
     * IOC to {@code periodElapsed}.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder periodElapsed()
    {
        return periodElapsed;
    }

    /**
     * {@code periodElapsed} to the application's return from {@code writei}.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder wakeup()
    {
        return wakeup;
    }

    /**
     * Application write to sink.
     *
     * @return the probe (microseconds).
     */
    public LatencyRecorder endToEnd()
    {
        return writeStamps.recorder();
    }

    /**
     * Every probe in report order: the period path, then the BAR-move phases and the power-gate waits.
     *
     * @param moves the chip's move statistics.
     * @return the probes, unmodifiable.
     */
    public List<LatencyRecorder> all(final BarMoveStats moves)
    {
        final List<LatencyRecorder> list = new ArrayList<>(List.of(periodElapsed, endToEnd(), irqEntry, wakeup));
        list.add(moves.prepareLatency());
        list.add(moves.remapLatency());
        list.add(moves.doneLatency());
        list.add(moves.firstPeriodLatency());
        list.add(moves.gateWaitLatency());
        return Collections.unmodifiableList(list);
    }
}

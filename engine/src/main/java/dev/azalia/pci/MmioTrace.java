package dev.azalia.pci;

import dev.azalia.time.NanoClock;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records MMIO accesses in the text format of Linux's mmiotrace (Documentation/trace/mmiotrace.rst), one line per
 * event:
 * <pre>
 * MAP &lt;ts&gt; &lt;map-id&gt; 0x&lt;phys&gt; 0x&lt;virt&gt; 0x&lt;size&gt; 0x0 &lt;pid&gt;
 * R &lt;width&gt; &lt;ts&gt; &lt;map-id&gt; 0x&lt;phys&gt; 0x&lt;value&gt; 0x0 &lt;pid&gt;
 * W &lt;width&gt; &lt;ts&gt; &lt;map-id&gt; 0x&lt;phys&gt; 0x&lt;value&gt; 0x0 &lt;pid&gt;
 * UNMAP &lt;ts&gt; &lt;map-id&gt; 0x0 &lt;pid&gt;
 * MARK &lt;ts&gt; &lt;text&gt;
 * </pre>
 * {@code <ts>} is seconds since the trace was created with six digits of microseconds ({@code 1.000016}), width is
 * in bytes, numbers in lower-case hexadecimal without padding, {@code <pc>} is always {@code 0x0} and
 * {@code <pid>} is the Java id of the accessing thread.
 *
 * <p>Thread-safe: each line is stamped, formatted and appended with one {@code append} call under this object's
 * lock, so lines never interleave and their times never decrease. A failing {@link Appendable} never reaches the accessing thread: the line is
 * dropped and counted ({@link #appendFailures()}).
 *
 * <p>Cost when off: every record method starts with a check of a final boolean and returns before formatting or
 * allocating anything.
 */
public final class MmioTrace
{
    private static final MmioTrace OFF = new MmioTrace(false, null, null, 0L);

    private final boolean enabled;
    private final Appendable out;
    private final NanoClock clock;
    private final long originNanos;
    private final AtomicLong appendFailures = new AtomicLong();

    private MmioTrace(final boolean enabled, final Appendable out, final NanoClock clock, final long originNanos)
    {
        this.enabled = enabled;
        this.out = out;
        this.clock = clock;
        this.originNanos = originNanos;
    }

    /**
     * The disabled trace: records nothing, costs a boolean check.
     *
     * @return the shared disabled instance.
     */
    public static MmioTrace off()
    {
        return OFF;
    }

    /**
     * A trace writing lines to {@code out}, time-stamped by {@code clock} relative to now.
     *
     * @param out   the sink; it only sees whole lines ending in {@code '\n'}.
     * @param clock the clock for timestamps.
     * @return an enabled trace.
     */
    public static MmioTrace to(final Appendable out, final NanoClock clock)
    {
        return to(out, clock, Objects.requireNonNull(clock, "clock").nanoTime());
    }

    /**
     * A trace writing lines to {@code out}, time-stamped by {@code clock} relative to a given origin (to share
     * the time base of another trace, e.g. the verb trace).
     *
     * @param out         the sink; it only sees whole lines ending in {@code '\n'}.
     * @param clock       the clock for timestamps.
     * @param originNanos the clock reading that prints as {@code 0.000000}.
     * @return an enabled trace.
     */
    public static MmioTrace to(final Appendable out, final NanoClock clock, final long originNanos)
    {
        return new MmioTrace(true, Objects.requireNonNull(out, "out"), Objects.requireNonNull(clock, "clock"),
            originNanos);
    }

    /**
     * The clock reading that prints as {@code 0.000000}.
     *
     * @return nanoseconds on the trace's clock; 0 when off.
     */
    public long originNanos()
    {
        return originNanos;
    }

    /**
     * Whether lines are recorded.
     *
     * @return true if enabled.
     */
    public boolean enabled()
    {
        return enabled;
    }

    /**
     * Records an {@code ioremap}.
     *
     * @param mapId     the mapping's id.
     * @param phys      its physical base.
     * @param virt      its virtual base.
     * @param sizeBytes its length in bytes.
     */
    public void map(final int mapId, final long phys, final long virt, final int sizeBytes)
    {
        if (!enabled)
        {
            return;
        }
        synchronized (this)
        {
            final StringBuilder sb = new StringBuilder(80).append("MAP ");
            stamp(sb).append(' ').append(mapId);
            hex(sb, phys);
            hex(sb, virt);
            hex(sb, sizeBytes & 0xffffffffL);
            tail(sb);
        }
    }

    /**
     * Records an {@code iounmap}.
     *
     * @param mapId the mapping's id.
     */
    public void unmap(final int mapId)
    {
        if (!enabled)
        {
            return;
        }
        synchronized (this)
        {
            final StringBuilder sb = new StringBuilder(48).append("UNMAP ");
            stamp(sb).append(' ').append(mapId);
            tail(sb);
        }
    }

    /**
     * Records a read.
     *
     * @param widthBytes 1, 2 or 4.
     * @param mapId      the mapping used.
     * @param phys       the physical address accessed.
     * @param value      the value read (zero-extended to the width).
     */
    public void read(final int widthBytes, final int mapId, final long phys, final int value)
    {
        if (!enabled)
        {
            return;
        }
        access('R', widthBytes, mapId, phys, value);
    }

    /**
     * Records a write.
     *
     * @param widthBytes 1, 2 or 4.
     * @param mapId      the mapping used.
     * @param phys       the physical address accessed.
     * @param value      the value written (only the low {@code widthBytes} bytes are shown).
     */
    public void write(final int widthBytes, final int mapId, final long phys, final int value)
    {
        if (!enabled)
        {
            return;
        }
        access('W', widthBytes, mapId, phys, value);
    }

    /**
     * Records a marker line (what {@code echo text > trace_marker} does).
     *
     * @param text the text, one line.
     */
    public void mark(final String text)
    {
        if (!enabled)
        {
            return;
        }
        synchronized (this)
        {
            final StringBuilder sb = new StringBuilder(32 + text.length()).append("MARK ");
            stamp(sb).append(' ').append(text).append('\n');
            emit(sb);
        }
    }

    /**
     * How many lines the sink failed to take.
     *
     * @return the count.
     */
    public long appendFailures()
    {
        return appendFailures.get();
    }

    private void access(final char op, final int widthBytes, final int mapId, final long phys, final int value)
    {
        synchronized (this)
        {
            final StringBuilder sb = new StringBuilder(80).append(op).append(' ').append(widthBytes).append(' ');
            stamp(sb).append(' ').append(mapId);
            hex(sb, phys);
            hex(sb, value & MmioAddressSpace.allOnesLong(widthBytes));
            tail(sb);
        }
    }

    private StringBuilder stamp(final StringBuilder sb)
    {
        final long micros = (clock.nanoTime() - originNanos) / 1_000L;
        final String frac = Long.toString(micros % 1_000_000L);
        sb.append(micros / 1_000_000L).append('.');
        for (int i = frac.length(); i < 6; i++)
        {
            sb.append('0');
        }
        return sb.append(frac);
    }

    private static void hex(final StringBuilder sb, final long v)
    {
        sb.append(" 0x").append(Long.toHexString(v));
    }

    private void tail(final StringBuilder sb)
    {
        sb.append(" 0x0 ").append(Thread.currentThread().getId()).append('\n');
        emit(sb);
    }

    /** Appends a line; called under this object's lock. */
    private void emit(final CharSequence line)
    {
        try
        {
            out.append(line);
        }
        catch (final IOException e)
        {
            appendFailures.incrementAndGet();
        }
    }
}

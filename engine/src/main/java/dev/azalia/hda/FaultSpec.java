package dev.azalia.hda;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One fault of a {@link FaultPlan}, as written {@code NAME[:ARG][@WHEN]}:
 * <ul>
 *   <li>{@code WHEN} is a time after boot ({@code 2s}, {@code 1.5s}, {@code 250ms}, {@code 500us}) or, for faults
 *       that count something ({@link FaultKind#target()}), {@code #N}: the N-th period interrupt of each stream, or
 *       the N-th verb sent on the link. Absent: from boot.
 *   <li>{@code ARG}: for period faults ({@code lost-irq}, {@code early-irq}, {@code bogus-irq}, {@code fifo-error},
 *       {@code desc-error})
 *       {@code K/N}, K of every N periods (which ones in each window of N the seed decides); without it a time hits
 *       every period from then on and {@code #N} only the N-th. For {@code spurious-irq} the count of interrupts,
 *       optionally {@code ,ones} for INTSTS reading all-ones; for {@code codec-late} how many responses (1 if
 *       absent); for {@code codec-silent} the codec address (every codec if absent).
 * </ul>
 * Immutable.
 *
 * @param kind      the fault.
 * @param k         K of {@code K/N}, 0 without a ratio.
 * @param n         N of {@code K/N}, 0 without a ratio.
 * @param amount    the count of {@code spurious-irq}/{@code codec-late}, or the codec address of
 *                  {@code codec-silent} (-1 for every codec); 0 otherwise.
 * @param allOnes   {@code spurious-irq}: INTSTS reads all-ones during the interrupt.
 * @param atNanos   the time after boot it starts, or -1 when given as a count.
 * @param atCount   the period or verb number it starts at (1-based), or -1 when given as a time.
 * @param text      the spec as written.
 */
public record FaultSpec(FaultKind kind, int k, int n, int amount, boolean allOnes, long atNanos, long atCount,
                        String text)
{
    /** The largest N of a {@code K/N} ratio. */
    public static final int MAX_WINDOW = 4096;
    /** The most spurious interrupts one spec asks for. */
    public static final int MAX_SPURIOUS = 10_000_000;

    /**
     * Parses a spec.
     *
     * @param text e.g. {@code lost-irq:1/8}, {@code codec-silent@2s}, {@code spurious-irq:1000,ones}.
     * @return the spec.
     * @throws IllegalArgumentException with a one-line message saying what is wrong.
     */
    public static FaultSpec parse(final String text)
    {
        final String s = text.strip();
        final int at = s.indexOf('@');
        final String head = at < 0 ? s : s.substring(0, at);
        final String when = at < 0 ? null : s.substring(at + 1);
        final int colon = head.indexOf(':');
        final FaultKind kind;
        try
        {
            kind = FaultKind.byName(colon < 0 ? head : head.substring(0, colon));
        }
        catch (final IllegalArgumentException e)
        {
            throw bad(text, e.getMessage());
        }
        final String arg = colon < 0 ? null : head.substring(colon + 1);
        long atNanos = 0;
        long atCount = -1;
        if (null != when)
        {
            if (when.startsWith("#"))
            {
                if (kind.target() == FaultKind.Target.TIME)
                {
                    throw bad(text, kind.specName() + " starts at a time (e.g. @2s), not at a count");
                }
                atCount = positive(text, when.substring(1), "the count after @#", Long.MAX_VALUE);
                atNanos = -1;
            }
            else
            {
                atNanos = duration(text, when);
            }
        }
        else if (kind == FaultKind.UNPLUG)
        {
            throw bad(text, "unplug needs a time, e.g. unplug@1s");
        }
        int k = 0;
        int n = 0;
        int amount = 0;
        boolean ones = false;
        switch (kind)
        {
            case LOST_IRQ, EARLY_IRQ, BOGUS_IRQ, FIFO_ERROR, DESC_ERROR ->
            {
                if (null != arg)
                {
                    final int slash = arg.indexOf('/');
                    if (slash < 0)
                    {
                        throw bad(text, "the argument is K/N (K of every N periods), e.g. 1/8");
                    }
                    n = (int)positive(text, arg.substring(slash + 1), "N of K/N", MAX_WINDOW);
                    k = (int)positive(text, arg.substring(0, slash), "K of K/N", n);
                }
            }
            case SPURIOUS_IRQ ->
            {
                String count = null == arg ? "" : arg;
                if (count.endsWith(",ones"))
                {
                    ones = true;
                    count = count.substring(0, count.length() - ",ones".length());
                }
                if (count.isEmpty())
                {
                    throw bad(text, "say how many, e.g. spurious-irq:1000 or spurious-irq:1000,ones");
                }
                amount = (int)positive(text, count, "the number of interrupts", MAX_SPURIOUS);
            }
            case CODEC_LATE -> amount = null == arg ? 1 : (int)positive(text, arg, "the number of responses",
                Integer.MAX_VALUE);
            case CODEC_SILENT -> amount = null == arg ? -1 : codecAddress(text, arg);
            default ->
            {
                if (null != arg)
                {
                    throw bad(text, kind.specName() + " takes no argument");
                }
            }
        }
        return new FaultSpec(kind, k, n, amount, ones, atNanos, atCount, s);
    }

    /**
     * Whether the spec has a {@code K/N} ratio.
     *
     * @return true with one.
     */
    public boolean hasRatio()
    {
        return n > 0;
    }

    private static int codecAddress(final String text, final String arg)
    {
        final long a = nonNegative(text, arg, "the codec address");
        if (a > 14)
        {
            throw bad(text, "the codec address must be 0..14");
        }
        return (int)a;
    }

    private static long positive(final String text, final String value, final String what, final long max)
    {
        final long v = nonNegative(text, value, what);
        if (v == 0 || v > max)
        {
            throw bad(text, what + " must be 1.." + max);
        }
        return v;
    }

    private static long nonNegative(final String text, final String value, final String what)
    {
        try
        {
            final long v = Long.parseLong(value);
            if (v < 0)
            {
                throw bad(text, what + " must not be negative");
            }
            return v;
        }
        catch (final NumberFormatException e)
        {
            throw bad(text, what + " is not a number: \"" + value + "\"");
        }
    }

    /** A time after boot: a decimal number with the unit s, ms, us or ns. */
    private static long duration(final String text, final String value)
    {
        final String v = value.toLowerCase(Locale.ROOT);
        final String[] units = {"ms", "us", "ns", "s"};
        final long[] scale = {1_000_000L, 1_000L, 1L, 1_000_000_000L};
        for (int i = 0; i < units.length; i++)
        {
            if (v.endsWith(units[i]))
            {
                try
                {
                    final BigDecimal d = new BigDecimal(v.substring(0, v.length() - units[i].length()))
                        .multiply(BigDecimal.valueOf(scale[i]));
                    if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0)
                    {
                        throw bad(text, "the time after @ is out of range: " + value);
                    }
                    return d.longValue();
                }
                catch (final NumberFormatException e)
                {
                    break;
                }
            }
        }
        throw bad(text, "the time after @ must be a number with s, ms, us or ns (e.g. 2s, 1.5s, 250ms) or #N: \""
            + value + "\"");
    }

    private static IllegalArgumentException bad(final String text, final String why)
    {
        return new IllegalArgumentException("bad fault \"" + text + "\": " + why);
    }
}

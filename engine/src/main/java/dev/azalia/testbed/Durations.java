package dev.azalia.testbed;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses command-line durations: a non-negative decimal number and a unit, e.g. {@code 250ms}, {@code 1s},
 * {@code 1.5s}, {@code 100us}. Units: {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m}
 * (or {@code min}), {@code h}. A bare number is refused (the unit is never guessed). Stateless and thread-safe.
 */
public final class Durations
{
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)");

    private Durations()
    {
    }

    /**
     * Parses a duration.
     *
     * @param text the text, e.g. {@code "250ms"}.
     * @return the duration, exact to the nanosecond.
     * @throws IllegalArgumentException with a one-line message when the text is not a duration or has more
     *                                  precision than a nanosecond.
     */
    public static Duration parse(final String text)
    {
        final Matcher m = FORM.matcher(null == text ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new IllegalArgumentException("invalid duration '" + text
                + "' (expected a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 1.5s)");
        }
        final long nanosPerUnit = switch (m.group(2))
        {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        final BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
        try
        {
            return Duration.ofNanos(nanos.longValueExact());
        }
        catch (final ArithmeticException e)
        {
            throw new IllegalArgumentException("invalid duration '" + text
                + "' (finer than a nanosecond or too long)", e);
        }
    }

    /**
     * Formats a duration the way {@link #parse} reads it, in the largest unit that keeps it exact.
     *
     * @param duration the duration.
     * @return e.g. {@code "250ms"}, {@code "1500ms"}, {@code "100us"}.
     */
    public static String format(final Duration duration)
    {
        final long nanos = duration.toNanos();
        if (0 == nanos % 1_000_000_000L)
        {
            return nanos / 1_000_000_000L + "s";
        }
        if (0 == nanos % 1_000_000L)
        {
            return nanos / 1_000_000L + "ms";
        }
        if (0 == nanos % 1_000L)
        {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }
}

package dev.azalia.driver;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

/**
 * Linux's {@code ___ratelimit} with the default state of {@code dev_err_ratelimited} ({@code DEFAULT_RATELIMIT_INTERVAL}
 * 5 s, {@code DEFAULT_RATELIMIT_BURST} 10): at most 10 messages in an interval that starts at the first one; the
 * first message allowed after an interval in which some were refused is preceded by the kernel's warning
 * {@code "<function>: <n> callbacks suppressed"}.
 *
 * <p>Not thread-safe: the caller serialises (the bus lock, like the kernel's per-call-site state lock).
 */
final class LogRateLimit
{
    /** {@code DEFAULT_RATELIMIT_INTERVAL}: 5 s. */
    static final long INTERVAL_NANOS = 5_000_000_000L;
    /** {@code DEFAULT_RATELIMIT_BURST}: messages per interval. */
    static final int BURST = 10;

    private final NanoClock clock;
    private final KernelLog log;
    private final String function;
    private boolean begun;
    private long beginNanos;
    private int printed;
    private int missed;

    /**
     * A limiter for one call site.
     *
     * @param clock    the kernel's clock (jiffies).
     * @param log      where the "callbacks suppressed" warning goes.
     * @param function the C function the call site is in, as the warning names it.
     */
    LogRateLimit(final NanoClock clock, final KernelLog log, final String function)
    {
        this.clock = clock;
        this.log = log;
        this.function = function;
    }

    /**
     * Whether the next message may be printed (counts it either way).
     *
     * @return true to print it.
     */
    boolean allow()
    {
        final long now = clock.nanoTime();
        if (!begun)
        {
            begun = true;
            beginNanos = now;
        }
        if (now - beginNanos > INTERVAL_NANOS)
        {
            if (missed > 0)
            {
                log.warn(function, missed + " callbacks suppressed");
                missed = 0;
            }
            beginNanos = now;
            printed = 0;
        }
        if (printed < BURST)
        {
            printed++;
            return true;
        }
        missed++;
        return false;
    }
}

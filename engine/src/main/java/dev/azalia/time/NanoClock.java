package dev.azalia.time;

/**
 * A source of monotonic time in nanoseconds. Every component that needs "now" (the link clock that paces stream
 * DMA, WALCLK, timeouts, latency probes) takes one of these, so that the same code runs on the real clock and,
 * deterministically, on a {@link VirtualNanoClock} in tests.
 *
 * <p>Implementations are thread-safe: any thread may call {@link #nanoTime()}.
 */
public interface NanoClock
{
    /**
     * The current time.
     *
     * @return monotonic time in nanoseconds; only differences are meaningful.
     */
    long nanoTime();
}

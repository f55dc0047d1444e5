package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.Kernel;

/**
 * Power-state transitions of one codec's function group as {@code hda_set_power_state} makes them: before D3 a
 * depop sleep (100 ms, or 10 ms when the function group reports EPSS), the SET_POWER_STATE verb to the function
 * group, the same state to every widget with power control ({@code snd_hda_codec_set_power_to_all}), then
 * {@code hda_sync_power_state}: GET_POWER_STATE read at once and every 1 ms until the actual state (bits 7:4) is the
 * target, for at most 500 ms (or 500 reads); an error bit costs a 20 ms sleep. The whole transition is retried up
 * to 10 times while the answer has the error bit.
 *
 * <p>Sleeps go through the {@link Kernel}, so virtual time advances. Not thread-safe: the codec driver serialises
 * its power transitions.
 */
final class CodecPower
{
    /** Linux's depop delay before D3 without EPSS. */
    static final long DEPOP_NANOS = 100_000_000L;
    /** Linux's depop delay before D3 with EPSS. */
    static final long DEPOP_EPSS_NANOS = 10_000_000L;
    /** How long the power-state poll waits for the codec at most. */
    static final long POLL_LIMIT_NANOS = 500_000_000L;
    private static final int POLL_MAX_READS = 500;
    private static final long POLL_INTERVAL_NANOS = 1_000_000L;
    private static final long ERROR_SLEEP_NANOS = 20_000_000L;
    private static final int MAX_TRIES = 10;
    private static final int POWER_STATE_ERROR = 1 << 8;
    private static final int POWER_STATE_EPSS = 1 << 31;
    private static final int POWER_STATE_CLKSTOP = 1 << 30;

    private final CodecIo io;
    private final Kernel kernel;
    private final int fg;
    private final int powerCaps;
    private final int[] powerWidgets;
    private long pollReads;

    /**
     * @param io           the codec's verbs.
     * @param kernel       sleeps and the clock.
     * @param fg           the function group's NID.
     * @param powerCaps    the function group's supported power states parameter (read at probe).
     * @param powerWidgets the widgets with power control (WCAP bit 10), in NID order.
     */
    CodecPower(final CodecIo io, final Kernel kernel, final int fg, final int powerCaps, final int[] powerWidgets)
    {
        this.io = io;
        this.kernel = kernel;
        this.fg = fg;
        this.powerCaps = powerCaps;
        this.powerWidgets = powerWidgets.clone();
    }

    /** Whether the function group reports EPSS (bit 31 of its power states parameter). */
    boolean epss()
    {
        return (powerCaps & POWER_STATE_EPSS) != 0;
    }

    /** Whether the function group reports CLKSTOP (bit 30). */
    boolean clkstop()
    {
        return (powerCaps & POWER_STATE_CLKSTOP) != 0;
    }

    /** GET_POWER_STATE reads made by the polls so far. */
    long pollReads()
    {
        return pollReads;
    }

    /**
     * Moves the function group and its powered widgets to {@code state}.
     *
     * @param state 0 (D0) or 3 (D3).
     * @return the last GET_POWER_STATE answer.
     */
    int set(final int state)
    {
        if (state == Verbs.PS_D3)
        {
            kernel.delayNanos(epss() ? DEPOP_EPSS_NANOS : DEPOP_NANOS);
        }
        int answer = 0;
        for (int tries = 0; tries < MAX_TRIES; tries++)
        {
            io.exec(fg, Verbs.SET_POWER_STATE, state);
            for (final int nid : powerWidgets)
            {
                io.exec(nid, Verbs.SET_POWER_STATE, state);
            }
            answer = sync(state);
            if ((answer & POWER_STATE_ERROR) == 0)
            {
                break;
            }
        }
        return answer;
    }

    /** {@code hda_sync_power_state}: poll until the actual state is {@code state}. */
    private int sync(final int state)
    {
        final long end = kernel.clock().nanoTime() + POLL_LIMIT_NANOS;
        int answer = 0;
        for (int count = 0; count < POLL_MAX_READS; count++)
        {
            answer = io.exec(fg, Verbs.GET_POWER_STATE, 0);
            pollReads++;
            if ((answer & POWER_STATE_ERROR) != 0)
            {
                kernel.delayNanos(ERROR_SLEEP_NANOS);
                break;
            }
            if ((answer >>> 4 & 0xf) == state)
            {
                break;
            }
            if (kernel.clock().nanoTime() - end >= 0)
            {
                break;
            }
            kernel.delayNanos(POLL_INTERVAL_NANOS);
        }
        return answer;
    }
}

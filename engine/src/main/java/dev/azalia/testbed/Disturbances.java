package dev.azalia.testbed;

import java.time.Duration;

/**
 * What disturbs a run while it plays: the PCI core moving the card's BAR, mixer control traffic, jack (pin sense)
 * events, and a hot-unplug. Immutable; {@link #none()} and the {@code with} methods build it.
 *
 * @param barMoveEvery how often the BAR moves, or null for never.
 * @param barMoves     how many moves at most: {@link #UNLIMITED} for no limit, 0 for none.
 * @param mixerTraffic whether mixer gets and puts run every 5 ms during playback.
 * @param jackEvents   whether a jack event is injected every 50 ms during playback.
 * @param unplugAfter  when the card is hot-unplugged (virtual or real time after boot), or null for never.
 */
public record Disturbances(Duration barMoveEvery, int barMoves, boolean mixerTraffic, boolean jackEvents,
                           Duration unplugAfter)
{
    /** {@link #barMoves()} meaning no limit. */
    public static final int UNLIMITED = -1;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a duration is not positive or the move count is below -1.
     */
    public Disturbances
    {
        if (null != barMoveEvery && (barMoveEvery.isNegative() || barMoveEvery.isZero()))
        {
            throw new IllegalArgumentException("--bar-move-every must be positive: " + barMoveEvery);
        }
        if (barMoves < UNLIMITED)
        {
            throw new IllegalArgumentException("--bar-moves must be -1 (unlimited) or at least 0: " + barMoves);
        }
        if (null != unplugAfter && (unplugAfter.isNegative() || unplugAfter.isZero()))
        {
            throw new IllegalArgumentException("--unplug-after must be positive: " + unplugAfter);
        }
    }

    /**
     * Nothing disturbs the run.
     *
     * @return the quiet run's disturbances.
     */
    public static Disturbances none()
    {
        return new Disturbances(null, UNLIMITED, false, false, null);
    }

    /**
     * BAR moves at an interval, without limit.
     *
     * @param every the interval, positive.
     * @return a copy.
     */
    public Disturbances withBarMovesEvery(final Duration every)
    {
        return new Disturbances(every, barMoves, mixerTraffic, jackEvents, unplugAfter);
    }

    /**
     * A limit on the BAR moves.
     *
     * @param count the most moves, {@link #UNLIMITED} or at least 0.
     * @return a copy.
     */
    public Disturbances withBarMoveLimit(final int count)
    {
        return new Disturbances(barMoveEvery, count, mixerTraffic, jackEvents, unplugAfter);
    }

    /**
     * Mixer traffic on or off.
     *
     * @param on whether it runs.
     * @return a copy.
     */
    public Disturbances withMixerTraffic(final boolean on)
    {
        return new Disturbances(barMoveEvery, barMoves, on, jackEvents, unplugAfter);
    }

    /**
     * Jack events on or off.
     *
     * @param on whether they are injected.
     * @return a copy.
     */
    public Disturbances withJackEvents(final boolean on)
    {
        return new Disturbances(barMoveEvery, barMoves, mixerTraffic, on, unplugAfter);
    }

    /**
     * A hot-unplug.
     *
     * @param after when, positive; null for never.
     * @return a copy.
     */
    public Disturbances withUnplugAfter(final Duration after)
    {
        return new Disturbances(barMoveEvery, barMoves, mixerTraffic, jackEvents, after);
    }
}

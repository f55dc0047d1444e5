package dev.azalia.testbed;

import java.time.Duration;

/**
 * What disturbs a run while it plays: the PCI core moving the card's BAR, mixer control traffic, jack (pin sense)
 * events, and a hot-unplug. Immutable; {@link #none()} and the {@code with} methods build it.
 *
 * @param barMoveEvery how often the BAR moves, or null for never.
 * @param barMoves     how many moves at most: {@link #UNLIMITED} for no limit, 0 for none.
 * @param mixerEvery   how often mixer gets and puts run during playback, or null for never.
 * @param jackEvery    how often a jack event is injected during playback, or null for never.
 * @param unplugAfter  when the card is hot-unplugged (virtual or real time after boot), or null for never.
 * @param seed         the seed of the mixer traffic's choices (controls and values).
 */
public record Disturbances(Duration barMoveEvery, int barMoves, Duration mixerEvery, Duration jackEvery,
                           Duration unplugAfter, long seed)
{
    /** {@link #barMoves()} meaning no limit. */
    public static final int UNLIMITED = -1;

    /** The mixer traffic's interval when it is simply on (the player's {@code --mixer-traffic}). */
    public static final Duration DEFAULT_MIXER_EVERY = Duration.ofMillis(5);

    /** The jack events' interval when they are simply on (the player's {@code --jack-events}). */
    public static final Duration DEFAULT_JACK_EVERY = Duration.ofMillis(50);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a duration is not positive or the move count is below -1.
     */
    public Disturbances
    {
        positive("the BAR moves' interval", barMoveEvery);
        positive("the mixer traffic's interval", mixerEvery);
        positive("the jack events' interval", jackEvery);
        positive("the unplug delay", unplugAfter);
        if (barMoves < UNLIMITED)
        {
            throw new IllegalArgumentException("the BAR move limit must be -1 (unlimited) or at least 0: " + barMoves);
        }
    }

    private static void positive(final String what, final Duration d)
    {
        if (null != d && (d.isNegative() || d.isZero()))
        {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /**
     * Nothing disturbs the run.
     *
     * @return the quiet run's disturbances.
     */
    public static Disturbances none()
    {
        return new Disturbances(null, UNLIMITED, null, null, null, 1);
    }

    /**
     * Whether mixer traffic runs.
     *
     * @return true when it has an interval.
     */
    public boolean mixerTraffic()
    {
        return null != mixerEvery;
    }

    /**
     * Whether jack events are injected.
     *
     * @return true when they have an interval.
     */
    public boolean jackEvents()
    {
        return null != jackEvery;
    }

    /**
     * BAR moves at an interval.
     *
     * @param every the interval, positive; null for none.
     * @return a copy.
     */
    public Disturbances withBarMovesEvery(final Duration every)
    {
        return new Disturbances(every, barMoves, mixerEvery, jackEvery, unplugAfter, seed);
    }

    /**
     * A limit on the BAR moves.
     *
     * @param count the most moves, {@link #UNLIMITED} or at least 0.
     * @return a copy.
     */
    public Disturbances withBarMoveLimit(final int count)
    {
        return new Disturbances(barMoveEvery, count, mixerEvery, jackEvery, unplugAfter, seed);
    }

    /**
     * Mixer traffic every {@link #DEFAULT_MIXER_EVERY}, or none.
     *
     * @param on whether it runs.
     * @return a copy.
     */
    public Disturbances withMixerTraffic(final boolean on)
    {
        return withMixerTrafficEvery(on ? DEFAULT_MIXER_EVERY : null);
    }

    /**
     * Mixer traffic at an interval.
     *
     * @param every the interval, positive; null for none.
     * @return a copy.
     */
    public Disturbances withMixerTrafficEvery(final Duration every)
    {
        return new Disturbances(barMoveEvery, barMoves, every, jackEvery, unplugAfter, seed);
    }

    /**
     * Jack events every {@link #DEFAULT_JACK_EVERY}, or none.
     *
     * @param on whether they are injected.
     * @return a copy.
     */
    public Disturbances withJackEvents(final boolean on)
    {
        return withJackEventsEvery(on ? DEFAULT_JACK_EVERY : null);
    }

    /**
     * Jack events at an interval.
     *
     * @param every the interval, positive; null for none.
     * @return a copy.
     */
    public Disturbances withJackEventsEvery(final Duration every)
    {
        return new Disturbances(barMoveEvery, barMoves, mixerEvery, every, unplugAfter, seed);
    }

    /**
     * A hot-unplug.
     *
     * @param after when, positive; null for never.
     * @return a copy.
     */
    public Disturbances withUnplugAfter(final Duration after)
    {
        return new Disturbances(barMoveEvery, barMoves, mixerEvery, jackEvery, after, seed);
    }

    /**
     * Another seed for the mixer traffic.
     *
     * @param newSeed the seed.
     * @return a copy.
     */
    public Disturbances withSeed(final long newSeed)
    {
        return new Disturbances(barMoveEvery, barMoves, mixerEvery, jackEvery, unplugAfter, newSeed);
    }
}

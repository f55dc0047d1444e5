package dev.azalia.link;

/**
 * Counts starvation episodes of a device from polls of its consumed position: while the device is running, a
 * position that reached the frames written means it has nothing left to play (a Java Sound line's
 * {@code getLongFramePosition()} freezes at exactly the frames written when starved, and no STOP event arrives).
 * One episode is counted when starvation begins; it ends when more frames are written than the position.
 *
 * <p>Pure logic, no device: thread-confined; the owner serialises calls (e.g. under its lock).
 */
public final class UnderrunDetector
{
    private long underruns;
    private boolean starving;

    /** A detector with no episode counted. */
    public UnderrunDetector()
    {
    }

    /**
     * Takes one observation.
     *
     * @param positionFrames frames the device has consumed.
     * @param writtenFrames  frames written to the device so far.
     * @param running        whether starvation counts now: the device was started, has been given data, and is
     *                       not draining or stopped.
     * @return true if this observation began a new episode.
     */
    public boolean observe(final long positionFrames, final long writtenFrames, final boolean running)
    {
        if (!running || writtenFrames <= 0)
        {
            starving = false;
            return false;
        }
        if (positionFrames >= writtenFrames)
        {
            if (!starving)
            {
                starving = true;
                underruns++;
                return true;
            }
            return false;
        }
        starving = false;
        return false;
    }

    /**
     * Episodes counted so far.
     *
     * @return episodes.
     */
    public long underruns()
    {
        return underruns;
    }

    /**
     * Whether the last observation found the device starving.
     *
     * @return true while an episode lasts.
     */
    public boolean starving()
    {
        return starving;
    }
}

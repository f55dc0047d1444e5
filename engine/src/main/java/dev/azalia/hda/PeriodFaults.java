package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.SD_STS_BCIS;
import static dev.azalia.hda.HdaRegisters.SD_STS_DESE;
import static dev.azalia.hda.HdaRegisters.SD_STS_FIFOE;

/**
 * One stream's injected period faults ({@link DeviceFaults#periodFault}): what the plan decided for the current
 * period (a period runs from the end of one IOC entry to the end of the next), how far it has moved, and whether its
 * BCIS came early. Asked once per period, before its first byte moves; an early BCIS is due at 3/4 of the period's
 * bytes ({@link DeviceFaults#EARLY_BCIS}) or at 1/2, too early for Linux to believe ({@link DeviceFaults#BOGUS_BCIS}).
 *
 * <p>Not thread-safe: owned by one {@link StreamDescriptor}, used under the controller's device lock.
 */
final class PeriodFaults
{
    private long periodsBegun;
    private int action = -1;
    private long spanBytes;
    private long movedBytes;
    private boolean earlyRaised;

    /** Forgets the current period (the stream was reset or stopped). */
    void clear()
    {
        action = -1;
        earlyRaised = false;
    }

    /**
     * Whether the current period's fault is still to be asked for.
     *
     * @return true before {@link #plan}.
     */
    boolean unplanned()
    {
        return action < 0;
    }

    /**
     * Asks the plan what happens to the period that begins here.
     *
     * @param plan      the faults.
     * @param sdIndex   the stream descriptor.
     * @param bytes     the period's bytes, to the end of the next IOC entry; negative when no entry has IOC (nothing
     *                  is asked then).
     * @param nowNanos  the controller's clock.
     */
    void plan(final DeviceFaults plan, final int sdIndex, final long bytes, final long nowNanos)
    {
        if (bytes >= 0)
        {
            action = plan.periodFault(sdIndex, ++periodsBegun, nowNanos);
            spanBytes = bytes;
            movedBytes = 0;
        }
    }

    /**
     * Counts bytes the DMA moved in the period.
     *
     * @param bytes moved.
     * @return true when an early BCIS is due now (raised once per period).
     */
    boolean moved(final int bytes)
    {
        if (action <= 0)
        {
            return false;
        }
        movedBytes += bytes;
        final long early = earlyBytes();
        if (early >= 0 && movedBytes >= early && movedBytes < spanBytes)
        {
            earlyRaised = true;
            return true;
        }
        return false;
    }

    /**
     * Bytes until an early BCIS is due.
     *
     * @return positive bytes, or -1 when none is due in this period.
     */
    long bytesToEarlyBcis()
    {
        final long early = earlyBytes();
        return early > movedBytes ? early - movedBytes : -1;
    }

    /**
     * The status bits the end of the period's IOC entry raises, and the period ends: BCIS unless the fault loses it
     * or raised it early, FIFOE and DESE when the fault adds them.
     *
     * @return bits of SDnSTS (unshifted).
     */
    int endStatus()
    {
        final int a = action;
        action = -1;
        int sts = SD_STS_BCIS;
        if (a > 0)
        {
            if ((a & DeviceFaults.LOSE_BCIS) != 0 || earlyRaised)
            {
                sts = 0;
            }
            if ((a & DeviceFaults.FIFO_ERROR) != 0)
            {
                sts |= SD_STS_FIFOE;
            }
            if ((a & DeviceFaults.DESCRIPTOR_ERROR) != 0)
            {
                sts |= SD_STS_DESE;
            }
            earlyRaised = false;
        }
        return sts;
    }

    private long earlyBytes()
    {
        if (action <= 0 || earlyRaised)
        {
            return -1;
        }
        return (action & DeviceFaults.BOGUS_BCIS) != 0 ? spanBytes / 2
            : (action & DeviceFaults.EARLY_BCIS) != 0 ? spanBytes - spanBytes / 4 : -1;
    }
}

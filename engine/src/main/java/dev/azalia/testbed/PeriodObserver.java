package dev.azalia.testbed;

/**
 * Told of every period the driver reports, with the raw times, for a caller's own latency statistics (e.g. a
 * nanosecond histogram without coordinated-omission correction, beside the run's own microsecond probes).
 *
 * <p>Threading: called on the card's interrupt thread, just before {@code periodElapsed}, once per period interrupt
 * that found a completed IOC entry. It must not block and should not allocate: it runs inside the measured path.
 */
@FunctionalInterface
public interface PeriodObserver
{
    /**
     * A period is about to be reported.
     *
     * @param iocNanos     when the stream's DMA engine completed the IOC entry, on the run's clock (nanoseconds).
     * @param elapsedNanos now, on the same clock: the handler is about to call {@code periodElapsed}.
     */
    void periodElapsed(long iocNanos, long elapsedNanos);
}

package dev.azalia.hda;

import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions thrown by a codec or the interrupt pin while the controller called them: logged as errors and kept (the
 * first {@value #MAX_RECORDED}) so that a run with any of them can fail, while the device keeps running.
 *
 * <p>Threading: thread-safe.
 */
final class DeviceFailures implements CommandRings.Failures
{
    private static final String LOG_SOURCE = "intel-hda";
    private static final int MAX_RECORDED = 64;

    private final KernelLog log;
    private final List<Throwable> failures = new ArrayList<>();

    /**
     * Failures logged to {@code log}.
     *
     * @param log the device's log.
     */
    DeviceFailures(final KernelLog log)
    {
        this.log = log;
    }

    @Override
    public void fail(final String message, final Throwable e)
    {
        log.err(LOG_SOURCE, message + ": " + e);
        synchronized (failures)
        {
            if (failures.size() < MAX_RECORDED)
            {
                failures.add(e);
            }
        }
    }

    /**
     * The failures recorded so far.
     *
     * @return a snapshot, at most the first {@value #MAX_RECORDED}.
     */
    List<Throwable> snapshot()
    {
        synchronized (failures)
        {
            return List.copyOf(failures);
        }
    }
}

package dev.azalia.link;

import com.lmax.disruptor.ExceptionHandler;
import dev.azalia.log.KernelLog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The failures of a {@link LinkRing}'s handlers and threads: each is logged once to the kernel log and kept, in
 * order. Thread-safe: any consumer thread records, any thread reads.
 */
final class LinkFailures
{
    private final KernelLog log;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    LinkFailures(final KernelLog log)
    {
        this.log = log;
    }

    /** Logs {@code message} as an error and keeps {@code failure}. */
    void record(final String message, final Throwable failure)
    {
        log.err(LinkRing.LOG_SOURCE, message);
        failures.add(failure);
    }

    /** A handler's event failed; the handler continues with the next event. */
    void eventFailed(final String handlerName, final long sequence, final Throwable failure)
    {
        record("handler " + handlerName + " failed at sequence " + sequence + ": " + failure, failure);
    }

    /** A handler's {@link LinkHandler#onStart()} failed. */
    void startFailed(final String handlerName, final Throwable failure)
    {
        record("handler " + handlerName + " failed to start: " + failure, failure);
    }

    /** A handler's {@link LinkHandler#onShutdown()} failed. */
    void shutdownFailed(final String handlerName, final Throwable failure)
    {
        record("handler " + handlerName + " failed to shut down: " + failure, failure);
    }

    /** A snapshot, in order. */
    List<Throwable> all()
    {
        return List.copyOf(failures);
    }

    /** The log failures go to. */
    KernelLog log()
    {
        return log;
    }

    /** A Disruptor exception handler recording one handler's failures. */
    ExceptionHandler<AudioEvent> exceptionHandler(final String handlerName)
    {
        return new ExceptionHandler<>()
        {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final AudioEvent event)
            {
                eventFailed(handlerName, sequence, ex);
            }

            @Override
            public void handleOnStartException(final Throwable ex)
            {
                startFailed(handlerName, ex);
            }

            @Override
            public void handleOnShutdownException(final Throwable ex)
            {
                shutdownFailed(handlerName, ex);
            }
        };
    }
}

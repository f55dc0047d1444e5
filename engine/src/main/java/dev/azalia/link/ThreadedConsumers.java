package dev.azalia.link;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link ConsumerMode#THREAD_PER_HANDLER} and {@link ConsumerMode#SINK_THREAD_POLLS}: handlers on daemon threads,
 * each a Disruptor {@link BatchEventProcessor} waiting with the ring's wait strategy. In the second mode only the
 * handlers that {@link LinkHandler#blocks() may block} get a processor; the others are {@link HandlerPoller}s that
 * the host's thread (the first blocking {@link SinkWriter}, else the first blocking handler, else a thread of their
 * own) polls after each of its events, in {@code onStart} and before its {@code onShutdown}.
 *
 * <p>No lost wake-up for the polled handlers: every publish wakes the host (it consumes every event too), and after
 * handling event {@code n} the host polls up to the cursor, which is at least {@code n}; so when the host waits, the
 * polled handlers have seen everything the host has.
 *
 * <p>Threading: {@link #start()} and {@link #halt()} from the thread that owns the ring; {@link #awaitDrained} from
 * any thread but a handler's.
 */
final class ThreadedConsumers implements LinkConsumers
{
    private static final long CLAIM_BACKOFF_NANOS = 50_000L;
    private static final long DRAIN_POLL_NANOS = 100_000L;
    private static final long JOIN_TIMEOUT_MILLIS = 5_000L;

    private final RingBuffer<AudioEvent> ring;
    private final LinkFailures failures;
    private final List<BatchEventProcessor<AudioEvent>> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Processors (and pollers) for {@code handlers}, gating {@code ring} from now on; threads are created, not
     * started.
     *
     * @param ring            the ring.
     * @param handlers        the handlers, in the order they were added.
     * @param pollNonBlocking whether handlers that never block are polled by the host's thread.
     * @param failures        where failures are recorded.
     */
    ThreadedConsumers(final RingBuffer<AudioEvent> ring, final List<LinkHandler> handlers,
        final boolean pollNonBlocking, final LinkFailures failures)
    {
        this.ring = ring;
        this.failures = failures;
        final List<LinkHandler> threaded = new ArrayList<>();
        final List<HandlerPoller> polled = new ArrayList<>();
        for (final LinkHandler h : handlers)
        {
            if (pollNonBlocking && !h.blocks())
            {
                polled.add(new HandlerPoller(ring, h, failures));
            }
            else
            {
                threaded.add(h);
            }
        }
        final int host = polled.isEmpty() ? -1 : host(threaded);
        if (!polled.isEmpty() && host < 0)
        {
            threaded.add(new PollHost());
        }
        final HandlerPoller[] hosted = polled.toArray(new HandlerPoller[0]);
        int probes = 0;
        boolean sinkNamed = false;
        for (int i = 0; i < threaded.size(); i++)
        {
            final LinkHandler handler = threaded.get(i);
            final boolean hosts = !polled.isEmpty() && (host < 0 ? i == threaded.size() - 1 : i == host);
            final BatchEventProcessor<AudioEvent> processor = new BatchEventProcessorBuilder()
                .build(ring, ring.newBarrier(), new Adapter(handler, hosts ? hosted : new HandlerPoller[0]));
            processor.setExceptionHandler(failures.exceptionHandler(handler.name()));
            ring.addGatingSequences(processor.getSequence());
            final String name;
            if (handler instanceof SinkWriter && !sinkNamed)
            {
                name = "link-sink";
                sinkNamed = true;
            }
            else
            {
                name = "link-probe-" + probes++;
            }
            processors.add(processor);
            threads.add(newThread(processor, name));
        }
    }

    /** The index of the first blocking sink writer, else of the first handler; -1 if there is none. */
    private static int host(final List<LinkHandler> threaded)
    {
        for (int i = 0; i < threaded.size(); i++)
        {
            if (threaded.get(i) instanceof SinkWriter)
            {
                return i;
            }
        }
        return threaded.isEmpty() ? -1 : 0;
    }

    private Thread newThread(final Runnable processor, final String name)
    {
        final Thread thread = new Thread(processor, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(new Thread.UncaughtExceptionHandler()
        {
            @Override
            public void uncaughtException(final Thread t, final Throwable e)
            {
                failures.record(t.getName() + " died: " + e, e);
            }
        });
        return thread;
    }

    /** {@inheritDoc} Starts one thread per processor. */
    @Override
    public void start()
    {
        for (final Thread t : threads)
        {
            t.start();
        }
    }

    /** {@inheritDoc} Nothing: the consumers are woken by the wait strategy. */
    @Override
    public void published(final long sequence)
    {
    }

    /** {@inheritDoc} Parks 50 µs. */
    @Override
    public void ringFull()
    {
        LockSupport.parkNanos(CLAIM_BACKOFF_NANOS);
    }

    /** {@inheritDoc} Polls the gating sequences every 100 µs. */
    @Override
    public boolean awaitDrained(final long target, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (ring.getMinimumGatingSequence() < target)
        {
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        return true;
    }

    /** {@inheritDoc} Halts every processor and waits up to 5 s per thread; a thread still alive is a failure. */
    @Override
    public void halt()
    {
        for (final BatchEventProcessor<AudioEvent> p : processors)
        {
            p.halt();
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(JOIN_TIMEOUT_MILLIS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive())
            {
                final IllegalStateException stuck = new IllegalStateException(thread.getName()
                    + " did not stop within " + TimeUnit.MILLISECONDS.toSeconds(JOIN_TIMEOUT_MILLIS) + " s");
                failures.record(stuck.getMessage(), stuck);
            }
        }
    }

    /** Bridges a {@link LinkHandler} to the Disruptor's handler interface; a host also polls its guests. */
    private static final class Adapter implements EventHandler<AudioEvent>
    {
        private final LinkHandler handler;
        private final HandlerPoller[] guests;

        Adapter(final LinkHandler handler, final HandlerPoller[] guests)
        {
            this.handler = handler;
            this.guests = guests;
        }

        @Override
        public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            try
            {
                handler.onEvent(event, sequence, endOfBatch);
            }
            finally
            {
                pollGuests();
            }
        }

        private void pollGuests()
        {
            for (final HandlerPoller g : guests)
            {
                g.poll();
            }
        }

        @Override
        public void onStart()
        {
            for (final HandlerPoller g : guests)
            {
                g.start();
            }
            handler.onStart();
        }

        @Override
        public void onShutdown()
        {
            pollGuests();
            for (final HandlerPoller g : guests)
            {
                g.shutdown();
            }
            handler.onShutdown();
        }
    }

    /** The thread of polled handlers when no handler blocks: consumes every event, does nothing with it. */
    private static final class PollHost implements LinkHandler
    {
        @Override
        public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
        {
        }

        @Override
        public String name()
        {
            return "poll-host";
        }
    }
}

package dev.azalia.link;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The link out of the card: an LMAX Disruptor ring of preallocated {@link AudioEvent} slots that the stream DMA
 * publishes into (as the codecs' {@link DacOutput}) and that {@link LinkHandler}s consume.
 *
 * <p><b>Topology.</b> Every handler consumes every event, in parallel, each on its own daemon thread: the first
 * {@link SinkWriter} runs on {@code link-sink}, every other handler on {@code link-probe-N} (N = 0, 1, ... in the
 * order they were added). Parallel rather than "sink after probes" so a sink that blocks for device pacing never
 * delays a probe's timestamps, and a slow probe never delays the sink beyond the ring's capacity; the producer is
 * gated by the slowest handler.
 *
 * <p><b>Wait strategy.</b> {@link BlockingWaitStrategy} by default: the build machine has 2 cores, and the producer,
 * two or more handler threads, the interrupt thread, JIT and GC already outnumber them; spinning or yielding
 * consumers would steal the producer's core. Pass another strategy only on machines with isolated cores.
 *
 * <p><b>Producer.</b> {@link #onSamples} and the other {@code DacOutput} calls come from one thread, the link clock
 * thread (single producer). A chunk larger than a slot is split across slots at whole frames. When the ring is full
 * the producer waits (parking 50 µs at a time) until the slowest handler frees a slot: backpressure, never a
 * dropped frame; after {@link #close()} events are dropped and counted instead. Nothing is allocated per event.
 *
 * <p><b>Failures.</b> An exception from a handler is caught by a Disruptor {@link ExceptionHandler}, logged to the
 * {@link KernelLog} and recorded in {@link #failures()}; the handler continues with the next event.
 */
public final class LinkRing implements DacOutput, AutoCloseable
{
    /** The source name of this component's kernel log lines. */
    public static final String LOG_SOURCE = "azalia link";

    private static final long CLAIM_BACKOFF_NANOS = 50_000L;
    private static final long DRAIN_POLL_NANOS = 100_000L;
    private static final long JOIN_TIMEOUT_MILLIS = 5_000L;

    private static final VarHandle FRAMES_PUBLISHED;
    private static final VarHandle EVENTS_DROPPED;
    private static final VarHandle STATE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            FRAMES_PUBLISHED = lookup.findVarHandle(LinkRing.class, "framesPublished", long.class);
            EVENTS_DROPPED = lookup.findVarHandle(LinkRing.class, "eventsDropped", long.class);
            STATE = lookup.findVarHandle(LinkRing.class, "state", int.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private final int slotBytes;
    private final NanoClock clock;
    private final KernelLog log;
    private final Disruptor<AudioEvent> disruptor;
    private final RingBuffer<AudioEvent> ring;
    private final List<LinkHandler> handlers = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Map<Runnable, String> threadNames = new IdentityHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** Written by the producer only (setRelease); read by anyone with getAcquire. */
    @SuppressWarnings("unused")
    private long framesPublished;
    /** Written by the producer only (setRelease); read by anyone with getAcquire. */
    @SuppressWarnings("unused")
    private long eventsDropped;
    /** NEW, RUNNING, CLOSED; setRelease by start/close, getAcquire by the producer. */
    @SuppressWarnings("unused")
    private int state;

    /**
     * A ring with its own kernel log ({@link #kernelLog()}).
     *
     * @param ringSize     slots; a power of two.
     * @param slotBytes    PCM capacity of each slot in bytes, e.g. 16384; at least one frame of any format used.
     * @param clock        the link clock, for {@link AudioEvent#publishNanos()}.
     * @param waitStrategy how handlers wait for events (see the class comment).
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock, final WaitStrategy waitStrategy)
    {
        this(ringSize, slotBytes, clock, waitStrategy, new KernelLog(clock));
    }

    /**
     * A ring with the default {@link BlockingWaitStrategy} and its own kernel log.
     *
     * @param ringSize  slots; a power of two.
     * @param slotBytes PCM capacity of each slot in bytes.
     * @param clock     the link clock.
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock)
    {
        this(ringSize, slotBytes, clock, new BlockingWaitStrategy());
    }

    /**
     * A ring logging handler failures to {@code log}.
     *
     * @param ringSize     slots; a power of two.
     * @param slotBytes    PCM capacity of each slot in bytes.
     * @param clock        the link clock.
     * @param waitStrategy how handlers wait for events.
     * @param log          where handler failures are logged.
     * @throws IllegalArgumentException if {@code ringSize} is not a positive power of two or {@code slotBytes} is
     *                                  not positive.
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock, final WaitStrategy waitStrategy,
        final KernelLog log)
    {
        if (ringSize <= 0 || 1 != Integer.bitCount(ringSize))
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        if (slotBytes <= 0)
        {
            throw new IllegalArgumentException("slot size must be positive: " + slotBytes + " bytes");
        }
        this.slotBytes = slotBytes;
        this.clock = clock;
        this.log = log;
        final ThreadFactory factory = this::newThread;
        this.disruptor = new Disruptor<>(() -> new AudioEvent(slotBytes), ringSize, factory, ProducerType.SINGLE,
            waitStrategy);
        this.ring = disruptor.getRingBuffer();
    }

    /**
     * Adds a handler. Call before {@link #start()}, from the thread that builds the pipeline.
     *
     * @param handler the handler; it will run on its own thread.
     * @throws IllegalStateException if the ring was already started.
     */
    public void addHandler(final LinkHandler handler)
    {
        if (NEW != (int)STATE.getAcquire(this))
        {
            throw new IllegalStateException("handlers must be added before the link ring starts");
        }
        handlers.add(handler);
    }

    /**
     * Starts one thread per handler. Call once, after every {@link #addHandler}.
     *
     * @throws IllegalStateException if already started or closed.
     */
    public void start()
    {
        if (NEW != (int)STATE.getAcquire(this))
        {
            throw new IllegalStateException("the link ring was already started");
        }
        int probes = 0;
        boolean sinkNamed = false;
        final BatchEventProcessor<?>[] processors = new BatchEventProcessor<?>[handlers.size()];
        for (int i = 0; i < handlers.size(); i++)
        {
            final LinkHandler handler = handlers.get(i);
            final BatchEventProcessor<AudioEvent> processor = new BatchEventProcessorBuilder()
                .build(ring, ring.newBarrier(), new Adapter(handler));
            processor.setExceptionHandler(new Failures(handler.name()));
            final String threadName;
            if (handler instanceof SinkWriter && !sinkNamed)
            {
                threadName = "link-sink";
                sinkNamed = true;
            }
            else
            {
                threadName = "link-probe-" + probes++;
            }
            synchronized (threadNames)
            {
                threadNames.put(processor, threadName);
            }
            processors[i] = processor;
        }
        disruptor.handleEventsWith(processors);
        STATE.setRelease(this, RUNNING);
        disruptor.start();
    }

    /** {@inheritDoc} Called from the link clock thread; publishes the bytes, split across slots at whole frames. */
    @Override
    public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
        final int offset, final int length, final long nanos)
    {
        final int frameBytes = format.frameBytes();
        if (0 != length % frameBytes)
        {
            throw new IllegalArgumentException(length + " bytes is not a whole number of " + frameBytes
                + "-byte frames");
        }
        final int maxChunk = slotBytes - slotBytes % frameBytes;
        if (0 == maxChunk)
        {
            throw new IllegalArgumentException("a " + frameBytes + "-byte frame does not fit a " + slotBytes
                + "-byte slot");
        }
        int done = 0;
        while (done < length)
        {
            final int chunk = Math.min(maxChunk, length - done);
            publish(AudioEvent.Kind.DATA, codecAddress, nid, format, pcm, offset + done, chunk, nanos);
            done += chunk;
        }
    }

    /** {@inheritDoc} Called from the link clock thread; publishes a {@link AudioEvent.Kind#STREAM_START}. */
    @Override
    public void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
    {
        publish(AudioEvent.Kind.STREAM_START, codecAddress, nid, format, null, 0, 0, clock.nanoTime());
    }

    /** {@inheritDoc} Called from the link clock thread; publishes a {@link AudioEvent.Kind#STREAM_STOP}. */
    @Override
    public void onStreamStop(final int codecAddress, final int nid)
    {
        publish(AudioEvent.Kind.STREAM_STOP, codecAddress, nid, null, null, 0, 0, clock.nanoTime());
    }

    /**
     * Publishes an {@link AudioEvent.Kind#END_OF_STREAM} marker: handlers flush (the sink writer drains its sink).
     * Called from the producer thread (the link clock thread, or the pipeline after stopping the clock).
     */
    public void publishEndOfStream()
    {
        publish(AudioEvent.Kind.END_OF_STREAM, 0, 0, null, null, 0, 0, clock.nanoTime());
    }

    private void publish(final AudioEvent.Kind kind, final int codecAddress, final int nid,
        final StreamFormat format, final byte[] pcm, final int offset, final int length, final long dmaNanos)
    {
        final int current = (int)STATE.getAcquire(this);
        if (NEW == current)
        {
            throw new IllegalStateException("the link ring is not started");
        }
        final long sequence = claim();
        if (sequence < 0)
        {
            EVENTS_DROPPED.setRelease(this, (long)EVENTS_DROPPED.getAcquire(this) + 1);
            return;
        }
        final long first = (long)FRAMES_PUBLISHED.getAcquire(this);
        int frames = 0;
        try
        {
            final AudioEvent event = ring.get(sequence);
            event.set(kind, codecAddress, nid, format, pcm, offset, length, first, dmaNanos, clock.nanoTime());
            frames = event.frames();
        }
        finally
        {
            // pairs with framesPublished() getAcquire: the count never runs ahead of the published sequence
            ring.publish(sequence);
        }
        FRAMES_PUBLISHED.setRelease(this, first + frames);
    }

    private long claim()
    {
        while (RUNNING == (int)STATE.getAcquire(this))
        {
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException full)
            {
                LockSupport.parkNanos(CLAIM_BACKOFF_NANOS);
            }
        }
        return -1L;
    }

    /**
     * Frames published so far (DATA events only), across all streams. Thread-safe.
     *
     * @return frames.
     */
    public long framesPublished()
    {
        return (long)FRAMES_PUBLISHED.getAcquire(this);
    }

    /**
     * Events dropped because they were published after {@link #close()}. Thread-safe.
     *
     * @return events.
     */
    public long eventsDropped()
    {
        return (long)EVENTS_DROPPED.getAcquire(this);
    }

    /**
     * Waits until every handler has consumed everything published before the call. Waits in real time
     * ({@link System#nanoTime()}), whatever the link clock, polling every 100 µs. Call from any thread but a
     * handler's.
     *
     * @param timeoutNanos the longest wait in nanoseconds.
     * @return true if drained, false on timeout or if the ring was never started.
     */
    public boolean awaitDrained(final long timeoutNanos)
    {
        if (NEW == (int)STATE.getAcquire(this))
        {
            return false;
        }
        final long target = ring.getCursor();
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

    /**
     * Halts every handler (they see no further event; {@link LinkHandler#onShutdown()} runs on their threads) and
     * waits up to 5 s per thread for it to stop; a thread that does not stop is logged and recorded as a failure.
     * Events published afterwards are dropped and counted. Idempotent. Call {@link #awaitDrained} first to let the
     * handlers finish.
     */
    @Override
    public void close()
    {
        final int previous = (int)STATE.getAcquire(this);
        STATE.setRelease(this, CLOSED);
        if (RUNNING != previous)
        {
            return;
        }
        disruptor.halt();
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
                log.err(LOG_SOURCE, stuck.getMessage());
                failures.add(stuck);
            }
        }
    }

    /**
     * Every failure recorded so far: handler exceptions and threads that died or did not stop. Thread-safe.
     *
     * @return a snapshot, in order.
     */
    public List<Throwable> failures()
    {
        return List.copyOf(failures);
    }

    /**
     * The log failures go to.
     *
     * @return the kernel log.
     */
    public KernelLog kernelLog()
    {
        return log;
    }

    /**
     * Slots in the ring.
     *
     * @return the ring size.
     */
    public int ringSize()
    {
        return ring.getBufferSize();
    }

    /**
     * PCM capacity of one slot.
     *
     * @return bytes.
     */
    public int slotBytes()
    {
        return slotBytes;
    }

    private Thread newThread(final Runnable runnable)
    {
        final String name;
        synchronized (threadNames)
        {
            name = threadNames.getOrDefault(runnable, "link-handler-" + threads.size());
        }
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) ->
        {
            log.err(LOG_SOURCE, t.getName() + " died: " + e);
            failures.add(e);
        });
        threads.add(thread);
        return thread;
    }

    /** Bridges a {@link LinkHandler} to the Disruptor's handler interface. */
    private static final class Adapter implements EventHandler<AudioEvent>
    {
        private final LinkHandler handler;

        Adapter(final LinkHandler handler)
        {
            this.handler = handler;
        }

        @Override
        public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            handler.onEvent(event, sequence, endOfBatch);
        }

        @Override
        public void onStart()
        {
            handler.onStart();
        }

        @Override
        public void onShutdown()
        {
            handler.onShutdown();
        }
    }

    /** Logs and records one handler's failures; the handler continues with the next event. */
    private final class Failures implements ExceptionHandler<AudioEvent>
    {
        private final String handlerName;

        Failures(final String handlerName)
        {
            this.handlerName = handlerName;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final AudioEvent event)
        {
            log.err(LOG_SOURCE, "handler " + handlerName + " failed at sequence " + sequence + ": " + ex);
            failures.add(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            log.err(LOG_SOURCE, "handler " + handlerName + " failed to start: " + ex);
            failures.add(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            log.err(LOG_SOURCE, "handler " + handlerName + " failed to shut down: " + ex);
            failures.add(ex);
        }
    }
}

package dev.azalia.link;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The link out of the card: an LMAX Disruptor ring of preallocated {@link AudioEvent} slots that the stream DMA
 * publishes into (as the codecs' {@link DacOutput}) and that {@link LinkHandler}s consume.
 *
 * <p><b>Topology.</b> Every handler consumes every event, in sequence order, independently of the others; the
 * producer is gated by the slowest handler. Which threads run the handlers is the ring's {@link ConsumerMode}:
 * one thread per handler (the first {@link SinkWriter} on {@code link-sink}, every other handler on
 * {@code link-probe-N}, N = 0, 1, ... in the order they were added); on the real clock, a thread only for the
 * handlers that may block, the others polled by the sink writer's thread after each of its events; on the virtual
 * clock, no thread at all: the producer's thread polls every handler (every few events, when the ring is full, in
 * {@link #awaitDrained} and {@link #close()}). Parallel rather than "sink after probes" so a sink that blocks for
 * device pacing never holds a slot a probe has seen beyond the ring's capacity.
 *
 * <p><b>Wait strategy.</b> For the threaded modes {@link BlockingWaitStrategy} by default: the build machine has 2
 * cores, and the producer, handler threads, the interrupt thread, JIT and GC already outnumber them; spinning or
 * yielding consumers would steal the producer's core. Pass another strategy only on machines with isolated cores.
 * The polled mode ignores it: nobody waits, so a publish signals nobody.
 *
 * <p><b>Producer.</b> {@link #onSamples} and the other {@code DacOutput} calls come from one thread, the link clock
 * thread (single producer). A chunk larger than a slot is split across slots at whole frames. When the ring is full
 * the producer waits until the slowest handler frees a slot (parking 50 µs at a time; in the polled mode it polls
 * the handlers itself): backpressure, never a dropped frame; after {@link #close()} events are dropped and counted
 * instead. Nothing is allocated per event.
 *
 * <p><b>Failures.</b> An exception from a handler is caught, logged to the {@link KernelLog} and recorded in
 * {@link #failures()}; the handler continues with the next event.
 */
public final class LinkRing implements DacOutput, AutoCloseable
{
    /** The source name of this component's kernel log lines. */
    public static final String LOG_SOURCE = "azalia link";

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
    private final ConsumerMode mode;
    private final LinkFailures failures;
    private final RingBuffer<AudioEvent> ring;
    private final List<LinkHandler> handlers = new ArrayList<>();
    /** Set by {@link #start()} before its setRelease of {@link #state}; read after a getAcquire of it. */
    private LinkConsumers consumers;

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
     * A ring with its own kernel log ({@link #kernelLog()}), one thread per handler.
     *
     * @param ringSize     slots; a power of two.
     * @param slotBytes    PCM capacity of each slot in bytes, e.g. 16384; at least one frame of any format used.
     * @param clock        the link clock, for {@link AudioEvent#publishNanos()}.
     * @param waitStrategy how handlers wait for events (see the class comment).
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock, final WaitStrategy waitStrategy)
    {
        this(ringSize, slotBytes, clock, waitStrategy, new KernelLog(clock), ConsumerMode.THREAD_PER_HANDLER);
    }

    /**
     * A ring with the default {@link BlockingWaitStrategy}, its own kernel log and one thread per handler.
     *
     * @param ringSize  slots; a power of two.
     * @param slotBytes PCM capacity of each slot in bytes.
     * @param clock     the link clock.
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock)
    {
        this(ringSize, slotBytes, clock, ConsumerMode.THREAD_PER_HANDLER);
    }

    /**
     * A ring with the default {@link BlockingWaitStrategy} (for the threaded modes) and its own kernel log.
     *
     * @param ringSize  slots; a power of two.
     * @param slotBytes PCM capacity of each slot in bytes.
     * @param clock     the link clock.
     * @param mode      which threads run the handlers: {@link ConsumerMode#PRODUCER_POLLS} on the virtual clock,
     *                  {@link ConsumerMode#SINK_THREAD_POLLS} on the real clock.
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock, final ConsumerMode mode)
    {
        this(ringSize, slotBytes, clock, new BlockingWaitStrategy(), new KernelLog(clock), mode);
    }

    /**
     * A ring logging handler failures to {@code log}, one thread per handler.
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
        this(ringSize, slotBytes, clock, waitStrategy, log, ConsumerMode.THREAD_PER_HANDLER);
    }

    /**
     * A ring logging handler failures to {@code log}.
     *
     * @param ringSize     slots; a power of two.
     * @param slotBytes    PCM capacity of each slot in bytes.
     * @param clock        the link clock.
     * @param waitStrategy how handler threads wait for events (ignored by {@link ConsumerMode#PRODUCER_POLLS}).
     * @param log          where handler failures are logged.
     * @param mode         which threads run the handlers.
     * @throws IllegalArgumentException if {@code ringSize} is not a positive power of two or {@code slotBytes} is
     *                                  not positive.
     */
    public LinkRing(final int ringSize, final int slotBytes, final NanoClock clock, final WaitStrategy waitStrategy,
        final KernelLog log, final ConsumerMode mode)
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
        this.mode = mode;
        this.failures = new LinkFailures(log);
        this.ring = RingBuffer.createSingleProducer(new Slots(slotBytes), ringSize,
            ConsumerMode.PRODUCER_POLLS == mode ? PolledConsumers.NO_WAIT : waitStrategy);
    }

    /**
     * Adds a handler. Call before {@link #start()}, from the thread that builds the pipeline.
     *
     * @param handler the handler; it will run as the ring's {@link ConsumerMode} says.
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
     * Starts consuming: the handler threads of the threaded modes; in the polled mode every handler's
     * {@link LinkHandler#onStart()} runs on the calling thread. Call once, after every {@link #addHandler}.
     *
     * @throws IllegalStateException if already started or closed.
     */
    public void start()
    {
        if (NEW != (int)STATE.getAcquire(this))
        {
            throw new IllegalStateException("the link ring was already started");
        }
        consumers = ConsumerMode.PRODUCER_POLLS == mode
            ? new PolledConsumers(ring, handlers, failures)
            : new ThreadedConsumers(ring, handlers, ConsumerMode.SINK_THREAD_POLLS == mode, failures);
        STATE.setRelease(this, RUNNING);
        consumers.start();
    }

    /**
     * Which threads run the handlers.
     *
     * @return the mode.
     */
    public ConsumerMode mode()
    {
        return mode;
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
        consumers.published(sequence);
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
                consumers.ringFull();
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
     * ({@link System#nanoTime()}), whatever the link clock: polling the gating sequences every 100 µs, or, in the
     * polled mode, handing the handlers the events on the calling thread. Call from any thread but a handler's.
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
        return consumers.awaitDrained(ring.getCursor(), timeoutNanos);
    }

    /**
     * Halts every handler (they see no further event; {@link LinkHandler#onShutdown()} runs on the thread that ran
     * them) and waits up to 5 s per handler thread for it to stop; a thread that does not stop is logged and
     * recorded as a failure. In the polled mode the handlers are first handed what was published before the call,
     * on the calling thread. Events published afterwards are dropped and counted. Idempotent. Call
     * {@link #awaitDrained} first to let the handlers finish.
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
        consumers.halt();
    }

    /**
     * Every failure recorded so far: handler exceptions and threads that died or did not stop. Thread-safe.
     *
     * @return a snapshot, in order.
     */
    public List<Throwable> failures()
    {
        return failures.all();
    }

    /**
     * The log failures go to.
     *
     * @return the kernel log.
     */
    public KernelLog kernelLog()
    {
        return failures.log();
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

    /** Creates the preallocated slots. */
    private static final class Slots implements EventFactory<AudioEvent>
    {
        private final int slotBytes;

        Slots(final int slotBytes)
        {
            this.slotBytes = slotBytes;
        }

        @Override
        public AudioEvent newInstance()
        {
            return new AudioEvent(slotBytes);
        }
    }
}

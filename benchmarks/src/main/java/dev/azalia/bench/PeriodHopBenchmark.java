package dev.azalia.bench;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One period's hop from a producer thread to a consumer thread, Disruptor against {@link ArrayBlockingQueue}, in
 * the same run ({@link #transport} is a parameter): each invocation copies one period of PCM into the transport and
 * waits (spinning) until the consumer thread has copied it out and acknowledged it. SampleTime gives the hop's
 * percentiles. The wait strategies are the ones that fit a 2-core machine (one producer and one consumer thread):
 * blocking, phased back-off to blocking, and yielding; busy-spin is left out (it needs a core of its own).
 *
 * <p>Slots and queue buffers are allocated in setup; the steady state allocates nothing on the Disruptor side. The
 * queue side passes pooled arrays, so its allocations are the queue's own (none for {@link ArrayBlockingQueue}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PeriodHopBenchmark
{
    private static final int RING_SIZE = 256;

    /** The transport and, for the Disruptor, its consumer's wait strategy. */
    @Param({"disruptor-blocking", "disruptor-phased", "disruptor-yielding", "array-blocking-queue"})
    public String transport;

    /** Bytes per period: 256 frames of 16-bit stereo. */
    @Param({"1024"})
    public int periodBytes;

    private final AtomicLong consumed = new AtomicLong();
    private long published;
    private byte[] period;
    private byte[] sinkBuffer;
    private Disruptor<Slot> disruptor;
    private RingBuffer<Slot> ring;
    private ArrayBlockingQueue<byte[]> queue;
    private byte[][] pool;
    private Thread queueConsumer;

    /** A ring slot holding one period. */
    static final class Slot
    {
        byte[] pcm;
    }

    /** Starts the consumer thread of the chosen transport. */
    @Setup(Level.Trial)
    public void setUp()
    {
        period = new byte[periodBytes];
        for (int i = 0; i < periodBytes; i++)
        {
            period[i] = (byte)i;
        }
        sinkBuffer = new byte[periodBytes];
        consumed.set(0);
        published = 0;
        if (transport.startsWith("disruptor"))
        {
            disruptor = new Disruptor<>(() ->
            {
                final Slot s = new Slot();
                s.pcm = new byte[periodBytes];
                return s;
            }, RING_SIZE, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, waitStrategy(transport));
            disruptor.handleEventsWith((event, sequence, endOfBatch) ->
            {
                System.arraycopy(event.pcm, 0, sinkBuffer, 0, periodBytes);
                consumed.lazySet(sequence + 1);
            });
            ring = disruptor.start();
        }
        else
        {
            queue = new ArrayBlockingQueue<>(RING_SIZE);
            pool = new byte[RING_SIZE][periodBytes];
            queueConsumer = new Thread(this::consumeQueue, "abq-consumer");
            queueConsumer.setDaemon(true);
            queueConsumer.start();
        }
    }

    private static WaitStrategy waitStrategy(final String name)
    {
        switch (name)
        {
            case "disruptor-blocking":
                return new BlockingWaitStrategy();
            case "disruptor-phased":
                return PhasedBackoffWaitStrategy.withLock(1, 100, TimeUnit.MICROSECONDS);
            case "disruptor-yielding":
                return new YieldingWaitStrategy();
            default:
                throw new IllegalArgumentException("unknown transport " + name);
        }
    }

    private void consumeQueue()
    {
        try
        {
            long n = 0;
            while (!Thread.currentThread().isInterrupted())
            {
                final byte[] pcm = queue.take();
                System.arraycopy(pcm, 0, sinkBuffer, 0, periodBytes);
                consumed.lazySet(++n);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands one period to the consumer and waits until it has taken it.
     *
     * @return the periods consumed so far.
     * @throws InterruptedException if interrupted while offering to the queue.
     */
    @Benchmark
    public long hop() throws InterruptedException
    {
        if (null != ring)
        {
            final long seq = ring.next();
            System.arraycopy(period, 0, ring.get(seq).pcm, 0, periodBytes);
            ring.publish(seq);
        }
        else
        {
            final byte[] pcm = pool[(int)(published % RING_SIZE)];
            System.arraycopy(period, 0, pcm, 0, periodBytes);
            queue.put(pcm);
        }
        published++;
        long c;
        while ((c = consumed.get()) < published)
        {
            Thread.onSpinWait();
        }
        return c;
    }

    /** Stops the consumer thread. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != disruptor)
        {
            disruptor.halt();
        }
        if (null != queueConsumer)
        {
            queueConsumer.interrupt();
        }
    }
}

package dev.azalia.hda;

import dev.azalia.hda.codec.Codec;
import dev.azalia.hda.codec.CodecBus;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A minimal codec for controller tests: answers every verb with a value derived from it, records verbs, resets and
 * the stream data it receives for one stream tag.
 */
final class TestCodec implements Codec
{
    private final int address;
    private final int listenTag;
    private final List<Integer> verbs = new ArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile CodecBus bus;
    private volatile CountDownLatch dataLatch;
    private int resets;
    private int streamCalls;

    TestCodec(final int address, final int listenTag)
    {
        this.address = address;
        this.listenTag = listenTag;
    }

    TestCodec(final int address)
    {
        this(address, -1);
    }

    /** The response this codec gives to {@code verb}. */
    static int responseTo(final int verb)
    {
        return 0x5a000000 | (verb & 0x0fffffff) ^ 0x00123456;
    }

    @Override
    public int address()
    {
        return address;
    }

    @Override
    public void attach(final CodecBus newBus)
    {
        this.bus = newBus;
    }

    @Override
    public synchronized int execute(final int verb)
    {
        verbs.add(verb);
        return responseTo(verb);
    }

    @Override
    public synchronized void reset()
    {
        resets++;
    }

    @Override
    public synchronized void streamData(final int streamTag, final StreamFormat format, final byte[] data,
        final int offset, final int length, final long nanos)
    {
        streamCalls++;
        final CountDownLatch latch = dataLatch;
        if (null != latch)
        {
            latch.countDown();
        }
        if (streamTag == listenTag)
        {
            received.write(data, offset, length);
        }
    }

    void countDownOnData(final CountDownLatch latch)
    {
        this.dataLatch = latch;
    }

    void sendUnsolicited(final int response)
    {
        bus.unsolicited(address, response);
    }

    synchronized List<Integer> verbs()
    {
        return List.copyOf(verbs);
    }

    synchronized int resets()
    {
        return resets;
    }

    synchronized int streamCalls()
    {
        return streamCalls;
    }

    synchronized byte[] received()
    {
        return received.toByteArray();
    }
}

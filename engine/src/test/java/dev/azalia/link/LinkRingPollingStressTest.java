package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer protocol under concurrency, in every {@link ConsumerMode}: a producer thread publishes events whose
 * bytes name their own index into a small ring, while handlers are driven by their threads, by the sink thread that
 * polls them, or, in the polled mode, by the producer and by a second thread that keeps calling
 * {@link LinkRing#awaitDrained} (so polls come from two threads at once). Every handler must see every event once,
 * in order, with the bytes the producer wrote for it (the gating holds: no slot is overwritten before every handler
 * has seen it), never two calls at once, and a final drain must hand over everything (no lost wake-up).
 */
final class LinkRingPollingStressTest
{
    private static final int EVENTS = 100_000;
    private static final int FRAMES_PER_EVENT = 4;
    private static final int FRAME_BYTES = 4;
    private static final StreamFormat FORMAT = StreamFormat.CD;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Checks order, contents and exclusion; records the first violation (no assertion off the test thread). */
    private static final class Checker implements LinkHandler
    {
        private final boolean blocks;
        private final AtomicBoolean inside = new AtomicBoolean();
        private long expectedFrame;
        private long events;
        volatile String violation;

        Checker(final boolean blocks)
        {
            this.blocks = blocks;
        }

        @Override
        public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
        {
            if (!inside.compareAndSet(false, true))
            {
                fail("two threads in the handler at sequence " + sequence);
            }
            if (AudioEvent.Kind.DATA == event.kind())
            {
                if (event.firstFrameIndex() != expectedFrame || FRAMES_PER_EVENT != event.frames())
                {
                    fail("event " + sequence + " starts at frame " + event.firstFrameIndex() + ", expected "
                        + expectedFrame);
                }
                final long index = expectedFrame / FRAMES_PER_EVENT;
                final byte[] pcm = event.pcm();
                for (int i = 0; i < FRAMES_PER_EVENT * FRAME_BYTES; i++)
                {
                    if (pcm[i] != stamp(index, i))
                    {
                        fail("event " + index + " was overwritten before this handler saw it (byte " + i + ")");
                        break;
                    }
                }
                expectedFrame += FRAMES_PER_EVENT;
                events++;
            }
            inside.set(false);
        }

        private void fail(final String what)
        {
            if (null == violation)
            {
                violation = what;
            }
        }

        @Override
        public boolean blocks()
        {
            return blocks;
        }

        @Override
        public String name()
        {
            return blocks ? "blocking-checker" : "checker";
        }
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                latch.await();
                break;
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static byte stamp(final long index, final int at)
    {
        return (byte)(index * 31 + at);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldHandEveryEventToEveryHandlerOnceInOrderWithTheBytesThatWerePublished(final ConsumerMode mode)
        throws Exception
    {
        final Checker sinkLike = new Checker(true);
        final Checker probe = new Checker(false);
        final Checker otherProbe = new Checker(false);
        try (LinkRing ring = new LinkRing(8, FRAMES_PER_EVENT * FRAME_BYTES, new VirtualNanoClock(), mode))
        {
            ring.addHandler(probe);
            ring.addHandler(sinkLike);
            ring.addHandler(otherProbe);
            ring.start();
            final AtomicBoolean producing = new AtomicBoolean(true);
            final CountDownLatch drainerRunning = new CountDownLatch(1);
            final Thread producer = new Thread(() ->
            {
                awaitUninterruptibly(drainerRunning);
                final byte[] pcm = new byte[FRAMES_PER_EVENT * FRAME_BYTES];
                for (long index = 0; index < EVENTS; index++)
                {
                    for (int i = 0; i < pcm.length; i++)
                    {
                        pcm[i] = stamp(index, i);
                    }
                    ring.onSamples(0, 2, FORMAT, pcm, 0, pcm.length, index);
                }
                producing.set(false);
            }, "stress-producer");
            // a second thread polling (polled mode) or watching the gating sequences (threaded modes), from before
            // the first publish to after the last
            final Thread drainer = new Thread(() ->
            {
                do
                {
                    ring.awaitDrained(0);
                    drainerRunning.countDown();
                }
                while (producing.get());
            }, "stress-drainer");
            producer.start();
            drainer.start();
            producer.join();
            drainer.join();

            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();
            assertThat(ring.failures()).isEmpty();
        }
        for (final Checker c : new Checker[] {sinkLike, probe, otherProbe})
        {
            assertThat(c.violation).as(c.name()).isNull();
            assertThat(c.events).as(c.name()).isEqualTo(EVENTS);
        }
    }
}

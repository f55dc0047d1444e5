package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class LinkRingTest
{
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final StreamFormat FORMAT = StreamFormat.CD;

    /** Records everything it sees; allocates, which is fine in a test handler. */
    private static final class Recording implements LinkHandler
    {
        final boolean blocks;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<AudioEvent.Kind> kinds = new ArrayList<>();
        final List<long[]> indices = new ArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<String> lifecycleThreads = new CopyOnWriteArrayList<>();
        long maxLength;
        volatile boolean shutDown;

        Recording()
        {
            this(true);
        }

        Recording(final boolean blocks)
        {
            this.blocks = blocks;
        }

        @Override
        public boolean blocks()
        {
            return blocks;
        }

        @Override
        public void onStart()
        {
            lifecycleThreads.add(Thread.currentThread().getName());
        }

        @Override
        public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
        {
            kinds.add(event.kind());
            if (AudioEvent.Kind.DATA == event.kind())
            {
                bytes.write(event.pcm(), 0, event.lengthBytes());
                indices.add(new long[] {event.firstFrameIndex(), event.frames()});
                maxLength = Math.max(maxLength, event.lengthBytes());
            }
            if (threads.isEmpty())
            {
                threads.add(Thread.currentThread().getName());
            }
        }

        @Override
        public void onShutdown()
        {
            lifecycleThreads.add(Thread.currentThread().getName());
            shutDown = true;
        }

        @Override
        public String name()
        {
            return "recording";
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldDeliverEveryByteInOrderSplitAcrossSlots(final ConsumerMode mode)
    {
        final byte[] pcm = TestSignals.music(10_000, 44_100, 2);
        final Recording recording = new Recording();
        try (LinkRing ring = new LinkRing(8, 64, new VirtualNanoClock(), mode))
        {
            ring.addHandler(recording);
            ring.start();
            ring.onStreamStart(0, 2, FORMAT);
            for (int at = 0; at < pcm.length; at += 4000)
            {
                ring.onSamples(0, 2, FORMAT, pcm, at, Math.min(4000, pcm.length - at), at);
            }
            ring.publishEndOfStream();

            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();
            assertThat(ring.framesPublished()).isEqualTo(10_000);
        }
        assertThat(recording.bytes.toByteArray()).isEqualTo(pcm);
        assertThat(recording.maxLength).isEqualTo(64);
        long next = 0;
        for (final long[] index : recording.indices)
        {
            assertThat(index[0]).isEqualTo(next);
            next += index[1];
        }
        assertThat(recording.kinds.get(0)).isEqualTo(AudioEvent.Kind.STREAM_START);
        assertThat(recording.kinds.get(recording.kinds.size() - 1)).isEqualTo(AudioEvent.Kind.END_OF_STREAM);
        assertThat(recording.shutDown).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldRunEachHandlerOnTheThreadItsModeGivesIt(final ConsumerMode mode)
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final Recording probe0 = new Recording(true);
        final Recording probe1 = new Recording(false);
        final NullSink nullSink = new NullSink(clock, false);
        final List<String> sinkThread = new CopyOnWriteArrayList<>();
        final AudioSink sink = new AudioSink()
        {
            @Override
            public void open(final StreamFormat format)
            {
                nullSink.open(format);
            }

            @Override
            public void write(final byte[] pcm, final int offset, final int length)
            {
                sinkThread.add(Thread.currentThread().getName());
                nullSink.write(pcm, offset, length);
            }

            @Override
            public long framesWritten()
            {
                return nullSink.framesWritten();
            }

            @Override
            public long playbackPositionFrames()
            {
                return nullSink.playbackPositionFrames();
            }

            @Override
            public long underruns()
            {
                return 0;
            }

            @Override
            public int bufferFrames()
            {
                return 0;
            }

            @Override
            public String describe()
            {
                return "spy";
            }

            @Override
            public void drain()
            {
            }

            @Override
            public void close()
            {
            }
        };
        final SinkWriter writer = new SinkWriter(sink);
        final byte[] pcm = new byte[4 * 100];
        try (LinkRing ring = new LinkRing(16, 256, clock, mode))
        {
            ring.addHandler(probe0);
            ring.addHandler(writer);
            ring.addHandler(probe1);
            ring.start();
            ring.onSamples(0, 2, FORMAT, pcm, 0, pcm.length, 0L);
            ring.publishEndOfStream();
            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();
        }
        final String self = Thread.currentThread().getName();
        final String blocking = ConsumerMode.PRODUCER_POLLS == mode ? self : "link-probe-0";
        final String nonBlocking = switch (mode)
        {
            case THREAD_PER_HANDLER -> "link-probe-1";
            case SINK_THREAD_POLLS -> "link-sink";
            case PRODUCER_POLLS -> self;
        };
        assertThat(probe0.threads).containsExactly(blocking);
        assertThat(probe1.threads).containsExactly(nonBlocking);
        assertThat(probe0.lifecycleThreads).containsExactly(blocking, blocking);
        assertThat(probe1.lifecycleThreads).containsExactly(nonBlocking, nonBlocking);
        assertThat(writer.framesWritten()).isEqualTo(100);
        assertThat(sink.framesWritten()).isEqualTo(100);
        assertThat(sinkThread).containsOnly(ConsumerMode.PRODUCER_POLLS == mode ? self : "link-sink");
    }

    @Test
    void shouldPollHandlersThatNeverBlockFromOneThreadWhenNoHandlerBlocks()
    {
        final Recording first = new Recording(false);
        final Recording second = new Recording(false);
        try (LinkRing ring = new LinkRing(4, 64, new VirtualNanoClock(), ConsumerMode.SINK_THREAD_POLLS))
        {
            ring.addHandler(first);
            ring.addHandler(second);
            ring.start();
            for (int i = 0; i < 20; i++)
            {
                ring.onSamples(0, 2, FORMAT, new byte[16], 0, 16, i);
            }
            ring.publishEndOfStream();
            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();
        }
        assertThat(first.kinds).hasSize(21);
        assertThat(second.kinds).hasSize(21);
        assertThat(first.threads).containsExactly("link-probe-0");
        assertThat(second.threads).containsExactly("link-probe-0");
        assertThat(second.shutDown).isTrue();
    }

    @Test
    void shouldHandPolledHandlersWhatWasPublishedBeforeClose()
    {
        final Recording recording = new Recording();
        final LinkRing ring = new LinkRing(64, 64, new VirtualNanoClock(), ConsumerMode.PRODUCER_POLLS);
        ring.addHandler(recording);
        ring.start();
        for (int i = 0; i < 3; i++)
        {
            ring.onSamples(0, 2, FORMAT, new byte[16], 0, 16, i);
        }
        // fewer events than the polling interval: nothing handed over yet
        assertThat(recording.kinds).isEmpty();

        ring.close();

        assertThat(recording.kinds).hasSize(3);
        assertThat(recording.shutDown).isTrue();
        assertThat(ring.eventsDropped()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldRecordAHandlerFailureAndKeepConsuming(final ConsumerMode mode)
    {
        final Recording after = new Recording();
        final LinkHandler failing = new LinkHandler()
        {
            @Override
            public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
            {
                if (3 == sequence)
                {
                    throw new IllegalStateException("injected failure");
                }
                after.onEvent(event, sequence, endOfBatch);
            }

            @Override
            public boolean blocks()
            {
                return false;
            }

            @Override
            public String name()
            {
                return "failing";
            }
        };
        final byte[] pcm = new byte[4 * 10];
        try (LinkRing ring = new LinkRing(8, 64, new VirtualNanoClock(), mode))
        {
            ring.addHandler(failing);
            ring.start();
            for (int i = 0; i < 10; i++)
            {
                ring.onSamples(0, 2, FORMAT, pcm, 0, pcm.length, i);
            }
            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();

            assertThat(ring.failures()).singleElement().satisfies(
                t -> assertThat(t).hasMessage("injected failure"));
            assertThat(ring.kernelLog().contains("handler failing failed at sequence 3")).isTrue();
        }
        assertThat(after.kinds).hasSize(9);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldNotAllocateOnTheProducerPathInSteadyState(final ConsumerMode mode)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final LinkHandler counting = new LinkHandler()
        {
            private long frames;

            @Override
            public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
            {
                frames += event.frames();
            }

            @Override
            public boolean blocks()
            {
                return false;
            }

            @Override
            public String name()
            {
                return "counting";
            }
        };
        final byte[] pcm = new byte[4 * 256];
        final long self = Thread.currentThread().getId();
        try (LinkRing ring = new LinkRing(256, 512, new VirtualNanoClock(), mode))
        {
            ring.addHandler(counting);
            ring.start();
            for (int i = 0; i < 50_000; i++)
            {
                ring.onSamples(0, 2, FORMAT, pcm, 0, pcm.length, i);
            }
            final long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < 100_000; i++)
            {
                ring.onSamples(0, 2, FORMAT, pcm, 0, pcm.length, i);
            }
            final long allocated = threads.getThreadAllocatedBytes(self) - before;
            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();

            // 200,000 events published: anything per event would be megabytes
            assertThat(allocated).isLessThan(4_096L);
            assertThat(ring.framesPublished()).isEqualTo(150_000L * 256);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldRejectUseBeforeStartAndDropAfterClose(final ConsumerMode mode)
    {
        final byte[] pcm = new byte[4];
        final LinkRing ring = new LinkRing(4, 64, new VirtualNanoClock(), mode);

        assertThatThrownBy(() -> ring.onSamples(0, 2, FORMAT, pcm, 0, 4, 0L))
            .isInstanceOf(IllegalStateException.class);
        assertThat(ring.awaitDrained(1L)).isFalse();

        ring.addHandler(new Recording());
        ring.start();
        ring.close();
        ring.onSamples(0, 2, FORMAT, pcm, 0, 4, 0L);

        assertThat(ring.eventsDropped()).isEqualTo(1);
        assertThat(ring.failures()).isEmpty();
        assertThatThrownBy(() -> ring.addHandler(new Recording())).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldRejectABadRingSizeAndPartialFrames(final ConsumerMode mode)
    {
        assertThatThrownBy(() -> new LinkRing(6, 64, new VirtualNanoClock(), mode))
            .isInstanceOf(IllegalArgumentException.class);
        try (LinkRing ring = new LinkRing(4, 64, new VirtualNanoClock(), mode))
        {
            ring.start();
            assertThatThrownBy(() -> ring.onSamples(0, 2, FORMAT, new byte[6], 0, 6, 0L))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsumerMode.class)
    void shouldStampPublishTimeFromTheClock(final ConsumerMode mode)
    {
        final VirtualNanoClock clock = new VirtualNanoClock(1_000L);
        final List<long[]> stamps = new CopyOnWriteArrayList<>();
        final LinkHandler stamping = new LinkHandler()
        {
            @Override
            public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
            {
                stamps.add(new long[] {event.dmaNanos(), event.publishNanos(), event.codecAddress(), event.nid()});
            }

            @Override
            public String name()
            {
                return "stamping";
            }
        };
        try (LinkRing ring = new LinkRing(4, 64, clock, mode))
        {
            ring.addHandler(stamping);
            ring.start();
            ring.onSamples(1, 3, FORMAT, new byte[8], 0, 8, 500L);
            assertThat(ring.awaitDrained(TIMEOUT_NANOS)).isTrue();
        }
        assertThat(stamps).singleElement().satisfies(s -> assertThat(s).containsExactly(500L, 1_000L, 1L, 3L));
    }
}

package dev.azalia.hda.codec.dumped;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.Verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The sample path: one listened pin, stream start/stop on the link thread, drops counted. */
final class DumpCodecStreamTest
{
    private static final byte[] PERIOD = new byte[1024];

    @Test
    void theDefaultListenedPinIsTheFirstOutputInLinuxOrder()
    {
        assertThat(OutputPins.inLinuxOrder(DumpFixtures.codec("laptop-analog.txt")))
            .as("speaker before headphone; N/A and input pins skipped").containsExactly(0x10, 0x11);
        assertThat(OutputPins.defaultListenPin(DumpFixtures.codec("hdmi.txt"))).isEmpty();
        assertThat(DumpCodec.create(DumpFixtures.codec("qemu-hda-duplex.txt"), new DumpFixtures.Output())
            .listenedPin()).hasValue(0x03);
        final var desktop = OutputPins.inLinuxOrder(DumpFixtures.codec("desktop-analog.txt"));
        assertThat(desktop).isNotEmpty();
        assertThat(DumpCodec.create(DumpFixtures.codec("desktop-analog.txt"), new DumpFixtures.Output())
            .listenedPin()).hasValue(desktop.get(0));
    }

    @Test
    void dataForABoundTagReachesTheListenedPinWithStartAndStop()
    {
        final DumpFixtures.Output out = new DumpFixtures.Output();
        final DumpCodec codec = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"), out);
        codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 10);
        codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 20);
        assertThat(out.events).containsExactly("start 0 16 4011", "samples 0 16 1024", "samples 0 16 1024");

        codec.execute(Verbs.make(0, 0x02, 0x2, 0x0031));
        codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 30);
        assertThat(out.events.subList(3, out.events.size()))
            .as("a format change stops and restarts").containsExactly("stop 0 16", "start 0 16 4011",
                "samples 0 16 1024");

        codec.streamStopped(1);
        assertThat(out.events).last().isEqualTo("stop 0 16");
        assertThat(codec.droppedStreamBytes()).isZero();
    }

    @Test
    void aStreamTagChangedByAVerbIsStoppedAtTheNextDelivery()
    {
        final DumpFixtures.Output out = new DumpFixtures.Output();
        final DumpCodec codec = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"), out);
        codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 10);
        codec.execute(Verbs.make(0, 0x02, 0x706, 0));
        codec.execute(Verbs.make(0, 0x03, 0x706, 0));
        assertThat(out.events).hasSize(2);
        codec.deliverPendingEvents();
        assertThat(out.events).last().isEqualTo("stop 0 16");
        codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 20);
        assertThat(out.events).hasSize(3);
        assertThat(codec.droppedStreamBytes()).as("no converter on tag 1 any more").isEqualTo(PERIOD.length);
    }

    @Test
    void aCodecWithoutListenedPinDropsAndCountsItsData()
    {
        final DumpFixtures.Output out = new DumpFixtures.Output();
        final DumpCodec hdmi = DumpCodec.create(DumpFixtures.codec("hdmi.txt"), out);
        assertThat(hdmi.listenedPin()).isEmpty();
        hdmi.streamData(5, StreamFormat.CD, PERIOD, 0, PERIOD.length, 10);
        assertThat(out.events).isEmpty();
        assertThat(hdmi.droppedStreamBytes()).isEqualTo(PERIOD.length);

        final DumpCodec laptop = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"), out);
        laptop.listenNone();
        laptop.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 10);
        assertThat(out.events).isEmpty();
        assertThat(laptop.droppedStreamBytes()).isEqualTo(PERIOD.length);
    }

    @Test
    void anotherOutputPinCanBeListened()
    {
        final DumpFixtures.Output out = new DumpFixtures.Output();
        final DumpCodec codec = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"), out);
        codec.listen(0x11);
        codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, 10);
        assertThat(out.events).containsExactly("start 0 17 4011", "samples 0 17 1024");
        assertThatThrownBy(() -> codec.listen(0x12)).as("an input pin").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.listen(0x02)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSamplePathDoesNotAllocate()
    {
        final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)mx;
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        final long[] delivered = new long[1];
        final DumpCodec codec = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"),
            (address, nid, format, pcm, offset, length, nanos) -> delivered[0] += length);
        final int calls = 2_000;
        for (int i = 0; i < calls; i++)
        {
            codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, i);
        }
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++)
        {
            codec.streamData(1, StreamFormat.CD, PERIOD, 0, PERIOD.length, i);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by %d deliveries", calls).isLessThan(calls);
        assertThat(delivered[0]).isEqualTo(2L * calls * PERIOD.length);
    }
}

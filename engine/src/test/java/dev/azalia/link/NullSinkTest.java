package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class NullSinkTest
{
    private static final long MS = 1_000_000L;
    private static final byte[] PCM = new byte[441 * 4];

    private VirtualNanoClock clock;
    private NullSink sink;

    @BeforeEach
    void openPacedSink()
    {
        clock = new VirtualNanoClock(5 * MS);
        sink = new NullSink(clock, true);
        sink.open(StreamFormat.CD);
    }

    @Test
    void shouldConsumeAtTheNominalRateOnTheClock()
    {
        sink.write(PCM, 0, PCM.length);
        sink.write(PCM, 0, PCM.length);
        assertThat(sink.playbackPositionFrames()).isZero();

        clock.advance(5 * MS);
        assertThat(sink.playbackPositionFrames()).isEqualTo(220);

        clock.advance(15 * MS);
        assertThat(sink.playbackPositionFrames()).isEqualTo(882);
        assertThat(sink.underruns()).isZero();
        assertThat(sink.framesWritten()).isEqualTo(882);
    }

    @Test
    void shouldNotCountDataArrivingExactlyOnTime()
    {
        for (int i = 0; i < 100; i++)
        {
            sink.write(PCM, 0, PCM.length);
            clock.advance(10 * MS);
        }

        assertThat(sink.underruns()).isZero();
        assertThat(sink.playbackPositionFrames()).isEqualTo(44_100);
    }

    @Test
    void shouldCountOneUnderrunPerStarvationEpisodeAndRestartFromTheNextWrite()
    {
        sink.write(PCM, 0, PCM.length);
        clock.advance(11 * MS);
        assertThat(sink.underruns()).isEqualTo(1);
        assertThat(sink.playbackPositionFrames()).isEqualTo(441);

        clock.advance(50 * MS);
        assertThat(sink.underruns()).isEqualTo(1);

        sink.write(PCM, 0, PCM.length);
        clock.advance(5 * MS);
        assertThat(sink.playbackPositionFrames()).isEqualTo(441 + 220);
        assertThat(sink.underruns()).isEqualTo(1);

        clock.advance(6 * MS);
        sink.write(PCM, 0, PCM.length);
        assertThat(sink.underruns()).isEqualTo(2);
    }

    @Test
    void shouldNotCountTheEndOfPlaybackAfterDrain()
    {
        sink.write(PCM, 0, PCM.length);
        sink.drain();
        clock.advance(100 * MS);

        assertThat(sink.underruns()).isZero();
        assertThat(sink.playbackPositionFrames()).isEqualTo(441);
    }

    @Test
    void shouldConsumeEverythingAtOnceWhenUnpaced()
    {
        final NullSink unpaced = new NullSink(clock, false);
        unpaced.open(StreamFormat.CD);
        unpaced.write(PCM, 0, PCM.length);
        clock.advance(1_000 * MS);

        assertThat(unpaced.playbackPositionFrames()).isEqualTo(441);
        assertThat(unpaced.underruns()).isZero();
        assertThat(unpaced.describe()).isEqualTo("null");
        assertThat(sink.describe()).isEqualTo("null (paced) buffer 2048 frames");
        assertThat(sink.bufferFrames()).isEqualTo(NullSink.DEFAULT_BUFFER_FRAMES);
    }

    /** A paced sink that starts once it holds 882 frames (20 ms at 44.1 kHz), fed 441 frames (10 ms) at a time. */
    private NullSink withStartThreshold()
    {
        final NullSink cushioned = new NullSink(clock, true, NullSink.DEFAULT_BUFFER_FRAMES, 882);
        cushioned.open(StreamFormat.CD);
        return cushioned;
    }

    @Test
    void shouldWaitForTheStartThresholdBeforeConsuming()
    {
        final NullSink cushioned = withStartThreshold();
        cushioned.write(PCM, 0, PCM.length);
        clock.advance(50 * MS);

        assertThat(cushioned.playbackPositionFrames()).isZero();
        assertThat(cushioned.underruns()).isZero();

        cushioned.write(PCM, 0, PCM.length);
        clock.advance(10 * MS);
        assertThat(cushioned.playbackPositionFrames()).isEqualTo(441);
    }

    @Test
    void shouldAbsorbALateDeliveryWithinTheCushion()
    {
        final NullSink cushioned = withStartThreshold();
        cushioned.write(PCM, 0, PCM.length);
        cushioned.write(PCM, 0, PCM.length);
        // the first delivery comes 9 ms late, the rest on time: the 20 ms cushion shrinks to 11 ms and never runs dry
        for (int i = 0; i < 10; i++)
        {
            clock.advance(i == 0 ? 19 * MS : 10 * MS);
            cushioned.write(PCM, 0, PCM.length);
        }

        assertThat(cushioned.underruns()).isZero();
        // the sink that starts at the first write starves on the same schedule
        sink.write(PCM, 0, PCM.length);
        clock.advance(19 * MS);
        sink.write(PCM, 0, PCM.length);
        assertThat(sink.underruns()).isEqualTo(1);
    }

    @Test
    void shouldRestartAfterAnUnderrunOnlyOnceTheThresholdIsBufferedAgain()
    {
        final NullSink cushioned = withStartThreshold();
        cushioned.write(PCM, 0, PCM.length);
        cushioned.write(PCM, 0, PCM.length);
        clock.advance(30 * MS);

        assertThat(cushioned.underruns()).isEqualTo(1);
        assertThat(cushioned.playbackPositionFrames()).isEqualTo(882);

        cushioned.write(PCM, 0, PCM.length);
        clock.advance(10 * MS);
        assertThat(cushioned.playbackPositionFrames()).as("441 frames buffered: short of the threshold").isEqualTo(882);
        assertThat(cushioned.underruns()).isEqualTo(1);

        cushioned.write(PCM, 0, PCM.length);
        clock.advance(10 * MS);
        assertThat(cushioned.playbackPositionFrames()).isEqualTo(882 + 441);
        assertThat(cushioned.underruns()).isEqualTo(1);
    }

    @Test
    void shouldRejectAStartThresholdBelowOneFrame()
    {
        assertThatThrownBy(() -> new NullSink(clock, true, 2048, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("start threshold must be at least one frame: 0");
    }
}

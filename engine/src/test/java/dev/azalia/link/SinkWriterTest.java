package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class SinkWriterTest
{
    private static final StreamFormat FORMAT = StreamFormat.CD;

    @TempDir
    Path dir;

    @Test
    void shouldOpenOnStreamStartWriteDataAndDrainAtEndOfStream() throws Exception
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final NullSink sink = new NullSink(clock, true);
        final LatencyProbe endToEnd = new LatencyProbe("end-to-end", clock);
        final SinkWriter writer = new SinkWriter(sink, clock, endToEnd);
        final AudioEvent event = new AudioEvent(4096);

        event.set(AudioEvent.Kind.STREAM_START, 0, 2, FORMAT, null, 0, 0, 0L, 0L, 0L);
        writer.onEvent(event, 0, true);
        clock.advance(2_000_000L);
        event.set(AudioEvent.Kind.DATA, 0, 2, FORMAT, new byte[4096], 0, 4096, 0L, 0L, 0L);
        writer.onEvent(event, 1, true);
        event.set(AudioEvent.Kind.END_OF_STREAM, 0, 0, null, null, 0, 0, 1024L, 0L, 0L);
        writer.onEvent(event, 2, true);
        clock.advance(1_000_000_000L);

        assertThat(writer.framesWritten()).isEqualTo(1024);
        assertThat(sink.framesWritten()).isEqualTo(1024);
        assertThat(sink.underruns()).as("drained: the end is no underrun").isZero();
        assertThat(endToEnd.snapshot().getMaxValue()).isBetween(1999L, 2001L);
        assertThat(writer.name()).isEqualTo("sink");
    }

    @Test
    void shouldRefuseAStreamInAnotherFormat() throws Exception
    {
        final SinkWriter writer = new SinkWriter(new NullSink(new VirtualNanoClock(), false));
        final AudioEvent event = new AudioEvent(64);
        event.set(AudioEvent.Kind.STREAM_START, 0, 2, FORMAT, null, 0, 0, 0L, 0L, 0L);
        writer.onEvent(event, 0, true);
        event.set(AudioEvent.Kind.STREAM_START, 0, 2, StreamFormat.of(48_000, 16, 2), null, 0, 0, 0L, 0L, 0L);

        assertThatThrownBy(() -> writer.onEvent(event, 1, true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCarryTheLinkBitExactToAWavFileWithProbesInParallel() throws Exception
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final byte[] pcm = TestSignals.music(20_000, 44_100, 2);
        final Path file = dir.resolve("link.wav");
        final FrameSequenceProbe sequence = new FrameSequenceProbe(pcm, FORMAT);
        final LatencyProbe latency = new LatencyProbe("dma-to-handler", clock);
        try (WavFileSink wav = new WavFileSink(file); LinkRing ring = new LinkRing(16, 2048, clock))
        {
            final SinkWriter writer = new SinkWriter(wav);
            ring.addHandler(writer);
            ring.addHandler(sequence);
            ring.addHandler(latency);
            ring.start();
            ring.onStreamStart(0, 2, FORMAT);
            for (int at = 0; at < pcm.length; at += 1764)
            {
                ring.onSamples(0, 2, FORMAT, pcm, at, Math.min(1764, pcm.length - at), clock.nanoTime());
                clock.advance(10_000_000L);
            }
            ring.onStreamStop(0, 2);
            ring.publishEndOfStream();
            assertThat(ring.awaitDrained(TimeUnit.SECONDS.toNanos(20))).isTrue();
            assertThat(ring.failures()).isEmpty();
            assertThat(writer.framesWritten()).isEqualTo(20_000);
        }

        final byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOfRange(bytes, 44, bytes.length)).isEqualTo(pcm);
        assertThat(sequence.clean()).isTrue();
        assertThat(sequence.framesChecked()).isEqualTo(20_000);
        assertThat(latency.snapshot().getTotalCount()).isPositive();
    }
}

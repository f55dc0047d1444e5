package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real sound output: Java Sound -> ALSA -> PulseAudio null sink, recorded from the sink's monitor with parec. At
 * 100 % volume with the sink's own sample spec (s16le, 2 ch, 44.1 kHz), PulseAudio passes the samples through
 * unchanged, so the recorded audio must equal the played audio bit for bit after alignment.
 * Needs the server started by {@code .ci/pulse-null-sink.sh start} (and its environment sourced); skips with a
 * reason elsewhere, or fails when {@code AZALIA_REQUIRE_AUDIO=1}.
 */
final class JavaSoundSinkTest
{
    private static final StreamFormat FORMAT = StreamFormat.CD;
    private static final int FB = FORMAT.frameBytes();
    private static final long WAIT_NANOS = PulseCapture.WAIT_NANOS;
    /**
     * Audio played before and after the checked part. When a stream connects, PulseAudio rewinds the null sink to
     * mix it in at once, but the monitor source has already delivered that block as silence: the first ~450 frames
     * (one ~10 ms sink block) of a new stream never reach the monitor (measured: zeros in place, no shift, the
     * rest bit-exact). The lead-out likewise keeps the end of the checked part clear of the disconnect.
     */
    private static final int LEAD_FRAMES = 11_025;

    @TempDir
    Path dir;

    private static void requireLine()
    {
        PulseCapture.requireLine(FORMAT);
    }

    @Test
    @Tag("audio")
    void shouldPlayBitExactThroughARealSoundServer() throws Exception
    {
        requireLine();
        final int sourceFrames = 3 * 44_100;
        final byte[] played = TestSignals.music(LEAD_FRAMES + sourceFrames + LEAD_FRAMES, 44_100, 2);
        final byte[] source = Arrays.copyOfRange(played, LEAD_FRAMES * FB, (LEAD_FRAMES + sourceFrames) * FB);
        final long underruns;
        final String described;
        final byte[] captured;
        try (PulseCapture capture = PulseCapture.start(dir.resolve("capture.raw"), FORMAT))
        {
            try (JavaSoundSink sink = new JavaSoundSink(null, 8_820))
            {
                sink.open(FORMAT);
                described = sink.describe();
                for (int at = 0; at < played.length; at += 441 * FB)
                {
                    sink.write(played, at, Math.min(441 * FB, played.length - at));
                }
                sink.drain();
                underruns = sink.underruns();
                assertThat(sink.framesWritten()).isEqualTo(LEAD_FRAMES + sourceFrames + LEAD_FRAMES);
                assertThat(sink.failures()).isEmpty();
            }
            capture.awaitFrames(capture.frames() + 22_050L);
            captured = capture.stopAndRead();
        }

        final int start = PulseCapture.findStart(captured, source, 64, FB);
        assertThat(start).as("first 64 source frames found in the %d captured frames (%s)",
            captured.length / FB, described).isNotNegative();
        final FrameSequenceProbe probe = new FrameSequenceProbe(ReferenceFrames.of(source, FB), start);
        probe.accept(captured, 0, captured.length / FB);
        probe.finish();
        assertThat(probe.clean())
            .as("captured audio bit-exact from frame %d: lost %d, duplicated %d, mismatched %d, first error %d; "
                + "sink underruns %d (%s)", start, probe.framesLost(), probe.framesDuplicated(),
                probe.framesMismatched(), probe.firstErrorFrame(), underruns, described)
            .isTrue();
        assertThat(probe.framesChecked()).isEqualTo(sourceFrames);
    }

    @Test
    @Tag("audio")
    void shouldCountAStarvationOfARealLineOnce() throws SinkUnavailableException
    {
        requireLine();
        final byte[] source = TestSignals.music(22_050, 44_100, 2);
        try (JavaSoundSink sink = new JavaSoundSink(null, 4_410))
        {
            sink.open(FORMAT);
            assertThat(sink.bufferFrames()).isPositive();
            assertThat(sink.describe()).startsWith("javasound:").contains("buffer " + sink.bufferFrames()
                + " frames");
            sink.write(source, 0, source.length);
            final long before = sink.underruns();
            final long deadline = System.nanoTime() + WAIT_NANOS;
            while (sink.underruns() == before && System.nanoTime() - deadline < 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            final long starved = sink.underruns();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));

            assertThat(starved).as("a starving line is detected").isEqualTo(before + 1);
            assertThat(sink.underruns()).as("one episode, however long").isEqualTo(starved);
            assertThat(sink.playbackPositionFrames()).isEqualTo(sink.framesWritten());
        }
    }

    @Test
    void shouldFailWithAOneLineMessageWhenNoMixerMatches()
    {
        final JavaSoundSink sink = new JavaSoundSink("no such mixer 7f3a", 1024);

        assertThatThrownBy(() -> sink.open(FORMAT))
            .isInstanceOf(SinkUnavailableException.class)
            .hasMessageStartingWith("no audio output line for 0x4011 (44100 Hz, 16 bit, 2 ch)")
            .hasMessageNotContaining("\n");
        sink.close();
    }

    @Test
    void shouldListOnlyMixersOfferingASourceDataLine()
    {
        final List<MixerDescription> mixers = JavaSoundSink.listOutputMixers();

        assertThat(mixers).allSatisfy(m -> assertThat(m.sourceLineCount()).isPositive());
        if (JavaSoundSink.lineAvailable(null, FORMAT))
        {
            assertThat(mixers).isNotEmpty();
        }
    }
}

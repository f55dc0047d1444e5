package dev.azalia.player;

import dev.azalia.hda.StreamFormat;
import dev.azalia.link.FrameSequenceProbe;
import dev.azalia.link.PulseCapture;
import dev.azalia.link.ReferenceFrames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole playback through the emulated card to a real sound server: Java Sound → ALSA → PulseAudio null sink,
 * recorded from its monitor with parec, compared with the decoded MP3. At 100 % volume in the sink's own sample
 * spec PulseAudio passes samples through unchanged, so the capture must equal the decoded audio bit for bit, with
 * no dropout, except the first ~10 ms of a new stream, which the monitor delivers as silence (measured), so the
 * comparison starts 4096 frames in.
 */
final class RealSoundPlaybackTest
{
    private static final StreamFormat FORMAT = StreamFormat.CD;
    private static final int SKIP_FRAMES = 4096;

    @TempDir
    Path dir;

    @Test
    @Tag("audio")
    void shouldPlayAnMp3ThroughARealSoundServerWithoutDropout() throws Exception
    {
        PulseCapture.requireLine(FORMAT);
        final Path mp3 = Samples.dir().resolve("music-44k1-stereo-vbr.mp3");
        final byte[] decoded = Samples.decode(mp3);
        final int fb = FORMAT.frameBytes();
        final byte[] source = Arrays.copyOfRange(decoded, SKIP_FRAMES * fb, decoded.length);
        final byte[] captured;
        final CliRun run;
        try (PulseCapture capture = PulseCapture.start(dir.resolve("capture.raw"), FORMAT))
        {
            run = CliRun.of("-q", "--out", "javasound", "--clock", "real", "--period", "1024", "--periods", "4",
                mp3.toString());
            capture.awaitFrames(capture.frames() + FORMAT.sampleRate() / 2);
            captured = capture.stopAndRead();
        }
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).doesNotContain("warning");

        final int start = PulseCapture.findStart(captured, source, 256, fb);
        assertThat(start).as("the decoded audio is found in the %d captured frames", captured.length / fb)
            .isNotNegative();
        final FrameSequenceProbe probe = new FrameSequenceProbe(ReferenceFrames.of(source, fb), start);
        probe.accept(captured, 0, captured.length / fb);
        probe.finish();
        assertThat(probe.framesChecked()).isEqualTo(source.length / fb);
        assertThat(probe.clean())
            .as("bit-exact from frame %d: lost %d, duplicated %d, mismatched %d, first error %d", SKIP_FRAMES,
                probe.framesLost(), probe.framesDuplicated(), probe.framesMismatched(), probe.firstErrorFrame())
            .isTrue();
    }
}

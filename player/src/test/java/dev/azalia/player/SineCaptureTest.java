package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azalia.hda.StreamFormat;
import dev.azalia.link.PulseCapture;
import dev.azalia.probe.GlitchReport;
import dev.azalia.probe.SineLockDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sine played through the emulated card and a path that is not bit-exact-checked (Java Sound, PulseAudio null
 * sink, recorded from its monitor with parec), judged by the sine-lock detector; and the same analysis on the
 * decoded MP3, which runs without a sound server and shows the analysis catches one dropped frame.
 */
final class SineCaptureTest
{
    private static final StreamFormat FORMAT = StreamFormat.CD;
    private static final int RATE = 44_100;
    /** The detector's default model: a sine of exactly {@code RATE / 857} (51) frames per period. */
    private static final double FREQUENCY_HZ = (double)RATE / (RATE / SineLockDetector.TARGET_FREQUENCY_HZ);
    /** PulseAudio's start and stop artifacts, and the encoder's fade in and out, are left out at each end. */
    private static final int SKIP_FRAMES = 4096;
    private static final double AMPLITUDE = 0.5;

    @TempDir
    Path dir;

    private static byte[] sine(final int frames)
    {
        final byte[] pcm = new byte[frames * FORMAT.frameBytes()];
        for (int n = 0; n < frames; n++)
        {
            final int s = (int)Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * FREQUENCY_HZ * n / RATE));
            for (int c = 0; c < 2; c++)
            {
                final int at = n * FORMAT.frameBytes() + 2 * c;
                pcm[at] = (byte)s;
                pcm[at + 1] = (byte)(s >> 8);
            }
        }
        return pcm;
    }

    private Path sineMp3(final int seconds) throws Exception
    {
        return Files.write(dir.resolve("sine.mp3"), Samples.encodeMp3(sine(seconds * RATE), RATE, 2));
    }

    /** The frames between the first and last non-zero frame, less {@link #SKIP_FRAMES} at each end. */
    private static byte[] middle(final byte[] pcm)
    {
        final int fb = FORMAT.frameBytes();
        final int frames = pcm.length / fb;
        int first = 0;
        while (first < frames && silent(pcm, first))
        {
            first++;
        }
        int last = frames - 1;
        while (last > first && silent(pcm, last))
        {
            last--;
        }
        final int from = first + SKIP_FRAMES;
        final int to = last + 1 - SKIP_FRAMES;
        assertThat(to - from).as("audio between %d and %d of %d frames", first, last, frames).isGreaterThan(RATE);
        return java.util.Arrays.copyOfRange(pcm, from * fb, to * fb);
    }

    private static boolean silent(final byte[] pcm, final int frame)
    {
        final int fb = FORMAT.frameBytes();
        for (int i = frame * fb; i < frame * fb + fb; i++)
        {
            if (0 != pcm[i])
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] dropOneFrame(final byte[] pcm, final int frame)
    {
        final int fb = FORMAT.frameBytes();
        final byte[] out = new byte[pcm.length - fb];
        System.arraycopy(pcm, 0, out, 0, frame * fb);
        System.arraycopy(pcm, (frame + 1) * fb, out, frame * fb, pcm.length - (frame + 1) * fb);
        return out;
    }

    private static GlitchReport analyse(final byte[] pcm)
    {
        final SineLockDetector detector = new SineLockDetector();
        detector.accept(pcm, 0, pcm.length / FORMAT.frameBytes(), FORMAT);
        detector.finish();
        assertThat(detector.everLocked()).as("the detector locked onto the sine").isTrue();
        return detector.report();
    }

    @Test
    void shouldFindNoGlitchInTheDecodedSineAndOneDroppedFrame() throws Exception
    {
        final byte[] decoded = middle(Samples.decode(sineMp3(3)));

        assertThat(analyse(decoded).count()).as(analyse(decoded).toString()).isZero();
        final int frames = decoded.length / FORMAT.frameBytes();
        for (final int at : new int[] {frames / 3, frames / 2 + 17, 2 * frames / 3 + 31})
        {
            final GlitchReport injected = analyse(dropOneFrame(decoded, at));
            assertThat(injected.count()).as("one frame dropped at %d", at).isPositive();
        }
    }

    @Test
    @Tag("audio")
    void shouldPlayASineThroughARealSoundServerWithoutGlitch() throws Exception
    {
        PulseCapture.requireLine(FORMAT);
        final Path mp3 = sineMp3(4);
        final Path report = dir.resolve("report.json");
        final byte[] captured;
        final CliRun run;
        try (PulseCapture capture = PulseCapture.start(dir.resolve("capture.raw"), FORMAT))
        {
            run = CliRun.of("-q", "--out", "javasound", "--clock", "real", "--period", "2048", "--periods", "4",
                "--detect", "--report", report.toString(), mp3.toString());
            capture.awaitFrames(capture.frames() + RATE / 2);
            captured = capture.stopAndRead();
        }
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).doesNotContain("warning");
        final JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.at("/glitches/count").asLong()).as("the detectors on the link: %s", r.get("glitches")).isZero();

        final byte[] middle = middle(captured);
        final GlitchReport clean = analyse(middle);
        assertThat(clean.count()).as("the capture: %s", clean).isZero();
        assertThat(clean.framesAnalyzed()).isGreaterThan(3L * RATE - 2L * SKIP_FRAMES - RATE / 2);

        final GlitchReport injected = analyse(dropOneFrame(middle, middle.length / FORMAT.frameBytes() / 2));
        assertThat(injected.count()).as("the capture with one frame dropped: %s", injected).isPositive();
    }
}

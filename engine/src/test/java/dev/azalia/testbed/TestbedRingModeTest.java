package dev.azalia.testbed;

import dev.azalia.link.ConsumerMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the virtual clock a playback is the same whichever threads run the link's handlers: the same run with every
 * handler on its own thread and with the handlers polled by the application thread (the default) writes the same
 * WAV, the same mmiotrace and the same verb trace, byte for byte, and reports the same figures.
 */
final class TestbedRingModeTest
{
    private static final Path TONE = Path.of("..", "samples", "tone-48k-mono-cbr.mp3");

    @Test
    void shouldPlayBitIdenticallyWithHandlerThreadsAndWithPolledHandlers(@TempDir final Path dir) throws Exception
    {
        final RunResult threaded = play(dir.resolve("threaded"), ConsumerMode.THREAD_PER_HANDLER);
        final RunResult polled = play(dir.resolve("polled"), null);

        for (final String file : new String[] {"out.wav", "mmio.trace", "verbs.trace"})
        {
            final byte[] expected = Files.readAllBytes(dir.resolve("threaded").resolve(file));
            assertThat(expected).as(file).isNotEmpty();
            final byte[] actual = Files.readAllBytes(dir.resolve("polled").resolve(file));
            // the first differing byte, -1 if none (the arrays are too long to print)
            assertThat(Arrays.mismatch(expected, actual)).as(file + ": first differing byte").isEqualTo(-1);
        }
        assertThat(polled.failure()).isNull();
        assertThat(polled.glitchDetected()).isFalse();
        assertThat(polled.output().framesWritten()).isEqualTo(threaded.output().framesWritten());
        assertThat(polled.output().underruns()).isEqualTo(threaded.output().underruns());
        assertThat(polled.probe()).isEqualTo(threaded.probe());
        assertThat(polled.stream()).isEqualTo(threaded.stream());
        assertThat(polled.probe().framesChecked()).isEqualTo(polled.output().framesWritten()).isPositive();
        assertThat(polled.barMoves().count()).isEqualTo(threaded.barMoves().count()).isPositive();
    }

    private static RunResult play(final Path dir, final ConsumerMode mode) throws Exception
    {
        Files.createDirectories(dir);
        try (Testbed bed = Testbed.builder().source(TONE).sink(SinkSpec.wav(dir.resolve("out.wav")))
            .clock(ClockMode.VIRTUAL).barMovesEvery(Duration.ofMillis(10)).detectGlitches()
            .mmiotrace(dir.resolve("mmio.trace")).verbtrace(dir.resolve("verbs.trace")).quiet(true).build())
        {
            return new TestbedRun(bed.config(), mode).play();
        }
    }
}

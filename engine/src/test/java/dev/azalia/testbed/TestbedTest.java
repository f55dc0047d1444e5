package dev.azalia.testbed;

import dev.azalia.decode.InputException;
import dev.azalia.link.WavFileSink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestbedTest
{
    private static final Path TONE = Path.of("..", "samples", "tone-48k-mono-cbr.mp3");

    @Test
    void shouldPlayTheDefaultSineThroughTheQemuCodecOnTheVirtualClock() throws Exception
    {
        try (Testbed bed = Testbed.builder().build())
        {
            final RunResult result = bed.run();

            assertThat(result.failure()).isNull();
            assertThat(result.output().framesWritten()).isEqualTo(48_000);
            assertThat(result.output().sink()).isEqualTo("null");
            assertThat(result.stream().periodFrames()).isEqualTo(1024);
            assertThat(result.stream().periods()).isEqualTo(4);
            assertThat(result.probe().framesChecked()).isEqualTo(48_000);
            assertThat(result.codec().name()).isEqualTo("qemu");
            assertThat(result.barMoves().policy()).isEqualTo("live");
            assertThat(result.kernelLog()).isNotEmpty();
            assertThat(result.detections()).isEmpty();
        }
    }

    @Test
    void shouldDecodeAMonoMp3AndConvertItToTheStereoTheCodecTakes(@TempDir final Path dir) throws Exception
    {
        final Path wav = dir.resolve("out.wav");
        final RunResult result = Testbed.builder().source(TONE).sink(SinkSpec.wav(wav)).detectGlitches()
            .quiet(true).build().run();

        assertThat(result.glitchDetected()).isFalse();
        assertThat(result.stream().rateHz()).isEqualTo(48_000);
        assertThat(result.stream().channels()).isEqualTo(2);
        assertThat(result.output().framesWritten()).isEqualTo(result.probe().framesChecked()).isPositive();
        assertThat(Files.size(wav)).isEqualTo(44 + 4 * result.output().framesWritten());
        assertThat(result.detections()).extracting(r -> r.detector()).contains("reference", "silence");
    }

    @Test
    void shouldHandTheFramesToACallersSinkAndTheTimelineToItsObserver(@TempDir final Path dir) throws Exception
    {
        final RunTimeline[] seen = new RunTimeline[1];
        final RunResult result = Testbed.builder()
            .source(SourceSpec.sine(440, 44_100, 2, Duration.ofMillis(200)))
            .sink(new WavFileSink(dir.resolve("mine.wav")))
            .timeline(t -> seen[0] = t)
            .build().run();

        assertThat(result.output().framesWritten()).isEqualTo(8_820);
        assertThat(Files.size(dir.resolve("mine.wav"))).isEqualTo(44 + 4 * 8_820);
        assertThat(seen[0]).isNotNull();
        assertThat(seen[0].probes()).isNotEmpty();
    }

    @Test
    void shouldCountTheBarMovesItWasAskedFor() throws Exception
    {
        final RunResult result = Testbed.builder().barMovesEvery(Duration.ofMillis(100))
            .disturbances(Disturbances.none().withBarMovesEvery(Duration.ofMillis(100)).withBarMoveLimit(3))
            .build().run();

        assertThat(result.barMoves().count()).isEqualTo(3);
        assertThat(result.barMoves().moves()).hasSize(3);
    }

    @Test
    void shouldReportAHotUnplugAsTheRunsFailure() throws Exception
    {
        final RunResult result = Testbed.builder().unplugAfter(Duration.ofMillis(30)).build().run();

        assertThat(result.failure()).isEqualTo("device disconnected");
        assertThat(result.output().framesWritten()).isLessThan(48_000);
    }

    @Test
    void shouldRefuseAnUnknownPolicyWhenBuilt()
    {
        assertThatThrownBy(() -> Testbed.builder().policy("eager").build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown policy 'eager' (expected one of naive, rwsem, suspend, suspend-linux, fixed, live)");
    }

    @Test
    void shouldSayInOneLineWhenTheSourceCannotBeRead()
    {
        assertThatThrownBy(() -> Testbed.builder().source(Path.of("no-such.mp3")).build().run())
            .isInstanceOf(InputException.class);
    }

    @Test
    void shouldRefuseToRunOnceClosed()
    {
        final Testbed bed = Testbed.builder().build();
        bed.close();

        assertThatThrownBy(bed::run).isInstanceOf(IllegalStateException.class).hasMessage("the testbed is closed");
    }

    @Test
    void shouldTellAPeriodObserverOfEveryReportedPeriodWithItsIocBeforeItsElapsedTime() throws Exception
    {
        final long[] periods = new long[1];
        final long[] misordered = new long[1];
        final RunResult result = Testbed.builder()
            .source(SourceSpec.sine(440, 48_000, 2, Duration.ofMillis(500)))
            .buffer(4, 256)
            .periodObserver((iocNanos, elapsedNanos) ->
            {
                periods[0]++;
                if (iocNanos <= 0 || elapsedNanos < iocNanos)
                {
                    misordered[0]++;
                }
            })
            .build().run();

        assertThat(result.failure()).isNull();
        assertThat(periods[0]).isPositive().isEqualTo(result.stream().periodsElapsed());
        assertThat(misordered[0]).isZero();
    }
}

package dev.azalia.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

/**
 * The MP3 front end on any file: the player's own entry point ({@link InputFiles#open}, which sniffs a RIFF header
 * and otherwise decodes MPEG audio with JLayer) either delivers frames to the end or throws {@link InputException}
 * with one line naming the file; no other exception or error escapes (JLayer's array-bounds and arithmetic
 * exceptions on hostile frames included), no input makes it allocate more than {@link FuzzFiles#ALLOCATION_LIMIT_BYTES}
 * and none hangs. JLayer is instrumented ({@code jazzer.instrument} in the test {@code junit-platform.properties}).
 * Runs the committed inputs in {@code ./mvnw verify} (regression mode); fuzzing: see the README's "Fuzzing".
 */
final class Mp3DecoderFuzzTest
{
    private static final int READ_FRAMES = 1152;
    private static final FuzzFiles FILES = new FuzzFiles("fuzz.mp3");

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldDecodeToTheEndOrSayWhyInOneLine(final byte[] data)
    {
        final Path path = FILES.write(data);
        FuzzFiles.checkAllocation(() -> decode(path), FuzzFiles.ALLOCATION_LIMIT_BYTES, data.length + " input bytes");
    }

    private static void decode(final Path path)
    {
        long delivered = 0;
        try (AudioSource source = InputFiles.open(path))
        {
            assertThat(source.frameSizeBytes()).isEqualTo(source.channels() * 2);
            final byte[] pcm = new byte[READ_FRAMES * source.frameSizeBytes()];
            for (int n = source.readFrames(pcm, 0, READ_FRAMES); n != -1; n = source.readFrames(pcm, 0, READ_FRAMES))
            {
                assertThat(n).isBetween(1, READ_FRAMES);
                delivered += n;
            }
            assertThat(source.framesDecoded()).isEqualTo(delivered);
            assertThat(source.readFrames(pcm, 0, READ_FRAMES)).as("still at the end").isEqualTo(-1);
        }
        catch (final InputException e)
        {
            assertThat(e.getMessage()).startsWith(path.toString()).doesNotContain("\n");
        }
    }
}

package dev.azalia.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

/**
 * The WAV readers on any file: the player's strict 16-bit reader ({@link WavAudio#readPcm16}, then played through
 * {@link WavSource}) and the analyser's Java Sound reader ({@link WavAudio#read}) either return the audio or throw
 * {@link InputException} with one line naming the file; nothing else escapes, and no header value makes them
 * allocate more than {@link FuzzFiles#ALLOCATION_LIMIT_BYTES} beyond the file's size. Runs the committed inputs in
 * {@code ./mvnw verify} (regression mode); fuzzing: see the README's "Fuzzing".
 */
final class WavAudioFuzzTest
{
    private static final int READ_FRAMES = 1024;
    private static final FuzzFiles FILES = new FuzzFiles("fuzz.wav");

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReadTheSamplesOrSayWhyInOneLine(final byte[] data)
    {
        final Path path = FILES.write(data);
        FuzzFiles.checkAllocation(() -> read(path), FuzzFiles.ALLOCATION_LIMIT_BYTES + 16L * data.length,
            data.length + " input bytes");
    }

    private static void read(final Path path)
    {
        try
        {
            final WavAudio audio = WavAudio.readPcm16(path);
            assertThat(audio.format().bitsPerSample()).isEqualTo(16);
            assertThat(audio.pcm().length % audio.format().frameBytes()).isZero();
            try (WavSource source = WavSource.of(audio))
            {
                final byte[] pcm = new byte[READ_FRAMES * source.frameSizeBytes()];
                long delivered = 0;
                for (int n = source.readFrames(pcm, 0, READ_FRAMES); n != -1; n = source.readFrames(pcm, 0,
                    READ_FRAMES))
                {
                    assertThat(n).isBetween(1, READ_FRAMES);
                    delivered += n;
                }
                assertThat(delivered).isEqualTo(audio.frames());
            }
        }
        catch (final InputException e)
        {
            assertThat(e.getMessage()).startsWith(path.toString()).doesNotContain("\n");
        }
        try
        {
            final WavAudio audio = WavAudio.read(path);
            assertThat(audio.pcm().length % audio.format().frameBytes()).isZero();
        }
        catch (final InputException e)
        {
            assertThat(e.getMessage()).startsWith(path.toString()).doesNotContain("\n");
        }
    }
}

package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

final class ReplayableSourceTest
{
    private static byte[] readAll(final AudioSource source) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buf = new byte[1000 * source.frameSizeBytes()];
        int frames;
        while ((frames = source.readFrames(buf, 0, 1000)) > 0)
        {
            out.write(buf, 0, frames * source.frameSizeBytes());
        }
        return out.toByteArray();
    }

    private static long keptFiles() throws Exception
    {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return files.filter(p -> p.getFileName().toString().startsWith("azalia-plays-")).count();
        }
    }

    @Test
    void shouldPlayTheSameFramesEveryTimeFromATemporaryFileThatLeavesNothingBehind() throws Exception
    {
        final byte[] pcm = new byte[123_457 * 4];
        new Random(1).nextBytes(pcm);
        final long before = keptFiles();
        final ReplayableSource source = new ReplayableSource(
            new PcmSource((SourceSpec.Pcm)SourceSpec.pcm("t", pcm, 48_000, 2)), true);

        assertThat(readAll(source.forPlay(1))).isEqualTo(pcm);
        assertThat(keptFiles()).as("unlinked as soon as it is open: nothing is left behind, even by a crash")
            .isEqualTo(before);
        assertThat(readAll(source.forPlay(2))).isEqualTo(pcm);
        final AudioSource third = source.forPlay(3);
        assertThat(readAll(third)).isEqualTo(pcm);
        assertThat(third.framesDecoded()).isEqualTo(123_457);
        source.close();
        assertThat(keptFiles()).isEqualTo(before);
    }

    @Test
    void shouldKeepNothingForASinglePlay() throws Exception
    {
        final byte[] pcm = new byte[4000];
        final AudioSource first = new PcmSource((SourceSpec.Pcm)SourceSpec.pcm("t", pcm, 48_000, 2));
        final long before = keptFiles();
        try (ReplayableSource source = new ReplayableSource(first, false))
        {
            assertThat(source.forPlay(1)).isSameAs(first);
            assertThat(keptFiles()).isEqualTo(before);
        }
    }
}

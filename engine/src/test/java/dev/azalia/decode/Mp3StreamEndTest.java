package dev.azalia.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A decoder that stops says so when the file holds MPEG audio it did not play: a change of sample rate or channels
 * mid-file (where JLayer's bit stream ends on its own) or more frames than the Xing/Info tag counts; it plays every
 * frame before that, and a file that ends where it should ends quietly.
 */
final class Mp3StreamEndTest
{
    @TempDir
    Path dir;

    private static Path sample(final String name)
    {
        return SampleSignals.samplesDir().resolve(name);
    }

    @Test
    void shouldSayWhereTheStreamChangesFormatAfterPlayingEveryFrameBefore() throws Exception
    {
        final byte[] first = Files.readAllBytes(sample("tone-48k-mono-cbr.mp3"));
        final byte[] second = Files.readAllBytes(sample("sweep-44k1-stereo-cbr.mp3"));
        final Path both = Files.write(dir.resolve("both.mp3"), concat(first, second));
        final short[] alone;
        try (Mp3Decoder d = Mp3Decoder.open(sample("tone-48k-mono-cbr.mp3")))
        {
            alone = Mp3DecoderTest.decodeAll(d);
        }

        try (Mp3Decoder d = Mp3Decoder.open(both))
        {
            final byte[] buffer = new byte[4096 * d.frameSizeBytes()];
            final InputException e = catchThrowableOfType(() ->
            {
                while (true)
                {
                    final int n = d.readFrames(buffer, 0, 4096);
                    if (n < 0)
                    {
                        return;
                    }
                }
            }, InputException.class);

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).startsWith(both + ": stopped after ")
                .contains("at byte " + first.length + " the stream changes to MPEG-1 Layer III, 44100 Hz, stereo")
                .endsWith("the rest was not played").doesNotContain("\n");
            // JLayer's bit stream drops the last frame before the change (it needs the next header to sync): at
            // most one MPEG frame of the first stream is missing, and the message counts what was decoded
            assertThat(d.framesDecoded()).isBetween((long)alone.length - 1152, (long)alone.length);
            assertThat(e.getMessage()).contains(String.format(java.util.Locale.ROOT, "(%.2f s)",
                (double)d.framesDecoded() / 48_000));
        }
    }

    @Test
    void shouldSayWhenMoreFramesFollowThanTheInfoTagCounts() throws Exception
    {
        final byte[] one = Files.readAllBytes(sample("tone-44k1-mono-cbr.mp3"));
        final Path twice = Files.write(dir.resolve("twice.mp3"), concat(one, one));

        try (Mp3Decoder d = Mp3Decoder.open(twice))
        {
            final InputException e = catchThrowableOfType(() -> Mp3DecoderTest.decodeAll(d), InputException.class);

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("stopped after the ").contains(" MPEG frames the Xing/Info tag counts")
                .endsWith("the rest was not played");
        }
    }

    @ParameterizedTest
    @EnumSource(SampleSignals.class)
    void shouldEndQuietlyWhereTheFileEnds(final SampleSignals sample) throws Exception
    {
        try (Mp3Decoder d = Mp3Decoder.open(sample.path()))
        {
            assertThat(Mp3DecoderTest.decodeAll(d)).isNotEmpty();
            assertThat(d.readFrames(new byte[4096], 0, 1)).isEqualTo(-1);
        }
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

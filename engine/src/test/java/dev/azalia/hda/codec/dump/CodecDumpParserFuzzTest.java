package dev.azalia.hda.codec.dump;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dump parser on any text: it returns the codecs it read or throws {@link DumpParseException} with one line,
 * never another exception; whatever it reads, the writer prints back and the parser reads again as the same codecs.
 * Runs the committed inputs in {@code ./mvnw verify} (regression mode); fuzzing: see the README's "Fuzzing".
 */
final class CodecDumpParserFuzzTest
{
    @FuzzTest(maxDuration = "10m")
    void shouldParseOrSayWhyInOneLineAndRoundTripWhatItParsed(final byte[] data)
    {
        final String text = new String(data, StandardCharsets.ISO_8859_1);
        final DumpFile file;
        try
        {
            file = new CodecDumpParser().parse("fuzz", text);
        }
        catch (final DumpParseException e)
        {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        for (final CodecDump codec : file.codecList())
        {
            final String written = new CodecDumpWriter().write(codec);
            final DumpFile again;
            try
            {
                again = new CodecDumpParser().parse("written", written);
            }
            catch (final DumpParseException e)
            {
                throw new AssertionError("the writer's output does not parse: " + e.getMessage() + "\n" + written, e);
            }
            assertThat(again.codecList()).hasSize(1);
            assertThat(new CodecDumpWriter().write(again.codecList().get(0))).isEqualTo(written);
        }
    }
}

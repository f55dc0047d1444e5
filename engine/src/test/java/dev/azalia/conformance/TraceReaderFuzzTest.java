package dev.azalia.conformance;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture readers on any text: the mmiotrace reader and the HDA tracepoint reader return what they read or throw
 * {@link TraceFormatException} with one line, never another exception. Runs the committed inputs in
 * {@code ./mvnw verify} (regression mode); fuzzing: see the README's "Fuzzing".
 */
final class TraceReaderFuzzTest
{
    @FuzzTest(maxDuration = "10m")
    void shouldReadAnMmiotraceOrSayWhyInOneLine(final byte[] data)
    {
        try
        {
            assertThat(MmioTraceReader.parse("fuzz", new String(data, StandardCharsets.ISO_8859_1))).isNotNull();
        }
        catch (final TraceFormatException e)
        {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @FuzzTest(maxDuration = "10m")
    void shouldReadAnEventTraceOrSayWhyInOneLine(final byte[] data)
    {
        try
        {
            assertThat(EventTraceReader.parse("fuzz", new String(data, StandardCharsets.ISO_8859_1))).isNotNull();
        }
        catch (final TraceFormatException e)
        {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}

package dev.azalia.player.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.azalia.testbed.Report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Report} as pretty-printed JSON with its keys in a fixed order. Thread-safe (the mapper is
 * configured once and only read).
 */
public final class ReportWriter
{
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter()
    {
    }

    /**
     * Writes the report, replacing the file.
     *
     * @param file   the destination.
     * @param report the report.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Path file, final Report report) throws IOException
    {
        Files.writeString(file, toJson(report) + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    /**
     * The report as JSON text.
     *
     * @param report the report.
     * @return pretty-printed JSON.
     */
    public static String toJson(final Report report)
    {
        try
        {
            return MAPPER.writeValueAsString(report);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("report not serialisable", e);
        }
    }
}

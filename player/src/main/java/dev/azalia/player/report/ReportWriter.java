package dev.azalia.player.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azalia.testbed.FaultReport;
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
     * Writes the report with a {@code faults} section (what was injected, what the driver did), replacing the file;
     * without planned faults the file is as {@link #write(Path, Report)} writes it.
     *
     * @param file   the destination.
     * @param report the report.
     * @param faults the run's faults section.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Path file, final Report report, final FaultReport faults) throws IOException
    {
        Files.writeString(file, toJson(report, faults) + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    /**
     * The report as JSON text with the {@code faults} section last, when faults were planned.
     *
     * @param report the report.
     * @param faults the faults section.
     * @return pretty-printed JSON.
     */
    public static String toJson(final Report report, final FaultReport faults)
    {
        if (!faults.planned())
        {
            return toJson(report);
        }
        final ObjectNode tree = MAPPER.valueToTree(report);
        tree.set("faults", MAPPER.valueToTree(faults));
        try
        {
            return MAPPER.writeValueAsString(tree);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("report not serialisable", e);
        }
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

package dev.azalia.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average, printed with every latency figure (the floor and the latencies move with it).
 * Stateless.
 */
public final class Load
{
    private Load()
    {
    }

    /**
     * The 1, 5 and 15 minute load averages from {@code /proc/loadavg}.
     *
     * @return e.g. {@code "0.52 / 0.40 / 0.31 (1 / 5 / 15 min)"}, or {@code "unknown"} where there is none.
     */
    public static String average()
    {
        try
        {
            final String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)";
        }
        catch (final IOException | RuntimeException e)
        {
            return "unknown";
        }
    }
}

package dev.azalia.player;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of {@link Main} with captured streams. */
record CliRun(int status, String out, String err)
{
    static CliRun of(final String... args)
    {
        return with(null, args);
    }

    static CliRun with(final Playback playback, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            status = null == playback ? Main.run(o, e, args) : Main.run(o, e, playback, args);
        }
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines()
    {
        return err.lines().toList();
    }
}

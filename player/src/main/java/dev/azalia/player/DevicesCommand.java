package dev.azalia.player;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/**
 * {@code ./play devices}: lists the Java Sound mixers that offer a {@link SourceDataLine} (name, description,
 * vendor, source-line count), the names {@code --out javasound:MIXER} matches against. Says so plainly when there
 * are none. Runs on the main thread.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List the mixers that offer a SourceDataLine (for --out javasound:MIXER).")
public final class DevicesCommand implements Callable<Integer>
{
    /** The message when no mixer offers an output line. */
    static final String NONE = "No mixer offers a SourceDataLine: Java sees no sound output on this machine. "
        + "Use --out null or --out wav:PATH.";

    @Spec
    private CommandSpec spec;

    /** Created by picocli. */
    public DevicesCommand()
    {
        // fields are injected by picocli
    }

    /**
     * Prints the list to the command's standard output.
     *
     * @return exit status 0.
     */
    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        for (final String line : describe(AudioSystem.getMixerInfo(), DevicesCommand::sourceDataLines))
        {
            out.println(line);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /**
     * The lines to print for some mixers.
     *
     * @param mixers      the mixers.
     * @param sourceLines how many source data lines a mixer offers.
     * @return one line per mixer that offers at least one, or the {@link #NONE} message.
     */
    static List<String> describe(final Mixer.Info[] mixers, final ToIntFunction<Mixer.Info> sourceLines)
    {
        final List<String> lines = new ArrayList<>();
        for (final Mixer.Info info : mixers)
        {
            final int count = sourceLines.applyAsInt(info);
            if (count > 0)
            {
                lines.add(String.format("%s%n    description: %s%n    vendor: %s%n    source lines: %d",
                    info.getName(), info.getDescription(), info.getVendor(), count));
            }
        }
        if (lines.isEmpty())
        {
            lines.add(NONE);
        }
        return lines;
    }

    private static int sourceDataLines(final Mixer.Info info)
    {
        try
        {
            final Mixer mixer = AudioSystem.getMixer(info);
            int count = 0;
            for (final Line.Info line : mixer.getSourceLineInfo())
            {
                if (SourceDataLine.class.isAssignableFrom(line.getLineClass()))
                {
                    count++;
                }
            }
            return count;
        }
        catch (final IllegalArgumentException | SecurityException e)
        {
            return 0;
        }
    }
}

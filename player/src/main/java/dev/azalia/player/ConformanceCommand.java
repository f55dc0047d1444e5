package dev.azalia.player;

import dev.azalia.conformance.AllowedDifferences;
import dev.azalia.conformance.Conformance;
import dev.azalia.conformance.ConformanceReport;
import dev.azalia.conformance.ConformanceResult;
import dev.azalia.conformance.TraceFormatException;
import dev.azalia.conformance.TracePair;
import dev.azalia.player.decode.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./play conformance LINUX_MMIOTRACE [LINUX_VERBS] --azalia-mmiotrace A [--azalia-verbs B]}: holds an Azalia
 * run against a Linux capture phase by phase ({@link Conformance}) and prints the report
 * ({@link ConformanceReport}). The traces are Linux's mmiotrace and HDA tracepoint text, and Azalia's
 * {@code --mmiotrace} and verb trace of the same scenario. Exit status: {@value Main#EXIT_OK} every phase passes,
 * {@value Main#EXIT_GLITCH} some phase fails, {@value Main#EXIT_INPUT} a trace or the allowed list cannot be read
 * or has a malformed line (one line naming file and line), {@value Main#EXIT_USAGE} usage. Runs on the main thread.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compare an Azalia run with a Linux snd_hda_intel capture, phase by phase.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every phase passes", "2:usage error", "3:unreadable or malformed trace or list",
        "4:some phase fails"})
public final class ConformanceCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LINUX_MMIOTRACE", description = "Linux's mmiotrace, with MARK lines.")
    private Path linuxMmio;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LINUX_VERBS",
        description = "Linux's HDA tracepoint text (hda_send_cmd, hda_get_response, azx_pcm_*).")
    private Path linuxVerbs;

    @Option(names = "--linux-annotated", paramLabel = "FILE",
        description = "The capture's annotated trace: names the kernel function of each Linux access.")
    private Path linuxAnnotated;

    @Option(names = "--azalia-mmiotrace", paramLabel = "FILE", required = true,
        description = "Azalia's --mmiotrace of the same scenario.")
    private Path azaliaMmio;

    @Option(names = "--azalia-verbs", paramLabel = "FILE", description = "Azalia's verb trace of the same run.")
    private Path azaliaVerbs;

    @Option(names = "--allowed", paramLabel = "FILE",
        description = "The allowed differences (default: the project's list).")
    private Path allowedFile;

    @Option(names = "--divergences", paramLabel = "N", defaultValue = "5",
        description = "Divergences printed per phase (default: ${DEFAULT-VALUE}).")
    private int divergences;

    /** Created by picocli. */
    public ConformanceCommand()
    {
        // fields are injected by picocli
    }

    /**
     * Reads the traces, compares them and prints the report on standard output.
     *
     * @return {@value Main#EXIT_OK} or {@value Main#EXIT_GLITCH}.
     * @throws InputException when a file cannot be read or parsed (status 3).
     */
    @Override
    public Integer call() throws InputException
    {
        if (divergences < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--divergences must not be negative");
        }
        final ConformanceResult result;
        try
        {
            final AllowedDifferences allowed = null == allowedFile ? AllowedDifferences.project()
                : AllowedDifferences.read(allowedFile);
            result = Conformance.compare(TracePair.read(linuxMmio, linuxVerbs, linuxAnnotated),
                TracePair.read(azaliaMmio, azaliaVerbs, null), allowed);
        }
        catch (final TraceFormatException | IllegalArgumentException e)
        {
            throw new InputException(e.getMessage());
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(ConformanceReport.format(result, divergences));
        out.flush();
        return result.pass() ? Main.EXIT_OK : Main.EXIT_GLITCH;
    }
}

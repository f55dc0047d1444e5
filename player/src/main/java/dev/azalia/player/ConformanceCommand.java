package dev.azalia.player;

import dev.azalia.conformance.AllowedDifferences;
import dev.azalia.conformance.CaptureScenario;
import dev.azalia.conformance.Conformance;
import dev.azalia.conformance.ConformanceReport;
import dev.azalia.conformance.ConformanceResult;
import dev.azalia.conformance.ScenarioExtractor;
import dev.azalia.conformance.TraceFormatException;
import dev.azalia.conformance.TracePair;
import dev.azalia.decode.InputException;
import dev.azalia.driver.AzxIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./play conformance LINUX_MMIOTRACE [LINUX_VERBS]}: reads the capture's stream set-up and scenario
 * ({@link ScenarioExtractor}), runs the same scenario on the emulated machine ({@link ConformanceRun}: same rate,
 * channels, buffer and period, same plays, idle times and system suspend), and holds the run against the capture
 * phase by phase ({@link Conformance}), printing the report ({@link ConformanceReport}). With
 * {@code --azalia-mmiotrace A [--azalia-verbs B]} it compares a run made earlier instead. The traces are Linux's
 * mmiotrace and HDA tracepoint text, and Azalia's {@code --mmiotrace} and {@code --verbtrace}. Exit status: {@value Main#EXIT_OK} every phase passes,
 * {@value Main#EXIT_GLITCH} some phase fails, {@value Main#EXIT_INPUT} a trace or the allowed list cannot be read
 * or has a malformed line (one line naming file and line), {@value Main#EXIT_USAGE} usage. Runs on the main thread.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a Linux snd_hda_intel capture's scenario on the emulated machine and compare, phase by phase.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every phase passes", "1:the emulated run failed", "2:usage error", "3:unreadable or malformed trace or list",
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

    @Option(names = "--azalia-mmiotrace", paramLabel = "FILE",
        description = "Compare this Azalia mmiotrace instead of running the capture's scenario.")
    private Path azaliaMmio;

    @Option(names = "--azalia-verbs", paramLabel = "FILE",
        description = "The verb trace of the run given with --azalia-mmiotrace.")
    private Path azaliaVerbs;

    @Option(names = "--controller", paramLabel = "NAME",
        description = "The emulated controller for the run (ich9, pch, amd-hdmi; default: the capture's PCI ID).")
    private String controller;

    @Option(names = "--keep-traces", paramLabel = "DIR",
        description = "Keep the emulated run's traces in DIR (azalia-mmiotrace.txt, azalia-verbs.txt).")
    private Path keepTraces;

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

    private TracePair azalia(final TracePair linux) throws InputException, TraceFormatException
    {
        if (null != azaliaMmio)
        {
            return TracePair.read(azaliaMmio, azaliaVerbs, null);
        }
        if (null != azaliaVerbs)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--azalia-verbs needs --azalia-mmiotrace (without both, the capture's scenario is run)");
        }
        final CaptureScenario capture = ScenarioExtractor.extract(linux).orElseThrow(() -> new InputException(
            linuxMmio + ": no stream set-up found (SDnFMT, SDnCBL and SDnLVI writes), so there is no scenario to run"));
        final Path dir = ConformanceRun.traceDirectory(keepTraces);
        final Path mmio = dir.resolve("azalia-mmiotrace.txt");
        final Path verbs = dir.resolve("azalia-verbs.txt");
        final AzxIdentity identity;
        try
        {
            identity = null == controller ? ConformanceRun.identityOf(linux.mmio().pciDevices())
                : AzxIdentity.named(controller);
        }
        catch (final IllegalArgumentException e)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ConformanceRun.run(capture, mmio, verbs, System.err, identity,
            ConformanceRun.probeNanos(linux.mmio().marks()));
        final TracePair run = TracePair.read(mmio, verbs, null);
        if (null == keepTraces)
        {
            deleteQuietly(mmio);
            deleteQuietly(verbs);
            deleteQuietly(dir);
        }
        return run;
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException e)
        {
            // a temporary file left behind is harmless
        }
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
            final TracePair linux = TracePair.read(linuxMmio, linuxVerbs, linuxAnnotated);
            result = Conformance.compare(linux, azalia(linux), allowed);
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

package dev.azalia.player;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ConformanceCommandTest
{
    private static final String LINUX = """
        VERSION 20070824
        MARK 1.000000 MARK_INSMOD_HDA_INTEL
        MAP 1.000001 1 0xfebd4000 0xffff000000000000 0x4000 0x0 0
        R 2 1.000002 1 0xfebd4000 0x4401 0xffffffffc05a7306 0
        R 1 1.000003 1 0xfebd4008 0x0 0xffffffffc0533666 0
        W 1 1.000004 1 0xfebd4008 0x1 0xffffffffc05335de 0
        W 2 1.000005 1 0xfebd404a 0x8000 0xffffffffc0532de8 0
        MARK 2.000000 MARK_PROBE_DONE
        MARK 3.000000 MARK_END
        """;
    private static final String VERBS = """
          kworker/0:2-48 [000] ..... 1.000006: hda_send_cmd: [0000:00:03.0:0] val=0x000f0000
          kworker/0:2-48 [000] .N... 1.000007: hda_get_response: [0000:00:03.0:0] val=0x1af40022
        """;

    /** The project's trimmed copy of the ICH9 capture (the engine's test resources). */
    private static final Path FIXTURES = Path.of("..", "engine", "src", "test", "resources", "conformance");

    @TempDir
    Path dir;

    private Path file(final String name, final String text) throws Exception
    {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aTraceAgainstItselfPassesWithStatusZero() throws Exception
    {
        final Path m = file("linux.trace", LINUX);
        final Path v = file("verbs.txt", VERBS);

        final CliRun run = CliRun.of("conformance", m.toString(), v.toString(), "--azalia-mmiotrace", m.toString(),
            "--azalia-verbs", v.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).containsPattern("probe +4 +4 +1.000 +0.95 +0 +1/1 +0 +pass");
        assertThat(run.out()).endsWith("result: every phase passes (2)\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aDifferingKeyRegisterFailsWithStatusFour() throws Exception
    {
        final Path linux = file("linux.trace", LINUX);
        final Path azalia = file("azalia.trace", LINUX.replace("0xfebd4008 0x1 ", "0xfebd4008 0x101 "));

        final CliRun run = CliRun.of("conformance", linux.toString(), "--azalia-mmiotrace", azalia.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.out()).contains("fails: values differ in GCTL", "result: 1 of 2 phases fail");
    }

    @Test
    void aMalformedLineIsOneLineWithStatusThree() throws Exception
    {
        final Path linux = file("linux.trace", LINUX);
        final Path bad = file("bad.trace", "VERSION 1\nW 4 x\n");

        final CliRun run = CliRun.of("conformance", linux.toString(), "--azalia-mmiotrace", bad.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).containsExactly("play: " + bad + ":2: W line needs 7 fields, has 3");
    }

    @Test
    void aMalformedAllowedListIsStatusThree() throws Exception
    {
        final Path linux = file("linux.trace", LINUX);
        final Path list = file("allowed.txt", "* value\n");

        final CliRun run = CliRun.of("conformance", linux.toString(), "--azalia-mmiotrace", linux.toString(),
            "--allowed", list.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).containsExactly("play: " + list + ":1: expected PHASE KIND SUBJECT REASON");
    }

    @Test
    void azaliasVerbsWithoutItsMmiotraceIsAUsageError() throws Exception
    {
        final Path v = file("verbs.txt", VERBS);
        final CliRun run = CliRun.of("conformance", file("linux.trace", LINUX).toString(), "--azalia-verbs",
            v.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--azalia-verbs needs --azalia-mmiotrace");
    }

    @Test
    void aCaptureWithoutAStreamSetUpHasNoScenarioToRun() throws Exception
    {
        final Path linux = file("linux.trace", LINUX);

        final CliRun run = CliRun.of("conformance", linux.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).containsExactly("play: " + linux
            + ": no stream set-up found (SDnFMT, SDnCBL and SDnLVI writes), so there is no scenario to run");
    }

    /**
     * The project's copy of the ICH9 capture up to the idle after the first play (its first 1,347 mmiotrace lines
     * and the tracepoints up to the same time, then {@code MARK_END}): probe, codec power save, one whole play.
     */
    private static final Path LINUX_PLAY1 = FIXTURES.resolve("ich9-play1-mmiotrace.txt");
    private static final Path LINUX_PLAY1_VERBS = FIXTURES.resolve("ich9-play1-hda-events.txt");

    /** One run of the capture's scenario, shared by the tests that look at it (a run takes seconds). */
    private static CliRun play1Run;
    private static Path play1Traces;

    @BeforeAll
    static void runTheCapturesScenarioOnce(@TempDir final Path shared) throws Exception
    {
        play1Traces = shared.resolve("kept");
        play1Run = CliRun.of("conformance", LINUX_PLAY1.toString(), LINUX_PLAY1_VERBS.toString(), "--keep-traces",
            play1Traces.toString());
    }

    @Test
    void theEmulatedMachineMeetsTheGoalInEveryPhaseOfTheCapture() throws Exception
    {
        final CliRun run = play1Run;

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("stream: SD4 tag 5, 48000 Hz 16 bit 2 ch (FMT 0x0011), buffer 96000 bytes, "
            + "LVI 4, 4 periods of 6000 frames");
        for (final String phase : List.of("probe", "probe.powersave", "play1.setup", "play1.start", "play1.periods",
            "play1.stop", "play1.close", "play1.powersave"))
        {
            assertThat(run.out()).containsPattern("(?m)^" + phase.replace(".", "\\.") + " .* 1\\.000 +0\\.95 .* pass$");
        }
        assertThat(run.out()).endsWith("result: every phase passes (8)\n");
        final List<String> mmio = Files.readAllLines(play1Traces.resolve("azalia-mmiotrace.txt"));
        assertThat(mmio.stream().filter(l -> l.startsWith("MARK ")).map(l -> l.substring(l.lastIndexOf(' ') + 1)))
            .containsExactly("MARK_INSMOD_HDA_INTEL", "MARK_PROBE_DONE", "MARK_IDLE_AFTER_PROBE", "MARK_PLAY1_BEGIN",
                "MARK_PLAY1_END", "MARK_IDLE_AFTER_PLAY1", "MARK_END");
        assertThat(Files.readString(play1Traces.resolve("azalia-verbs.txt"))).contains("azx_pcm_prepare: stream_tag: 5");
    }

    @Test
    void withoutTheAllowedListQemusArtefactsFailTheirPhases() throws Exception
    {
        final Path none = file("none.txt", "# nothing is allowed\n");

        final CliRun run = CliRun.of("conformance", LINUX_PLAY1.toString(), LINUX_PLAY1_VERBS.toString(),
            "--azalia-mmiotrace", play1Traces.resolve("azalia-mmiotrace.txt").toString(), "--azalia-verbs",
            play1Traces.resolve("azalia-verbs.txt").toString(), "--allowed", none.toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.out()).containsPattern("(?m)^play1\\.powersave .* FAIL$");
        assertThat(run.out()).containsPattern("repeat 0x001f0500: linux \\d+ times, azalia 1");
        assertThat(run.out()).containsPattern("(?m)^play1\\.start .* FAIL$");
        assertThat(run.out()).contains("value  R4  OLD_SSYNC      linux 0x0          azalia 0x10");
    }

    @Test
    void anotherControllersDriverDataFailsTheStartAndStopOnTheSsyncOffset() throws Exception
    {
        final CliRun run = CliRun.of("conformance", LINUX_PLAY1.toString(), LINUX_PLAY1_VERBS.toString(),
            "--controller", "pch");

        assertThat(run.status()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.out()).containsPattern("(?m)^play1\\.start .* FAIL$");
        assertThat(run.out()).containsPattern("(?m)^play1\\.stop .* FAIL$");
    }

    @Test
    void anUnknownControllerIsAUsageError() throws Exception
    {
        final CliRun run = CliRun.of("conformance", LINUX_PLAY1.toString(), "--controller", "ich10");

        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("unknown controller 'ich10'");
    }
}

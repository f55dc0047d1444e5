package dev.azalia.player;

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

    @Test
    void withoutAnAzaliaTraceItRunsTheCapturesScenarioOnTheEmulatedMachine() throws Exception
    {
        final Path kept = dir.resolve("kept");

        final CliRun run = CliRun.of("conformance", FIXTURES.resolve("ich9-mmiotrace.txt").toString(),
            FIXTURES.resolve("ich9-hda-events.txt").toString(), "--keep-traces", kept.toString());

        assertThat(run.out()).contains("stream: SD4 tag 5, 48000 Hz 16 bit 2 ch (FMT 0x0011), buffer 96000 bytes, "
            + "LVI 4, 4 periods of 6000 frames");
        final List<String> mmio = Files.readAllLines(kept.resolve("azalia-mmiotrace.txt"));
        assertThat(mmio.stream().filter(l -> l.startsWith("MARK ")).map(l -> l.substring(l.lastIndexOf(' ') + 1)))
            .containsExactly("MARK_INSMOD_HDA_INTEL", "MARK_PROBE_DONE", "MARK_IDLE_AFTER_PROBE", "MARK_PLAY1_BEGIN",
                "MARK_PLAY1_END", "MARK_IDLE_AFTER_PLAY1", "MARK_END");
        // the run used the capture's stream: CBL 96000 bytes and LVI 4 (a lead BDL entry and four periods) on SD4
        assertThat(mmio).anyMatch(l -> l.matches("W 4 \\S+ 1 0x[0-9a-f]+108 0x17700 .*"));
        assertThat(mmio).anyMatch(l -> l.matches("W 2 \\S+ 1 0x[0-9a-f]+10c 0x4 .*"));
        assertThat(Files.readString(kept.resolve("azalia-verbs.txt"))).contains("azx_pcm_prepare: stream_tag: 5");
    }
}

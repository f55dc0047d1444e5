package dev.azalia.player;

import dev.azalia.machine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture's scenario from the command line: idle times, several plays, a system suspend before one of them,
 * the start threshold, and the verb trace beside the mmiotrace.
 */
final class ScenarioOptionsTest
{
    @TempDir
    Path dir;

    private Path wav(final int frames) throws Exception
    {
        final byte[] pcm = new byte[frames * 4];
        for (int i = 0; i < frames; i++)
        {
            final short v = (short)(Math.sin(2 * Math.PI * 1000 * i / 48_000.0) * 16000);
            pcm[4 * i] = (byte)v;
            pcm[4 * i + 1] = (byte)(v >> 8);
            pcm[4 * i + 2] = (byte)v;
            pcm[4 * i + 3] = (byte)(v >> 8);
        }
        return Files.write(dir.resolve("sine.wav"), WavInputTest.wav(1, 48_000, 2, 16, pcm, pcm.length));
    }

    @Test
    void shouldParseTheScenarioOptions()
    {
        final PlayOptions o = Main.parse("--idle-before", "4s", "--idle-after", "5s", "--plays", "3",
            "--suspend-before-play", "3", "--suspend-for", "5s", "--idle-after-resume", "2s", "--start-threshold",
            "6000", "--verbtrace", "v.txt", "in.wav");
        // the capture's scenario but for the settle time before MARK_PROBE_DONE, which only a conformance run sets
        final Scenario capture = Scenario.linuxCapture();
        assertThat(o.scenario()).isEqualTo(new Scenario(capture.idleBeforeNanos(), capture.idleAfterNanos(),
            capture.plays(), capture.suspendBeforePlay(), capture.suspendNanos(), capture.idleAfterResumeNanos(), 0));
        assertThat(o.startThresholdFrames()).isEqualTo(6000);
        assertThat(o.verbtrace()).isEqualTo(Path.of("v.txt"));
        final PlayOptions d = Main.parse("in.wav");
        assertThat(d.scenario()).isEqualTo(Scenario.single());
        assertThat(d.startThresholdFrames()).isEqualTo(PlayOptions.START_AT_BUFFER);
        assertThat(Main.parse("--start-threshold", "buffer", "in.wav").startThresholdFrames())
            .isEqualTo(PlayOptions.START_AT_BUFFER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--plays;0;--plays must be at least 1",
        "--plays;two;--plays",
        "--suspend-before-play;2;--suspend-before-play must be between 1 and --plays",
        "--suspend-before-play;-1;--suspend-before-play must be between 1 and --plays",
        "--idle-before;5;invalid duration '5'",
        "--idle-after;-1s;invalid duration '-1s'",
        "--suspend-for;soon;invalid duration 'soon'",
        "--start-threshold;0;--start-threshold must be a positive number of frames or 'buffer'",
        "--start-threshold;full;--start-threshold must be a positive number of frames or 'buffer'"})
    void shouldRefuseABadValueWithOneLineAndStatus2(final String option, final String value, final String message)
        throws Exception
    {
        final CliRun run = CliRun.of("-q", "--out", "null", "--clock", "virtual", option, value,
            wav(4800).toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines().get(0)).startsWith("play: ").contains(message);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(1)).isEqualTo("Try 'play --help' for more information.");
    }

    @Test
    void shouldRunTheCapturesScenarioWithMarksInBothTraces() throws Exception
    {
        final Path mmio = dir.resolve("mmiotrace.txt");
        final Path verbs = dir.resolve("verbs.txt");
        final CliRun run = CliRun.of("-q", "--out", "null", "--clock", "virtual", "--period", "6000", "--periods",
            "4", "--idle-before", "4s", "--idle-after", "5s", "--plays", "3", "--suspend-before-play", "3",
            "--suspend-for", "5s", "--mmiotrace", mmio.toString(), "--verbtrace", verbs.toString(),
            wav(96_000).toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final List<String> expected = List.of("MARK_INSMOD_HDA_INTEL", "MARK_PROBE_DONE", "MARK_IDLE_AFTER_PROBE",
            "MARK_PLAY1_BEGIN", "MARK_PLAY1_END", "MARK_IDLE_AFTER_PLAY1", "MARK_PLAY2_BEGIN", "MARK_PLAY2_END",
            "MARK_IDLE_AFTER_PLAY2", "MARK_SYSTEM_SUSPEND_BEGIN", "MARK_SYSTEM_RESUME_DONE", "MARK_PLAY3_BEGIN",
            "MARK_PLAY3_END", "MARK_IDLE_AFTER_PLAY3", "MARK_END");
        assertThat(Files.readAllLines(mmio).stream().filter(l -> l.startsWith("MARK "))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))).containsExactlyElementsOf(expected);
        final List<String> verbLines = Files.readAllLines(verbs);
        // the verb trace starts after the driver loads: every mark but the first
        assertThat(verbLines.stream().filter(l -> l.contains(": tracing_mark_write: "))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))).containsExactlyElementsOf(expected.subList(1, 15));
        assertThat(verbLines.stream().filter(l -> l.contains(": azx_pcm_open: stream_tag: 5"))
            .map(l -> l.trim().split(" ")[0])).containsExactly("aplay-126", "aplay-127", "aplay-128");
        assertThat(verbLines).filteredOn(l -> l.contains(": azx_suspend: card index: 0")).hasSize(1);
        assertThat(verbLines).filteredOn(l -> l.contains(": azx_resume: card index: 0")).hasSize(1);
        assertThat(verbLines).filteredOn(l -> l.contains(": azx_pcm_trigger: [0:4] cmd=1")).hasSize(3);
    }

    @Test
    void shouldStartTheStreamAtTheGivenThreshold() throws Exception
    {
        // started after one period of four, the application still has room: it writes on at the start's instant,
        // reading the position each time; started with a full buffer it waits for the first interrupt
        assertThat(positionsReadAtTheStart("1000")).isEqualTo(4);
        assertThat(positionsReadAtTheStart("buffer")).isEqualTo(1);
    }

    private long positionsReadAtTheStart(final String threshold) throws Exception
    {
        final Path verbs = dir.resolve("verbs-" + threshold + ".txt");
        final CliRun run = CliRun.of("-q", "--out", "null", "--clock", "virtual", "--period", "1000", "--periods",
            "4", "--start-threshold", threshold, "--verbtrace", verbs.toString(), wav(9000).toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final List<String> lines = Files.readAllLines(verbs);
        final int start = indexOf(lines, ": snd_hdac_stream_start: stream_tag: 5");
        assertThat(start).isPositive();
        final String at = lines.get(start).replaceAll(".*\\] \\S+ +(\\d+\\.\\d+): .*", "$1");
        return lines.stream().skip(start).takeWhile(l -> l.contains(" " + at + ": "))
            .filter(l -> l.trim().startsWith("aplay-") && l.contains(": azx_get_position: ")).count();
    }

    private static int indexOf(final List<String> lines, final String part)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(part))
            {
                return i;
            }
        }
        return -1;
    }
}

package dev.azalia.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodLatencyCommandLineTest
{
    private static final String USAGE = "usage: PeriodLatency [--seconds S] [--period FRAMES] [--periods N]"
        + " [--warmup RUNS] [--runs RUNS] [FILE]";

    @TempDir
    Path dir;

    private static String refusal(final String... args)
    {
        return Printed.refusal(PeriodLatency.COMMAND, args);
    }

    @Test
    void shouldPrintEveryOptionWithItsDefaultForHelp()
    {
        final String help = Printed.help(PeriodLatency.COMMAND);

        assertThat(help).startsWith(USAGE + System.lineSeparator());
        assertThat(help).contains("--seconds S", "(default 3)", "--period FRAMES", "(default 256)", "--periods N",
            "(default 4)", "--warmup RUNS", "(default 2)", "--runs RUNS", "(default 1)",
            "(default music-44k1-stereo-vbr.mp3)");
        assertThat(Printed.read(PeriodLatency.COMMAND, "-h").out()).isEqualTo(help);
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLineInsteadOfTakingItForAFile()
    {
        assertThat(refusal("--secnds", "3")).isEqualTo("PeriodLatency: unknown option --secnds; " + USAGE);
        assertThat(refusal("-x")).isEqualTo("PeriodLatency: unknown option -x; " + USAGE);
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue()
    {
        assertThat(refusal("--runs")).isEqualTo("PeriodLatency: --runs needs a value; " + USAGE);
        assertThat(refusal("--seconds", "--runs", "2")).isEqualTo("PeriodLatency: --seconds needs a value; " + USAGE);
    }

    @Test
    void shouldRefuseAValueThatIsNotANumber()
    {
        assertThat(refusal("--seconds", "three")).startsWith("PeriodLatency: --seconds must be a number: three; ");
        assertThat(refusal("--period", "2.5"))
            .startsWith("PeriodLatency: --period must be a whole number: 2.5; ");
        assertThat(refusal("--runs", "x")).startsWith("PeriodLatency: --runs must be a whole number");
    }

    @Test
    void shouldRefuseValuesOutOfRange()
    {
        assertThatThrownBy(() -> PeriodLatency.parse("--seconds", "0")).hasMessage("--seconds must be positive: 0");
        assertThatThrownBy(() -> PeriodLatency.parse("--seconds", "-1"))
            .hasMessage("--seconds must be positive: -1");
        assertThatThrownBy(() -> PeriodLatency.parse("--seconds", "20000"))
            .hasMessage("--seconds must be at most 600 (the audio is decoded into memory first): 20000");
        assertThatThrownBy(() -> PeriodLatency.parse("--runs", "0")).hasMessage("--runs must be at least 1: 0");
        assertThatThrownBy(() -> PeriodLatency.parse("--warmup", "-1")).hasMessage("--warmup must be at least 0: -1");
        assertThatThrownBy(() -> PeriodLatency.parse("--period", "0"))
            .hasMessage("--period: a period must be from 32 to 131072 frames: 0");
        assertThatThrownBy(() -> PeriodLatency.parse("--period", "16"))
            .hasMessage("--period: a period must be from 32 to 131072 frames: 16");
        assertThatThrownBy(() -> PeriodLatency.parse("--periods", "1"))
            .hasMessage("--periods: a buffer must have from 2 to 32 periods: 1");
        assertThatThrownBy(() -> PeriodLatency.parse("--periods", "-4"))
            .hasMessage("--periods: a buffer must have from 2 to 32 periods: -4");
        assertThatThrownBy(() -> PeriodLatency.parse("--period", "8193", "--periods", "32"))
            .hasMessage("--period x --periods: 32 x 8193 frames is more than the controller's buffer of 262144"
                + " frames");
        assertThat(refusal("--seconds", "0")).isEqualTo("PeriodLatency: --seconds must be positive: 0; " + USAGE);
    }

    @Test
    void shouldRefuseAFileThatIsNotThereInOneLine()
    {
        assertThat(refusal("no-such-sample.mp3")).startsWith("PeriodLatency: sample no-such-sample.mp3 not found in ")
            .endsWith("; " + USAGE);
    }

    @Test
    void shouldRefuseASecondFile() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a.mp3"), "");

        assertThat(refusal(file.toString(), "b.mp3")).startsWith("PeriodLatency: one FILE only, not " + file
            + " and b.mp3; ");
    }

    @Test
    void shouldTakeTheDefaultsWithoutArguments() throws UsageException
    {
        final PeriodLatency.Options o = PeriodLatency.parse();

        assertThat(o.seconds()).isEqualTo(3.0);
        assertThat(o.periodFrames()).isEqualTo(256);
        assertThat(o.periods()).isEqualTo(4);
        assertThat(o.warmupRuns()).isEqualTo(2);
        assertThat(o.runs()).isEqualTo(1);
        assertThat(o.file().getFileName()).hasToString("music-44k1-stereo-vbr.mp3");
        assertThat(o.file()).isRegularFile();
    }

    @Test
    void shouldReadEveryOptionAndTheFile() throws IOException, UsageException
    {
        final Path file = Files.writeString(dir.resolve("a.mp3"), "");

        final PeriodLatency.Options o = PeriodLatency.parse("--seconds", "1.5", "--period", "512", "--periods", "2",
            "--warmup", "0", "--runs", "3", file.toString());

        assertThat(o).isEqualTo(new PeriodLatency.Options(1.5, 512, 2, 0, 3, file));
        assertThat(Printed.read(PeriodLatency.COMMAND, "--runs", "2").outcome().options().runs()).isEqualTo(2);
    }
}

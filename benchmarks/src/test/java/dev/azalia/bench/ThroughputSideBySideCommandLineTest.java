package dev.azalia.bench;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThroughputSideBySideCommandLineTest
{
    private static final String USAGE = "usage: ThroughputSideBySide FILE ROUNDS WARMUP JAR...";

    @TempDir
    Path dir;

    private Path mp3;
    private Path jar;

    @BeforeEach
    void files() throws IOException
    {
        mp3 = Files.writeString(dir.resolve("a.mp3"), "");
        jar = Files.writeString(dir.resolve("before.jar"), "");
    }

    private static String refusal(final String... args)
    {
        return Printed.refusal(ThroughputSideBySide.COMMAND, args);
    }

    @Test
    void shouldPrintTheUsageForHelp()
    {
        assertThat(Printed.help(ThroughputSideBySide.COMMAND)).startsWith(USAGE + System.lineSeparator())
            .contains("FILE", "ROUNDS", "WARMUP", "JAR...");
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLine()
    {
        assertThat(refusal("--rounds", "3", mp3.toString(), "3", "1", jar.toString()))
            .isEqualTo("ThroughputSideBySide: unknown option --rounds; " + USAGE);
    }

    @Test
    void shouldNameTheFirstMissingArgument()
    {
        assertThat(refusal()).isEqualTo("ThroughputSideBySide: FILE is missing; " + USAGE);
        assertThat(refusal(mp3.toString(), "3")).isEqualTo("ThroughputSideBySide: WARMUP is missing; " + USAGE);
        assertThat(refusal(mp3.toString(), "3", "1")).isEqualTo("ThroughputSideBySide: JAR is missing; " + USAGE);
    }

    @Test
    void shouldRefuseCountsThatAreNotWholeNumbersInOneLine()
    {
        assertThat(refusal(mp3.toString(), "ten", "1", jar.toString())).isEqualTo(
            "ThroughputSideBySide: ROUNDS must be a whole number: ten; " + USAGE);
        assertThatThrownBy(() -> ThroughputSideBySide.parse(mp3.toString(), "3", "0.5", jar.toString()))
            .hasMessage("WARMUP must be a whole number: 0.5");
    }

    @Test
    void shouldRefuseCountsOutOfRange()
    {
        assertThatThrownBy(() -> ThroughputSideBySide.parse(mp3.toString(), "0", "1", jar.toString()))
            .hasMessage("ROUNDS must be at least 1: 0");
        assertThat(refusal(mp3.toString(), "3", "-1", jar.toString()))
            .isEqualTo("ThroughputSideBySide: WARMUP must be at least 0: -1; " + USAGE);
    }

    @Test
    void shouldRefuseAFileOrJarThatIsNotThere()
    {
        final Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> ThroughputSideBySide.parse(missing.toString(), "3", "1", jar.toString()))
            .hasMessage("FILE: no such file: " + missing);
        assertThat(refusal(mp3.toString(), "3", "1", jar.toString(), missing.toString()))
            .isEqualTo("ThroughputSideBySide: JAR: no such file: " + missing + "; " + USAGE);
    }

    @Test
    void shouldRefuseAJarWithoutTheBenchmarksClasses()
    {
        assertThatThrownBy(() -> ThroughputSideBySide.Builds.load(mp3, List.of(jar)))
            .isInstanceOf(UsageException.class)
            .hasMessage("JAR: " + jar + " is not a benchmarks jar (no DecodeThroughputBenchmark.virtualNull or"
                + " Mp3Decoder.open in it)");
    }

    @Test
    void shouldReadTheFileTheCountsAndEveryJar() throws IOException, UsageException
    {
        final Path after = Files.writeString(dir.resolve("after.jar"), "");

        assertThat(ThroughputSideBySide.parse(mp3.toString(), "20", "0", jar.toString(), after.toString()))
            .isEqualTo(new ThroughputSideBySide.Options(mp3, 20, 0, List.of(jar, after)));
    }
}

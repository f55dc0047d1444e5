package dev.azalia.bench;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupTimeCommandLineTest
{
    private static final String USAGE = "usage: StartupTime [--runs N] [--jar PLAYER_JAR] [--archive JSA]"
        + " [--first-frame] FILE";

    @TempDir
    Path dir;

    private Path jar;
    private Path mp3;

    @BeforeEach
    void files() throws IOException
    {
        jar = Files.writeString(dir.resolve("player.jar"), "");
        mp3 = Files.writeString(dir.resolve("a.mp3"), "");
    }

    private static String refusal(final String... args)
    {
        return Printed.refusal(StartupTime.COMMAND, args);
    }

    @Test
    void shouldPrintEveryOptionWithItsDefaultForHelpInsteadOfThrowing()
    {
        assertThat(Printed.help(StartupTime.COMMAND)).startsWith(USAGE + System.lineSeparator()).contains(
            "--runs N", "(default 3)", "--jar PLAYER_JAR", "(default player/target/azalia-player.jar)", "--archive JSA",
            "--first-frame", "FILE");
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLineInsteadOfTakingItForASample()
    {
        assertThat(refusal("--jar", jar.toString(), "--rounds", "3", mp3.toString()))
            .isEqualTo("StartupTime: unknown option --rounds; " + USAGE);
    }

    @Test
    void shouldRefuseAMissingFileArgumentInOneLine()
    {
        assertThat(refusal("--jar", jar.toString())).isEqualTo("StartupTime: FILE is missing; " + USAGE);
        assertThat(refusal()).isEqualTo("StartupTime: FILE is missing; " + USAGE);
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue()
    {
        assertThat(refusal(mp3.toString(), "--runs")).isEqualTo("StartupTime: --runs needs a value; " + USAGE);
        assertThat(refusal("--jar", "--first-frame", mp3.toString()))
            .isEqualTo("StartupTime: --jar needs a value; " + USAGE);
    }

    @Test
    void shouldRefuseARunCountThatIsNotANumberOrBelowOne()
    {
        assertThat(refusal("--runs", "three", mp3.toString()))
            .isEqualTo("StartupTime: --runs must be a whole number: three; " + USAGE);
        assertThatThrownBy(() -> StartupTime.parse("--runs", "0", "--jar", jar.toString(), mp3.toString()))
            .hasMessage("--runs must be at least 1: 0");
    }

    @Test
    void shouldRefuseASampleJarOrArchiveThatIsNotThere()
    {
        assertThat(refusal("--jar", jar.toString(), "no-such-sample.mp3"))
            .startsWith("StartupTime: sample no-such-sample.mp3 not found in ");
        final Path missing = dir.resolve("missing.jar");
        assertThatThrownBy(() -> StartupTime.parse("--jar", missing.toString(), mp3.toString()))
            .hasMessage("--jar: no such file: " + missing);
        assertThatThrownBy(() -> StartupTime.parse("--jar", jar.toString(), "--archive", missing.toString(),
            mp3.toString())).hasMessage("--archive: no such file: " + missing);
    }

    @Test
    void shouldRefuseASecondFile()
    {
        assertThat(refusal("--jar", jar.toString(), mp3.toString(), "b.mp3"))
            .isEqualTo("StartupTime: one FILE only, not " + mp3 + " and b.mp3; " + USAGE);
    }

    @Test
    void shouldTakeTheDefaultsBesideTheJarAndTheFile() throws UsageException
    {
        assertThat(StartupTime.parse("--jar", jar.toString(), mp3.toString()))
            .isEqualTo(new StartupTime.Options(3, jar, null, false, mp3));
    }

    @Test
    void shouldReadEveryOption() throws IOException, UsageException
    {
        final Path jsa = Files.writeString(dir.resolve("player.jsa"), "");

        assertThat(StartupTime.parse("--runs", "5", "--first-frame", mp3.toString(), "--archive", jsa.toString(),
            "--jar", jar.toString())).isEqualTo(new StartupTime.Options(5, jar, jsa, true, mp3));
    }
}

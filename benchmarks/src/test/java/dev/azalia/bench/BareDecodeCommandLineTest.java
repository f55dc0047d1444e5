package dev.azalia.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BareDecodeCommandLineTest
{
    private static final String USAGE = "usage: BareDecode FILE";

    @TempDir
    Path dir;

    private static String refusal(final String... args)
    {
        return Printed.refusal(BareDecode.COMMAND, args);
    }

    @Test
    void shouldPrintTheUsageForHelp()
    {
        assertThat(Printed.help(BareDecode.COMMAND)).startsWith(USAGE + System.lineSeparator()).contains("FILE",
            "(no default)");
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLineInsteadOfDecodingIt()
    {
        assertThat(refusal("--fast", "a.mp3")).isEqualTo("BareDecode: unknown option --fast; " + USAGE);
    }

    @Test
    void shouldRefuseAMissingFileArgument()
    {
        assertThat(refusal()).isEqualTo("BareDecode: FILE is missing; " + USAGE);
    }

    @Test
    void shouldRefuseASecondFile() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a.mp3"), "");

        assertThat(refusal(file.toString(), "b.mp3"))
            .isEqualTo("BareDecode: one FILE only, not " + file + " and b.mp3; " + USAGE);
    }

    @Test
    void shouldRefuseAFileThatIsNotThereOrIsADirectoryWithStatusTwo()
    {
        final Path missing = dir.resolve("missing.mp3");

        assertThat(refusal(missing.toString())).isEqualTo("BareDecode: FILE: no such file: " + missing + "; " + USAGE);
        assertThat(refusal(dir.toString())).isEqualTo("BareDecode: FILE: " + dir + " is a directory; " + USAGE);
    }

    @Test
    void shouldReadTheFile() throws IOException, UsageException
    {
        final Path file = Files.writeString(dir.resolve("a.mp3"), "");

        assertThat(BareDecode.parse(file.toString())).isEqualTo(file);
        assertThat(Printed.read(BareDecode.COMMAND, file.toString()).outcome().options()).isEqualTo(file);
    }
}

package dev.azalia.bench;

import dev.azalia.hda.codec.dump.BuiltinCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyComparisonCommandLineTest
{
    private static final String USAGE = "usage: PolicyComparison [--seconds S] [--every DURATION] [--real-seconds S]"
        + " [--real-every DURATION] [--real-buffer PERIODSxFRAMES] [--real-warmup RUNS] [--no-real]"
        + " [--codec NAME|PATH]... [FILE]";

    @TempDir
    Path dir;

    private static String refusal(final String... args)
    {
        return Printed.refusal(PolicyComparison.COMMAND, args);
    }

    @Test
    void shouldPrintEveryOptionWithItsDefaultForHelp()
    {
        assertThat(Printed.help(PolicyComparison.COMMAND)).startsWith(USAGE + System.lineSeparator()).contains(
            "--seconds S", "(default 0)", "--every DURATION", "(default 10ms)", "--real-seconds S", "(default 3)",
            "--real-every DURATION", "(default 20ms)", "--real-buffer PERIODSxFRAMES", "(default 4x256)",
            "--real-warmup RUNS", "(default 1)", "--no-real", "--codec NAME|PATH", "(default every built-in)",
            "(default music-44k1-stereo-vbr.mp3)");
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLineInsteadOfTakingItForAFile()
    {
        assertThat(refusal("--real", "3")).isEqualTo("PolicyComparison: unknown option --real; " + USAGE);
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue()
    {
        assertThat(refusal("--codec")).isEqualTo("PolicyComparison: --codec needs a value; " + USAGE);
        assertThatThrownBy(() -> PolicyComparison.parse("--every", "--no-real")).isInstanceOf(UsageException.class)
            .hasMessage("--every needs a value");
    }

    @Test
    void shouldRefuseAValueThatIsNotANumberOrADuration()
    {
        assertThat(refusal("--real-seconds", "three"))
            .isEqualTo("PolicyComparison: --real-seconds must be a number: three; " + USAGE);
        assertThatThrownBy(() -> PolicyComparison.parse("--real-warmup", "one"))
            .hasMessage("--real-warmup must be a whole number: one");
        assertThatThrownBy(() -> PolicyComparison.parse("--every", "10"))
            .hasMessageStartingWith("--every: invalid duration '10' (expected a number and a unit");
        assertThatThrownBy(() -> PolicyComparison.parse("--real-buffer", "4by256"))
            .hasMessage("--real-buffer must be PERIODSxFRAMES, e.g. 4x256: 4by256");
        assertThatThrownBy(() -> PolicyComparison.parse("--real-buffer", "4xmany"))
            .hasMessage("--real-buffer must be a whole number: many");
    }

    @Test
    void shouldRefuseValuesOutOfRange()
    {
        assertThatThrownBy(() -> PolicyComparison.parse("--seconds", "-1"))
            .hasMessage("--seconds must be 0 or more: -1");
        assertThatThrownBy(() -> PolicyComparison.parse("--real-seconds", "0"))
            .hasMessage("--real-seconds must be positive: 0");
        assertThatThrownBy(() -> PolicyComparison.parse("--every", "0ms"))
            .hasMessage("--every must be a positive duration: 0ms");
        assertThatThrownBy(() -> PolicyComparison.parse("--real-warmup", "-1"))
            .hasMessage("--real-warmup must be at least 0: -1");
        assertThatThrownBy(() -> PolicyComparison.parse("--real-buffer", "4x0"))
            .hasMessage("--real-buffer: a period must be from 32 to 131072 frames: 0");
        assertThatThrownBy(() -> PolicyComparison.parse("--real-buffer", "1x256"))
            .hasMessage("--real-buffer: a buffer must have from 2 to 32 periods: 1");
        assertThat(refusal("--real-buffer", "4x16"))
            .isEqualTo("PolicyComparison: --real-buffer: a period must be from 32 to 131072 frames: 16; " + USAGE);
    }

    @Test
    void shouldRefuseARunLongerThanAnHour() throws UsageException
    {
        assertThat(refusal("--seconds", "1e9"))
            .isEqualTo("PolicyComparison: --seconds must be at most 3600 (an hour): 1e9; " + USAGE);
        assertThatThrownBy(() -> PolicyComparison.parse("--real-seconds", "3600.5"))
            .hasMessage("--real-seconds must be at most 3600 (an hour): 3600.5");
        assertThat(PolicyComparison.parse("--seconds", "3600", "--real-seconds", "3600").realSeconds())
            .isEqualTo(3600.0);
    }

    @Test
    void shouldRefuseASampleOrACodecDumpThatIsNotThere()
    {
        assertThat(refusal("no-such-sample.mp3")).startsWith("PolicyComparison: sample no-such-sample.mp3 not found");
        final Path missing = dir.resolve("codec");
        assertThat(refusal("--codec", missing + "#0")).startsWith("PolicyComparison: --codec: " + missing
            + ": no such codec dump file (built-in codecs: qemu");
    }

    @Test
    void shouldRefuseACodecDumpThatDoesNotParse() throws IOException
    {
        final Path dump = Files.writeString(dir.resolve("codec"), "not a codec dump\n");

        assertThatThrownBy(() -> PolicyComparison.parse("--codec", dump.toString()))
            .hasMessageStartingWith("--codec: ");
    }

    @Test
    void shouldRefuseASecondFile() throws IOException
    {
        final Path mp3 = Files.writeString(dir.resolve("a.mp3"), "");

        assertThat(refusal(mp3.toString(), "--no-real", "b.mp3"))
            .isEqualTo("PolicyComparison: one FILE only, not " + mp3 + " and b.mp3; " + USAGE);
    }

    @Test
    void shouldTakeTheDefaultsWithoutArguments() throws UsageException
    {
        final PolicyComparison.Options o = PolicyComparison.parse();

        assertThat(o.seconds()).isZero();
        assertThat(o.every()).isEqualTo(Duration.ofMillis(10));
        assertThat(o.realSeconds()).isEqualTo(3.0);
        assertThat(o.realEvery()).isEqualTo(Duration.ofMillis(20));
        assertThat(o.realBuffer()).isEqualTo(new PolicyComparison.Buffer(4, 256));
        assertThat(o.realWarmup()).isEqualTo(1);
        assertThat(o.real()).isTrue();
        assertThat(o.codecs()).isEqualTo(Stream.of(BuiltinCodec.values()).map(BuiltinCodec::id).toList())
            .contains("qemu", "laptop");
        assertThat(o.sample().getFileName()).hasToString("music-44k1-stereo-vbr.mp3");
    }

    @Test
    void shouldReadEveryOption() throws IOException, UsageException
    {
        final Path mp3 = Files.writeString(dir.resolve("a.mp3"), "");

        final PolicyComparison.Options o = PolicyComparison.parse("--seconds", "2.5", "--every", "5ms",
            "--real-seconds", "1", "--real-every", "500us", "--real-buffer", "2x64", "--real-warmup", "0",
            "--no-real", "--codec", "laptop", "--codec", "desktop", mp3.toString());

        assertThat(o).isEqualTo(new PolicyComparison.Options(2.5, Duration.ofMillis(5), 1.0, Duration.ofNanos(500_000),
            new PolicyComparison.Buffer(2, 64), 0, false, List.of("laptop", "desktop"), mp3));
    }
}

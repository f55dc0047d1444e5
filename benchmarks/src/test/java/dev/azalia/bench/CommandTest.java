package dev.azalia.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest
{
    /** A main with one option, {@code --n N} (at least 1, default 7). */
    private static final Command<Integer> COMMAND = new Command<>("Demo", CommandTest::parse,
        "usage: Demo [--n N]", "  --n N  how many (default 7)");

    @TempDir
    Path dir;

    private static Integer parse(final String... args) throws UsageException
    {
        final Arguments a = new Arguments(args);
        int n = 7;
        while (a.hasNext())
        {
            final String arg = a.next();
            if ("--n".equals(arg))
            {
                n = a.integer(arg, 1);
            }
            else
            {
                throw new UsageException("unknown option " + arg);
            }
        }
        return n;
    }

    @Test
    void shouldPrintTheUsageOnStandardOutputAndExitZeroForHelpAnywhere()
    {
        final Printed<Integer> p = Printed.read(COMMAND, "--n", "3", "-h");

        assertThat(p.outcome().runs()).isFalse();
        assertThat(p.outcome().status()).isZero();
        assertThat(p.err()).isEmpty();
        assertThat(Printed.help(COMMAND)).isEqualTo(p.out());
        assertThat(p.out()).isEqualTo("usage: Demo [--n N]" + System.lineSeparator() + "  --n N  how many (default 7)"
            + System.lineSeparator());
        assertThat(p.err()).isEmpty();
    }

    @Test
    void shouldPrintAMistakeOnOneLineWithTheUsageAndExitTwo()
    {
        assertThat(Printed.refusal(COMMAND, "--n", "0"))
            .isEqualTo("Demo: --n must be at least 1: 0; usage: Demo [--n N]");
        assertThat(Printed.refusal(COMMAND, "--x")).isEqualTo("Demo: unknown option --x; usage: Demo [--n N]");
    }

    @Test
    void shouldReturnTheParsedOptionsWithoutPrintingAnything()
    {
        final Printed<Integer> p = Printed.read(COMMAND, "--n", "12");

        assertThat(p.outcome().runs()).isTrue();
        assertThat(p.outcome().options()).isEqualTo(12);
        assertThat(p.out()).isEmpty();
        assertThat(p.err()).isEmpty();
    }

    @Test
    void shouldTakeANegativeNumberAsAValueAndAnythingElseWithADashAsAnOption()
    {
        assertThat(Arguments.isOption("-1")).isFalse();
        assertThat(Arguments.isOption("-0.5")).isFalse();
        assertThat(Arguments.isOption("-")).isFalse();
        assertThat(Arguments.isOption("--seconds")).isTrue();
        assertThat(Arguments.isOption("-x")).isTrue();
        assertThatThrownBy(() -> Arguments.operand("--sconds")).isInstanceOf(UsageException.class)
            .hasMessage("unknown option --sconds");
    }

    @Test
    void shouldRefuseAnOptionWhoseValueIsMissingOrIsAnotherOption()
    {
        assertThatThrownBy(() -> new Arguments().value("--n")).hasMessage("--n needs a value");
        final Arguments a = new Arguments("--n", "--m", "1");
        a.next();
        assertThatThrownBy(() -> a.value("--n")).hasMessage("--n needs a value");
    }

    @Test
    void shouldRefuseNumbersThatAreMalformedNotFiniteOrOutOfRange()
    {
        assertThatThrownBy(() -> Arguments.integer("--runs", "1.5", 1))
            .hasMessage("--runs must be a whole number: 1.5");
        assertThatThrownBy(() -> Arguments.integer("--runs", "99999999999", 1))
            .hasMessage("--runs is too large: 99999999999");
        assertThatThrownBy(() -> Arguments.wholeNumber("--period", "-99999999999"))
            .hasMessage("--period is too small: -99999999999");
        assertThatThrownBy(() -> Arguments.number("--seconds", "NaN"))
            .hasMessage("--seconds must be a finite number: NaN");
        assertThatThrownBy(() -> Arguments.positiveNumber("--seconds", "-0.0"))
            .hasMessage("--seconds must be positive: -0.0");
        assertThatThrownBy(() -> new Arguments("-1").nonNegativeNumber("--warmup", 10, "ten"))
            .hasMessage("--warmup must be 0 or more: -1");
    }

    @Test
    void shouldReadAPositiveDurationAndRefuseAZeroOrMalformedOne() throws UsageException
    {
        assertThat(new Arguments("500us").positiveDuration("--every")).isEqualTo(Duration.ofNanos(500_000));
        assertThatThrownBy(() -> new Arguments("0ms").positiveDuration("--every"))
            .hasMessage("--every must be a positive duration: 0ms");
        assertThatThrownBy(() -> new Arguments("10").positiveDuration("--every"))
            .hasMessageStartingWith("--every: invalid duration '10' (expected a number and a unit");
    }

    @Test
    void shouldRefuseAFileThatIsMissingOrADirectoryByItsName() throws IOException, UsageException
    {
        final Path file = Files.writeString(dir.resolve("a.jar"), "x");

        assertThat(Arguments.readableFile("--jar", file.toString())).isEqualTo(file);
        assertThatThrownBy(() -> Arguments.readableFile("--jar", dir.resolve("b.jar").toString()))
            .hasMessage("--jar: no such file: " + dir.resolve("b.jar"));
        assertThatThrownBy(() -> Arguments.readableFile("--jar", dir.toString()))
            .hasMessage("--jar: " + dir + " is a directory");
        assertThatThrownBy(() -> Arguments.readableFile("--jar", "a\0b"))
            .hasMessageStartingWith("--jar: not a valid path");
    }

    @Test
    void shouldTakeAnOperandOnceAndRefuseASecondOne() throws UsageException
    {
        assertThat(Arguments.single("FILE", null, "a.mp3")).isEqualTo("a.mp3");
        assertThatThrownBy(() -> Arguments.single("FILE", "a.mp3", "b.mp3"))
            .hasMessage("one FILE only, not a.mp3 and b.mp3");
        assertThatThrownBy(() -> Arguments.single("FILE", null, "--x")).hasMessage("unknown option --x");
    }

    @Test
    void shouldRefuseASampleThatIsNowhereWithSamplesOwnMessage()
    {
        assertThatThrownBy(() -> Arguments.sample("no-such-sample.mp3")).isInstanceOf(UsageException.class)
            .hasMessageStartingWith("sample no-such-sample.mp3 not found in ");
    }

    @Test
    void shouldRefuseABufferTheControllerWouldRefuse() throws UsageException
    {
        Arguments.checkBuffer("--real-buffer", 4, "--real-buffer", 256);
        Arguments.checkBuffer("--real-buffer", 2, "--real-buffer", 32);
        Arguments.checkBuffer("--real-buffer", 32, "--real-buffer", 8192);
        assertThatThrownBy(() -> Arguments.checkBuffer("--periods", 4, "--period", 31))
            .hasMessage("--period: a period must be from 32 to 131072 frames: 31");
        assertThatThrownBy(() -> Arguments.checkBuffer("--periods", 4, "--period", 131073))
            .hasMessage("--period: a period must be from 32 to 131072 frames: 131073");
        assertThatThrownBy(() -> Arguments.checkBuffer("--periods", 1, "--period", 256))
            .hasMessage("--periods: a buffer must have from 2 to 32 periods: 1");
        assertThatThrownBy(() -> Arguments.checkBuffer("--periods", 33, "--period", 256))
            .hasMessage("--periods: a buffer must have from 2 to 32 periods: 33");
        assertThatThrownBy(() -> Arguments.checkBuffer("--periods", 32, "--period", 8193))
            .hasMessage("--period x --periods: 32 x 8193 frames is more than the controller's buffer of 262144"
                + " frames");
        assertThatThrownBy(() -> Arguments.checkBuffer("--real-buffer", 32, "--real-buffer", 131072))
            .hasMessage("--real-buffer: 32 x 131072 frames is more than the controller's buffer of 262144 frames");
    }
}

package dev.azalia.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyScaleCommandLineTest
{
    private static final String USAGE = "usage: ConcurrencyScale [--seconds S] [--counts N,N,...] [--warmup S]";

    private static String refusal(final String... args)
    {
        return Printed.refusal(ConcurrencyScale.COMMAND, args);
    }

    @Test
    void shouldPrintEveryOptionWithItsDefaultForHelp()
    {
        assertThat(Printed.help(ConcurrencyScale.COMMAND)).startsWith(USAGE + System.lineSeparator())
            .contains("--seconds S", "(default 3)", "--counts N,N,...", "(default 1,2,4,8,16,32,48)", "--warmup S");
    }

    @Test
    void shouldRefuseAnUnknownOptionOrAStrayArgumentInOneLine()
    {
        assertThat(refusal("--cards", "4")).isEqualTo("ConcurrencyScale: unknown option --cards; " + USAGE);
        assertThat(refusal("4")).isEqualTo("ConcurrencyScale: unexpected argument 4; " + USAGE);
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue()
    {
        assertThat(refusal("--counts")).isEqualTo("ConcurrencyScale: --counts needs a value; " + USAGE);
    }

    @Test
    void shouldRefuseAValueThatIsNotANumber()
    {
        assertThat(refusal("--seconds", "ten"))
            .isEqualTo("ConcurrencyScale: --seconds must be a number: ten; " + USAGE);
        assertThatThrownBy(() -> ConcurrencyScale.parse("--counts", "1,two"))
            .hasMessage("--counts must be a whole number: two");
        assertThatThrownBy(() -> ConcurrencyScale.parse("--counts", "1,,2"))
            .hasMessage("--counts must be a whole number: ");
    }

    @Test
    void shouldRefuseValuesOutOfRange()
    {
        assertThatThrownBy(() -> ConcurrencyScale.parse("--seconds", "0")).hasMessage("--seconds must be positive: 0");
        assertThatThrownBy(() -> ConcurrencyScale.parse("--warmup", "-1")).hasMessage("--warmup must be 0 or more: -1");
        assertThatThrownBy(() -> ConcurrencyScale.parse("--counts", "4,0"))
            .hasMessage("--counts must be at least 1: 0");
        assertThat(refusal("--seconds", "Infinity"))
            .isEqualTo("ConcurrencyScale: --seconds must be a finite number: Infinity; " + USAGE);
    }

    @Test
    void shouldRefuseARowLongerThanAnHourOrMoreCardsThanItCanRun() throws UsageException
    {
        assertThat(refusal("--seconds", "1e9"))
            .isEqualTo("ConcurrencyScale: --seconds must be at most 3600 (an hour a row): 1e9; " + USAGE);
        assertThatThrownBy(() -> ConcurrencyScale.parse("--warmup", "3601"))
            .hasMessage("--warmup must be at most 3600 (an hour): 3601");
        assertThatThrownBy(() -> ConcurrencyScale.parse("--counts", "1,129"))
            .hasMessage("--counts must be at most 128: 129");
        assertThat(ConcurrencyScale.parse("--seconds", "3600", "--warmup", "3600", "--counts", "128").counts())
            .containsExactly(128);
    }

    @Test
    void shouldTakeTheDefaultsWithoutArguments() throws UsageException
    {
        assertThat(ConcurrencyScale.parse())
            .isEqualTo(new ConcurrencyScale.Options(3.0, List.of(1, 2, 4, 8, 16, 32, 48), 3.0));
    }

    @Test
    void shouldReadEveryOption() throws UsageException
    {
        assertThat(ConcurrencyScale.parse("--seconds", "1.5", "--counts", "1, 2,4", "--warmup", "0"))
            .isEqualTo(new ConcurrencyScale.Options(1.5, List.of(1, 2, 4), 0.0));
    }
}

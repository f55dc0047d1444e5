package dev.azalia.testbed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

final class DurationsTest
{
    @ParameterizedTest
    @CsvSource({"250ms,250000000", "1s,1000000000", "1.5s,1500000000", "100us,100000", "100µs,100000",
        "7ns,7", "2m,120000000000", "1min,60000000000", "1h,3600000000000", "0.25ms,250000", "0s,0"})
    void shouldParseNumberAndUnit(final String text, final long nanos)
    {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "250", "ms", "-1s", "1.5", "1 sec", "abc", "1e3ms", "0.5ns", "1..5s"})
    void shouldRefuseAnythingElse(final String text)
    {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text)).withMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "1s", "1500ms", "100us", "7ns"})
    void shouldFormatWhatItParses(final String text)
    {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
}

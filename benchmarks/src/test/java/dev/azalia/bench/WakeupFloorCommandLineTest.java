package dev.azalia.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WakeupFloorCommandLineTest
{
    private static final String USAGE = "usage: WakeupFloor [SAMPLES]";

    private static String refusal(final String... args)
    {
        return Printed.refusal(WakeupFloor.COMMAND, args);
    }

    @Test
    void shouldPrintTheUsageWithTheDefaultForHelp()
    {
        assertThat(Printed.help(WakeupFloor.COMMAND)).startsWith(USAGE + System.lineSeparator())
            .contains("SAMPLES", "(default 2000)");
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLine()
    {
        assertThat(refusal("--samples", "10")).isEqualTo("WakeupFloor: unknown option --samples; " + USAGE);
    }

    @Test
    void shouldRefuseASecondCount()
    {
        assertThat(refusal("10", "20")).isEqualTo("WakeupFloor: one SAMPLES only, not 10 and 20; " + USAGE);
    }

    @Test
    void shouldRefuseACountThatIsNotAWholeNumberInOneLine()
    {
        assertThat(refusal("many"))
            .isEqualTo("WakeupFloor: SAMPLES must be a whole number: many; " + USAGE);
        assertThatThrownBy(() -> WakeupFloor.parse("1.5")).isInstanceOf(UsageException.class)
            .hasMessage("SAMPLES must be a whole number: 1.5");
    }

    @Test
    void shouldRefuseACountBelowOne()
    {
        assertThatThrownBy(() -> WakeupFloor.parse("0")).hasMessage("SAMPLES must be at least 1: 0");
        assertThat(refusal("-5")).isEqualTo("WakeupFloor: SAMPLES must be at least 1: -5; " + USAGE);
    }

    @Test
    void shouldRefuseMoreThanAMillionWakeUpsInsteadOfOverflowing() throws UsageException
    {
        // 2^31 - 1 used to overflow with the warm-up added and print "0 wake-ups"
        assertThat(refusal("2147483647"))
            .isEqualTo("WakeupFloor: SAMPLES must be at most 1000000: 2147483647; " + USAGE);
        assertThat(WakeupFloor.parse("1000000")).isEqualTo(1_000_000);
    }

    @Test
    void shouldTakeTheDefaultOrTheGivenCount() throws UsageException
    {
        assertThat(WakeupFloor.parse()).isEqualTo(WakeupFloor.DEFAULT_SAMPLES);
        assertThat(WakeupFloor.parse("500")).isEqualTo(500);
    }
}

package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class AllowedDifferencesTest
{
    @Test
    void parsesEntriesWithGlobsAndReasons() throws Exception
    {
        final AllowedDifferences a = AllowedDifferences.parse("l", """
            # comment

            play*.periods  value   SD*.LPIB    positions differ by timing
            probe          similarity 0.80     a reason with  two spaces
            """);

        assertThat(a.entries()).hasSize(2);
        assertThat(a.find("play2.periods", "value", "SD4.LPIB")).isPresent();
        assertThat(a.find("play2.start", "value", "SD4.LPIB")).isEmpty();
        assertThat(a.find("play2.periods", "verb", "SD4.LPIB")).isEmpty();
        assertThat(a.similarityGoal("probe", 0.95)).isEqualTo(0.80);
        assertThat(a.similarityGoal("resume", 0.95)).isEqualTo(0.95);
        assertThat(a.entries().get(1).reason()).isEqualTo("a reason with  two spaces");
    }

    @Test
    void aMalformedEntryNamesItsLine()
    {
        assertThatThrownBy(() -> AllowedDifferences.parse("l.txt", "# x\n* value GCTL\n"))
            .isInstanceOf(TraceFormatException.class).hasMessage("l.txt:2: expected PHASE KIND SUBJECT REASON");
        assertThatThrownBy(() -> AllowedDifferences.parse("l.txt", "* colour GCTL why\n"))
            .hasMessageStartingWith("l.txt:1: unknown kind 'colour'");
        assertThatThrownBy(() -> AllowedDifferences.parse("l.txt", "* similarity 1.5 why\n"))
            .hasMessage("l.txt:1: similarity needs a figure in [0, 1]: 1.5");
    }

    @Test
    void theProjectsListLoadsAndAllowsThePowerStatePoll() throws Exception
    {
        final AllowedDifferences a = AllowedDifferences.project();
        assertThat(a.find("play1.powersave", "repeat", "0x001f0500")).isPresent();
        assertThat(a.find("play1.powersave", "repeat", "0x00170500")).isEmpty();
    }
}

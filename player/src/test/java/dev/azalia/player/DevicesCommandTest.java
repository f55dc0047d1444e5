package dev.azalia.player;

import org.junit.jupiter.api.Test;

import javax.sound.sampled.Mixer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class DevicesCommandTest
{
    private static final class FakeInfo extends Mixer.Info
    {
        FakeInfo(final String name)
        {
            super(name, "ACME", "a test mixer", "1.0");
        }
    }

    @Test
    void shouldListOnlyMixersWithSourceLines()
    {
        final Mixer.Info[] mixers = {new FakeInfo("Port PCH"), new FakeInfo("default [default]")};
        final List<String> lines = DevicesCommand.describe(mixers, m -> m.getName().startsWith("Port") ? 0 : 2);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("default [default]", "a test mixer", "ACME", "source lines: 2")
            .doesNotContain("Port");
    }

    @Test
    void shouldSaySoWhenNoMixerHasASourceLine()
    {
        assertThat(DevicesCommand.describe(new Mixer.Info[] {new FakeInfo("Port")}, m -> 0))
            .containsExactly(DevicesCommand.NONE);
        assertThat(DevicesCommand.describe(new Mixer.Info[0], m -> 1)).containsExactly(DevicesCommand.NONE);
    }
}

package dev.azalia.player;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class UnplugPlaybackTest
{
    @ParameterizedTest
    @ValueSource(strings = {"virtual", "real"})
    void shouldEndWithOneDisconnectedLineAndExitOne(final String clock)
    {
        final CliRun run = CliRun.of("-q", "--out", "null", "--clock", clock, "--unplug-after", "300ms",
            Samples.dir().resolve("tone-48k-mono-cbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
        final List<String> lines = Arrays.stream(run.err().split("\\R")).filter(l -> !l.isBlank()).toList();
        assertThat(lines).containsExactly("play: device disconnected");
    }

    @Test
    void shouldLogTheProbeTheDeferralAndTheRetry()
    {
        final CliRun run = CliRun.of("-q", "--log", "--out", "null", "--clock", "virtual", "--unplug-after", "100ms",
            Samples.dir().resolve("tone-48k-mono-cbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("platform hda-board: Driver azalia-board requests probe deferral",
            "platform hda-board: Added to deferred list", "snd_hda_intel 0000:00:1b.0: card 0: HDA Intel at",
            "platform hda-board: Retrying from deferred list",
            "bound to device 'azalia-board'", "snd_hda_intel 0000:00:1b.0: card Intel disconnected",
            "pci 0000:00:1b.0: removed", "play: device disconnected");
        assertThat(run.err().indexOf("requests probe deferral")).isLessThan(run.err().indexOf("HDA Intel at"));
        assertThat(run.err().lastIndexOf("Retrying from deferred list"))
            .isGreaterThan(run.err().indexOf("HDA Intel at"));
    }
}

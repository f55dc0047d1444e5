package dev.azalia.player;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's failure from the command line: the naive policy moves the BAR of an idle controller. Only a runtime-PM
 * controller whose codec lets the link go down is suspended then (Linux's rule), and only there the move leaves the
 * driver reading all-ones: the seed's messages and a stuck stream. On ICH9 (no runtime PM) the same command plays.
 */
final class SeedReproductionTest
{
    private static CliRun seedCommand(final String controller)
    {
        return CliRun.of("--controller", controller, "--codec-clock-stop", "--policy", "naive", "--idle-before", "3s",
            "--bar-move-every", "2s", "--bar-moves", "1", "--out", "null", "--clock", "virtual", "--log",
            Samples.dir().resolve("tone-48k-mono-cbr.mp3").toString());
    }

    @Test
    void theNaivePolicyMovingAnAutosuspendedAmdHdmiControllerReproducesTheSeed()
    {
        final CliRun run = seedCommand("amd-hdmi");

        assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("snd_hda_intel 0000:00:1b.0: runtime suspended",
            "BAR 0 updated: 0xfe000000 -> ",
            "snd_hda_intel 0000:00:1b.0: CORB reset timeout#2, CORBRP = 65535",
            "snd_hda_codec_generic hdaudioC0D0: Unable to sync register 0x2b8000. -5",
            "azx_get_response timeout, switching to single_cmd mode",
            "play: the card failed: no response from codec 0");
    }

    @Test
    void theSameMoveOnIch9PlaysBecauseLinuxNeverRuntimeSuspendsIt()
    {
        final CliRun run = seedCommand("ich9");

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).contains("BAR 0 updated: 0xfe000000 -> ").doesNotContain("runtime suspended",
            "CORB reset timeout");
    }
}

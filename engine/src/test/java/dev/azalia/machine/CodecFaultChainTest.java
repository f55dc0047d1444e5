package dev.azalia.machine;

import dev.azalia.hda.FaultPlan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F01-F03 on the virtual clock: a codec that stops answering, a response whose interrupt is lost, a dead CORB. The
 * driver goes down Linux 6.1's fallback chain with its messages in its order.
 */
class CodecFaultChainTest
{
    private static final String CARD = "snd_hda_intel 0000:00:1b.0: ";

    private static Machine boot(final String... specs) throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })
            .withFaults(FaultPlan.parse(0, List.of(specs))));
    }

    @Test
    void shouldGoDownLinuxsWholeChainAndFailTheProbeWhenTheCodecNeverAnswers() throws Exception
    {
        try (Machine m = boot("codec-silent"))
        {
            assertThat(warnings(m)).containsSubsequence(
                CARD + "azx_get_response timeout, switching to polling mode: last cmd=0x000f0000",
                CARD + "No response from codec, disabling MSI: last cmd=0x000f0000",
                CARD + "Codec #0 probe error; disabling it...",
                CARD + "azx_get_response timeout, switching to single_cmd mode: last cmd=0x000f0000",
                "hdaudio hdaudioC0D0: no AFG or MFG node found",
                CARD + "probe failed: no codecs initialized");
            assertThat(m.chip().probeFailure()).hasMessageContaining("no codecs initialized");
            assertThat(m.kernel().clock().nanoTime()).as("a bounded probe").isLessThan(5_000_000_000L);
        }
    }

    @Test
    void shouldSwitchOnlyToPollingModeWhenTheFirstResponseLosesItsInterrupt() throws Exception
    {
        try (Machine m = boot("codec-late"))
        {
            assertThat(m.chip().probeFailure()).isNull();
            assertThat(warnings(m)).filteredOn(l -> l.contains("response") || l.contains("single_cmd") || l.contains("MSI"))
                .containsExactly(CARD + "azx_get_response timeout, switching to polling mode: last cmd=0x000f0000");
            assertThat(m.chip().transport().pollingMode()).isTrue();
            assertThat(m.chip().transport().singleCmdMode()).isFalse();
            assertThat(m.chip().codecs()).hasSize(1);
        }
    }

    @Test
    void shouldFallBackToTheImmediateCommandInterfaceAndStillEnumerateWhenTheCorbDies() throws Exception
    {
        try (Machine m = boot("corb-dead@#2"))
        {
            assertThat(m.chip().probeFailure()).isNull();
            assertThat(warnings(m)).containsSubsequence(
                CARD + "codec #0 probed OK",
                CARD + "azx_get_response timeout, switching to polling mode: last cmd=0x000f0000",
                CARD + "No response from codec, disabling MSI: last cmd=0x000f0000",
                CARD + "azx_get_response timeout, switching to single_cmd mode: last cmd=0x000f0000");
            assertThat(m.chip().transport().singleCmdMode()).isTrue();
            assertThat(m.chip().codecs()).hasSize(1);
            assertThat(m.chip().card().isRegistered()).isTrue();
        }
    }

    private static List<String> warnings(final Machine m)
    {
        return m.log().lines();
    }
}

package dev.azalia.testbed.junit;

import dev.azalia.testbed.Faults;
import dev.azalia.testbed.Testbed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's example fails, naming the glitch, when a period is dropped on its way to the link. */
class ReadmeExampleFaultTest
{
    @Test
    void shouldFailTheReadmeExampleNamingTheDroppedPeriodWhereItWasDropped()
    {
        final Testbed.Builder faulty = TestbedCase.of("live", "2x64", "qemu").builder()
            .machineOptions(Faults.dropFrames(12_000, 64));

        assertThatThrownBy(() -> ReadmeExampleTest.assertGaplessWhileTheBarMoves(faulty))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("Expected a gapless run (policy live, 2x64 frames at 48000 Hz")
            .hasMessageContaining("frame-sequence probe: 64 frames lost")
            .hasMessageContaining("reference detector: 1 glitch: DROP of 64 frames at frame 12000 (0.250 s)");
    }
}

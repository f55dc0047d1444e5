package dev.azalia.testbed.junit;

import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;
import dev.azalia.testbed.junit.TestbedCase;
import dev.azalia.testbed.junit.TestbedExtension;
import dev.azalia.testbed.junit.TestbedMatrix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Duration;

import static dev.azalia.testbed.junit.TestbedAssertions.assertThat;

@ExtendWith(TestbedExtension.class)
class ReadmeExampleTest
{
    @ParameterizedTest(name = "{0}")
    @TestbedMatrix(policies = "live", buffers = {"2x64", "4x1024"}, codecs = {"qemu", "laptop", "desktop"})
    void staysGaplessWhileTheBarMoves(final TestbedCase row) throws Exception
    {
        assertGaplessWhileTheBarMoves(row.builder());
    }

    @Test
    void playsCleanWithTheDefaults(final Testbed.Builder bed) throws Exception
    {
        assertThat(bed.detectGlitches().build().run()).isGapless();
    }

    static void assertGaplessWhileTheBarMoves(final Testbed.Builder bed) throws Exception
    {
        RunResult result = bed
            .source(SourceSpec.sine(997, 48_000, 2, Duration.ofMillis(500)))
            .barMovesEvery(Duration.ofMillis(10))
            .mixerTraffic()
            .jackEvents()
            .detectGlitches()
            .build()
            .run();

        assertThat(result).isGapless().hasBarMoves().hasNoStaleMmioAccesses();
        assertThat(result).stallP99Micros().isLessThan(1_000);
    }
}

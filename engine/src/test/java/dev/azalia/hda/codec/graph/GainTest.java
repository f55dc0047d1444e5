package dev.azalia.hda.codec.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

final class GainTest
{
    @Test
    void shouldCountStepsFromTheOffsetInQuarterDecibelsOfTheStepSize()
    {
        assertThat(Gain.quarterDb(0x80034a4a, 0x4a)).isZero();
        assertThat(Gain.quarterDb(0x80034a4a, 0x44)).isEqualTo(-24);
        assertThat(Gain.quarterDb(0x00025757, 0x4f)).as("0.75 dB steps").isEqualTo(-24);
        assertThat(Gain.quarterDb(0x00270300, 3)).as("10 dB boost steps").isEqualTo(120);
    }

    @Test
    void shouldGiveQemusOneDbStepsTheMultipliersOfTheirDecibels()
    {
        for (int step = 0; step < 128; step++)
        {
            final long decibelMultiplier = Math.round(Math.pow(10.0, (step - 0x4a) / 20.0) * (double)(1L << 53));
            assertThat(Gain.multiplier(Gain.quarterDb(0x80034a4a, step))).as("step %d", step)
                .isEqualTo(decibelMultiplier);
        }
    }

    @Test
    void shouldTreatAnAmpWithoutStepsAsZeroDb()
    {
        assertThat(Gain.quarterDb(0x80000000, 0)).isZero();
        assertThat(Gain.quarterDb(0x80000005, 0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 32_767, -32_768, Integer.MAX_VALUE, Integer.MIN_VALUE, 123_456_789})
    void shouldLeaveSamplesUnchangedAtZeroDb(final long sample)
    {
        assertThat(Gain.multiplier(0)).isEqualTo(Gain.UNITY);
        assertThat(Gain.scale(sample, Gain.UNITY)).isEqualTo(sample);
    }

    @Test
    void shouldScaleByTheLevelAndRoundToNearest()
    {
        assertThat(Gain.scale(10_000, Gain.multiplier(-80))).isEqualTo(1_000);
        assertThat(Gain.scale(1_000, Gain.multiplier(80))).isEqualTo(10_000);
        assertThat(Gain.scale(-10_000, Gain.multiplier(-24))).isEqualTo(-5_012);
    }

    @Test
    void shouldLimitTheLevelSoThatA32BitSampleCannotOverflow()
    {
        assertThat(Gain.multiplier(10_000)).isEqualTo(Gain.multiplier(Gain.MAX_QUARTER_DB));
        assertThat(Gain.scale(Integer.MAX_VALUE, Gain.multiplier(10_000))).isPositive();
    }

    @Test
    void shouldSaturateToTheSampleRange()
    {
        assertThat(Gain.clip(40_000, 15)).isEqualTo(32_767);
        assertThat(Gain.clip(-40_000, 15)).isEqualTo(-32_768);
        assertThat(Gain.clip(-100, 7)).isEqualTo(-100);
    }
}

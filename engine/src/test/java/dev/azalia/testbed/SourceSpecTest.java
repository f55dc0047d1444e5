package dev.azalia.testbed;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class SourceSpecTest
{
    @Test
    void shouldCountTheFramesOfASineOfAHundredHours()
    {
        final SourceSpec.Sine sine = (SourceSpec.Sine)SourceSpec.sine(440, 48_000, 2, Duration.ofHours(100));

        assertThat(sine.frames()).isEqualTo(100L * 3600 * 48_000);
    }

    @Test
    void shouldRoundASineDownToWholeFrames()
    {
        final SourceSpec.Sine sine = (SourceSpec.Sine)SourceSpec.sine(440, 44_100, 1, Duration.ofMillis(1500));

        assertThat(sine.frames()).isEqualTo(66_150);
        assertThat(((SourceSpec.Sine)SourceSpec.sine(440, 44_100, 1, Duration.ofNanos(22_675))).frames()).isZero();
        assertThat(((SourceSpec.Sine)SourceSpec.sine(440, 44_100, 1, Duration.ofNanos(22_676))).frames()).isOne();
    }

    @Test
    void shouldRefuseASineLongerThanARunCanCountInOneLine()
    {
        assertThatThrownBy(() -> SourceSpec.sine(440, 48_000, 2, Duration.ofSeconds(Long.MAX_VALUE / 1000)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("has more frames than a run can count");
    }
}

package dev.azalia.link;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class UnderrunDetectorTest
{
    @Test
    void shouldCountEpisodesNotPolls()
    {
        final UnderrunDetector detector = new UnderrunDetector();

        assertThat(detector.observe(100, 1000, true)).isFalse();
        assertThat(detector.observe(1000, 1000, true)).isTrue();
        assertThat(detector.observe(1000, 1000, true)).isFalse();
        assertThat(detector.observe(1000, 1000, true)).isFalse();
        assertThat(detector.starving()).isTrue();
        assertThat(detector.observe(1000, 1500, true)).isFalse();
        assertThat(detector.starving()).isFalse();
        assertThat(detector.observe(1500, 1500, true)).isTrue();

        assertThat(detector.underruns()).isEqualTo(2);
    }

    @Test
    void shouldIgnoreAStoppedOrDrainingOrEmptyDevice()
    {
        final UnderrunDetector detector = new UnderrunDetector();

        assertThat(detector.observe(0, 0, true)).isFalse();
        assertThat(detector.observe(500, 500, false)).isFalse();
        assertThat(detector.observe(900, 500, false)).isFalse();

        assertThat(detector.underruns()).isZero();
    }

    @Test
    void shouldTreatAPositionPastTheWrittenFramesAsStarvation()
    {
        final UnderrunDetector detector = new UnderrunDetector();

        assertThat(detector.observe(1200, 1000, true)).isTrue();
        assertThat(detector.underruns()).isEqualTo(1);
    }
}

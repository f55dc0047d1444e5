package dev.azalia.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

final class LinkPacerTest
{
    @Test
    void shouldNotCorrectInsideTheDeadBand()
    {
        final LinkPacer pacer = new LinkPacer(1000, 100, 1_000_000L);

        assertThat(pacer.adjustNanos(5000, 4000)).isZero();
        assertThat(pacer.adjustNanos(5100, 4000)).isZero();
        assertThat(pacer.adjustNanos(4900, 4000)).isZero();
        assertThat(pacer.adjustments()).isZero();
        assertThat(pacer.lastFillFrames()).isEqualTo(900);
    }

    @Test
    void shouldStepOutsideTheDeadBandAndHarderWhenStarving()
    {
        final LinkPacer pacer = new LinkPacer(1000, 100, 1_000_000L);

        assertThat(pacer.adjustNanos(5101, 4000)).isEqualTo(-1_000_000L);
        assertThat(pacer.adjustNanos(4899, 4000)).isEqualTo(1_000_000L);
        assertThat(pacer.adjustNanos(4800, 4000)).isEqualTo(1_000_000L);
        assertThat(pacer.adjustNanos(4799, 4000)).isEqualTo(4_000_000L);
        assertThat(pacer.adjustNanos(9000, 4000)).isEqualTo(-1_000_000L);
        assertThat(pacer.adjustments()).isEqualTo(5);
        assertThat(pacer.totalAdjustmentNanos()).isEqualTo(4_000_000L);
    }

    @Test
    void shouldDeriveItsParametersFromTheSink()
    {
        final LinkPacer pacer = LinkPacer.forSink(2048, 256, 44_100);

        assertThat(pacer.targetFillFrames()).isEqualTo(1024 + 256);
        assertThat(pacer.adjustNanos(1280 + 256, 0)).isZero();
        assertThat(pacer.adjustNanos(1280 + 257, 0)).isEqualTo(-1_000_000L);
    }

    /** A device whose crystal runs fast or slow by {@code ppm}: the corrected fill must stay near the target. */
    @ParameterizedTest
    @ValueSource(ints = {-2000, -300, 0, 300, 2000})
    void shouldHoldTheFillAgainstADriftingDevice(final int ppm)
    {
        final int rate = 44_100;
        final LinkPacer pacer = LinkPacer.forSink(2048, 256, rate);
        final long tickNanos = 10_000_000L;
        long offsetNanos = pacer.targetFillFrames() * 1_000_000_000L / rate;
        long worst = 0;
        long uncorrected = 0;
        for (long tick = 1; tick <= 6_000; tick++)
        {
            final long now = tick * tickNanos;
            final long published = (now + offsetNanos) * rate / 1_000_000_000L;
            final long played = now * rate / 1_000_000_000L * (1_000_000L + ppm) / 1_000_000L;
            offsetNanos += pacer.adjustNanos(published, played);
            worst = Math.max(worst, Math.abs(pacer.lastFillFrames() - pacer.targetFillFrames()));
            uncorrected = Math.abs(played - now * rate / 1_000_000_000L);
        }

        assertThat(worst).isLessThanOrEqualTo(2048 / 8 + 45);
        if (Math.abs(ppm) >= 2000)
        {
            assertThat(uncorrected).isGreaterThan(2048);
        }
    }

    @Test
    void shouldLimitACorrectionToAFewPercentOfTheElapsedTime()
    {
        final LinkPacer pacer = new LinkPacer(5000, 100, 1_000_000L);
        assertThat(pacer.adjustNanos(0, 4000, 10_000_000L)).as("urgent: 4 ms asked, at most 25 %% of 10 ms")
            .isEqualTo(2_500_000L);
        assertThat(pacer.adjustNanos(0, 4000, 2_000_000L)).isEqualTo(500_000L);
        assertThat(pacer.adjustNanos(90_000, 4000, 2_000_000L)).isEqualTo(-500_000L);
        assertThat(pacer.adjustNanos(5000, 0, 10_000_000L)).isZero();
    }
}

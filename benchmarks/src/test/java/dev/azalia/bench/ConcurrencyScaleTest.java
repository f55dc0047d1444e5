package dev.azalia.bench;

import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.Report;
import dev.azalia.testbed.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConcurrencyScaleTest
{
    private static final long ONE_SECOND_FRAMES = 48_000;
    private static final long PERIOD_FRAMES = 256;

    /** A result whose every figure is different, so a figure read from the wrong field shows. */
    private static RunResult result(final String failure)
    {
        return new RunResult(new Report.Output("null", 1_000, 3), new Report.Stream(256, 4, 7, 2, 48_000, 2),
            new Report.Probe(900, 5, 6), Report.LatencyMicros.none(), Report.BarMoves.none("live"),
            Report.Glitches.off(), List.of(), failure, Report.Codec.none(), List.of());
    }

    @Test
    void shouldPlayOneCardOnTheRealClockAndReportTheFramesItsRunSank() throws InterruptedException
    {
        final ConcurrencyScale.Result r = ConcurrencyScale.run(1, 1.0, ClockMode.REAL);

        assertThat(r.cards()).isEqualTo(1);
        assertThat(r.failures()).isEmpty();
        assertThat(r.framesSunk()).isCloseTo(ONE_SECOND_FRAMES, within(PERIOD_FRAMES));
        assertThat(r.framesChecked()).isCloseTo(ONE_SECOND_FRAMES, within(PERIOD_FRAMES));
        assertThat(r.periodInterrupts()).isBetween(1L, ONE_SECOND_FRAMES / PERIOD_FRAMES + 1);
        assertThat(r.xruns()).isNotNegative();
        assertThat(r.underruns()).isNotNegative();
        assertThat(ConcurrencyScale.row(r)).startsWith("| 1 | ").contains(" | " + r.framesSunk() + " | ");
    }

    @Test
    void shouldSumTheCardsRunsOnTheVirtualClock() throws InterruptedException
    {
        final ConcurrencyScale.Result one = ConcurrencyScale.run(1, 1.0, ClockMode.VIRTUAL);
        final ConcurrencyScale.Result three = ConcurrencyScale.run(3, 1.0, ClockMode.VIRTUAL);

        assertThat(one.framesSunk()).isEqualTo(ONE_SECOND_FRAMES);
        assertThat(one.periodInterrupts()).isPositive();
        assertThat(three.cards()).isEqualTo(3);
        assertThat(three.cleanCards()).isEqualTo(3);
        assertThat(three.failures()).isEmpty();
        assertThat(three.framesSunk()).isEqualTo(3 * ONE_SECOND_FRAMES);
        assertThat(three.framesChecked()).isEqualTo(3 * ONE_SECOND_FRAMES);
        assertThat(three.periodInterrupts()).isEqualTo(3 * one.periodInterrupts());
        assertThat(three.xruns()).isZero();
        assertThat(three.underruns()).isZero();
        assertThat(three.clean()).isTrue();
    }

    @Test
    void shouldTakeEveryFigureFromItsOwnFieldOfTheRunResult()
    {
        final ConcurrencyScale.Result r = ConcurrencyScale.summarise(2,
            List.of(ConcurrencyScale.Outcome.of(result(null)), ConcurrencyScale.Outcome.of(result(null))), 1.5);

        assertThat(r.framesSunk()).isEqualTo(2_000);
        assertThat(r.underruns()).isEqualTo(6);
        assertThat(r.periodInterrupts()).isEqualTo(14);
        assertThat(r.xruns()).isEqualTo(4);
        assertThat(r.framesChecked()).isEqualTo(1_800);
        assertThat(r.framesLost()).isEqualTo(10);
        assertThat(r.framesDuplicated()).isEqualTo(12);
        assertThat(r.cleanCards()).isZero();
        assertThat(r.loadAverage()).isEqualTo(1.5);
        assertThat(ConcurrencyScale.row(r)).isEqualTo("| 2 | 0 | 4 | 6 | 14 | 2000 | 1800 | 10 / 12 | 1.50 | none |");
    }

    @Test
    void shouldCountAFailedCardAsAFailureOnOneLineAndNotAsClean()
    {
        final ConcurrencyScale.Result r = ConcurrencyScale.summarise(2,
            List.of(ConcurrencyScale.Outcome.of(result("the card failed: stuck\nstream")),
                new ConcurrencyScale.Outcome(null, "the emulated card did not come up")), 0);

        assertThat(r.failures()).containsExactly("the card failed: stuck stream",
            "the emulated card did not come up");
        assertThat(r.cleanCards()).isZero();
        assertThat(r.framesSunk()).isEqualTo(1_000);
        assertThat(r.noXruns()).isFalse();
        assertThat(ConcurrencyScale.row(r)).endsWith("| 2: the card failed: stuck stream |");
    }
}

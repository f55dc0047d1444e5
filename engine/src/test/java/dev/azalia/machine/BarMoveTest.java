package dev.azalia.machine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BAR moves during playback, per quiesce policy, on the virtual clock.
 */
final class BarMoveTest
{
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "{0} at {2} x {1} frames")
    @CsvSource({"live, 256, 4", "live, 64, 2", "suspend, 256, 4"})
    void shouldSurviveAThousandMovesGaplessAndBitExact(final String policy, final int periodFrames,
        final int periods) throws Exception
    {
        final int rate = 48_000;
        // 14 s of audio: room for 1,000 moves 10 ms apart plus what each move's stall adds
        final MovePlayback run = new MovePlayback(policy, rate, 2, periodFrames, periods, 14 * rate)
            .plan(new BarMoveExperiment.Plan(10 * MS, 1_000, 2 * MS, 25 * MS, 7)).run();

        assertThat(run.moves).as(run.toString()).isEqualTo(1_000);
        assertThat(run.writeError).as(run.toString()).isNull();
        assertThat(run.bitExact()).as(run.toString()).isTrue();
        assertThat(run.xruns).as(run.toString()).isZero();
        assertThat(run.underruns).as(run.toString()).isZero();
        assertThat(run.stale).as(run.toString()).isZero();
        assertThat(run.faults).as(run.toString()).isZero();
        assertThat(run.failedMoves).as(run.toString()).isZero();
        assertThat(run.mixerOps).as(run.toString()).isGreaterThan(1_000);
        assertThat(run.jackEvents).as(run.toString()).isGreaterThan(100);
        assertThat(run.machine.failures()).as(run.toString()).isEmpty();
        assertThat(run.machine.bus().barMoves().stream().allMatch(m -> m.oldAddress() != m.newAddress())).isTrue();

        final MovePlayback still = new MovePlayback(policy, rate, 2, periodFrames, periods, run.frames).run();
        final int n = run.source.length;
        assertThat(still.bitExact()).as(still.toString()).isTrue();
        assertThat(Arrays.equals(run.played, 0, n, still.played, 0, n)).as("identical to a run without moves")
            .isTrue();
    }
}

package dev.azalia.player;

import dev.azalia.testbed.RunResult;

import java.util.Locale;

/**
 * The one line a play ends with on stderr (unless {@code --quiet}): what played, how long, the BAR moves and the
 * policy, the glitches the detectors found (when {@code --detect} ran them), the frame-sequence probe's losses and
 * duplicates, xruns and output underruns, and the BAR-move stall p99 — so a user knows whether the run was clean
 * without opening the JSON report.
 *
 * <p>Stateless; thread-safe.
 */
final class PlaySummary
{
    private PlaySummary()
    {
    }

    /**
     * The summary of a finished play.
     *
     * @param name   what played (the file name).
     * @param rate   the file's rate in frames per second, for the duration when the result does not give the stream's
     *               (a converted stream's frames are at the rate it was converted to).
     * @param result the play's result.
     * @return one line, no line break; starts with {@code "clean:"} when nothing went wrong, {@code "GLITCHED:"}
     *         when something did, {@code "failed:"} when playback stopped part-way.
     */
    static String line(final String name, final int rate, final RunResult result)
    {
        final long frames = result.output().framesWritten();
        final int framesPerSecond = result.stream().rateHz() > 0 ? result.stream().rateHz() : rate;
        final boolean glitched = result.glitchDetected() || result.stream().xruns() > 0;
        final String verdict = null != result.failure() ? "failed" : glitched ? "GLITCHED" : "clean";
        final StringBuilder b = new StringBuilder(160);
        b.append(verdict).append(": ").append(name).append(", ")
            .append(String.format(Locale.ROOT, "%.2f s", framesPerSecond > 0 ? (double)frames / framesPerSecond : 0.0));
        final var moves = result.barMoves();
        if (moves.count() > 0 || moves.failed() > 0)
        {
            b.append(String.format(Locale.ROOT, ", %d BAR moves (%s", moves.count(), moves.policy()));
            if (moves.failed() > 0)
            {
                b.append(String.format(Locale.ROOT, ", %d failed", moves.failed()));
            }
            b.append(String.format(Locale.ROOT, ", stall p99 %.0f µs)", moves.stallMicros().p99()));
        }
        else
        {
            b.append(", no BAR moves");
        }
        if (result.glitches().enabled())
        {
            b.append(String.format(Locale.ROOT, ", %d glitches", result.glitches().count()));
        }
        b.append(String.format(Locale.ROOT, ", %d frames lost, %d duplicated, %d xruns, %d underruns",
            result.probe().framesLost(), result.probe().framesDuplicated(), result.stream().xruns(),
            result.output().underruns()));
        return b.toString();
    }
}

package dev.azalia.conformance;

import java.util.List;

/**
 * What a capture did, in the terms a run of Azalia needs to repeat it: the stream, and each play with its length
 * and the idle and system suspend around it. Immutable.
 *
 * @param stream the first play's stream parameters.
 * @param plays  the plays in order.
 */
public record CaptureScenario(StreamParameters stream, List<Play> plays)
{
    /**
     * Copies the list.
     */
    public CaptureScenario
    {
        plays = List.copyOf(plays);
    }

    /**
     * One play.
     *
     * @param number              n of {@code MARK_PLAYn_BEGIN}.
     * @param stream              its stream parameters.
     * @param frames              frames played: period interrupts of its stream times the period.
     * @param periodInterrupts    the period interrupts counted.
     * @param idleBeforeNanos     from the previous mark (probe done, the previous play's end, resume done) to the
     *                            play's begin mark.
     * @param systemSuspendBefore whether a system suspend and resume happened between the previous play (or the
     *                            probe) and this one.
     * @param idleAfterNanos      from the play's end mark to the next mark that starts something (or the end).
     */
    public record Play(int number, StreamParameters stream, long frames, int periodInterrupts, long idleBeforeNanos,
        boolean systemSuspendBefore, long idleAfterNanos)
    {
    }
}

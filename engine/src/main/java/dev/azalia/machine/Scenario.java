package dev.azalia.machine;

import dev.azalia.pci.MmioTrace;

import java.time.Duration;

/**
 * The sequence of a Linux capture run ({@code shared/reference/linux-trace}, "The scenario"), replayed on a
 * {@link Machine}: the driver is loaded, the machine idles, the stream is played {@link #plays()} times with an idle
 * after each, and optionally a system suspend/resume comes before one play. {@code MARK} lines with the capture's
 * names are written into both traces at the same points, so a tool can split an Azalia run and a Linux run into the
 * same phases:
 * <pre>
 * MARK_INSMOD_HDA_INTEL                      before the machine boots ({@link #beforeBoot}; mmiotrace only)
 *   idle {@link #probeSettleNanos()}
 * MARK_PROBE_DONE                            after boot (probe finished)
 *   idle {@link #idleBeforeNanos()}
 * MARK_IDLE_AFTER_PROBE
 * for each play k = 1..{@link #plays()}:
 *   if k == {@link #suspendBeforePlay()}:
 *     MARK_SYSTEM_SUSPEND_BEGIN, system suspend, idle {@link #suspendNanos()}, system resume,
 *     MARK_SYSTEM_RESUME_DONE, idle {@link #idleAfterResumeNanos()}
 *   MARK_PLAYk_BEGIN, the play, MARK_PLAYk_END
 *   idle {@link #idleAfterNanos()}
 *   MARK_IDLE_AFTER_PLAYk
 * MARK_END
 * </pre>
 * The capture itself is {@code new Scenario(4 s, 5 s, 3, 3, 5 s)} with {@code aplay}'s start threshold of one
 * buffer.
 *
 * @param idleBeforeNanos   idle time after the probe, before the first play, in nanoseconds (0 or more).
 * @param idleAfterNanos    idle time after each play, in nanoseconds (0 or more).
 * @param plays             how many times the stream is played (at least 1).
 * @param suspendBeforePlay the play a system suspend/resume comes before (1..plays), or 0 for none.
 * @param suspendNanos      how long the machine stays suspended, in nanoseconds (0 or more).
 * @param idleAfterResumeNanos idle time after the system resume, before the play, in nanoseconds (0 or more): the
 *                          codec's power save runs in it, as in the capture.
 * @param probeSettleNanos  idle time between the boot and {@code MARK_PROBE_DONE}, in nanoseconds (0 or more): a
 *                          capture's harness writes that mark seconds after loading the driver, after the codec's
 *                          first power save.
 */
public record Scenario(long idleBeforeNanos, long idleAfterNanos, int plays, int suspendBeforePlay,
    long suspendNanos, long idleAfterResumeNanos, long probeSettleNanos)
{
    /**
     * A scenario without idle time after the system resume.
     *
     * @param idleBeforeNanos   idle time after the probe, in nanoseconds.
     * @param idleAfterNanos    idle time after each play, in nanoseconds.
     * @param plays             how many plays.
     * @param suspendBeforePlay the play a system suspend comes before, or 0.
     * @param suspendNanos      how long the machine stays suspended, in nanoseconds.
     */
    public Scenario(final long idleBeforeNanos, final long idleAfterNanos, final int plays,
        final int suspendBeforePlay, final long suspendNanos)
    {
        this(idleBeforeNanos, idleAfterNanos, plays, suspendBeforePlay, suspendNanos, 0, 0);
    }

    /** Written before the driver loads. */
    public static final String MARK_INSMOD = "MARK_INSMOD_HDA_INTEL";
    /** Written once the probe is done. */
    public static final String MARK_PROBE_DONE = "MARK_PROBE_DONE";
    /** Written after the idle that follows the probe. */
    public static final String MARK_IDLE_AFTER_PROBE = "MARK_IDLE_AFTER_PROBE";
    /** Written before the system suspend. */
    public static final String MARK_SYSTEM_SUSPEND_BEGIN = "MARK_SYSTEM_SUSPEND_BEGIN";
    /** Written after the system resume. */
    public static final String MARK_SYSTEM_RESUME_DONE = "MARK_SYSTEM_RESUME_DONE";
    /** Written at the end of the run. */
    public static final String MARK_END = "MARK_END";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when one is out of range.
     */
    public Scenario
    {
        if (idleBeforeNanos < 0 || idleAfterNanos < 0 || suspendNanos < 0 || idleAfterResumeNanos < 0
            || probeSettleNanos < 0)
        {
            throw new IllegalArgumentException("idle and suspend times must not be negative");
        }
        if (plays < 1)
        {
            throw new IllegalArgumentException("plays must be at least 1: " + plays);
        }
        if (suspendBeforePlay < 0 || suspendBeforePlay > plays)
        {
            throw new IllegalArgumentException("the suspend must come before one of the " + plays + " plays (1.."
                + plays + "), or 0 for none: " + suspendBeforePlay);
        }
    }

    /**
     * One play, no idle, no suspend: what the player does without scenario options.
     *
     * @return the scenario.
     */
    public static Scenario single()
    {
        return new Scenario(0, 0, 1, 0, 0);
    }

    /**
     * The capture's run: 4 s idle after the probe, three plays each followed by 5 s idle, a system suspend of
     * 5 s (the {@code pm_test} delay) before the third.
     *
     * @return the scenario.
     */
    public static Scenario linuxCapture()
    {
        return new Scenario(Duration.ofSeconds(4).toNanos(), Duration.ofSeconds(5).toNanos(), 3, 3,
            Duration.ofSeconds(5).toNanos(), Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(4).toNanos());
    }

    /**
     * The marker before play {@code k}.
     *
     * @param k the play's number, from 1.
     * @return {@code MARK_PLAYk_BEGIN}.
     */
    public static String playBegin(final int k)
    {
        return "MARK_PLAY" + k + "_BEGIN";
    }

    /**
     * The marker after play {@code k}.
     *
     * @param k the play's number, from 1.
     * @return {@code MARK_PLAYk_END}.
     */
    public static String playEnd(final int k)
    {
        return "MARK_PLAY" + k + "_END";
    }

    /**
     * The marker after the idle that follows play {@code k}.
     *
     * @param k the play's number, from 1.
     * @return {@code MARK_IDLE_AFTER_PLAYk}.
     */
    public static String idleAfterPlay(final int k)
    {
        return "MARK_IDLE_AFTER_PLAY" + k;
    }

    /**
     * One play of the stream, as an application does it ({@code aplay}: open, hw_params, sw_params, prepare, write,
     * drain, close).
     */
    @FunctionalInterface
    public interface Play
    {
        /**
         * Plays the stream once, on the thread that runs the scenario.
         *
         * @param number the play's number, from 1.
         * @throws Exception when the play fails; the scenario stops there.
         */
        void play(int number) throws Exception;
    }

    /**
     * Writes the marker that precedes the machine's boot. Call before {@link Machine#boot}.
     *
     * @param trace the mmiotrace the machine will be built with.
     */
    public static void beforeBoot(final MmioTrace trace)
    {
        trace.mark(MARK_INSMOD);
    }

    /**
     * Runs the scenario on a booted machine, on the calling (application) thread.
     *
     * @param machine the machine, just booted.
     * @param play    what one play does.
     * @throws Exception what a play threw.
     */
    public void run(final Machine machine, final Play play) throws Exception
    {
        machine.idle(probeSettleNanos);
        machine.mark(MARK_PROBE_DONE);
        machine.idle(idleBeforeNanos);
        machine.mark(MARK_IDLE_AFTER_PROBE);
        for (int k = 1; k <= plays; k++)
        {
            if (k == suspendBeforePlay)
            {
                machine.mark(MARK_SYSTEM_SUSPEND_BEGIN);
                machine.systemSuspend();
                machine.idle(suspendNanos);
                machine.systemResume();
                machine.mark(MARK_SYSTEM_RESUME_DONE);
                machine.idle(idleAfterResumeNanos);
            }
            machine.mark(playBegin(k));
            play.play(k);
            machine.mark(playEnd(k));
            machine.idle(idleAfterNanos);
            machine.mark(idleAfterPlay(k));
        }
        machine.mark(MARK_END);
    }
}

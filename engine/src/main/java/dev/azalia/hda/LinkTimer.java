package dev.azalia.hda;

/**
 * What wakes the controller's command engine at a link frame boundary: whoever drives the controller's time (a
 * kernel event on a virtual clock, the link clock's thread on the real one) calls
 * {@link HdaController#runCommandFrames()} at or soon after the requested time.
 *
 * <p>Called with the controller's device lock held: an implementation only records the request (queues an event,
 * unparks a thread) and never calls back into the controller from inside this call.
 */
@FunctionalInterface
public interface LinkTimer
{
    /** A timer that never wakes the controller: commands move only when its link clock steps it. */
    LinkTimer NONE = atNanos -> { };

    /**
     * Asks for one call of {@link HdaController#runCommandFrames()} at {@code atNanos} on the controller's clock.
     * Requests may repeat; a call that finds nothing due does nothing.
     *
     * @param atNanos when, in nanoseconds on the controller's clock.
     */
    void wakeAt(long atNanos);
}

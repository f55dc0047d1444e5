package dev.azalia.hda;

/**
 * What paces the HD-Audio link: something that calls {@link HdaController#advance()} as time passes.
 *
 * <p>{@link #start()} and {@link #stop()} are called from the thread that owns the clock (setup / teardown), not
 * concurrently with each other.
 */
public interface LinkClock
{
    /** Starts driving the controller's DMA step. */
    void start();

    /** Stops driving it; when this returns no further {@link HdaController#advance()} call is made by the clock. */
    void stop();
}

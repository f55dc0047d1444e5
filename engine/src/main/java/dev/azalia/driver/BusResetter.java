package dev.azalia.driver;

/**
 * Called when the {@link CommandTransport} asks for a bus reset after a fatal communication error
 * ({@code snd_hda_bus_reset}, from {@code codec_exec_verb}); runs on the thread whose verb failed.
 */
@FunctionalInterface
public interface BusResetter
{
    /** Resets the link and re-initialises the command rings. */
    void resetBus();
}

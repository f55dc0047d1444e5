package dev.azalia.sound;

/**
 * A mixer control ({@code snd_kcontrol}), implemented by the driver. Mixer clients do not call it directly: they go
 * through {@link Card#controlRead} / {@link Card#controlWrite}, which hold a power reference around the call and
 * validate values, so {@link #get} and {@link #put} run only while the card is in D0 (or is just leaving it, in which
 * case {@link Card#powerSyncRef()} waits for them).
 *
 * <p>Threading: called from mixer client threads, possibly concurrently; implementations serialize themselves.
 */
public interface ControlElement
{
    /**
     * The element's name, unique on its card.
     *
     * @return e.g. {@code "Master Playback Volume"}.
     */
    String name();

    /**
     * The type and range of the element's values.
     *
     * @return the description; constant for the element's life.
     */
    ControlInfo info();

    /**
     * Reads the current values (may touch hardware).
     *
     * @param values filled with {@code info().count()} values.
     * @throws SoundException if the hardware access fails.
     */
    void get(long[] values);

    /**
     * Writes new values (may touch hardware). The card has already checked the count and range.
     *
     * @param values {@code info().count()} values.
     * @return true if a value changed.
     * @throws SoundException if the hardware access fails.
     */
    boolean put(long[] values);
}

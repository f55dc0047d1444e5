package dev.azalia.hda.codec;

/**
 * What a machine and its tests need of an emulated codec beyond the link contract of {@link Codec}: a verb trace,
 * jack events, and a read-back of the state the driver's verbs set (amps, power) and of what the codec could not
 * answer.
 *
 * <p>Threading: every method is thread-safe; none calls the {@link DacOutput} or the {@link CodecBus} while holding
 * the codec's lock.
 */
public interface EmulatedCodec extends Codec
{
    /**
     * Installs the observer that sees every executed verb and its response (replacing the previous one).
     *
     * @param verbObserver the observer, or {@link VerbObserver#NONE}.
     */
    void observe(VerbObserver verbObserver);

    /**
     * A jack was plugged into or pulled out of a pin: updates its pin sense and, when the state changed and the pin's
     * unsolicited responses are enabled, sends {@code tag << 26 | PD} to the attached {@link CodecBus} (outside the
     * codec's lock).
     *
     * @param pinNid  a pin with presence detect.
     * @param present whether a jack is now plugged in.
     * @throws IllegalArgumentException if the node is not a presence-detect capable pin.
     */
    void jackEvent(int pinNid, boolean present);

    /**
     * Whether a jack is plugged into a pin (what its pin sense reports).
     *
     * @param pinNid a pin with presence detect.
     * @return the presence detect state.
     * @throws IllegalArgumentException if the node is not a presence-detect capable pin.
     */
    boolean jackPresent(int pinNid);

    /**
     * An amp's gain: the widget's output amp, or its input amp (index 0) if it has no output amp.
     *
     * @param nid  a widget with an amp.
     * @param left the left channel, else the right.
     * @return the 7-bit gain step.
     * @throws IllegalArgumentException if the node has no amp.
     */
    int ampGain(int nid, boolean left);

    /**
     * An amp's mute bit: the widget's output amp, or its input amp (index 0) if it has no output amp.
     *
     * @param nid  a widget with an amp.
     * @param left the left channel, else the right.
     * @return whether it is muted.
     * @throws IllegalArgumentException if the node has no amp.
     */
    boolean ampMuted(int nid, boolean left);

    /**
     * The actual power state of the function group or a widget (never more powered than its function group).
     *
     * @param nid the function group or a widget.
     * @return 0 (D0) ... 3 (D3), 4 (D3cold).
     * @throws IllegalArgumentException for the root or a missing node.
     */
    int powerState(int nid);

    /**
     * Verbs executed (every call of {@link #execute}).
     *
     * @return count since creation.
     */
    long verbsExecuted();

    /**
     * Verbs answered with 0 because the node does not exist or does not implement the verb (vendor verbs included).
     *
     * @return count since creation.
     */
    long unknownVerbs();
}

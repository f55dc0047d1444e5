package dev.azalia.hda.codec.graph;

/**
 * A read-only view of a codec's widgets and the state the driver's verbs gave them, as the signal path needs it:
 * what each widget is, what it connects to, and how its amps, power, pin control and converter are set.
 *
 * <p>Node ids are those of the codec's audio function group. A nid with no widget answers type {@code -1}, no
 * connections and zeros. Channels are 0 (left) and 1 (right); amp {@code index} is the input (connection) index of an
 * input amp, 0 for an output amp.
 *
 * <p>Threading: the codec that implements it calls {@link PinSignal#render} while holding its own state lock, so
 * every read of one render sees one consistent state; the view is not used outside such a call.
 */
public interface WidgetGraph
{
    /**
     * The widget's type, as in the audio widget capabilities [23:20] (0 output converter, 1 input converter,
     * 2 mixer, 3 selector, 4 pin complex, 5 power widget, 6 volume knob, 7 beep generator, 0xf vendor).
     *
     * @param nid the node id.
     * @return the type, or -1 when there is no widget at that nid.
     */
    int widgetType(int nid);

    /**
     * The audio widget capabilities (parameter 0x09).
     *
     * @param nid the node id.
     * @return the raw word; 0 when there is no widget.
     */
    int widgetCaps(int nid);

    /**
     * The widget's connection list, ranges expanded, in list order.
     *
     * @param nid the node id.
     * @return the connected nids (the caller does not modify it); empty when none.
     */
    int[] connections(int nid);

    /**
     * The connection a selector, pin or converter with more than one connection currently uses (verb F01/701).
     *
     * @param nid the node id.
     * @return the index into {@link #connections}; 0 after reset.
     */
    int selectedConnection(int nid);

    /**
     * The effective amp capabilities (the widget's own when it overrides them, else the function group's).
     *
     * @param nid    the node id.
     * @param output the output amp (true) or the input amp (false).
     * @return the raw amp capabilities word; 0 when the widget has no such amp.
     */
    int ampCaps(int nid, boolean output);

    /**
     * An amp's gain step as the driver last set it.
     *
     * @param nid     the node id.
     * @param output  the output amp (true) or the input amp (false).
     * @param channel 0 left, 1 right.
     * @param index   the input index for an input amp, 0 for an output amp.
     * @return the gain in steps, 0 ... numSteps.
     */
    int ampGain(int nid, boolean output, int channel, int index);

    /**
     * Whether an amp is muted.
     *
     * @param nid     the node id.
     * @param output  the output amp (true) or the input amp (false).
     * @param channel 0 left, 1 right.
     * @param index   the input index for an input amp, 0 for an output amp.
     * @return true when muted (an amp without mute capability is never muted).
     */
    boolean ampMuted(int nid, boolean output, int channel, int index);

    /**
     * The widget's actual power state, never more powered than its function group (F05 [7:4]); a widget without
     * power control follows its function group.
     *
     * @param nid the node id.
     * @return 0 for D0 ... 3 for D3, 4 for D3cold.
     */
    int actualPowerState(int nid);

    /**
     * The pin widget control (verb F07/707).
     *
     * @param nid a pin's node id.
     * @return the control byte (bit 6 output enable, bit 5 input enable, bit 7 headphone amp).
     */
    int pinControl(int nid);

    /**
     * The pin's EAPD bit (verb F0C/70C bit 1).
     *
     * @param nid a pin's node id.
     * @return true when the external amplifier is powered.
     */
    boolean eapd(int nid);

    /**
     * The pin capabilities (parameter 0x0c).
     *
     * @param nid a pin's node id.
     * @return the raw word; 0 for a widget that is not a pin.
     */
    int pinCaps(int nid);

    /**
     * The stream tag a converter is bound to (verb F06/706 [7:4]).
     *
     * @param nid a converter's node id.
     * @return 1 ... 15, or 0 when unbound.
     */
    int converterStreamTag(int nid);

    /**
     * The first stream channel a converter takes (verb F06/706 [3:0]).
     *
     * @param nid a converter's node id.
     * @return 0 ... 15.
     */
    int converterChannel(int nid);

    /**
     * The converter's stream format (verb A/2).
     *
     * @param nid a converter's node id.
     * @return the 16-bit format word.
     */
    int converterFormat(int nid);

    /**
     * A number that changes whenever any state this view reports changes (a verb that set an amp, a connection, a
     * power state, a pin control, EAPD or a converter), so a reader may keep what it derived from the state until
     * then.
     *
     * @return the state's version; equal values mean equal state.
     */
    long stateVersion();
}

package dev.azalia.driver;

/**
 * What the auto-parser reads of a codec's widgets: widget caps, connection lists, amp and pin caps. The codec
 * driver's implementation reads each from the codec once, in the order the parser first asks, and caches it (as
 * Linux's parameter cache and {@code snd_hda_get_conn_list} do).
 *
 * <p>Not thread-safe: used during the probe and under the codec driver's lock.
 */
interface CodecGraph
{
    /**
     * The widget caps read at probe.
     *
     * @param nid a widget.
     * @return its caps, 0 for a NID outside the function group.
     */
    int wcaps(int nid);

    /**
     * The connection list.
     *
     * @param nid a widget.
     * @return the connected NIDs (empty without a list); not to be modified.
     */
    int[] connections(int nid);

    /**
     * The amp caps of one amp (from the widget with AMP_OVRD, else the function group's default).
     *
     * @param nid    a widget.
     * @param output its output amp (true) or input amp.
     * @return the caps.
     */
    int ampCaps(int nid, boolean output);

    /**
     * The pin caps.
     *
     * @param nid a pin.
     * @return the caps.
     */
    int pinCaps(int nid);

    /** Amp caps bit: mute capable. */
    int AMPCAP_MUTE = 1 << 31;
    /** Amp caps bit: the minimum gain mutes. */
    int AMPCAP_MIN_MUTE = 1 << 30;
    /** Amp caps: number of steps, bits 14:8. */
    int AMPCAP_NUM_STEPS = 0x7f << 8;
    /** Amp caps: the 0 dB step, bits 6:0. */
    int AMPCAP_OFFSET = 0x7f;

    /**
     * The widget type (bits 23:20 of the caps).
     *
     * @param nid a widget.
     * @return its type.
     */
    default int widgetType(final int nid)
    {
        return wcaps(nid) >>> 20 & 0xf;
    }

    /**
     * {@code check_amp_caps}: the widget has that amp and its caps have one of {@code bits}.
     *
     * @param nid    a widget (0: none).
     * @param output output amp (true) or input amp.
     * @param bits   caps bits to test.
     * @return true if so.
     */
    default boolean ampHas(final int nid, final boolean output, final int bits)
    {
        if (nid == 0 || (wcaps(nid) & (output ? 1 << 2 : 1 << 1)) == 0)
        {
            return false;
        }
        return (ampCaps(nid, output) & bits) != 0;
    }

    /** {@code nid_has_mute}. */
    default boolean hasMute(final int nid, final boolean output)
    {
        return ampHas(nid, output, AMPCAP_MUTE | AMPCAP_MIN_MUTE);
    }

    /** {@code nid_has_volume}. */
    default boolean hasVolume(final int nid, final boolean output)
    {
        return ampHas(nid, output, AMPCAP_NUM_STEPS);
    }
}

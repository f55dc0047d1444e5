package dev.azalia.hda.codec;

/**
 * Behaviour switches of the emulated codec that are not part of its widget layout.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param qemuPowerStateQuirk answer {@code GET_POWER_STATE} with 0 (D0 set and actual) whatever the state, as QEMU's
 *                            {@code hda-codec} does; Linux's power-state poll then runs to its 500 ms limit. For
 *                            conformance runs against a capture made on QEMU. Off: the real state is answered
 *                            (actual in bits 7:4, setting in bits 3:0).
 * @param epss                advertise EPSS (bit 31) in the function group's supported power states parameter, so
 *                            the driver's depop delay before D3 is 10 ms instead of 100 ms.
 * @param clkstop             advertise CLKSTOP (bit 30) in the same parameter, and report {@code CLK_STOP_OK} in
 *                            the D3 power state response, so a driver may stop the link clock at codec suspend.
 */
public record CodecOptions(boolean qemuPowerStateQuirk, boolean epss, boolean clkstop)
{
    /** The real codec: true power states, no EPSS, no CLKSTOP (what QEMU's hda-duplex advertises). */
    public static final CodecOptions DEFAULT = new CodecOptions(false, false, false);

    /** Bit 31 of the supported power states parameter: extended power states supported. */
    public static final int POWER_STATE_EPSS = 1 << 31;
    /** Bit 30 of the supported power states parameter: the link clock may stop in D3. */
    public static final int POWER_STATE_CLKSTOP = 1 << 30;
    /** Bit 9 of a GET_POWER_STATE response: the clock may be stopped now. */
    public static final int POWER_STATE_CLK_STOP_OK = 1 << 9;

    /**
     * The same options with the QEMU power-state quirk switched.
     *
     * @param on whether every GET_POWER_STATE answers D0.
     * @return new options.
     */
    public CodecOptions withQemuPowerStateQuirk(final boolean on)
    {
        return new CodecOptions(on, epss, clkstop);
    }

    /**
     * The same options with EPSS and CLKSTOP advertised or not.
     *
     * @param on whether the function group advertises EPSS and CLKSTOP.
     * @return new options.
     */
    public CodecOptions withEpssAndClkstop(final boolean on)
    {
        return new CodecOptions(qemuPowerStateQuirk, on, on);
    }

    /**
     * The bits these options add to the function group's supported power states parameter.
     *
     * @return EPSS and CLKSTOP bits as selected.
     */
    public int powerStateParameterBits()
    {
        return (epss ? POWER_STATE_EPSS : 0) | (clkstop ? POWER_STATE_CLKSTOP : 0);
    }
}

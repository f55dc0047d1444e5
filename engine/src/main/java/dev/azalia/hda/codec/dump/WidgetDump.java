package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One node of the audio function group as the dump shows it. Raw values are those the verbs and parameters return;
 * a line the dump does not have is empty. The header's words, {@code Vref caps}, the decoded {@code Pin Default}
 * lines and {@code Delay} are derived from the raw values and not stored.
 *
 * @param nid                 the node id.
 * @param wcaps               the audio widget capabilities parameter (0x09); type in bits 23:20.
 * @param controls            {@code Control:} lines (driver state, annotations).
 * @param pcmDevices          {@code Device:} lines (driver state, annotations).
 * @param ampIn               the input amp ({@code Amp-In caps/vals}).
 * @param ampOut              the output amp ({@code Amp-Out caps/vals}).
 * @param pinCaps             the pin caps parameter (0x0C).
 * @param eapd                GET_EAPD_BTLENABLE (0xF0C): bit 0 BTL, 1 EAPD, 2 L/R swap.
 * @param pinDefault          GET_CONFIG_DEFAULT (0xF1C), see {@link #pinConfig()}.
 * @param pinControls         GET_PIN_WIDGET_CONTROL (0xF07).
 * @param volumeKnob          the {@code Volume-Knob:} line.
 * @param converter           GET_CONV (0xF06): bits 7:4 stream tag, 3:0 lowest channel.
 * @param sdiSelect           GET_SDI_SELECT (0xF04).
 * @param digital             GET_DIGI_CONVERT (0xF0D): byte 0 flags, byte 1 category, byte 2 IEC coding type/KAE.
 * @param pcm                 the node's own PCM caps (printed when wcaps has the format-override bit).
 * @param unsolicited         GET_UNSOLICITED_RESPONSE (0xF08): bits 5:0 tag, bit 7 enabled.
 * @param powerStates         the supported power states parameter (0x0F).
 * @param powerState          GET_POWER_STATE (0xF05): bits 3:0 setting, 7:4 actual, 8 error, 9 clock-stop OK,
 *                            10 settings reset; a state Linux prints as {@code UNKNOWN} is 0xF.
 * @param dpMstDevices        the {@code Devices:} block (DP-MST).
 * @param connections         the hardware {@code Connection:} block.
 * @param inDriverConnections the {@code In-driver Connection:} list (driver state).
 * @param processing          the {@code Processing caps:} line and coefficients.
 * @param vendorLines         vendor hook lines printed inside the node (trimmed), e.g. old Realtek
 *                            {@code Processing Coefficient: 0x..}.
 */
public record WidgetDump(
        int nid,
        int wcaps,
        List<ControlDump> controls,
        List<PcmDeviceDump> pcmDevices,
        Optional<AmpDump> ampIn,
        Optional<AmpDump> ampOut,
        OptionalInt pinCaps,
        OptionalInt eapd,
        OptionalInt pinDefault,
        OptionalInt pinControls,
        Optional<VolumeKnobDump> volumeKnob,
        OptionalInt converter,
        OptionalInt sdiSelect,
        OptionalInt digital,
        Optional<PcmCaps> pcm,
        OptionalInt unsolicited,
        OptionalInt powerStates,
        OptionalInt powerState,
        Optional<List<DpMstDevice>> dpMstDevices,
        Optional<ConnectionList> connections,
        Optional<List<Integer>> inDriverConnections,
        Optional<ProcessingDump> processing,
        List<String> vendorLines)
{
    /** Widget type: audio output (DAC). */
    public static final int TYPE_AUDIO_OUTPUT = 0;
    /** Widget type: audio input (ADC). */
    public static final int TYPE_AUDIO_INPUT = 1;
    /** Widget type: mixer. */
    public static final int TYPE_MIXER = 2;
    /** Widget type: selector. */
    public static final int TYPE_SELECTOR = 3;
    /** Widget type: pin complex. */
    public static final int TYPE_PIN = 4;
    /** Widget type: power widget. */
    public static final int TYPE_POWER = 5;
    /** Widget type: volume knob. */
    public static final int TYPE_VOLUME_KNOB = 6;
    /** Widget type: beep generator. */
    public static final int TYPE_BEEP = 7;
    /** Widget type: vendor defined. */
    public static final int TYPE_VENDOR = 0xf;

    /** Copies the lists. */
    public WidgetDump
    {
        controls = List.copyOf(controls);
        pcmDevices = List.copyOf(pcmDevices);
        dpMstDevices = dpMstDevices.map(List::copyOf);
        inDriverConnections = inDriverConnections.map(List::copyOf);
        vendorLines = List.copyOf(vendorLines);
    }

    /** @return the widget type, wcaps bits 23:20. */
    public int type()
    {
        return wcaps >>> 20 & 0xf;
    }

    /** @return the channel count: ((wcaps bits 15:13) << 1 | wcaps bit 0) + 1. */
    public int channels()
    {
        return ((wcaps >>> 13 & 0x7) << 1 | (wcaps & 1)) + 1;
    }

    /**
     * @param bit a wcaps bit number (0 stereo, 1 in-amp, 2 out-amp, 3 amp override, 4 format override, 5 stripe,
     *            6 processing, 7 unsolicited, 8 connection list, 9 digital, 10 power, 11 L/R swap, 12 CP).
     * @return whether that bit is set.
     */
    public boolean hasCap(final int bit)
    {
        return (wcaps >>> bit & 1) != 0;
    }

    /** @return the delay in samples, wcaps bits 19:16. */
    public int delaySamples()
    {
        return wcaps >>> 16 & 0xf;
    }

    /** @return the decoded default configuration, for pins. */
    public Optional<PinConfig> pinConfig()
    {
        return pinDefault.isPresent() ? Optional.of(new PinConfig(pinDefault.getAsInt())) : Optional.empty();
    }

    /** @return the connected node ids, empty when there is no connection list. */
    public List<Integer> connectionNids()
    {
        return connections.map(ConnectionList::nids).orElse(List.of());
    }
}

package dev.azalia.hda.codec.dump;

/**
 * The kinds of line a codec dump has, told apart by their trimmed text (indentation is not reliable in real
 * dumps). {@link #classify} is pure and allocation-free apart from nothing: it only compares prefixes.
 */
enum LineKind
{
    BLANK, CODEC, ADDRESS, AFG_FUNCTION_ID, MFG_FUNCTION_ID, FUNCTION_ID, VENDOR_ID, SUBSYSTEM_ID, REVISION_ID,
    NO_MODEM, MODEM_GROUP,
    DEFAULT_PCM, DEFAULT_AMP_IN, DEFAULT_AMP_OUT, AFG_STATE, INVALID_SUBTREE, GPIO, GPIO_IO, HOOK, NOT_AVAILABLE,
    NODE, CONTROL, CONTROL_AMP, PCM_DEVICE, AMP_IN_CAPS, AMP_IN_VALS, AMP_OUT_CAPS, AMP_OUT_VALS, PINCAP, VREF_CAPS,
    EAPD, PIN_DEFAULT, PIN_DERIVED, PIN_CTLS, VOLUME_KNOB, CONVERTER, SDI_SELECT, DIGITAL, DIGITAL_CATEGORY,
    IEC_CODING, PCM, PCM_RATES, PCM_BITS, PCM_FORMATS, UNSOLICITED, POWER_STATES, POWER, DELAY, DEVICES, DEV_ENTRY,
    CONNECTION, IN_DRIVER_CONNECTION, NID_LIST, PROCESSING_CAPS, COEFF, VENDOR_NODE_LINE, UNKNOWN;

    /**
     * @param t a trimmed line.
     * @return its kind.
     */
    static LineKind classify(final String t)
    {
        if (t.isEmpty())
        {
            return BLANK;
        }
        switch (t.charAt(0))
        {
            case 'A':
                if (t.startsWith("Address:"))
                {
                    return ADDRESS;
                }
                if (t.startsWith("AFG Function Id:"))
                {
                    return AFG_FUNCTION_ID;
                }
                if (t.startsWith("Amp-In caps:"))
                {
                    return AMP_IN_CAPS;
                }
                if (t.startsWith("Amp-In vals:"))
                {
                    return AMP_IN_VALS;
                }
                if (t.startsWith("Amp-Out caps:"))
                {
                    return AMP_OUT_CAPS;
                }
                if (t.startsWith("Amp-Out vals:"))
                {
                    return AMP_OUT_VALS;
                }
                return t.startsWith("Analog Loopback:") ? HOOK : UNKNOWN;
            case 'C':
                if (t.startsWith("Codec:"))
                {
                    return CODEC;
                }
                if (t.startsWith("Control:"))
                {
                    return CONTROL;
                }
                if (t.startsWith("ControlAmp:"))
                {
                    return CONTROL_AMP;
                }
                if (t.startsWith("Connection:"))
                {
                    return CONNECTION;
                }
                if (t.startsWith("Converter:"))
                {
                    return CONVERTER;
                }
                if (t.startsWith("Conn =") || t.startsWith("Conn="))
                {
                    return PIN_DERIVED;
                }
                if (t.startsWith("Coefficient Index:"))
                {
                    return VENDOR_NODE_LINE;
                }
                return t.startsWith("Coeff ") ? COEFF : UNKNOWN;
            case 'D':
                if (t.startsWith("Default PCM:"))
                {
                    return DEFAULT_PCM;
                }
                if (t.startsWith("Default Amp-In caps:"))
                {
                    return DEFAULT_AMP_IN;
                }
                if (t.startsWith("Default Amp-Out caps:"))
                {
                    return DEFAULT_AMP_OUT;
                }
                if (t.startsWith("Digital category:"))
                {
                    return DIGITAL_CATEGORY;
                }
                if (t.startsWith("Digital:"))
                {
                    return DIGITAL;
                }
                if (t.startsWith("Devices:"))
                {
                    return DEVICES;
                }
                if (t.startsWith("Device:"))
                {
                    return PCM_DEVICE;
                }
                if (t.startsWith("Dev "))
                {
                    return DEV_ENTRY;
                }
                if (t.startsWith("DefAssociation"))
                {
                    return PIN_DERIVED;
                }
                return t.startsWith("Delay:") ? DELAY : UNKNOWN;
            case 'E':
                return t.startsWith("EAPD") ? EAPD : UNKNOWN;
            case 'F':
                return t.startsWith("Function Id:") ? FUNCTION_ID : UNKNOWN;
            case 'G':
                return t.startsWith("GPIO:") ? GPIO : UNKNOWN;
            case 'I':
                if (t.startsWith("IO["))
                {
                    return GPIO_IO;
                }
                if (t.startsWith("IEC Coding Type:"))
                {
                    return IEC_CODING;
                }
                if (t.startsWith("In-driver Connection:"))
                {
                    return IN_DRIVER_CONNECTION;
                }
                return t.startsWith("Invalid AFG subtree") ? INVALID_SUBTREE : UNKNOWN;
            case 'M':
                if (t.startsWith("MFG Function Id:"))
                {
                    return MFG_FUNCTION_ID;
                }
                if (t.startsWith("Modem Function Group:"))
                {
                    return MODEM_GROUP;
                }
                return t.startsWith("Misc") ? PIN_DERIVED : UNKNOWN;
            case 'N':
                if (t.startsWith("Node "))
                {
                    return NODE;
                }
                if (t.startsWith("No Modem Function Group"))
                {
                    return NO_MODEM;
                }
                return t.equals("N/A") ? NOT_AVAILABLE : UNKNOWN;
            case 'P':
                return classifyP(t);
            case 'R':
                return t.startsWith("Revision Id:") ? REVISION_ID : UNKNOWN;
            case 'S':
                if (t.startsWith("Subsystem Id:"))
                {
                    return SUBSYSTEM_ID;
                }
                if (t.startsWith("SDI-Select:"))
                {
                    return SDI_SELECT;
                }
                return t.startsWith("State of AFG node") ? AFG_STATE : UNKNOWN;
            case 'U':
                return t.startsWith("Unsolicited:") ? UNSOLICITED : UNKNOWN;
            case 'V':
                if (t.startsWith("Vendor Id:"))
                {
                    return VENDOR_ID;
                }
                if (t.startsWith("Vref caps:"))
                {
                    return VREF_CAPS;
                }
                return t.startsWith("Volume-Knob:") ? VOLUME_KNOB : UNKNOWN;
            case 'b':
                return t.startsWith("bits ") ? PCM_BITS : UNKNOWN;
            case 'f':
                return t.startsWith("formats ") ? PCM_FORMATS : UNKNOWN;
            case 'r':
                return t.startsWith("rates ") ? PCM_RATES : UNKNOWN;
            case '*':
                return t.startsWith("*Dev ") ? DEV_ENTRY : UNKNOWN;
            case '0':
                return t.startsWith("0x") ? NID_LIST : UNKNOWN;
            default:
                return UNKNOWN;
        }
    }

    private static LineKind classifyP(final String t)
    {
        if (t.startsWith("Pincap "))
        {
            return PINCAP;
        }
        if (t.startsWith("Pin Default "))
        {
            return PIN_DEFAULT;
        }
        if (t.startsWith("Pin-ctls:"))
        {
            return PIN_CTLS;
        }
        if (t.startsWith("Power states:"))
        {
            return POWER_STATES;
        }
        if (t.startsWith("Power-Map:"))
        {
            return HOOK;
        }
        if (t.startsWith("Power:"))
        {
            return POWER;
        }
        if (t.startsWith("PCM:"))
        {
            return PCM;
        }
        if (t.startsWith("Processing caps:"))
        {
            return PROCESSING_CAPS;
        }
        return t.startsWith("Processing Coefficient:") ? VENDOR_NODE_LINE : UNKNOWN;
    }

    /** @return whether a line of this kind may stand in column 0 inside a codec section. */
    boolean rootLevel()
    {
        return switch (this)
        {
            case CODEC, ADDRESS, AFG_FUNCTION_ID, MFG_FUNCTION_ID, FUNCTION_ID, VENDOR_ID, SUBSYSTEM_ID, REVISION_ID,
                    NO_MODEM, MODEM_GROUP, DEFAULT_PCM, DEFAULT_AMP_IN, DEFAULT_AMP_OUT, AFG_STATE, INVALID_SUBTREE,
                    GPIO, HOOK, NOT_AVAILABLE, NODE -> true;
            default -> false;
        };
    }
}

package dev.azalia.hda.codec.dumped;

import dev.azalia.hda.codec.dump.WidgetDump;

/**
 * The verbs of one widget of a {@link DumpCodec}, each implemented by the widgets whose capabilities have it: amps
 * (3/B) on widgets with an amp, connection select and list (701/F01, F02) on widgets with a connection list, power
 * (705/F05) with the power cap, converter verbs (706/F06, 2/A, 72D/F2D, 704/F04) on converters, digital converter
 * verbs (70D/70E/73E/73F, F0D/F0E) with the digital cap, pin verbs (707/F07, 709/F09, 70C/F0C, 71C-71F/F1C) on pins,
 * unsolicited (708/F08) with the unsol cap, processing state and coefficients (703/F03, 5/D, 4/C) with the
 * processing cap, volume knob (70F/F0F), beep (70A/F0A) and stripe (724/F24) on their widgets. Stateless.
 */
final class WidgetVerbs
{
    /** Outside the 32-bit response range: the widget does not implement the verb. */
    static final long NOT_HANDLED = -1L << 32;

    private static final int AMP_OUTPUT = 1 << 15;
    private static final int AMP_INPUT = 1 << 14;
    private static final int AMP_LEFT = 1 << 13;
    private static final int AMP_RIGHT = 1 << 12;
    private static final int PIN_SENSE_PRESENCE = 1 << 31;
    private static final int PIN_SENSE_ELD_VALID = 1 << 30;

    private WidgetVerbs()
    {
    }

    static long execute(final DumpVerbs v, final DumpNode n, final int verb, final int payload)
    {
        switch (verb)
        {
            case DumpVerbs.SET_AMP:
                return setAmp(v, n, payload);
            case DumpVerbs.GET_AMP:
                return getAmp(n, payload);
            case 0xf02:
                return n.has(DumpNode.WCAP_CONN_LIST) ? connectionList(n, payload) : NOT_HANDLED;
            case 0xf01:
                return n.has(DumpNode.WCAP_CONN_LIST) ? n.connSelect : NOT_HANDLED;
            case 0x701:
                return selectConnection(v, n, payload);
            case 0xf05:
                return n.has(DumpNode.WCAP_POWER) ? n.powerFlags | v.actualPower(n) << 4 | n.powerSet : NOT_HANDLED;
            case DumpVerbs.SET_POWER_STATE:
                return setPower(v, n, payload & 0xf);
            default:
                break;
        }
        long r = n.converter() ? converter(v, n, verb, payload) : NOT_HANDLED;
        if (r == NOT_HANDLED && n.has(DumpNode.WCAP_DIGITAL))
        {
            r = digital(v, n, verb, payload);
        }
        if (r == NOT_HANDLED && n.pin())
        {
            r = pin(v, n, verb, payload);
        }
        if (r == NOT_HANDLED && n.has(DumpNode.WCAP_UNSOL))
        {
            if (verb == 0xf08)
            {
                return n.unsol;
            }
            if (verb == 0x708)
            {
                v.bump();
                n.unsol = payload & 0xbf;
                return 0;
            }
        }
        if (r == NOT_HANDLED && n.has(DumpNode.WCAP_PROC))
        {
            r = processing(v, n, verb, payload);
        }
        if (r == NOT_HANDLED)
        {
            r = special(v, n, verb, payload);
        }
        return r;
    }

    private static long setAmp(final DumpVerbs v, final DumpNode n, final int payload)
    {
        if (!n.has(DumpNode.WCAP_IN_AMP) && !n.has(DumpNode.WCAP_OUT_AMP))
        {
            return NOT_HANDLED;
        }
        v.bump();
        final int index = payload >>> 8 & 0xf;
        final int value = payload & 0xff;
        if ((payload & AMP_OUTPUT) != 0 && n.has(DumpNode.WCAP_OUT_AMP) && index < n.ampOutCount)
        {
            setChannels(n.ampOut, index, payload, value);
        }
        if ((payload & AMP_INPUT) != 0 && n.has(DumpNode.WCAP_IN_AMP) && index < n.ampInCount)
        {
            setChannels(n.ampIn, index, payload, value);
        }
        return 0;
    }

    private static void setChannels(final int[] amp, final int index, final int payload, final int value)
    {
        if ((payload & AMP_LEFT) != 0)
        {
            amp[index * 2] = value;
        }
        if ((payload & AMP_RIGHT) != 0)
        {
            amp[index * 2 + 1] = value;
        }
    }

    private static long getAmp(final DumpNode n, final int payload)
    {
        if (!n.has(DumpNode.WCAP_IN_AMP) && !n.has(DumpNode.WCAP_OUT_AMP))
        {
            return NOT_HANDLED;
        }
        final boolean output = (payload & AMP_OUTPUT) != 0;
        final int channel = (payload & AMP_LEFT) != 0 ? 0 : 1;
        final int index = payload & 0xf;
        if (output)
        {
            return n.has(DumpNode.WCAP_OUT_AMP) && index < n.ampOutCount ? n.ampOut[index * 2 + channel] : 0;
        }
        return n.has(DumpNode.WCAP_IN_AMP) && index < n.ampInCount ? n.ampIn[index * 2 + channel] : 0;
    }

    private static long connectionList(final DumpNode n, final int start)
    {
        final int perResponse = n.longForm ? 2 : 4;
        final int bits = n.longForm ? 16 : 8;
        int r = 0;
        for (int i = 0; i < perResponse && start + i < n.conn.length; i++)
        {
            r |= (n.conn[start + i] & (n.longForm ? 0x7fff : 0x7f)) << (bits * i);
        }
        return r & 0xffffffffL;
    }

    private static long selectConnection(final DumpVerbs v, final DumpNode n, final int index)
    {
        if (!n.has(DumpNode.WCAP_CONN_LIST))
        {
            return NOT_HANDLED;
        }
        v.bump();
        final int type = n.type;
        if (index < n.conn.length && type != WidgetDump.TYPE_MIXER && type != WidgetDump.TYPE_POWER
            && type != WidgetDump.TYPE_VOLUME_KNOB)
        {
            n.connSelect = index;
            n.selectionSet = true;
        }
        return 0;
    }

    private static long setPower(final DumpVerbs v, final DumpNode n, final int requested)
    {
        if (!n.has(DumpNode.WCAP_POWER))
        {
            return NOT_HANDLED;
        }
        v.bump();
        final boolean accepted = DumpVerbs.acceptsPower(n.powerStates, requested);
        n.powerFlags = DumpVerbs.powerFlagsAfter(n.powerFlags, n.powerStates, requested, accepted);
        if (accepted)
        {
            n.powerSet = requested;
        }
        return 0;
    }

    private static long converter(final DumpVerbs v, final DumpNode n, final int verb, final int payload)
    {
        switch (verb)
        {
            case 0xf06:
                return n.stream.streamAndChannel();
            case 0x706:
                v.bump();
                n.stream.setStreamAndChannel(payload);
                return 0;
            case DumpVerbs.GET_FORMAT:
                return n.stream.format();
            case DumpVerbs.SET_FORMAT:
                v.bump();
                n.stream.setFormat(payload);
                return 0;
            case 0xf2d:
                return n.channelCount;
            case 0x72d:
                v.bump();
                n.channelCount = payload & 0xff;
                return 0;
            default:
                break;
        }
        if (n.type == WidgetDump.TYPE_AUDIO_INPUT)
        {
            if (verb == 0xf04)
            {
                return n.sdiSelect;
            }
            if (verb == 0x704)
            {
                v.bump();
                n.sdiSelect = payload & 0xf;
                return 0;
            }
        }
        return NOT_HANDLED;
    }

    private static long digital(final DumpVerbs v, final DumpNode n, final int verb, final int payload)
    {
        switch (verb)
        {
            case 0xf0d:
            case 0xf0e:
                return n.digital & 0xffffffffL;
            case 0x70d:
                return setDigital(v, n, 0, payload);
            case 0x70e:
                return setDigital(v, n, 1, payload & 0x7f);
            case 0x73e:
                return setDigital(v, n, 2, payload);
            case 0x73f:
                return setDigital(v, n, 3, payload);
            default:
                return NOT_HANDLED;
        }
    }

    private static long setDigital(final DumpVerbs v, final DumpNode n, final int byteIndex, final int value)
    {
        v.bump();
        n.digital = DumpVerbs.replaceByte(n.digital, byteIndex, value);
        return 0;
    }

    private static long pin(final DumpVerbs v, final DumpNode n, final int verb, final int payload)
    {
        switch (verb)
        {
            case 0xf07:
                return n.pinCtl;
            case 0x707:
                v.bump();
                n.pinCtl = payload & 0xff;
                return 0;
            case 0xf09:
                return pinSense(v, n);
            case 0x709:
                return 0;
            case 0xf0c:
                return n.eapd;
            case 0x70c:
                v.bump();
                n.eapd = payload & 0x7;
                return 0;
            case 0xf1c:
                return n.configDefault & 0xffffffffL;
            case 0x71c:
            case 0x71d:
            case 0x71e:
            case 0x71f:
                v.bump();
                n.configDefault = DumpVerbs.replaceByte(n.configDefault, verb - 0x71c, payload);
                return 0;
            default:
                return NOT_HANDLED;
        }
    }

    private static long pinSense(final DumpVerbs v, final DumpNode n)
    {
        if ((n.pinCaps & DumpNode.PINCAP_DETECT) == 0 || !n.present)
        {
            return 0;
        }
        final boolean realtek = v.codec().vendorId() >>> 16 == 0x10ec;
        return (PIN_SENSE_PRESENCE | (n.hdmiOrDp(realtek) ? PIN_SENSE_ELD_VALID : 0)) & 0xffffffffL;
    }

    private static long processing(final DumpVerbs v, final DumpNode n, final int verb, final int payload)
    {
        switch (verb)
        {
            case 0xf03:
                return n.processingState;
            case 0x703:
                v.bump();
                n.processingState = payload & 0xff;
                return 0;
            case DumpVerbs.GET_COEF_INDEX:
                return n.coefIndex;
            case DumpVerbs.SET_COEF_INDEX:
                v.bump();
                n.coefIndex = payload & 0xffff;
                return 0;
            case DumpVerbs.GET_PROC_COEF:
                return v.coefficientAt(n);
            case DumpVerbs.SET_PROC_COEF:
                v.bump();
                v.setCoefficient(n, payload);
                return 0;
            default:
                return NOT_HANDLED;
        }
    }

    private static long special(final DumpVerbs v, final DumpNode n, final int verb, final int payload)
    {
        if (n.type == WidgetDump.TYPE_VOLUME_KNOB)
        {
            if (verb == 0xf0f)
            {
                return n.volumeKnob;
            }
            if (verb == 0x70f)
            {
                v.bump();
                n.volumeKnob = payload & 0xff;
                return 0;
            }
        }
        if (n.type == WidgetDump.TYPE_BEEP)
        {
            if (verb == 0xf0a)
            {
                return n.beep;
            }
            if (verb == 0x70a)
            {
                v.bump();
                n.beep = payload & 0xff;
                return 0;
            }
        }
        if (n.has(DumpNode.WCAP_STRIPE))
        {
            if (verb == 0xf24)
            {
                return n.stripe;
            }
            if (verb == 0x724)
            {
                v.bump();
                n.stripe = payload & 0x3;
                return 0;
            }
        }
        return NOT_HANDLED;
    }
}

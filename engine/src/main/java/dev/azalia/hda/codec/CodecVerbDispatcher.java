package dev.azalia.hda.codec;

/**
 * The node state of an emulated codec and the verbs that read and change it: the root, the audio function group and
 * the widgets of a {@link CodecModel}, answering as the model and the {@link CodecOptions} say.
 *
 * <p>Not thread-safe: the owning {@link HdaCodec} calls every method under its lock.
 */
final class CodecVerbDispatcher implements NodeVerbs
{
    /** Outside the 32-bit response range. */
    private static final long NOT_HANDLED = -1L << 32;

    private final CodecModel model;
    private final CodecOptions options;
    private final CodecWidget[] widgets;
    private int afgPowerSet;
    private long unknownVerbs;

    CodecVerbDispatcher(final CodecModel model, final CodecOptions options)
    {
        this.model = model;
        this.options = options;
        this.widgets = model.widgets();
        reset();
    }

    CodecWidget[] widgets()
    {
        return widgets;
    }

    int afgPowerSet()
    {
        return afgPowerSet;
    }

    /** {@inheritDoc} */
    @Override
    public long unknownVerbs()
    {
        return unknownVerbs;
    }

    /** Power-on state of every node (jack presence is physical and kept). */
    void reset()
    {
        afgPowerSet = Verbs.PS_D0;
        for (final CodecWidget w : widgets)
        {
            if (null != w)
            {
                w.reset();
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public int execute(final int nid, final int verb, final int payload)
    {
        if (nid == HdaCodec.ROOT_NID)
        {
            return root(verb, payload);
        }
        if (nid == HdaCodec.AFG_NID)
        {
            return functionGroup(verb, payload);
        }
        if (nid >= widgets.length || null == widgets[nid])
        {
            return unknown();
        }
        return widget(widgets[nid], verb, payload);
    }

    /** The actual power state of a widget: the lower-powered of its own and the function group's. */
    int actualPower(final CodecWidget w)
    {
        return Math.max(w.powerSet, afgPowerSet);
    }

    private int unknown()
    {
        unknownVerbs++;
        return 0;
    }

    private int root(final int verb, final int payload)
    {
        if (verb == Verbs.GET_PARAMETER)
        {
            switch (payload)
            {
                case Verbs.PAR_VENDOR_ID:
                    return model.vendorId();
                case Verbs.PAR_SUBSYSTEM_ID:
                    return model.subsystemId();
                case Verbs.PAR_REV_ID:
                    return HdaCodec.REVISION_ID;
                case Verbs.PAR_NODE_COUNT:
                    return HdaCodec.AFG_NID << 16 | 1;
                default:
                    return 0;
            }
        }
        if (verb == Verbs.GET_SUBSYSTEM_ID)
        {
            return model.subsystemId();
        }
        return unknown();
    }

    private int functionGroup(final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.GET_PARAMETER:
                return functionGroupParameter(payload);
            case Verbs.GET_SUBSYSTEM_ID:
                return model.subsystemId();
            case Verbs.GET_POWER_STATE:
                return powerStateResponse(afgPowerSet, afgPowerSet);
            case Verbs.SET_POWER_STATE:
                if ((payload & 0xf) <= Verbs.PS_D3)
                {
                    afgPowerSet = payload & 0xf;
                }
                return 0;
            case Verbs.SET_CODEC_RESET:
                reset();
                return 0;
            default:
                return unknown();
        }
    }

    private int powerStateResponse(final int actual, final int set)
    {
        if (options.qemuPowerStateQuirk())
        {
            return 0;
        }
        final int clockStop = options.clkstop() && actual == Verbs.PS_D3 ? CodecOptions.POWER_STATE_CLK_STOP_OK : 0;
        return clockStop | actual << 4 | set;
    }

    private int functionGroupParameter(final int parameter)
    {
        switch (parameter)
        {
            case Verbs.PAR_FUNCTION_TYPE:
                return model.functionType();
            case Verbs.PAR_SUBSYSTEM_ID:
                return model.subsystemId();
            case Verbs.PAR_NODE_COUNT:
                return HdaCodec.DAC_NID << 16 | (widgets.length - HdaCodec.DAC_NID);
            case Verbs.PAR_AUDIO_FG_CAP:
                return model.functionGroupCaps();
            case Verbs.PAR_PCM:
                return model.pcmCaps();
            case Verbs.PAR_STREAM:
                return 1;
            case Verbs.PAR_POWER_STATE:
                return model.powerStates() | options.powerStateParameterBits();
            default:
                return 0;
        }
    }

    private int widget(final CodecWidget w, final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.GET_PARAMETER:
                return widgetParameter(w, payload);
            case Verbs.SET_AMP_GAIN_MUTE:
                WidgetAmps.set(w, payload);
                return 0;
            case Verbs.GET_AMP_GAIN_MUTE:
                return WidgetAmps.get(w, payload);
            default:
                break;
        }
        if (w.converter())
        {
            final long r = converterVerb(w, verb, payload);
            if (r != NOT_HANDLED)
            {
                return (int)r;
            }
        }
        if (w.pin())
        {
            final long r = pinVerb(w, verb, payload);
            if (r != NOT_HANDLED)
            {
                return (int)r;
            }
        }
        if (w.powerControl())
        {
            if (verb == Verbs.GET_POWER_STATE)
            {
                return powerStateResponse(actualPower(w), w.powerSet);
            }
            if (verb == Verbs.SET_POWER_STATE)
            {
                if ((payload & 0xf) <= Verbs.PS_D3)
                {
                    w.powerSet = payload & 0xf;
                }
                return 0;
            }
        }
        if (w.conn.length > 0)
        {
            if (verb == Verbs.GET_CONNECT_LIST)
            {
                int r = 0;
                for (int i = 0; i < 4 && payload + i < w.conn.length; i++)
                {
                    r |= w.conn[payload + i] << (8 * i);
                }
                return r;
            }
            if (verb == Verbs.GET_CONNECT_SEL || verb == Verbs.SET_CONNECT_SEL)
            {
                return 0;
            }
        }
        return unknown();
    }

    private int widgetParameter(final CodecWidget w, final int parameter)
    {
        switch (parameter)
        {
            case Verbs.PAR_AUDIO_WIDGET_CAP:
                return w.caps;
            case Verbs.PAR_PCM:
                return w.converter() ? model.pcmCaps() : 0;
            case Verbs.PAR_STREAM:
                return w.converter() ? 1 : 0;
            case Verbs.PAR_PIN_CAP:
                return w.pinCaps;
            case Verbs.PAR_AMP_IN_CAP:
                return w.ampInCaps;
            case Verbs.PAR_AMP_OUT_CAP:
                return w.ampOutCaps;
            case Verbs.PAR_CONNLIST_LEN:
                return w.conn.length;
            case Verbs.PAR_POWER_STATE:
                return w.powerControl() ? 0xf : 0;
            default:
                return 0;
        }
    }

    /** Returns the response, or NOT_HANDLED when the verb is not a converter verb. */
    private static long converterVerb(final CodecWidget w, final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.SET_CHANNEL_STREAMID:
                w.stream.setStreamAndChannel(payload);
                return 0;
            case Verbs.GET_CONV:
                return w.stream.streamAndChannel();
            case Verbs.SET_STREAM_FORMAT:
                w.stream.setFormat(payload);
                return 0;
            case Verbs.GET_STREAM_FORMAT:
                return w.stream.format();
            case Verbs.SET_DIGI_CONVERT_1:
                w.digi1 = payload;
                return 0;
            case Verbs.SET_DIGI_CONVERT_2:
                w.digi2 = payload;
                return 0;
            case Verbs.GET_DIGI_CONVERT_1:
                return w.digi2 << 8 | w.digi1;
            default:
                return NOT_HANDLED;
        }
    }

    /** Returns the response, or NOT_HANDLED when the verb is not a pin verb this pin implements. */
    private static long pinVerb(final CodecWidget w, final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.SET_PIN_WIDGET_CONTROL:
                w.pinCtl = payload;
                return 0;
            case Verbs.GET_PIN_WIDGET_CONTROL:
                return w.pinCtl;
            case Verbs.GET_CONFIG_DEFAULT:
                return w.configDefault;
            case Verbs.GET_PIN_SENSE:
                return (w.pinCaps & Verbs.PINCAP_PRES_DETECT) != 0 && w.present ? Verbs.PIN_SENSE_PRESENCE : 0;
            default:
                break;
        }
        if ((w.pinCaps & Verbs.PINCAP_PRES_DETECT) != 0 && verb == Verbs.SET_PIN_SENSE)
        {
            return 0;
        }
        if ((w.caps & Verbs.WCAP_UNSOL_CAP) != 0)
        {
            if (verb == Verbs.SET_UNSOLICITED_ENABLE)
            {
                w.unsol = payload & (Verbs.UNSOL_ENABLE | 0x3f);
                return 0;
            }
            if (verb == Verbs.GET_UNSOLICITED_RESPONSE)
            {
                return w.unsol;
            }
        }
        if ((w.pinCaps & Verbs.PINCAP_EAPD) != 0)
        {
            if (verb == Verbs.SET_EAPD_BTLENABLE)
            {
                w.eapd = payload & 0x7;
                return 0;
            }
            if (verb == Verbs.GET_EAPD_BTLENABLE)
            {
                return w.eapd;
            }
        }
        return NOT_HANDLED;
    }
}

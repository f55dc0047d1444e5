package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;

/**
 * An emulated HD-Audio codec shaped like QEMU's {@code hda-output} / {@code hda-duplex} with the mixer: root node 0,
 * audio function group 1, DAC 2 with a stereo output amp, output pin 3 connected to the DAC and, for the duplex
 * model, ADC 4 with an input amp connected to input pin 5.
 *
 * <p>Beyond QEMU it keeps real state for the verbs Linux exercises around suspend and jack handling: power states
 * on the function group and the widgets ({@link Verbs#GET_POWER_STATE} answers actual [7:4] and set [3:0]; a widget
 * is never more powered than its function group), function group reset, DIGI_CONVERT 1/2, EAPD, pin widget control,
 * pin sense with presence detect, and unsolicited responses: when enabled on the output pin, a
 * {@link #jackEvent jack event} emits {@code tag << 26 | PD} through the {@link CodecBus}.
 *
 * <p>Sample path: a DAC outputs the data of the stream whose tag its converter is bound to, in the stream's format,
 * only while it and the function group are in D0, through its output amp (see {@link AmpGain}: 0 dB unmuted passes
 * the caller's buffer straight through, bit-exact; otherwise a preallocated scratch buffer is used). Data for a tag
 * no converter listens to is dropped and counted; a stream format that differs from the converter's is used anyway
 * and counted as a mismatch (once per delivery).
 *
 * <p>Threading: {@link #execute}, {@link #reset}, {@link #attach}, {@link #jackEvent} and the diagnostics may be
 * called from any thread; state is guarded by one lock that is never held while calling the {@link DacOutput} or
 * the {@link CodecBus}. {@link #streamData}, {@link #streamStopped} and {@link #deliverPendingEvents} are called
 * from the link clock thread only, so the DAC output's start/stop/samples callbacks all come from that thread: a
 * converter whose stream tag or format is changed by a verb (or by a reset) is marked, and its
 * {@link DacOutput#onStreamStop} is delivered on the link thread at the next of those calls.
 */
public final class HdaCodec implements Codec
{
    /** Vendor/device id of the output model (QEMU's hda-output with mixer). */
    public static final int OUTPUT_VENDOR_ID = 0x1af40012;
    /** Vendor/device id of the duplex model (QEMU's hda-duplex with mixer). */
    public static final int DUPLEX_VENDOR_ID = 0x1af40022;
    /** Subsystem id reported by both models. */
    public static final int SUBSYSTEM_ID = 0x1af40100;
    /** Revision id reported by both models. */
    public static final int REVISION_ID = 0x00100101;
    /** Amp capabilities: mute capable, 1 dB steps (step size 3), 0x4a steps, offset 0x4a (= 0 dB). */
    public static final int AMP_CAPS = 0x80034a4a;
    /** Supported PCM: 8, 16, 20, 24 and 32 bits; 8 kHz ... 192 kHz. */
    public static final int PCM_CAPS = 0x001f07ff;
    /** A converter's stream format after reset: 48 kHz, 16 bit, stereo. */
    public static final int DEFAULT_FORMAT = 0x0011;
    /** The root node. */
    public static final int ROOT_NID = 0;
    /** The audio function group. */
    public static final int AFG_NID = 1;
    /** The DAC (audio output converter). */
    public static final int DAC_NID = 2;
    /** The output pin (line-out / headphone jack). */
    public static final int OUT_PIN_NID = 3;
    /** The ADC of the duplex model. */
    public static final int ADC_NID = 4;
    /** The input pin of the duplex model. */
    public static final int IN_PIN_NID = 5;

    private static final int AFG_FUNCTION_TYPE = 0x101;
    private static final int AFG_CAPS = 0x00000808;
    private static final int POWER_STATES_D0_TO_D3 = 0xf;
    private static final int INITIAL_SCRATCH_BYTES = 16 * 1024;
    /** Outside the 32-bit response range. */
    private static final long NOT_HANDLED = -1L << 32;

    private final int address;
    private final DacOutput output;
    private final int vendorId;
    private final int nodeCount;
    private final Widget[] widgets;
    private final Widget[] dacs;
    private final Object lock = new Object();

    private CodecBus bus;
    private int afgPowerSet;
    private volatile int afgPowerStates = POWER_STATES_D0_TO_D3;
    private long verbsExecuted;
    private long unknownVerbs;
    private long droppedStreamBytes;
    private long poweredDownBytes;
    private long formatMismatches;
    private long unsolicitedSent;

    /** Link clock thread only. */
    private byte[] scratch = new byte[INITIAL_SCRATCH_BYTES];

    private HdaCodec(final int address, final DacOutput output, final boolean duplex)
    {
        if (address < 0 || address > 14)
        {
            throw new IllegalArgumentException("codec address must be 0..14: " + address);
        }
        if (null == output)
        {
            throw new IllegalArgumentException("a DAC output is required");
        }
        this.address = address;
        this.output = output;
        this.vendorId = duplex ? DUPLEX_VENDOR_ID : OUTPUT_VENDOR_ID;
        this.nodeCount = duplex ? 4 : 2;
        this.widgets = new Widget[2 + nodeCount];
        widgets[DAC_NID] = new Widget(DAC_NID,
            Verbs.WID_AUD_OUT << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_FORMAT_OVRD | Verbs.WCAP_AMP_OVRD
                | Verbs.WCAP_OUT_AMP | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
            0, AMP_CAPS, 0, new int[0], 0, 0);
        widgets[OUT_PIN_NID] = new Widget(OUT_PIN_NID,
            Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_CONN_LIST | Verbs.WCAP_UNSOL_CAP
                | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
            Verbs.PINCAP_PRES_DETECT | Verbs.PINCAP_HP_DRV | Verbs.PINCAP_OUT | Verbs.PINCAP_EAPD,
            0, 0, new int[] {DAC_NID}, 0x00004010, Verbs.PINCTL_OUT_EN);
        if (duplex)
        {
            widgets[ADC_NID] = new Widget(ADC_NID,
                Verbs.WID_AUD_IN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_CONN_LIST | Verbs.WCAP_FORMAT_OVRD
                    | Verbs.WCAP_AMP_OVRD | Verbs.WCAP_IN_AMP | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
                0, 0, AMP_CAPS, new int[] {IN_PIN_NID}, 0, 0);
            widgets[IN_PIN_NID] = new Widget(IN_PIN_NID,
                Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
                Verbs.PINCAP_IN, 0, 0, new int[0], 0x00805020, Verbs.PINCTL_IN_EN);
        }
        this.dacs = new Widget[] {widgets[DAC_NID]};
        widgets[OUT_PIN_NID].present = true;
        synchronized (lock)
        {
            resetLocked();
        }
    }

    /**
     * The output model: root 0, function group 1, DAC 2 with output amp, output pin 3 (connection {2}, presence
     * detect, EAPD, unsolicited capable; a jack is plugged in initially).
     *
     * @param address the codec address (CAd) 0 ... 14.
     * @param out     where the DAC's samples go; called from the link clock thread.
     * @return the codec, in its power-on state.
     */
    public static HdaCodec output(final int address, final DacOutput out)
    {
        return new HdaCodec(address, out, false);
    }

    /**
     * The duplex model: the output model plus ADC 4 (input amp, connection {5}) and line-in pin 5. The ADC keeps
     * its verb state; no capture data is produced.
     *
     * @param address the codec address (CAd) 0 ... 14.
     * @param out     where the DAC's samples go; called from the link clock thread.
     * @return the codec, in its power-on state.
     */
    public static HdaCodec duplex(final int address, final DacOutput out)
    {
        return new HdaCodec(address, out, true);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int address()
    {
        return address;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Thread-safe; a jack event after this call goes to the new bus.
     */
    @Override
    public void attach(final CodecBus bus)
    {
        synchronized (lock)
        {
            this.bus = bus;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The CAd field is not checked (the controller routes by address). A node that does not exist, or a verb a
     * node does not implement, answers 0 and counts in {@link #unknownVerbs()}.
     */
    @Override
    public int execute(final int verb)
    {
        final int nid = Verbs.nid(verb);
        final int id = Verbs.verbId(verb);
        final int payload = Verbs.payload(verb);
        synchronized (lock)
        {
            verbsExecuted++;
            if (nid == ROOT_NID)
            {
                return root(id, payload);
            }
            if (nid == AFG_NID)
            {
                return functionGroup(id, payload);
            }
            if (nid >= widgets.length)
            {
                return unknown();
            }
            return widget(widgets[nid], id, payload);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Jack presence is physical and survives; converters that were receiving get their stop delivered on the
     * link thread (see the class comment).
     */
    @Override
    public void reset()
    {
        synchronized (lock)
        {
            resetLocked();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Link clock thread only. Allocates nothing, except growing the scratch buffer once if a chunk is larger
     * than any before and needs gain applied.
     */
    @Override
    public void streamData(final int streamTag, final StreamFormat format, final byte[] data, final int offset,
        final int length, final long nanos)
    {
        synchronized (lock)
        {
            boolean listened = false;
            for (final Widget dac : dacs)
            {
                dac.deliverStop = dac.stopPending;
                dac.stopPending = false;
                dac.deliverMatch = dac.streamTag != 0 && dac.streamTag == streamTag;
                if (!dac.deliverMatch)
                {
                    continue;
                }
                listened = true;
                dac.deliverStart = !dac.receiving;
                dac.receiving = true;
                if (dac.format != format.word())
                {
                    formatMismatches++;
                }
                dac.deliverPowered = afgPowerSet == Verbs.PS_D0 && dac.powerSet == Verbs.PS_D0;
                if (!dac.deliverPowered)
                {
                    poweredDownBytes += length;
                }
                dac.deliverLeft = AmpGain.multiplier(dac.outGain[0], dac.outMute[0]);
                dac.deliverRight = AmpGain.multiplier(dac.outGain[1], dac.outMute[1]);
            }
            if (!listened)
            {
                droppedStreamBytes += length;
            }
        }
        for (final Widget dac : dacs)
        {
            if (dac.deliverStop)
            {
                output.onStreamStop(address, dac.nid);
            }
            if (!dac.deliverMatch)
            {
                continue;
            }
            if (dac.deliverStart)
            {
                output.onStreamStart(address, dac.nid, format);
            }
            if (dac.deliverPowered)
            {
                emit(dac, format, data, offset, length, nanos);
            }
        }
    }

    /**
     * The controller's stream with this tag stopped (RUN cleared): every converter receiving it gets
     * {@link DacOutput#onStreamStop}; pending stops are delivered too. Link clock thread only.
     *
     * @param streamTag the stream tag 1 ... 15.
     */
    public void streamStopped(final int streamTag)
    {
        synchronized (lock)
        {
            for (final Widget dac : dacs)
            {
                if (dac.receiving && dac.streamTag == streamTag)
                {
                    dac.receiving = false;
                    dac.stopPending = true;
                }
            }
        }
        deliverPendingEvents();
    }

    /**
     * Delivers the {@link DacOutput#onStreamStop} of converters whose stream tag or format was changed by a verb or
     * a reset since the last delivery. Link clock thread only.
     */
    public void deliverPendingEvents()
    {
        synchronized (lock)
        {
            for (final Widget dac : dacs)
            {
                dac.deliverStop = dac.stopPending;
                dac.stopPending = false;
            }
        }
        for (final Widget dac : dacs)
        {
            if (dac.deliverStop)
            {
                dac.deliverStop = false;
                output.onStreamStop(address, dac.nid);
            }
        }
    }

    /**
     * A jack was plugged into or pulled out of a pin: updates its pin sense and, when the state changed and the
     * pin's unsolicited responses are enabled, sends {@code tag << 26 | PD} to the attached {@link CodecBus}.
     * Thread-safe; the bus is called without the codec's lock held.
     *
     * @param nid     a pin with presence detect.
     * @param present whether a jack is now plugged in.
     * @throws IllegalArgumentException if the node is not a presence-detect capable pin.
     */
    public void jackEvent(final int nid, final boolean present)
    {
        final CodecBus target;
        final int response;
        synchronized (lock)
        {
            final Widget pin = pinWithSense(nid);
            if (pin.present == present)
            {
                return;
            }
            pin.present = present;
            if ((pin.unsol & Verbs.UNSOL_ENABLE) == 0 || null == bus)
            {
                return;
            }
            target = bus;
            response = (pin.unsol & 0x3f) << Verbs.UNSOL_TAG_SHIFT | (present ? Verbs.UNSOL_RES_PD : 0);
            unsolicitedSent++;
        }
        target.unsolicited(address, response);
    }

    /**
     * Whether a jack is plugged into a pin.
     *
     * @param nid a pin with presence detect.
     * @return the presence detect state.
     * @throws IllegalArgumentException if the node is not a presence-detect capable pin.
     */
    public boolean jackPresent(final int nid)
    {
        synchronized (lock)
        {
            return pinWithSense(nid).present;
        }
    }

    /**
     * The actual power state of a node: the function group's set state, or for a widget the lower-powered of its
     * own and the function group's.
     *
     * @param nid the function group or a widget.
     * @return 0 (D0) ... 3 (D3).
     * @throws IllegalArgumentException for the root or a missing node.
     */
    public int powerState(final int nid)
    {
        synchronized (lock)
        {
            if (nid == AFG_NID)
            {
                return afgPowerSet;
            }
            return actualPower(existing(nid));
        }
    }

    /**
     * An amp's gain: the widget's output amp, or its input amp (index 0) if it has no output amp.
     *
     * @param nid  a widget with an amp.
     * @param left the left channel, else the right.
     * @return the 7-bit gain value (0x4a = 0 dB).
     * @throws IllegalArgumentException if the node has no amp.
     */
    public int ampGain(final int nid, final boolean left)
    {
        synchronized (lock)
        {
            final Widget w = withAmp(nid);
            final int ch = left ? 0 : 1;
            return w.ampOutCaps != 0 ? w.outGain[ch] : w.inGain[ch];
        }
    }

    /**
     * An amp's mute: the widget's output amp, or its input amp (index 0) if it has no output amp.
     *
     * @param nid  a widget with an amp.
     * @param left the left channel, else the right.
     * @return whether it is muted.
     * @throws IllegalArgumentException if the node has no amp.
     */
    public boolean ampMuted(final int nid, final boolean left)
    {
        synchronized (lock)
        {
            final Widget w = withAmp(nid);
            final int ch = left ? 0 : 1;
            return w.ampOutCaps != 0 ? w.outMute[ch] : w.inMute[ch];
        }
    }

    /**
     * The stream tag a converter is bound to.
     *
     * @param nid a converter (DAC or ADC).
     * @return 0 (none) ... 15.
     * @throws IllegalArgumentException if the node is not a converter.
     */
    public int streamTag(final int nid)
    {
        synchronized (lock)
        {
            final Widget w = existing(nid);
            if (!w.converter())
            {
                throw new IllegalArgumentException("node " + nid + " is not a converter");
            }
            return w.streamTag;
        }
    }

    /**
     * Bytes of stream data that arrived for a tag no converter listens to.
     *
     * @return total bytes since creation.
     */
    public long droppedStreamBytes()
    {
        synchronized (lock)
        {
            return droppedStreamBytes;
        }
    }

    /**
     * Bytes of stream data a bound DAC did not output because it or the function group was not in D0.
     *
     * @return total bytes since creation.
     */
    public long poweredDownBytes()
    {
        synchronized (lock)
        {
            return poweredDownBytes;
        }
    }

    /**
     * Deliveries to a converter whose stream format (SDnFMT) differed from the converter's SET_STREAM_FORMAT.
     *
     * @return count since creation.
     */
    public long formatMismatches()
    {
        synchronized (lock)
        {
            return formatMismatches;
        }
    }

    /**
     * Verbs executed (every call of {@link #execute}).
     *
     * @return count since creation.
     */
    public long verbsExecuted()
    {
        synchronized (lock)
        {
            return verbsExecuted;
        }
    }

    /**
     * Verbs answered with 0 because the node does not exist or does not implement the verb.
     *
     * @return count since creation.
     */
    public long unknownVerbs()
    {
        synchronized (lock)
        {
            return unknownVerbs;
        }
    }

    /**
     * Unsolicited responses sent to the bus.
     *
     * @return count since creation.
     */
    public long unsolicitedSent()
    {
        synchronized (lock)
        {
            return unsolicitedSent;
        }
    }

    private void emit(final Widget dac, final StreamFormat format, final byte[] data, final int offset,
        final int length, final long nanos)
    {
        if (AmpGain.isUnity(dac.deliverLeft) && AmpGain.isUnity(dac.deliverRight))
        {
            output.onSamples(address, dac.nid, format, data, offset, length, nanos);
            return;
        }
        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        AmpGain.apply(format, data, offset, scratch, 0, length, dac.deliverLeft, dac.deliverRight);
        output.onSamples(address, dac.nid, format, scratch, 0, length, nanos);
    }

    private void resetLocked()
    {
        afgPowerSet = Verbs.PS_D0;
        for (final Widget w : widgets)
        {
            if (null != w)
            {
                w.reset();
            }
        }
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
                    return vendorId;
                case Verbs.PAR_SUBSYSTEM_ID:
                    return SUBSYSTEM_ID;
                case Verbs.PAR_REV_ID:
                    return REVISION_ID;
                case Verbs.PAR_NODE_COUNT:
                    return AFG_NID << 16 | 1;
                default:
                    return 0;
            }
        }
        if (verb == Verbs.GET_SUBSYSTEM_ID)
        {
            return SUBSYSTEM_ID;
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
                return SUBSYSTEM_ID;
            case Verbs.GET_POWER_STATE:
                return afgPowerSet << 4 | afgPowerSet;
            case Verbs.SET_POWER_STATE:
                if ((payload & 0xf) <= Verbs.PS_D3)
                {
                    afgPowerSet = payload & 0xf;
                }
                return 0;
            case Verbs.SET_CODEC_RESET:
                resetLocked();
                return 0;
            default:
                return unknown();
        }
    }

    private int functionGroupParameter(final int parameter)
    {
        switch (parameter)
        {
            case Verbs.PAR_FUNCTION_TYPE:
                return AFG_FUNCTION_TYPE;
            case Verbs.PAR_SUBSYSTEM_ID:
                return SUBSYSTEM_ID;
            case Verbs.PAR_NODE_COUNT:
                return DAC_NID << 16 | nodeCount;
            case Verbs.PAR_AUDIO_FG_CAP:
                return AFG_CAPS;
            case Verbs.PAR_PCM:
                return PCM_CAPS;
            case Verbs.PAR_STREAM:
                return 1;
            case Verbs.PAR_POWER_STATE:
                return afgPowerStates;
            default:
                return 0;
        }
    }

    /**
     * Makes the function group advertise clock stop (CLKSTOP, bit 30) and extended power states (EPSS, bit 31) in
     * its supported-power-states parameter, as codecs that let Linux take the link down at suspend do. Call before
     * the driver reads the parameter.
     */
    public void advertiseClockStop()
    {
        afgPowerStates = POWER_STATES_D0_TO_D3 | 1 << 30 | 1 << 31;
    }

    private int widget(final Widget w, final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.GET_PARAMETER:
                return widgetParameter(w, payload);
            case Verbs.SET_AMP_GAIN_MUTE:
                setAmp(w, payload);
                return 0;
            case Verbs.GET_AMP_GAIN_MUTE:
                return getAmp(w, payload);
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
        if ((w.caps & Verbs.WCAP_POWER) != 0)
        {
            if (verb == Verbs.GET_POWER_STATE)
            {
                return actualPower(w) << 4 | w.powerSet;
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

    private int widgetParameter(final Widget w, final int parameter)
    {
        switch (parameter)
        {
            case Verbs.PAR_AUDIO_WIDGET_CAP:
                return w.caps;
            case Verbs.PAR_PCM:
                return w.converter() ? PCM_CAPS : 0;
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
                return (w.caps & Verbs.WCAP_POWER) != 0 ? POWER_STATES_D0_TO_D3 : 0;
            default:
                return 0;
        }
    }

    /** Returns the response, or NOT_HANDLED when the verb is not a converter verb. */
    private long converterVerb(final Widget w, final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.SET_CHANNEL_STREAMID:
                if (w.receiving && payload >>> 4 != w.streamTag)
                {
                    w.receiving = false;
                    w.stopPending = true;
                }
                w.streamTag = payload >>> 4;
                w.channel = payload & 0xf;
                return 0;
            case Verbs.GET_CONV:
                return w.streamTag << 4 | w.channel;
            case Verbs.SET_STREAM_FORMAT:
                if (w.receiving && payload != w.format)
                {
                    w.receiving = false;
                    w.stopPending = true;
                }
                w.format = payload;
                return 0;
            case Verbs.GET_STREAM_FORMAT:
                return w.format;
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
    private long pinVerb(final Widget w, final int verb, final int payload)
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
            default:
                break;
        }
        if ((w.pinCaps & Verbs.PINCAP_PRES_DETECT) != 0)
        {
            if (verb == Verbs.GET_PIN_SENSE)
            {
                return w.present ? Verbs.PIN_SENSE_PRESENCE : 0;
            }
            if (verb == Verbs.SET_PIN_SENSE)
            {
                return 0;
            }
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

    private static void setAmp(final Widget w, final int payload)
    {
        final int gain = payload & Verbs.AMP_GAIN_MASK;
        final boolean mute = (payload & Verbs.AMP_MUTE) != 0;
        final boolean left = (payload & Verbs.AMP_SET_LEFT) != 0;
        final boolean right = (payload & Verbs.AMP_SET_RIGHT) != 0;
        if ((payload & Verbs.AMP_SET_OUTPUT) != 0 && w.ampOutCaps != 0)
        {
            setChannels(w.outGain, w.outMute, left, right, gain, mute);
        }
        final int index = (payload >>> Verbs.AMP_SET_INDEX_SHIFT) & 0xf;
        if ((payload & Verbs.AMP_SET_INPUT) != 0 && w.ampInCaps != 0 && index == 0)
        {
            setChannels(w.inGain, w.inMute, left, right, gain, mute);
        }
    }

    private static void setChannels(final int[] gains, final boolean[] mutes, final boolean left, final boolean right,
        final int gain, final boolean mute)
    {
        if (left)
        {
            gains[0] = gain;
            mutes[0] = mute;
        }
        if (right)
        {
            gains[1] = gain;
            mutes[1] = mute;
        }
    }

    private static int getAmp(final Widget w, final int payload)
    {
        final int ch = (payload & Verbs.AMP_GET_LEFT) != 0 ? 0 : 1;
        if ((payload & Verbs.AMP_GET_OUTPUT) != 0)
        {
            return w.ampOutCaps == 0 ? 0 : w.outGain[ch] | (w.outMute[ch] ? Verbs.AMP_MUTE : 0);
        }
        if (w.ampInCaps == 0 || (payload & 0xf) != 0)
        {
            return 0;
        }
        return w.inGain[ch] | (w.inMute[ch] ? Verbs.AMP_MUTE : 0);
    }

    private int actualPower(final Widget w)
    {
        return Math.max(w.powerSet, afgPowerSet);
    }

    private Widget existing(final int nid)
    {
        if (nid < DAC_NID || nid >= widgets.length)
        {
            throw new IllegalArgumentException("no widget " + nid);
        }
        return widgets[nid];
    }

    private Widget pinWithSense(final int nid)
    {
        final Widget w = existing(nid);
        if (!w.pin() || (w.pinCaps & Verbs.PINCAP_PRES_DETECT) == 0)
        {
            throw new IllegalArgumentException("node " + nid + " is not a presence-detect capable pin");
        }
        return w;
    }

    private Widget withAmp(final int nid)
    {
        final Widget w = existing(nid);
        if (w.ampOutCaps == 0 && w.ampInCaps == 0)
        {
            throw new IllegalArgumentException("node " + nid + " has no amp");
        }
        return w;
    }

    /** One widget: fixed capabilities plus its verb state (guarded by the codec's lock). */
    private static final class Widget
    {
        final int nid;
        final int caps;
        final int pinCaps;
        final int ampOutCaps;
        final int ampInCaps;
        final int[] conn;
        final int configDefault;
        final int defaultPinCtl;

        final int[] outGain = new int[2];
        final boolean[] outMute = new boolean[2];
        final int[] inGain = new int[2];
        final boolean[] inMute = new boolean[2];
        int powerSet;
        int pinCtl;
        int unsol;
        int eapd;
        int digi1;
        int digi2;
        int streamTag;
        int channel;
        int format;
        boolean present;
        boolean receiving;
        boolean stopPending;

        /* Snapshot taken under the lock and used after it, on the link clock thread only. */
        boolean deliverStop;
        boolean deliverMatch;
        boolean deliverStart;
        boolean deliverPowered;
        long deliverLeft;
        long deliverRight;

        Widget(final int nid, final int caps, final int pinCaps, final int ampOutCaps, final int ampInCaps,
            final int[] conn, final int configDefault, final int defaultPinCtl)
        {
            this.nid = nid;
            this.caps = caps;
            this.pinCaps = pinCaps;
            this.ampOutCaps = ampOutCaps;
            this.ampInCaps = ampInCaps;
            this.conn = conn;
            this.configDefault = configDefault;
            this.defaultPinCtl = defaultPinCtl;
        }

        int type()
        {
            return (caps >>> Verbs.WCAP_TYPE_SHIFT) & 0xf;
        }

        boolean converter()
        {
            return type() == Verbs.WID_AUD_OUT || type() == Verbs.WID_AUD_IN;
        }

        boolean pin()
        {
            return type() == Verbs.WID_PIN;
        }

        /** Power-on state; jack presence is physical and kept. */
        void reset()
        {
            for (int ch = 0; ch < 2; ch++)
            {
                outGain[ch] = AmpGain.UNITY;
                outMute[ch] = false;
                inGain[ch] = AmpGain.UNITY;
                inMute[ch] = false;
            }
            powerSet = Verbs.PS_D0;
            pinCtl = defaultPinCtl;
            unsol = 0;
            eapd = (pinCaps & Verbs.PINCAP_EAPD) != 0 ? 0x2 : 0;
            digi1 = 0;
            digi2 = 0;
            streamTag = 0;
            channel = 0;
            format = DEFAULT_FORMAT;
            if (receiving)
            {
                receiving = false;
                stopPending = true;
            }
        }
    }
}

package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;

/**
 * An emulated HD-Audio codec of a built-in {@link CodecModel model}: by default QEMU's {@code hda-duplex} exactly as
 * a Linux 6.1 capture reads it (root 0, function group 1, DAC 2, line-out pin 3, ADC 4, line-in pin 5). Node state
 * and verbs live in a package-private dispatcher, the lock, the verb path and the converters' start and stop in a
 * {@link CodecPort}; this class owns the DAC amps on the sample path and the read-backs.
 *
 * <p>Power: {@link Verbs#GET_POWER_STATE} answers actual [7:4] and set [3:0] (a widget is never more powered than
 * its function group), unless the {@link CodecOptions#qemuPowerStateQuirk() QEMU quirk} makes it answer 0 always.
 * The jack models add presence detect, EAPD and unsolicited responses: when enabled on the output pin, a
 * {@link #jackEvent jack event} emits {@code tag << 26 | PD} through the {@link CodecBus}.
 *
 * <p>Sample path: a DAC outputs the data of the stream whose tag its converter is bound to, in the stream's format,
 * only while it and the function group are in D0, through its output amp (see {@link AmpGain}: 0 dB unmuted passes
 * the caller's buffer straight through, bit-exact; otherwise a preallocated scratch buffer is used). Data for a tag
 * no converter listens to is dropped and counted; a stream format that differs from the converter's is used anyway
 * and counted as a mismatch (once per delivery). The ADC and the input pin only answer verbs and keep state.
 *
 * <p>Threading: {@link #execute}, {@link #reset}, {@link #attach}, {@link #jackEvent} and the diagnostics may be
 * called from any thread; state is guarded by one lock that is never held while calling the {@link DacOutput} or
 * the {@link CodecBus}. {@link #streamData}, {@link #streamStopped} and {@link #deliverPendingEvents} are called
 * from the link clock thread only, so the DAC output's start/stop/samples callbacks all come from that thread: a
 * converter whose stream tag or format is changed by a verb (or by a reset) is marked, and its
 * {@link DacOutput#onStreamStop} is delivered on the link thread at the next of those calls.
 */
public final class HdaCodec implements PortedCodec
{
    /** Vendor/device id of the output model with jack detection. */
    public static final int OUTPUT_VENDOR_ID = 0x1af40012;
    /** Vendor/device id of the duplex model with jack detection. */
    public static final int JACK_DUPLEX_VENDOR_ID = 0x1af40032;
    /** Vendor/device id (and subsystem id) of QEMU's hda-duplex. */
    public static final int DUPLEX_VENDOR_ID = 0x1af40022;
    /** Subsystem id reported by the output model. */
    public static final int SUBSYSTEM_ID = 0x1af40100;
    /** Revision id reported by both models. */
    public static final int REVISION_ID = 0x00100101;
    /** Amp capabilities: mute capable, 1 dB steps (step size 3), 0x4a steps, offset 0x4a (= 0 dB). */
    public static final int AMP_CAPS = 0x80034a4a;
    /** Supported PCM of the output model: 8, 16, 20, 24 and 32 bits; 8 kHz ... 192 kHz. */
    public static final int PCM_CAPS = 0x001f07ff;
    /** Supported PCM of QEMU's converters: 16 bit; 16, 22.05, 32, 44.1, 48, 88.2 and 96 kHz. */
    public static final int QEMU_PCM_CAPS = 0x000201fc;
    /** A converter's stream format after reset (QEMU's too): 48 kHz, 16 bit, stereo. */
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

    private static final int INITIAL_SCRATCH_BYTES = 16 * 1024;

    private final CodecModel model;
    private final CodecVerbDispatcher nodes;
    private final CodecWidget[] dacs;
    private final CodecPort port;
    private final Object lock;

    private long poweredDownBytes;
    private long formatMismatches;

    /** Link clock thread only. */
    private byte[] scratch = new byte[INITIAL_SCRATCH_BYTES];

    private HdaCodec(final int address, final DacOutput output, final CodecModel model, final CodecOptions options)
    {
        if (null == model || null == options)
        {
            throw new IllegalArgumentException("a model and options are required");
        }
        this.model = model;
        this.nodes = new CodecVerbDispatcher(model, options);
        final CodecWidget[] widgets = nodes.widgets();
        int count = 0;
        for (final CodecWidget w : widgets)
        {
            count += null != w && w.dac() ? 1 : 0;
        }
        this.dacs = new CodecWidget[count];
        final ConverterStream[] streams = new ConverterStream[count];
        int i = 0;
        for (final CodecWidget w : widgets)
        {
            if (null != w && w.dac())
            {
                streams[i] = w.stream;
                dacs[i++] = w;
            }
        }
        this.port = new CodecPort(address, output, nodes, streams);
        this.lock = port.lock();
    }

    /**
     * A codec of a built-in model.
     *
     * @param address the codec address (CAd) 0 ... 14.
     * @param out     where the DAC's samples go; called from the link clock thread.
     * @param model   the widget layout and identity.
     * @param options behaviour switches (power-state answers, EPSS/CLKSTOP).
     * @return the codec, in its power-on state.
     */
    public static HdaCodec create(final int address, final DacOutput out, final CodecModel model,
        final CodecOptions options)
    {
        return new HdaCodec(address, out, model, options);
    }

    /**
     * The output model with jack detection ({@link CodecModel#JACK_OUTPUT}): root 0, function group 1, DAC 2 with
     * output amp, output pin 3 (connection {2}, presence detect, EAPD, unsolicited capable; a jack is plugged in
     * initially), power control on both widgets.
     *
     * @param address the codec address (CAd) 0 ... 14.
     * @param out     where the DAC's samples go; called from the link clock thread.
     * @return the codec, in its power-on state.
     */
    public static HdaCodec output(final int address, final DacOutput out)
    {
        return new HdaCodec(address, out, CodecModel.JACK_OUTPUT, CodecOptions.DEFAULT);
    }

    /**
     * QEMU's {@code hda-duplex} ({@link CodecModel#QEMU_DUPLEX}) with the default options. The ADC keeps its verb
     * state; no capture data is produced.
     *
     * @param address the codec address (CAd) 0 ... 14.
     * @param out     where the DAC's samples go; called from the link clock thread.
     * @return the codec, in its power-on state.
     */
    public static HdaCodec duplex(final int address, final DacOutput out)
    {
        return new HdaCodec(address, out, CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public CodecPort port()
    {
        return port;
    }

    /**
     * The model this codec was built as.
     *
     * @return the model.
     */
    public CodecModel model()
    {
        return model;
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
            nodes.reset();
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
            final boolean listened = port.bind(streamTag);
            for (final CodecWidget dac : dacs)
            {
                if (!dac.stream.bound())
                {
                    continue;
                }
                if (dac.stream.format() != format.word())
                {
                    formatMismatches++;
                }
                dac.deliverPowered = nodes.afgPowerSet() == Verbs.PS_D0 && dac.powerSet == Verbs.PS_D0;
                if (!dac.deliverPowered)
                {
                    poweredDownBytes += length;
                }
                dac.deliverLeft = AmpGain.multiplier(dac.outGain[0], dac.outMute[0]);
                dac.deliverRight = AmpGain.multiplier(dac.outGain[1], dac.outMute[1]);
            }
            if (!listened)
            {
                port.drop(length);
            }
        }
        for (final CodecWidget dac : dacs)
        {
            if (dac.stream.stopDue())
            {
                port.streamStop(dac.nid);
            }
            if (!dac.stream.bound())
            {
                continue;
            }
            if (dac.stream.startDue())
            {
                port.streamStart(dac.nid, format);
            }
            if (dac.deliverPowered)
            {
                emit(dac, format, data, offset, length, nanos);
            }
        }
    }

    /**
     * Delivers the {@link DacOutput#onStreamStop} of converters whose stream tag or format was changed by a verb or
     * a reset since the last delivery. Link clock thread only.
     */
    @Override
    public void deliverPendingEvents()
    {
        synchronized (lock)
        {
            port.takeStops();
        }
        port.deliverStops();
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
    @Override
    public void jackEvent(final int nid, final boolean present)
    {
        final CodecBus target;
        final int response;
        synchronized (lock)
        {
            final CodecWidget pin = pinWithSense(nid);
            if (pin.present == present)
            {
                return;
            }
            pin.present = present;
            target = port.unsolicitedTarget(pin.unsol);
            if (null == target)
            {
                return;
            }
            response = CodecPort.unsolicitedResponse(pin.unsol, present ? Verbs.UNSOL_RES_PD : 0);
        }
        target.unsolicited(port.address(), response);
    }

    /**
     * Whether a jack is plugged into a pin.
     *
     * @param nid a pin with presence detect.
     * @return the presence detect state.
     * @throws IllegalArgumentException if the node is not a presence-detect capable pin.
     */
    @Override
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
    @Override
    public int powerState(final int nid)
    {
        synchronized (lock)
        {
            if (nid == AFG_NID)
            {
                return nodes.afgPowerSet();
            }
            return nodes.actualPower(existing(nid));
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
    @Override
    public int ampGain(final int nid, final boolean left)
    {
        synchronized (lock)
        {
            final CodecWidget w = withAmp(nid);
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
    @Override
    public boolean ampMuted(final int nid, final boolean left)
    {
        synchronized (lock)
        {
            final CodecWidget w = withAmp(nid);
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
            final CodecWidget w = existing(nid);
            if (!w.converter())
            {
                throw new IllegalArgumentException("node " + nid + " is not a converter");
            }
            return w.stream.streamTag();
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

    private void emit(final CodecWidget dac, final StreamFormat format, final byte[] data, final int offset,
        final int length, final long nanos)
    {
        if (AmpGain.isUnity(dac.deliverLeft) && AmpGain.isUnity(dac.deliverRight))
        {
            port.samples(dac.nid, format, data, offset, length, nanos);
            return;
        }
        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        AmpGain.apply(format, data, offset, scratch, 0, length, dac.deliverLeft, dac.deliverRight);
        port.samples(dac.nid, format, scratch, 0, length, nanos);
    }

    private CodecWidget existing(final int nid)
    {
        final CodecWidget[] widgets = nodes.widgets();
        if (nid < DAC_NID || nid >= widgets.length || null == widgets[nid])
        {
            throw new IllegalArgumentException("no widget " + nid);
        }
        return widgets[nid];
    }

    private CodecWidget pinWithSense(final int nid)
    {
        final CodecWidget w = existing(nid);
        if (!w.pin() || (w.pinCaps & Verbs.PINCAP_PRES_DETECT) == 0)
        {
            throw new IllegalArgumentException("node " + nid + " is not a presence-detect capable pin");
        }
        return w;
    }

    private CodecWidget withAmp(final int nid)
    {
        final CodecWidget w = existing(nid);
        if (w.ampOutCaps == 0 && w.ampInCaps == 0)
        {
            throw new IllegalArgumentException("node " + nid + " has no amp");
        }
        return w;
    }
}

package dev.azalia.hda.codec.dumped;

import java.util.OptionalInt;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.CodecBus;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.hda.codec.VerbObserver;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.WidgetDump;
import dev.azalia.hda.codec.graph.PinSignal;
import dev.azalia.hda.codec.graph.WidgetGraph;

/**
 * A codec built from a parsed {@code /proc/asound} dump: it answers every parameter from the dump's data (see
 * {@link DumpParameters}) and every verb Linux sends (see {@link WidgetVerbs}), and keeps the state the verbs change.
 * Unknown verbs (vendor verbs included) and verbs to nodes that do not exist answer 0 and are counted; nothing a
 * driver sends throws.
 *
 * <p>Power-on state: the state the dump shows (amp values, pin controls, EAPD, selected connections, power states,
 * converter streams, digital bits, GPIO, unsolicited tags, subsystem id, config defaults, coefficients the dump
 * printed), because a dump is the state of a running codec and replaying it gives the codec the user saw. A
 * converter's format is not in a dump; it starts at {@link #POWER_ON_FORMAT}. {@link #reset()} (link reset) and
 * SET_CODEC_RESET (7FF to the function group) return to that state; afterwards the function group and the widgets
 * whose power states announce EPSS report PS-SettingsReset until their next SET_POWER_STATE. Jack presence is
 * physical: it starts from each pin's default configuration (fixed devices present, jacks and unconnected pins
 * absent), changes with {@link #plug}, and survives resets.
 *
 * <p>Power: GET_POWER_STATE answers actual [7:4] and set [3:0], a widget never more powered than its function group;
 * a state the node does not list is refused (PS-Error with EPSS); PS-ClkStopOk is reported in D3 when the node lists
 * CLKSTOP.
 *
 * <p>Sample path: the audio of the stream goes to one listened output pin ({@link #listen}; by default the first of
 * {@link OutputPins#inLinuxOrder}): under the lock the {@link PinSignal} renders what the widget graph delivers at
 * that pin, then outside the lock the {@link DacOutput} receives it with the pin as the node id. Data for a tag no
 * converter is bound to, or arriving while no pin is listened, is dropped and counted. {@link DacOutput#onStreamStart}
 * is delivered when the first converter starts receiving, {@link DacOutput#onStreamStop} when receiving stops (a
 * converter's tag or format changed by a verb or a reset, or {@link #streamStopped}), always on the link clock thread.
 *
 * <p>Threading: {@link #execute}, {@link #reset}, {@link #attach}, {@link #plug} and the read-backs may be called from
 * any thread; state is guarded by one lock that is never held while calling the {@link DacOutput} or the
 * {@link CodecBus}. {@link #streamData}, {@link #streamStopped} and {@link #deliverPendingEvents} are called from the
 * link clock thread only. The {@link WidgetGraph} view is read by {@link PinSignal} under the lock; its methods also
 * take the lock, so a test may read them from any thread.
 */
public final class DumpCodec implements EmulatedCodec, WidgetGraph
{
    /** A converter's stream format at power-on (a dump does not show it): 48 kHz, 16 bit, stereo. */
    public static final int POWER_ON_FORMAT = 0x0011;

    private static final int UNSOL_ENABLE = 1 << 7;
    private static final int UNSOL_TAG_SHIFT = 26;
    private static final int UNSOL_RES_PD = 1;
    private static final int UNSOL_RES_ELDV = 1 << 1;

    private final int address;
    private final DacOutput output;
    private final DumpVerbs nodes;
    private final DumpNode[] converters;
    private final boolean realtek;
    private final Object lock = new Object();
    private final PinSignal signal = new PinSignal();

    private CodecBus bus;
    private VerbObserver observer = VerbObserver.NONE;
    private int listenedPin;
    private long verbsExecuted;
    private long droppedStreamBytes;
    private long unsolicitedSent;

    /** Link clock thread only (written under the lock, read after it). */
    private boolean streaming;
    private boolean deliverStart;
    private boolean deliverStop;
    private int deliverPin;

    private DumpCodec(final CodecDump dump, final int address, final DacOutput output)
    {
        if (address < 0 || address > 14)
        {
            throw new IllegalArgumentException("codec address must be 0..14: " + address);
        }
        if (null == dump || null == output)
        {
            throw new IllegalArgumentException("a codec dump and a DAC output are required");
        }
        this.address = address;
        this.output = output;
        this.nodes = new DumpVerbs(dump);
        this.realtek = dump.vendorId() >>> 16 == 0x10ec;
        int count = 0;
        for (final DumpNode n : nodes.widgets())
        {
            count += n.type == WidgetDump.TYPE_AUDIO_OUTPUT ? 1 : 0;
        }
        this.converters = new DumpNode[count];
        int i = 0;
        for (final DumpNode n : nodes.widgets())
        {
            if (n.type == WidgetDump.TYPE_AUDIO_OUTPUT)
            {
                converters[i++] = n;
            }
        }
        this.listenedPin = OutputPins.defaultListenPin(dump).orElse(-1);
    }

    /**
     * A codec at the address its dump gives.
     *
     * @param dump the parsed codec.
     * @param out  where the listened pin's samples go; called from the link clock thread.
     * @return the codec, in its power-on state, listening at {@link OutputPins#defaultListenPin}.
     */
    public static DumpCodec create(final CodecDump dump, final DacOutput out)
    {
        return new DumpCodec(dump, dump.address(), out);
    }

    /**
     * A codec at a given address (for dumps whose codecs share an address because they sat on different
     * controllers).
     *
     * @param dump    the parsed codec.
     * @param address the codec address (CAd) 0 ... 14.
     * @param out     where the listened pin's samples go; called from the link clock thread.
     * @return the codec, in its power-on state, listening at {@link OutputPins#defaultListenPin}.
     */
    public static DumpCodec create(final CodecDump dump, final int address, final DacOutput out)
    {
        return new DumpCodec(dump, address, out);
    }

    /**
     * Listens at another output pin.
     *
     * @param pinNid an output-capable pin of this codec.
     * @throws IllegalArgumentException if the node is not an output-capable pin.
     */
    public void listen(final int pinNid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(pinNid);
            if (null == n || !n.pin() || (n.pinCaps & DumpNode.PINCAP_OUT) == 0)
            {
                throw new IllegalArgumentException("node " + pinNid + " is not an output pin");
            }
            listenedPin = pinNid;
        }
    }

    /** Listens at no pin: every stream's data is dropped (and counted), e.g. on an HDMI codec beside the analog one. */
    public void listenNone()
    {
        synchronized (lock)
        {
            listenedPin = -1;
        }
    }

    /**
     * The listened pin.
     *
     * @return its node id, or empty when none.
     */
    public OptionalInt listenedPin()
    {
        synchronized (lock)
        {
            return listenedPin < 0 ? OptionalInt.empty() : OptionalInt.of(listenedPin);
        }
    }

    /**
     * The dump this codec was built from.
     *
     * @return the parsed codec (immutable).
     */
    public CodecDump dump()
    {
        return nodes.codec();
    }

    /**
     * The codec's current state in the dump format: the original dump with every verb-settable value replaced by the
     * current one; {@link dev.azalia.hda.codec.dump.CodecDumpWriter} prints it.
     *
     * @return a snapshot (immutable).
     */
    public CodecDump toDump()
    {
        synchronized (lock)
        {
            return DumpStateWriter.write(nodes, address);
        }
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
     */
    @Override
    public void attach(final CodecBus newBus)
    {
        synchronized (lock)
        {
            this.bus = newBus;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void observe(final VerbObserver verbObserver)
    {
        synchronized (lock)
        {
            this.observer = null == verbObserver ? VerbObserver.NONE : verbObserver;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The CAd field is not checked (the controller routes by address).
     */
    @Override
    public int execute(final int verb)
    {
        final int nid = verb >>> 20 & 0xff;
        final boolean longVerb = (verb & 0x70000) == 0x70000;
        final int id = longVerb ? verb >>> 8 & 0xfff : verb >>> 16 & 0xf;
        final int payload = longVerb ? verb & 0xff : verb & 0xffff;
        synchronized (lock)
        {
            verbsExecuted++;
            final int response = nodes.execute(nid, id, payload);
            observer.onVerb(verb, response);
            return response;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns to the dump's state (see the class comment); converters that were receiving get their stop delivered
     * on the link thread.
     */
    @Override
    public void reset()
    {
        synchronized (lock)
        {
            nodes.reset();
            nodes.markSettingsReset();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Link clock thread only. Allocates nothing once the signal buffer has grown to the largest chunk.
     */
    @Override
    public void streamData(final int streamTag, final StreamFormat format, final byte[] data, final int offset,
        final int length, final long nanos)
    {
        int bytes = 0;
        StreamFormat pinFormat = format;
        synchronized (lock)
        {
            final boolean restart = takeStopPending();
            boolean matched = false;
            for (final DumpNode c : converters)
            {
                if (c.streamTag != 0 && c.streamTag == streamTag)
                {
                    matched = true;
                    c.receiving = true;
                }
            }
            collectStartStop(restart, matched);
            if (!matched || listenedPin < 0)
            {
                droppedStreamBytes += length;
            }
            else
            {
                bytes = signal.render(this, listenedPin, streamTag, format, data, offset, length);
                pinFormat = signal.format();
            }
        }
        deliverEvents(format);
        if (bytes > 0)
        {
            output.onSamples(address, deliverPin, pinFormat, signal.buffer(), 0, bytes, nanos);
        }
    }

    /**
     * The controller's stream with this tag stopped (RUN cleared): converters receiving it stop, and when none is
     * left receiving the output gets {@link DacOutput#onStreamStop}. Link clock thread only.
     *
     * @param streamTag the stream tag 1 ... 15.
     */
    public void streamStopped(final int streamTag)
    {
        synchronized (lock)
        {
            for (final DumpNode c : converters)
            {
                if (c.receiving && c.streamTag == streamTag)
                {
                    c.receiving = false;
                    c.stopPending = true;
                }
            }
        }
        deliverPendingEvents();
    }

    /**
     * Delivers the {@link DacOutput#onStreamStop} due since the last delivery (a converter's tag or format changed by
     * a verb or a reset). Link clock thread only.
     */
    public void deliverPendingEvents()
    {
        synchronized (lock)
        {
            collectStartStop(takeStopPending(), false);
        }
        deliverEvents(null);
    }

    /** Under the lock: whether a receiving converter's tag or format changed since the last delivery. */
    private boolean takeStopPending()
    {
        boolean pending = false;
        for (final DumpNode c : converters)
        {
            pending |= c.stopPending;
            c.stopPending = false;
        }
        return pending;
    }

    /** Under the lock: whether the output's stream stops and (re)starts now. */
    private void collectStartStop(final boolean restart, final boolean matched)
    {
        boolean receiving = false;
        for (final DumpNode c : converters)
        {
            receiving |= c.receiving;
        }
        deliverPin = listenedPin;
        deliverStop = streaming && (restart || !receiving);
        streaming &= !deliverStop;
        deliverStart = matched && !streaming && listenedPin >= 0;
        streaming |= deliverStart;
    }

    private void deliverEvents(final StreamFormat format)
    {
        if (deliverPin < 0)
        {
            return;
        }
        if (deliverStop)
        {
            output.onStreamStop(address, deliverPin);
        }
        if (deliverStart && null != format)
        {
            output.onStreamStart(address, deliverPin, format);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void jackEvent(final int pinNid, final boolean present)
    {
        plug(pinNid, present);
    }

    /**
     * A jack was plugged into or pulled out of a pin: updates its pin sense and, when the state changed and the pin's
     * unsolicited responses are enabled, sends {@code tag << 26 | PD} (and ELD-valid for an HDMI or DisplayPort pin)
     * to the attached {@link CodecBus}, outside the codec's lock.
     *
     * @param pinNid  a pin with presence detect.
     * @param present whether a jack is now plugged in.
     * @throws IllegalArgumentException if the node is not a presence-detect capable pin.
     */
    public void plug(final int pinNid, final boolean present)
    {
        final CodecBus target;
        final int response;
        synchronized (lock)
        {
            final DumpNode pin = pinWithSense(pinNid);
            if (pin.present == present)
            {
                return;
            }
            pin.present = present;
            nodes.bump();
            if ((pin.unsol & UNSOL_ENABLE) == 0 || null == bus)
            {
                return;
            }
            target = bus;
            final int flags = present ? UNSOL_RES_PD | (pin.hdmiOrDp(realtek) ? UNSOL_RES_ELDV : 0) : 0;
            response = (pin.unsol & 0x3f) << UNSOL_TAG_SHIFT | flags;
            unsolicitedSent++;
        }
        target.unsolicited(address, response);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean jackPresent(final int pinNid)
    {
        synchronized (lock)
        {
            return pinWithSense(pinNid).present;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int ampGain(final int nid, final boolean left)
    {
        synchronized (lock)
        {
            return ampValue(nid, left) & 0x7f;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean ampMuted(final int nid, final boolean left)
    {
        synchronized (lock)
        {
            return (ampValue(nid, left) & 0x80) != 0;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int powerState(final int nid)
    {
        synchronized (lock)
        {
            if (nid == nodes.afgNid() && nid != 0)
            {
                return nodes.afgPowerSet();
            }
            final DumpNode n = nodes.node(nid);
            if (null == n)
            {
                throw new IllegalArgumentException("no widget " + nid);
            }
            return nodes.actualPower(n);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long verbsExecuted()
    {
        synchronized (lock)
        {
            return verbsExecuted;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Includes {@link #missingNodeVerbs()}.
     */
    @Override
    public long unknownVerbs()
    {
        synchronized (lock)
        {
            return nodes.unknownVerbs();
        }
    }

    /**
     * Verbs addressed to a node id that is not in the dump (answered 0).
     *
     * @return count since creation.
     */
    public long missingNodeVerbs()
    {
        synchronized (lock)
        {
            return nodes.missingNodeVerbs();
        }
    }

    /**
     * Bytes of stream data dropped: no converter was bound to the tag, or no pin is listened.
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

    // ---- WidgetGraph ----

    /** {@inheritDoc} */
    @Override
    public int widgetType(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n ? -1 : n.type;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int widgetCaps(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n ? 0 : n.wcaps;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int[] connections(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n ? new int[0] : n.conn;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int selectedConnection(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n ? 0 : n.connSelect;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int ampCaps(final int nid, final boolean out)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n ? 0 : out ? n.ampOutCaps : n.ampInCaps;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int ampGain(final int nid, final boolean out, final int channel, final int index)
    {
        synchronized (lock)
        {
            return graphAmp(nid, out, channel, index) & 0x7f;
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean ampMuted(final int nid, final boolean out, final int channel, final int index)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            final int caps = null == n ? 0 : out ? n.ampOutCaps : n.ampInCaps;
            return caps < 0 && (graphAmp(nid, out, channel, index) & 0x80) != 0;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int actualPowerState(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n ? 0 : nodes.actualPower(n);
        }
    }

    /** {@inheritDoc} */
    @Override
    public int pinControl(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.pin() ? 0 : n.pinCtl;
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean eapd(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null != n && n.pin() && (n.eapd & 2) != 0;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int pinCaps(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.pin() ? 0 : n.pinCaps;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int converterStreamTag(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.converter() ? 0 : n.streamTag;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int converterChannel(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.converter() ? 0 : n.channel;
        }
    }

    /** {@inheritDoc} */
    @Override
    public int converterFormat(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.converter() ? 0 : n.format;
        }
    }

    /** {@inheritDoc} */
    @Override
    public long stateVersion()
    {
        synchronized (lock)
        {
            return nodes.version();
        }
    }

    private int graphAmp(final int nid, final boolean out, final int channel, final int index)
    {
        final DumpNode n = nodes.node(nid);
        if (null == n || channel < 0 || channel > 1 || index < 0)
        {
            return 0;
        }
        if (out)
        {
            return n.has(DumpNode.WCAP_OUT_AMP) && index < n.ampOutCount ? n.ampOut[index * 2 + channel] : 0;
        }
        return n.has(DumpNode.WCAP_IN_AMP) && index < n.ampInCount ? n.ampIn[index * 2 + channel] : 0;
    }

    private int ampValue(final int nid, final boolean left)
    {
        final DumpNode n = nodes.node(nid);
        if (null == n || !n.has(DumpNode.WCAP_IN_AMP) && !n.has(DumpNode.WCAP_OUT_AMP))
        {
            throw new IllegalArgumentException("node " + nid + " has no amp");
        }
        final int channel = left ? 0 : 1;
        return n.has(DumpNode.WCAP_OUT_AMP) ? n.ampOut[channel] : n.ampIn[channel];
    }

    private DumpNode pinWithSense(final int nid)
    {
        final DumpNode n = nodes.node(nid);
        if (null == n || !n.pin() || (n.pinCaps & DumpNode.PINCAP_DETECT) == 0)
        {
            throw new IllegalArgumentException("node " + nid + " is not a presence-detect capable pin");
        }
        return n;
    }
}

package dev.azalia.hda.codec.dumped;

import java.util.OptionalInt;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.CodecBus;
import dev.azalia.hda.codec.CodecPort;
import dev.azalia.hda.codec.ConverterStream;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.PortedCodec;
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
 * <p>Sample path ({@link ListenedPin}): the audio of the stream goes to one listened output pin ({@link #listen}; by
 * default the first of {@link OutputPins#inLinuxOrder}): under the lock the {@link PinSignal} renders what the widget
 * graph delivers at that pin, then outside the lock the {@link DacOutput} receives it with the pin as the node id.
 * Data for a tag no converter is bound to, or arriving while no pin is listened, is dropped and counted.
 * {@link DacOutput#onStreamStart} is delivered when the first converter starts receiving,
 * {@link DacOutput#onStreamStop} when receiving stops (a converter's tag or format changed by a verb or a reset, or
 * {@link #streamStopped}), always on the link clock thread. The converters' bindings, the verb path, the counters and
 * the unsolicited responses are the {@link CodecPort}'s, as in every emulated codec.
 *
 * <p>Threading: {@link #execute}, {@link #reset}, {@link #attach}, {@link #plug} and the read-backs may be called from
 * any thread; state is guarded by one lock (the port's) that is never held while calling the {@link DacOutput} or the
 * {@link CodecBus}. {@link #streamData}, {@link #streamStopped} and {@link #deliverPendingEvents} are called from the
 * link clock thread only. The {@link WidgetGraph} view ({@link DumpGraph}) is read by {@link PinSignal} under the
 * lock; its methods also take the lock, so a test may read them from any thread.
 */
public final class DumpCodec implements PortedCodec, WidgetGraph
{
    /** A converter's stream format at power-on (a dump does not show it): 48 kHz, 16 bit, stereo. */
    public static final int POWER_ON_FORMAT = 0x0011;

    private static final int UNSOL_RES_PD = 1;
    private static final int UNSOL_RES_ELDV = 1 << 1;

    private final DumpVerbs nodes;
    private final boolean realtek;
    private final CodecPort port;
    private final Object lock;
    private final DumpGraph graph;
    private final ListenedPin listened;

    private DumpCodec(final CodecDump dump, final int address, final DacOutput output)
    {
        if (null == dump)
        {
            throw new IllegalArgumentException("a codec dump is required");
        }
        this.nodes = new DumpVerbs(dump);
        this.realtek = dump.vendorId() >>> 16 == 0x10ec;
        int count = 0;
        for (final DumpNode n : nodes.widgets())
        {
            count += n.type == WidgetDump.TYPE_AUDIO_OUTPUT ? 1 : 0;
        }
        final ConverterStream[] converters = new ConverterStream[count];
        int i = 0;
        for (final DumpNode n : nodes.widgets())
        {
            if (n.type == WidgetDump.TYPE_AUDIO_OUTPUT)
            {
                converters[i++] = n.stream;
            }
        }
        this.port = new CodecPort(address, output, nodes, converters);
        this.lock = port.lock();
        this.graph = new DumpGraph(nodes, lock);
        this.listened = new ListenedPin(port, graph, OutputPins.defaultListenPin(dump).orElse(-1));
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
            listened.listen(pinNid);
        }
    }

    /** Listens at no pin: every stream's data is dropped (and counted), e.g. on an HDMI codec beside the analog one. */
    public void listenNone()
    {
        synchronized (lock)
        {
            listened.listen(-1);
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
            return listened.pin() < 0 ? OptionalInt.empty() : OptionalInt.of(listened.pin());
        }
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
            return DumpStateWriter.write(nodes, port.address());
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
        synchronized (lock)
        {
            listened.collect(streamTag, format, data, offset, length);
        }
        listened.deliver(nanos);
    }

    /**
     * Delivers the {@link DacOutput#onStreamStop} due since the last delivery (a converter's tag or format changed by
     * a verb or a reset). Link clock thread only.
     */
    @Override
    public void deliverPendingEvents()
    {
        synchronized (lock)
        {
            listened.collectStops();
        }
        listened.deliver(0);
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
            final DumpNode pin = graph.pinWithSense(pinNid);
            if (pin.present == present)
            {
                return;
            }
            pin.present = present;
            nodes.bump();
            target = port.unsolicitedTarget(pin.unsol);
            if (null == target)
            {
                return;
            }
            final int flags = present ? UNSOL_RES_PD | (pin.hdmiOrDp(realtek) ? UNSOL_RES_ELDV : 0) : 0;
            response = CodecPort.unsolicitedResponse(pin.unsol, flags);
        }
        target.unsolicited(port.address(), response);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean jackPresent(final int pinNid)
    {
        synchronized (lock)
        {
            return graph.pinWithSense(pinNid).present;
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
            return graph.ampValue(nid, left) & 0x7f;
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
            return (graph.ampValue(nid, left) & 0x80) != 0;
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

    // ---- WidgetGraph: the view every read of which takes the lock ----

    /** {@inheritDoc} */
    @Override
    public int widgetType(final int nid)
    {
        return graph.widgetType(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int widgetCaps(final int nid)
    {
        return graph.widgetCaps(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int[] connections(final int nid)
    {
        return graph.connections(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int selectedConnection(final int nid)
    {
        return graph.selectedConnection(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int ampCaps(final int nid, final boolean out)
    {
        return graph.ampCaps(nid, out);
    }

    /** {@inheritDoc} */
    @Override
    public int ampGain(final int nid, final boolean out, final int channel, final int index)
    {
        return graph.ampGain(nid, out, channel, index);
    }

    /** {@inheritDoc} */
    @Override
    public boolean ampMuted(final int nid, final boolean out, final int channel, final int index)
    {
        return graph.ampMuted(nid, out, channel, index);
    }

    /** {@inheritDoc} */
    @Override
    public int actualPowerState(final int nid)
    {
        return graph.actualPowerState(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int pinControl(final int nid)
    {
        return graph.pinControl(nid);
    }

    /** {@inheritDoc} */
    @Override
    public boolean eapd(final int nid)
    {
        return graph.eapd(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int pinCaps(final int nid)
    {
        return graph.pinCaps(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int converterStreamTag(final int nid)
    {
        return graph.converterStreamTag(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int converterChannel(final int nid)
    {
        return graph.converterChannel(nid);
    }

    /** {@inheritDoc} */
    @Override
    public int converterFormat(final int nid)
    {
        return graph.converterFormat(nid);
    }

    /** {@inheritDoc} */
    @Override
    public long stateVersion()
    {
        return graph.stateVersion();
    }
}

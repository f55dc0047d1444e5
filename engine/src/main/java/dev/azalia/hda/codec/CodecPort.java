package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;

/**
 * What every emulated codec shares on its side of the HD-Audio link: its address, the lock guarding its state, the
 * verbs in (decoded, counted, shown to the {@link VerbObserver}), the unsolicited responses out through the
 * {@link CodecBus}, and its output converters' streams: which converters a delivery of stream data reaches, when
 * each starts and stops receiving, and the {@link DacOutput} the samples leave through. What a codec makes of the
 * samples (amps, a rendered pin signal) stays with the codec.
 *
 * <p>Threading: {@link #execute}, {@link #attach}, {@link #observe}, {@link #stopReceiving} and the counters take the
 * lock themselves and may be called from any thread. The methods documented "under the lock" must be called holding
 * {@link #lock()}; those documented "outside the lock" are for the link clock thread after releasing it, so that the
 * {@link DacOutput} and the {@link CodecBus} are never called with the lock held.
 */
public final class CodecPort
{
    private final int address;
    private final DacOutput output;
    private final NodeVerbs nodes;
    private final ConverterStream[] outputs;
    private final Object lock = new Object();

    private CodecBus bus;
    private VerbObserver observer = VerbObserver.NONE;
    private long verbsExecuted;
    private long droppedStreamBytes;
    private long unsolicitedSent;

    /**
     * A port for one codec.
     *
     * @param address the codec address (CAd) 0 ... 14.
     * @param output  where the output converters' samples go; called from the link clock thread.
     * @param nodes   the codec's node state, which the verbs reach under the lock.
     * @param outputs the output converters' streams, in the order their events are delivered (not copied).
     * @throws IllegalArgumentException for an address out of range or a missing output.
     */
    public CodecPort(final int address, final DacOutput output, final NodeVerbs nodes,
        final ConverterStream[] outputs)
    {
        if (address < 0 || address > 14)
        {
            throw new IllegalArgumentException("codec address must be 0..14: " + address);
        }
        if (null == output || null == nodes || null == outputs)
        {
            throw new IllegalArgumentException("a DAC output, the node state and the output converters are required");
        }
        this.address = address;
        this.output = output;
        this.nodes = nodes;
        this.outputs = outputs;
    }

    /**
     * The codec address.
     *
     * @return the CAd 0 ... 14.
     */
    public int address()
    {
        return address;
    }

    /**
     * The lock that guards the codec's state (its nodes, its converters' streams and this port's counters).
     *
     * @return the monitor to synchronize on.
     */
    public Object lock()
    {
        return lock;
    }

    /**
     * Connects the codec to a bus for its unsolicited responses (replacing the previous one).
     *
     * @param newBus the bus, or null for none.
     */
    public void attach(final CodecBus newBus)
    {
        synchronized (lock)
        {
            this.bus = newBus;
        }
    }

    /**
     * Installs the observer that sees every executed verb and its response (replacing the previous one).
     *
     * @param verbObserver the observer, or {@link VerbObserver#NONE} (null counts as NONE).
     */
    public void observe(final VerbObserver verbObserver)
    {
        synchronized (lock)
        {
            this.observer = null == verbObserver ? VerbObserver.NONE : verbObserver;
        }
    }

    /**
     * Executes a command on the node state and shows it to the observer. The CAd field is not checked (the
     * controller routes by address).
     *
     * @param verb the 32-bit command word.
     * @return the response.
     */
    public int execute(final int verb)
    {
        final int nid = Verbs.nid(verb);
        final int id = Verbs.verbId(verb);
        final int payload = Verbs.payload(verb);
        synchronized (lock)
        {
            verbsExecuted++;
            final int response = nodes.execute(nid, id, payload);
            observer.onVerb(verb, response);
            return response;
        }
    }

    /**
     * Under the lock: whether a pin's state change goes out as an unsolicited response, and to which bus. Counts
     * the response when it does.
     *
     * @param unsolControl the pin's SET_UNSOLICITED_ENABLE value (enable bit 7, tag [5:0]).
     * @return the bus to send it to outside the lock, or null when the pin's responses are disabled or no bus is
     *     attached.
     */
    public CodecBus unsolicitedTarget(final int unsolControl)
    {
        if ((unsolControl & Verbs.UNSOL_ENABLE) == 0 || null == bus)
        {
            return null;
        }
        unsolicitedSent++;
        return bus;
    }

    /**
     * An unsolicited response word.
     *
     * @param unsolControl the pin's SET_UNSOLICITED_ENABLE value (tag [5:0]).
     * @param flags        the low bits (e.g. {@link Verbs#UNSOL_RES_PD}).
     * @return {@code tag << 26 | flags}.
     */
    public static int unsolicitedResponse(final int unsolControl, final int flags)
    {
        return (unsolControl & 0x3f) << Verbs.UNSOL_TAG_SHIFT | flags;
    }

    /**
     * Under the lock: snapshots one delivery of stream data over the output converters. Each converter's due stop
     * is taken; the converters bound to the tag are receiving from now on, and those that were not get their start
     * due (see {@link ConverterStream#bound()}, {@link ConverterStream#startDue()}).
     *
     * @param streamTag the delivered stream's tag 1 ... 15.
     * @return whether any output converter receives it.
     */
    public boolean bind(final int streamTag)
    {
        boolean any = false;
        for (final ConverterStream c : outputs)
        {
            any |= c.bind(streamTag);
        }
        return any;
    }

    /**
     * The controller's stream with this tag stopped (RUN cleared); every converter receiving it stops, its stop due
     * at the next delivery. Takes the lock.
     *
     * @param streamTag the stream tag 1 ... 15.
     */
    public void stopReceiving(final int streamTag)
    {
        synchronized (lock)
        {
            for (final ConverterStream c : outputs)
            {
                if (c.receiving && c.streamTag() == streamTag)
                {
                    c.stopReceiving();
                }
            }
        }
    }

    /**
     * Under the lock: snapshots the due stops only (a delivery without data).
     *
     * @return whether any output converter's stop is due.
     */
    public boolean takeStops()
    {
        boolean any = false;
        for (final ConverterStream c : outputs)
        {
            any |= c.takeStop();
        }
        return any;
    }

    /**
     * Under the lock, after a snapshot: whether any output converter's stop is due.
     *
     * @return whether a converter stopped receiving since the snapshot before.
     */
    public boolean anyStopDue()
    {
        for (final ConverterStream c : outputs)
        {
            if (c.stopDue)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Under the lock: whether any output converter is receiving a stream.
     *
     * @return whether one is.
     */
    public boolean anyReceiving()
    {
        for (final ConverterStream c : outputs)
        {
            if (c.receiving)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Under the lock: counts stream data the codec did not output (no converter bound, or nowhere to go).
     *
     * @param bytes the dropped length.
     */
    public void drop(final int bytes)
    {
        droppedStreamBytes += bytes;
    }

    /**
     * Outside the lock, link clock thread: each output converter whose stop is due in the snapshot gets
     * {@link DacOutput#onStreamStop}, in converter order, and its due stop is cleared.
     */
    public void deliverStops()
    {
        for (final ConverterStream c : outputs)
        {
            if (c.stopDue)
            {
                c.stopDue = false;
                output.onStreamStop(address, c.nid());
            }
        }
    }

    /**
     * Outside the lock, link clock thread: a node starts receiving.
     *
     * @param nid    the node the output is told (a converter, or the pin a codec renders).
     * @param format the format it will receive.
     */
    public void streamStart(final int nid, final StreamFormat format)
    {
        output.onStreamStart(address, nid, format);
    }

    /**
     * Outside the lock, link clock thread: a node stops receiving.
     *
     * @param nid the node the output is told.
     */
    public void streamStop(final int nid)
    {
        output.onStreamStop(address, nid);
    }

    /**
     * Outside the lock, link clock thread: samples leave the codec.
     *
     * @param nid    the node the output is told.
     * @param format their format.
     * @param pcm    little-endian PCM; valid only during the call.
     * @param offset first byte in {@code pcm}.
     * @param length bytes, a whole number of frames.
     * @param nanos  link clock time at which the controller fetched them.
     */
    public void samples(final int nid, final StreamFormat format, final byte[] pcm, final int offset,
        final int length, final long nanos)
    {
        output.onSamples(address, nid, format, pcm, offset, length, nanos);
    }

    /**
     * Commands executed (every call of {@link #execute}).
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
            return nodes.unknownVerbs();
        }
    }

    /**
     * Bytes of stream data {@link #drop dropped}.
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
     * Unsolicited responses sent (counted by {@link #unsolicitedTarget}).
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
}

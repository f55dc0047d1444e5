package dev.azalia.hda.codec.dumped;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.CodecPort;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.graph.PinSignal;
import dev.azalia.hda.codec.graph.WidgetGraph;

/**
 * The sample path of a {@link DumpCodec}: the one output pin that is listened, the {@link PinSignal} rendered there
 * from the widget graph, and the output's stream at that pin, which starts when the first output converter starts
 * receiving and stops when receiving stops (a converter's tag or format changed by a verb or a reset, or the
 * controller's stream stopped). Data for a tag no converter is bound to, or arriving while no pin is listened, is
 * dropped and counted in the {@link CodecPort}.
 *
 * <p>Not thread-safe: {@link #pin}, {@link #listen}, {@link #collect} and {@link #collectStops} are called under the
 * codec's lock, {@link #deliver} after it on the link clock thread, which alone runs collect-then-deliver.
 */
final class ListenedPin
{
    private final CodecPort port;
    private final WidgetGraph graph;
    private final PinSignal signal = new PinSignal();
    private int pin;

    /** Link clock thread only (written under the lock, read after it). */
    private boolean streaming;
    private boolean deliverStart;
    private boolean deliverStop;
    private int deliverPin;
    private int deliverBytes;
    private StreamFormat startFormat;
    private StreamFormat pinFormat;

    ListenedPin(final CodecPort port, final WidgetGraph graph, final int pin)
    {
        this.port = port;
        this.graph = graph;
        this.pin = pin;
    }

    /** The listened pin's node id, or -1 when none. */
    int pin()
    {
        return pin;
    }

    /** Listens at another pin (-1: none). */
    void listen(final int pinNid)
    {
        pin = pinNid;
    }

    /** Under the lock: one delivery of stream data; renders the pin's signal when a converter receives it. */
    void collect(final int streamTag, final StreamFormat format, final byte[] data, final int offset,
        final int length)
    {
        final boolean matched = port.bind(streamTag);
        startStop(port.anyStopDue(), matched);
        startFormat = format;
        deliverBytes = 0;
        if (!matched || pin < 0)
        {
            port.drop(length);
            return;
        }
        deliverBytes = signal.render(graph, pin, streamTag, format, data, offset, length);
        pinFormat = signal.format();
    }

    /** Under the lock: a delivery without data (only the stops due since the last one). */
    void collectStops()
    {
        startStop(port.takeStops(), false);
        startFormat = null;
        deliverBytes = 0;
    }

    /**
     * After the lock: the collected {@link DacOutput#onStreamStop} and {@link DacOutput#onStreamStart} (in the
     * stream's format), then the rendered samples (in the pin's format).
     */
    void deliver(final long nanos)
    {
        if (deliverPin >= 0)
        {
            if (deliverStop)
            {
                port.streamStop(deliverPin);
            }
            if (deliverStart && null != startFormat)
            {
                port.streamStart(deliverPin, startFormat);
            }
        }
        if (deliverBytes > 0)
        {
            port.samples(deliverPin, pinFormat, signal.buffer(), 0, deliverBytes, nanos);
        }
    }

    /** Under the lock: whether the output's stream stops and (re)starts now. */
    private void startStop(final boolean restart, final boolean matched)
    {
        final boolean receiving = port.anyReceiving();
        deliverPin = pin;
        deliverStop = streaming && (restart || !receiving);
        streaming &= !deliverStop;
        deliverStart = matched && !streaming && pin >= 0;
        streaming |= deliverStart;
    }
}

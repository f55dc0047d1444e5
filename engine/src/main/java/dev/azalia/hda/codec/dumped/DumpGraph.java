package dev.azalia.hda.codec.dumped;

import dev.azalia.hda.codec.graph.WidgetGraph;

/**
 * The {@link WidgetGraph} view of a {@link DumpCodec}'s node state, and the read-backs of single nodes the codec
 * answers from it. Every view method takes the codec's lock (reentrant: {@link dev.azalia.hda.codec.graph.PinSignal}
 * reads it while the codec holds the lock); the package-private helpers must be called under the lock.
 */
final class DumpGraph implements WidgetGraph
{
    private final DumpVerbs nodes;
    private final Object lock;

    DumpGraph(final DumpVerbs nodes, final Object lock)
    {
        this.nodes = nodes;
        this.lock = lock;
    }


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
            return null == n || !n.converter() ? 0 : n.stream.streamTag();
        }
    }

    /** {@inheritDoc} */
    @Override
    public int converterChannel(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.converter() ? 0 : n.stream.channel();
        }
    }

    /** {@inheritDoc} */
    @Override
    public int converterFormat(final int nid)
    {
        synchronized (lock)
        {
            final DumpNode n = nodes.node(nid);
            return null == n || !n.converter() ? 0 : n.stream.format();
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

    /** Under the lock: the first amp value (output amp, else input amp) of a channel; mute in bit 7. */
    int ampValue(final int nid, final boolean left)
    {
        final DumpNode n = nodes.node(nid);
        if (null == n || !n.has(DumpNode.WCAP_IN_AMP) && !n.has(DumpNode.WCAP_OUT_AMP))
        {
            throw new IllegalArgumentException("node " + nid + " has no amp");
        }
        final int channel = left ? 0 : 1;
        return n.has(DumpNode.WCAP_OUT_AMP) ? n.ampOut[channel] : n.ampIn[channel];
    }

    /** Under the lock: a pin with presence detect. */
    DumpNode pinWithSense(final int nid)
    {
        final DumpNode n = nodes.node(nid);
        if (null == n || !n.pin() || (n.pinCaps & DumpNode.PINCAP_DETECT) == 0)
        {
            throw new IllegalArgumentException("node " + nid + " is not a presence-detect capable pin");
        }
        return n;
    }
}

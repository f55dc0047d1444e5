package dev.azalia.hda.codec.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * A widget graph built in tests: widgets with their caps, connections and state, every change bumping the state
 * version. Amps start at 0 dB unmuted, widgets in D0, pins with pin control 0.
 */
final class TestGraph implements WidgetGraph
{
    /** Realtek-style DAC output amp: 0x57 steps of 0.75 dB, 0 dB at 0x57, no mute. */
    static final int DAC_AMP = 0x00025757;
    /** A mute-only amp (mixer inputs, pin outputs on Realtek codecs). */
    static final int MUTE_AMP = 0x80000000;
    /** QEMU-style amp: 1 dB steps, 0 dB at 0x4a, mute. */
    static final int DB_AMP = 0x80034a4a;
    /** Pin caps of an output-capable pin. */
    static final int PIN_OUT = 1 << 4;
    /** Pin caps bit: EAPD. */
    static final int PIN_EAPD = 1 << 16;

    private final Map<Integer, Widget> widgets = new HashMap<>();
    private long version = 1;
    private int afgPower;

    /** A widget and its state. */
    final class Widget
    {
        private int caps;
        private int[] connections = {};
        private int selected;
        private int inAmpCaps;
        private int outAmpCaps;
        private final int[][] inGain = new int[2][16];
        private final boolean[][] inMute = new boolean[2][16];
        private final int[] outGain = new int[2];
        private final boolean[] outMute = new boolean[2];
        private int power;
        private int pinControl;
        private boolean eapd;
        private int pinCaps;
        private int tag;
        private int channel;

        Widget connect(final int... nids)
        {
            connections = nids.clone();
            changed();
            return this;
        }

        Widget outAmp(final int ampCaps)
        {
            caps |= 1 << 2;
            outAmpCaps = ampCaps;
            outGain[0] = ampCaps & 0x7f;
            outGain[1] = ampCaps & 0x7f;
            changed();
            return this;
        }

        Widget inAmp(final int ampCaps)
        {
            caps |= 1 << 1;
            inAmpCaps = ampCaps;
            for (final int[] channelGains : inGain)
            {
                java.util.Arrays.fill(channelGains, ampCaps & 0x7f);
            }
            changed();
            return this;
        }

        Widget outGain(final int step)
        {
            outGain[0] = step;
            outGain[1] = step;
            changed();
            return this;
        }

        Widget inGain(final int index, final int step)
        {
            inGain[0][index] = step;
            inGain[1][index] = step;
            changed();
            return this;
        }

        Widget outMute(final int channel, final boolean mute)
        {
            outMute[channel] = mute;
            changed();
            return this;
        }

        Widget inMute(final int index, final boolean mute)
        {
            inMute[0][index] = mute;
            inMute[1][index] = mute;
            changed();
            return this;
        }

        Widget select(final int index)
        {
            selected = index;
            changed();
            return this;
        }

        Widget power(final int state)
        {
            power = state;
            changed();
            return this;
        }

        Widget pinControl(final int control)
        {
            pinControl = control;
            changed();
            return this;
        }

        Widget pinCaps(final int value)
        {
            pinCaps = value;
            changed();
            return this;
        }

        Widget eapd(final boolean on)
        {
            eapd = on;
            changed();
            return this;
        }

        Widget bind(final int streamTag, final int firstChannel)
        {
            tag = streamTag;
            channel = firstChannel;
            changed();
            return this;
        }
    }

    Widget add(final int nid, final int type, final boolean stereo)
    {
        final Widget widget = new Widget();
        widget.caps = type << 20 | (stereo ? 1 : 0);
        widgets.put(nid, widget);
        changed();
        return widget;
    }

    Widget dac(final int nid)
    {
        return add(nid, 0, true);
    }

    Widget mixer(final int nid)
    {
        return add(nid, 2, true);
    }

    Widget selector(final int nid)
    {
        return add(nid, 3, true);
    }

    /** A stereo output pin, output-capable, with OUT_EN set. */
    Widget outPin(final int nid)
    {
        return add(nid, 4, true).pinCaps(PIN_OUT).pinControl(0x40);
    }

    Widget widget(final int nid)
    {
        return widgets.get(nid);
    }

    void afgPower(final int state)
    {
        afgPower = state;
        changed();
    }

    void changed()
    {
        version++;
    }

    private Widget at(final int nid)
    {
        final Widget widget = widgets.get(nid);
        return widget != null ? widget : new Widget();
    }

    @Override
    public int widgetType(final int nid)
    {
        return widgets.containsKey(nid) ? (at(nid).caps >> 20) & 0xf : -1;
    }

    @Override
    public int widgetCaps(final int nid)
    {
        return at(nid).caps;
    }

    @Override
    public int[] connections(final int nid)
    {
        return at(nid).connections;
    }

    @Override
    public int selectedConnection(final int nid)
    {
        return at(nid).selected;
    }

    @Override
    public int ampCaps(final int nid, final boolean output)
    {
        return output ? at(nid).outAmpCaps : at(nid).inAmpCaps;
    }

    @Override
    public int ampGain(final int nid, final boolean output, final int channel, final int index)
    {
        return output ? at(nid).outGain[channel] : at(nid).inGain[channel][index];
    }

    @Override
    public boolean ampMuted(final int nid, final boolean output, final int channel, final int index)
    {
        final Widget widget = at(nid);
        if (((output ? widget.outAmpCaps : widget.inAmpCaps) & 0x80000000) == 0)
        {
            return false;
        }
        return output ? widget.outMute[channel] : widget.inMute[channel][index];
    }

    @Override
    public int actualPowerState(final int nid)
    {
        return Math.max(at(nid).power, afgPower);
    }

    @Override
    public int pinControl(final int nid)
    {
        return at(nid).pinControl;
    }

    @Override
    public boolean eapd(final int nid)
    {
        return at(nid).eapd;
    }

    @Override
    public int pinCaps(final int nid)
    {
        return at(nid).pinCaps;
    }

    @Override
    public int converterStreamTag(final int nid)
    {
        return at(nid).tag;
    }

    @Override
    public int converterChannel(final int nid)
    {
        return at(nid).channel;
    }

    @Override
    public int converterFormat(final int nid)
    {
        return 0x0011;
    }

    @Override
    public long stateVersion()
    {
        return version;
    }
}

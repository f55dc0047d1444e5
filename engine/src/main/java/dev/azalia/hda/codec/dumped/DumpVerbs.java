package dev.azalia.hda.codec.dumped;

import java.util.HashMap;
import java.util.Map;

import dev.azalia.hda.codec.NodeVerbs;
import dev.azalia.hda.codec.dump.AfgDump;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.GpioDump;
import dev.azalia.hda.codec.dump.ProcessingDump;
import dev.azalia.hda.codec.dump.WidgetDump;

/**
 * The node state of a {@link DumpCodec} and the verbs that read and change it (Linux's {@code hda_verbs.h} ids): the
 * root, the function groups and every widget. A verb whose id the node does not implement (vendor verbs included),
 * and any verb to a node that does not exist, answers 0 and is counted. Every SET bumps the state version.
 *
 * <p>Not thread-safe: the owning {@link DumpCodec} calls every method under its lock.
 */
final class DumpVerbs implements NodeVerbs
{
    static final int SET_FORMAT = 0x2;
    static final int SET_AMP = 0x3;
    static final int SET_PROC_COEF = 0x4;
    static final int SET_COEF_INDEX = 0x5;
    static final int GET_FORMAT = 0xa;
    static final int GET_AMP = 0xb;
    static final int GET_PROC_COEF = 0xc;
    static final int GET_COEF_INDEX = 0xd;
    static final int GET_PARAMETER = 0xf00;
    static final int SET_POWER_STATE = 0x705;
    static final int SET_CODEC_RESET = 0x7ff;

    /** GET_POWER_STATE flag bits. */
    static final int PS_ERROR = 1 << 8;
    static final int PS_CLK_STOP_OK = 1 << 9;
    static final int PS_SETTINGS_RESET = 1 << 10;
    /** Supported power states parameter bits. */
    static final int PS_CAP_CLKSTOP = 1 << 30;
    static final int PS_CAP_EPSS = 1 << 31;
    static final int D3 = 3;
    static final int D3COLD = 4;

    private final CodecDump codec;
    private final DumpParameters parameters;
    private final DumpNode[] nodes = new DumpNode[256];
    private final DumpNode[] widgets;
    private final int afgNid;
    private final int mfgNid;
    private final Map<Integer, Integer> coefficients = new HashMap<>();
    private final int gpioMask;

    private int afgPowerSet;
    private int afgPowerFlags;
    private final int[] gpio = new int[6];
    private int subsystemId;
    private long unknownVerbs;
    private long missingNodeVerbs;
    private long version;

    DumpVerbs(final CodecDump codec)
    {
        this.codec = codec;
        final AfgDump afg = codec.afg().orElse(null);
        this.afgNid = null == afg ? 0 : afg.nid().orElse(1);
        this.mfgNid = codec.modemFunctionGroup().orElse(0) == afgNid ? 0 : codec.modemFunctionGroup().orElse(0);
        this.parameters = new DumpParameters(codec, afgNid, mfgNid);
        this.gpioMask = parameters.gpioCount() >= 32 ? -1 : (1 << parameters.gpioCount()) - 1;
        this.widgets = new DumpNode[codec.widgets().size()];
        int i = 0;
        for (final WidgetDump w : codec.widgets())
        {
            final DumpNode n = new DumpNode(w, parameters.defaultAmpIn(), parameters.defaultAmpOut(),
                parameters.defaultPcmCaps());
            if (w.nid() > 0 && w.nid() < nodes.length && w.nid() != afgNid && null == nodes[w.nid()])
            {
                nodes[w.nid()] = n;
            }
            widgets[i++] = n;
        }
        for (final DumpNode n : widgets)
        {
            n.present = n.pin() && n.presentAtPowerOn();
        }
        reset();
    }

    CodecDump codec()
    {
        return codec;
    }

    DumpNode[] widgets()
    {
        return widgets;
    }

    DumpNode node(final int nid)
    {
        return nid >= 0 && nid < nodes.length ? nodes[nid] : null;
    }

    int afgNid()
    {
        return afgNid;
    }

    int afgPowerSet()
    {
        return afgPowerSet;
    }

    int afgPowerFlags()
    {
        return afgPowerFlags;
    }

    int gpio(final int select)
    {
        return gpio[select];
    }

    int subsystemId()
    {
        return subsystemId;
    }

    int coefficient(final int nid, final int index)
    {
        return coefficients.getOrDefault(nid << 16 | index, 0);
    }

    /** {@inheritDoc} */
    @Override
    public long unknownVerbs()
    {
        return unknownVerbs;
    }

    long missingNodeVerbs()
    {
        return missingNodeVerbs;
    }

    long version()
    {
        return version;
    }

    void bump()
    {
        version++;
    }

    /**
     * Power-on state: the function group's and every widget's state as the dump shows it. Jack presence is physical
     * and kept. The function group and each widget with EPSS report PS-SettingsReset until their next
     * SET_POWER_STATE (their settings were reset); the codec's lost settings include the coefficient registers.
     */
    void reset()
    {
        final AfgDump afg = codec.afg().orElse(null);
        final int power = null == afg ? 0 : afg.powerState().orElse(0);
        afgPowerSet = power & 0xf;
        afgPowerFlags = power & 0x700;
        final GpioDump g = null == afg ? null : afg.gpio().orElse(null);
        for (int s = 0; s < gpio.length; s++)
        {
            gpio[s] = null == g ? 0 : g.mask(s) & gpioMask;
        }
        subsystemId = codec.subsystemId();
        coefficients.clear();
        for (final DumpNode n : widgets)
        {
            n.reset();
            final ProcessingDump p = n.dump.processing().orElse(null);
            if (null != p)
            {
                for (int i = 0; i < p.coefficients().size(); i++)
                {
                    coefficients.put(n.nid << 16 | i, p.coefficients().get(i) & 0xffff);
                }
            }
        }
        version++;
    }

    /** Marks the settings reset on every node whose power states announce EPSS (after a link or function reset). */
    void markSettingsReset()
    {
        if ((parameters.afgPowerStates() & PS_CAP_EPSS) != 0)
        {
            afgPowerFlags |= PS_SETTINGS_RESET;
        }
        for (final DumpNode n : widgets)
        {
            if (n.has(DumpNode.WCAP_POWER) && (n.powerStates & PS_CAP_EPSS) != 0)
            {
                n.powerFlags |= PS_SETTINGS_RESET;
            }
        }
    }

    /**
     * A widget's actual power state: never more powered than the function group, which a widget without power
     * control follows.
     */
    int actualPower(final DumpNode n)
    {
        return Math.max(n.powerSet, afgPowerSet);
    }

    /** {@inheritDoc} */
    @Override
    public int execute(final int nid, final int verb, final int payload)
    {
        if (nid == 0)
        {
            return root(verb, payload);
        }
        if (nid == afgNid && afgNid != 0)
        {
            return audioGroup(verb, payload);
        }
        if (nid == mfgNid && mfgNid != 0)
        {
            return verb == GET_PARAMETER ? parameters.modemGroup(payload) : unknown();
        }
        final DumpNode n = node(nid);
        if (null == n)
        {
            missingNodeVerbs++;
            unknownVerbs++;
            return 0;
        }
        if (verb == GET_PARAMETER)
        {
            return DumpParameters.widget(n, payload);
        }
        final long r = WidgetVerbs.execute(this, n, verb, payload);
        return r == WidgetVerbs.NOT_HANDLED ? unknown() : (int)r;
    }

    int unknown()
    {
        unknownVerbs++;
        return 0;
    }

    private int root(final int verb, final int payload)
    {
        if (verb == GET_PARAMETER)
        {
            return parameters.root(payload);
        }
        return unknown();
    }

    private int audioGroup(final int verb, final int payload)
    {
        switch (verb)
        {
            case GET_PARAMETER:
                return parameters.audioGroup(payload);
            case 0xf05:
                return afgPowerFlags | afgPowerSet << 4 | afgPowerSet;
            case SET_POWER_STATE:
                version++;
                setAfgPower(payload & 0xf);
                return 0;
            case 0xf20:
                return subsystemId;
            case 0x720:
            case 0x721:
            case 0x722:
            case 0x723:
                version++;
                subsystemId = replaceByte(subsystemId, verb - 0x720, payload);
                return 0;
            case SET_CODEC_RESET:
                reset();
                markSettingsReset();
                return 0;
            default:
                break;
        }
        if (verb >= 0xf15 && verb <= 0xf1a)
        {
            return gpio[gpioSelect(verb - 0xf00)];
        }
        if (verb >= 0x715 && verb <= 0x71a)
        {
            version++;
            gpio[gpioSelect(verb - 0x700)] = payload & gpioMask;
            return 0;
        }
        return unknown();
    }

    private void setAfgPower(final int requested)
    {
        final boolean accepted = acceptsPower(parameters.afgPowerStates(), requested);
        afgPowerFlags = powerFlagsAfter(afgPowerFlags, parameters.afgPowerStates(), requested, accepted);
        if (accepted)
        {
            afgPowerSet = requested;
        }
    }

    /** Maps the GPIO verb's low byte (0x15 data ... 0x1a sticky) to {@link GpioDump#mask}'s selector. */
    private static int gpioSelect(final int low)
    {
        switch (low)
        {
            case 0x15:
                return 4;
            case 0x16:
                return 0;
            case 0x17:
                return 1;
            case 0x18:
                return 2;
            case 0x19:
                return 5;
            default:
                return 3;
        }
    }

    /**
     * Whether a node accepts a SET_POWER_STATE: the state must be one its power states parameter lists (a node that
     * lists none takes D0 ... D3).
     */
    static boolean acceptsPower(final int supported, final int requested)
    {
        final int states = (supported & 0x1f) == 0 ? 0xf : supported & 0x1f;
        return requested <= D3COLD && (states >>> requested & 1) != 0;
    }

    /**
     * The power-state flags after a SET_POWER_STATE. With EPSS: PS-Error when the state was refused (the setting
     * stays), else PS-Error and PS-SettingsReset cleared. PS-ClkStopOk when the node can stop the clock (CLKSTOP)
     * and is now in D3 or lower.
     */
    static int powerFlagsAfter(final int flags, final int supported, final int requested, final boolean accepted)
    {
        final boolean epss = (supported & PS_CAP_EPSS) != 0;
        if (!accepted)
        {
            return epss ? flags | PS_ERROR : flags;
        }
        final boolean clockStop = (supported & PS_CAP_CLKSTOP) != 0 && requested >= D3;
        return clockStop ? PS_CLK_STOP_OK : 0;
    }

    int coefficientAt(final DumpNode n)
    {
        return coefficient(n.nid, n.coefIndex);
    }

    void setCoefficient(final DumpNode n, final int value)
    {
        coefficients.put(n.nid << 16 | n.coefIndex, value & 0xffff);
    }

    static int replaceByte(final int word, final int byteIndex, final int value)
    {
        final int shift = byteIndex * 8;
        return word & ~(0xff << shift) | (value & 0xff) << shift;
    }
}

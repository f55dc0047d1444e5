package dev.azalia.hda.codec.dumped;

import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.FunctionGroupId;
import dev.azalia.hda.codec.dump.GpioDump;
import dev.azalia.hda.codec.dump.PcmCaps;
import dev.azalia.hda.codec.dump.WidgetDump;

/**
 * The answers to GET_PARAMETER (verb 0xF00) of a {@link DumpCodec}: the root's, the function groups' and each
 * widget's, all fixed by the dump. Package-private, immutable after construction.
 *
 * <p>A widget's amp caps parameter answers what the hardware answered when the dump was taken (the dump's own value,
 * 0 where it printed {@code N/A}); Linux itself falls back to the function group's defaults for a widget without
 * AMP_OVRD ({@code query_amp_caps}), as it does for the PCM parameters of a converter without FORMAT_OVRD
 * ({@code query_pcm_param}). A converter without FORMAT_OVRD has no PCM block in a dump, so its PCM parameters answer
 * the function group's defaults.
 */
final class DumpParameters
{
    static final int VENDOR_ID = 0x00;
    static final int SUBSYSTEM_ID = 0x01;
    static final int REVISION_ID = 0x02;
    static final int NODE_COUNT = 0x04;
    static final int FUNCTION_TYPE = 0x05;
    static final int AUDIO_FG_CAP = 0x08;
    static final int AUDIO_WIDGET_CAP = 0x09;
    static final int PCM = 0x0a;
    static final int STREAM = 0x0b;
    static final int PIN_CAP = 0x0c;
    static final int AMP_IN_CAP = 0x0d;
    static final int CONNLIST_LEN = 0x0e;
    static final int POWER_STATE = 0x0f;
    static final int PROC_CAP = 0x10;
    static final int GPIO_CAP = 0x11;
    static final int AMP_OUT_CAP = 0x12;
    static final int VOL_KNB_CAP = 0x13;

    /** Function group type bit 8: the group can send unsolicited responses. */
    static final int FG_UNSOL_CAPABLE = 1 << 8;
    /** Audio function group caps bit 16: a beep generator is present. */
    static final int AFG_BEEP_GEN = 1 << 16;

    private final CodecDump codec;
    private final int afgNid;
    private final int mfgNid;
    private final int firstWidget;
    private final int widgetCount;
    private final int afgType;
    private final int afgCaps;
    private final int defaultPcm;
    private final int defaultStream;
    private final int defaultAmpIn;
    private final int defaultAmpOut;
    private final int afgPowerStates;
    private final int gpioCaps;

    DumpParameters(final CodecDump codec, final int afgNid, final int mfgNid)
    {
        this.codec = codec;
        this.afgNid = afgNid;
        this.mfgNid = mfgNid;
        int first = 0;
        int last = -1;
        boolean beep = false;
        boolean unsol = false;
        for (final WidgetDump w : codec.widgets())
        {
            first = last < 0 ? w.nid() : Math.min(first, w.nid());
            last = Math.max(last, w.nid());
            beep |= w.type() == WidgetDump.TYPE_BEEP;
            unsol |= w.hasCap(7);
        }
        this.firstWidget = first;
        this.widgetCount = last < 0 ? 0 : last - first + 1;
        final FunctionGroupId id = codec.afgFunctionId().orElse(null);
        final boolean unsolCapable = null == id ? unsol : id.unsolicited().orElse(unsol ? 1 : 0) != 0;
        this.afgType = (null == id ? 1 : id.type()) | (unsolCapable ? FG_UNSOL_CAPABLE : 0);
        this.afgCaps = beep ? AFG_BEEP_GEN : 0;
        final PcmCaps pcm = codec.afg().flatMap(a -> a.defaultPcm()).orElse(PcmCaps.NOT_AVAILABLE);
        this.defaultPcm = pcm.available() ? pcm.pcmParameter() : 0;
        this.defaultStream = pcm.available() ? pcm.streamParameter() : 0;
        this.defaultAmpIn = codec.afg().map(a -> a.defaultAmpInCaps()).orElse(0);
        this.defaultAmpOut = codec.afg().map(a -> a.defaultAmpOutCaps()).orElse(0);
        this.afgPowerStates = codec.afg().map(a -> a.powerStates().orElse(0xf)).orElse(0);
        this.gpioCaps = codec.afg().flatMap(a -> a.gpio()).map(GpioDump::caps).orElse(0);
    }

    int defaultAmpIn()
    {
        return defaultAmpIn == -1 ? 0 : defaultAmpIn;
    }

    int defaultAmpOut()
    {
        return defaultAmpOut == -1 ? 0 : defaultAmpOut;
    }

    PcmCaps defaultPcmCaps()
    {
        return new PcmCaps(defaultPcm, defaultStream);
    }

    int afgPowerStates()
    {
        return afgPowerStates;
    }

    int gpioCount()
    {
        return gpioCaps & 0xff;
    }

    int root(final int parameter)
    {
        switch (parameter)
        {
            case VENDOR_ID:
                return codec.vendorId();
            case SUBSYSTEM_ID:
                return codec.subsystemId();
            case REVISION_ID:
                return codec.revisionId();
            case NODE_COUNT:
                if (afgNid > 0 && mfgNid > 0)
                {
                    return Math.min(afgNid, mfgNid) << 16 | Math.abs(afgNid - mfgNid) + 1;
                }
                return Math.max(afgNid, mfgNid) > 0 ? Math.max(afgNid, mfgNid) << 16 | 1 : 0;
            default:
                return 0;
        }
    }

    int modemGroup(final int parameter)
    {
        if (parameter == FUNCTION_TYPE)
        {
            final FunctionGroupId id = codec.mfgFunctionId().orElse(null);
            final int type = null == id ? 2 : id.type();
            return type | (null != id && id.unsolicited().orElse(0) != 0 ? FG_UNSOL_CAPABLE : 0);
        }
        return parameter == SUBSYSTEM_ID ? codec.subsystemId() : 0;
    }

    int audioGroup(final int parameter)
    {
        switch (parameter)
        {
            case SUBSYSTEM_ID:
                return codec.subsystemId();
            case NODE_COUNT:
                return firstWidget << 16 | widgetCount;
            case FUNCTION_TYPE:
                return afgType;
            case AUDIO_FG_CAP:
                return afgCaps;
            case PCM:
                return defaultPcm;
            case STREAM:
                return defaultStream;
            case AMP_IN_CAP:
                return defaultAmpIn();
            case AMP_OUT_CAP:
                return defaultAmpOut();
            case POWER_STATE:
                return afgPowerStates;
            case GPIO_CAP:
                return gpioCaps;
            default:
                return 0;
        }
    }

    static int widget(final DumpNode n, final int parameter)
    {
        switch (parameter)
        {
            case AUDIO_WIDGET_CAP:
                return n.wcaps;
            case PCM:
                return n.pcmParameter;
            case STREAM:
                return n.streamParameter;
            case PIN_CAP:
                return n.pinCaps;
            case AMP_IN_CAP:
                return n.has(DumpNode.WCAP_IN_AMP) ? n.ampInCapsRaw : 0;
            case AMP_OUT_CAP:
                return n.has(DumpNode.WCAP_OUT_AMP) ? n.ampOutCapsRaw : 0;
            case CONNLIST_LEN:
                return n.has(DumpNode.WCAP_CONN_LIST) ? (n.longForm ? 0x80 : 0) | n.conn.length & 0x7f : 0;
            case POWER_STATE:
                return n.powerStates;
            case PROC_CAP:
                return n.processingCaps;
            case VOL_KNB_CAP:
                return n.volumeKnobCaps;
            default:
                return 0;
        }
    }
}

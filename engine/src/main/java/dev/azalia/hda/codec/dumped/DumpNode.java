package dev.azalia.hda.codec.dumped;

import dev.azalia.hda.codec.ConverterStream;
import dev.azalia.hda.codec.dump.AmpDump;
import dev.azalia.hda.codec.dump.AmpValues;
import dev.azalia.hda.codec.dump.ConnectionList;
import dev.azalia.hda.codec.dump.PcmCaps;
import dev.azalia.hda.codec.dump.PinConfig;
import dev.azalia.hda.codec.dump.WidgetDump;

/**
 * One widget of a {@link DumpCodec}: its fixed capabilities (from the dump) and its verb state, which starts at, and
 * {@link #reset() resets to}, the values the dump shows. Package-private; every field is guarded by the owning
 * codec's lock.
 */
final class DumpNode
{
    /** Widget capability bits (parameter 0x09). */
    static final int WCAP_STEREO = 1;
    static final int WCAP_IN_AMP = 1 << 1;
    static final int WCAP_OUT_AMP = 1 << 2;
    static final int WCAP_AMP_OVRD = 1 << 3;
    static final int WCAP_FORMAT_OVRD = 1 << 4;
    static final int WCAP_STRIPE = 1 << 5;
    static final int WCAP_PROC = 1 << 6;
    static final int WCAP_UNSOL = 1 << 7;
    static final int WCAP_CONN_LIST = 1 << 8;
    static final int WCAP_DIGITAL = 1 << 9;
    static final int WCAP_POWER = 1 << 10;

    /** Pin capability bits (parameter 0x0c). */
    static final int PINCAP_DETECT = 1 << 2;
    static final int PINCAP_OUT = 1 << 4;
    static final int PINCAP_HDMI = 1 << 7;
    static final int PINCAP_DP = 1 << 24;

    final WidgetDump dump;
    final int nid;
    final int type;
    final int wcaps;
    final int pinCaps;
    /** The amp caps parameters as the hardware answered them (the dump's own values, 0 for N/A). */
    final int ampInCapsRaw;
    final int ampOutCapsRaw;
    /** The caps that apply: the widget's own with AMP_OVRD, else the function group's defaults. */
    final int ampInCaps;
    final int ampOutCaps;
    final int pcmParameter;
    final int streamParameter;
    final int[] conn;
    final boolean longForm;
    final int powerStates;
    final int processingCaps;
    final int volumeKnobCaps;
    /** Whether the dump marked a current connection ({@code *}). */
    final boolean dumpMarksSelection;

    /** Amp values per index: [index * 2 + channel], bit 7 mute, bits 6:0 gain. */
    final int[] ampIn;
    final int[] ampOut;
    final int ampInCount;
    final int ampOutCount;

    int connSelect;
    boolean selectionSet;
    int pinCtl;
    int eapd;
    int unsol;
    int powerSet;
    /** PS-Error, PS-ClkStopOk and PS-SettingsReset (bits 8 ... 10 of GET_POWER_STATE). */
    int powerFlags;
    int digital;
    int sdiSelect;
    int configDefault;
    int volumeKnob;
    int beep;
    int channelCount;
    int stripe;
    int processingState;
    int coefIndex;
    boolean present;
    /** The stream binding (meaningful for a converter only). */
    final ConverterStream stream;

    DumpNode(final WidgetDump w, final int defaultAmpIn, final int defaultAmpOut, final PcmCaps defaultPcm)
    {
        this.dump = w;
        this.nid = w.nid();
        this.type = w.type();
        this.wcaps = w.wcaps();
        this.pinCaps = w.pinCaps().orElse(0);
        this.ampInCapsRaw = w.ampIn().map(AmpDump::caps).orElse(0);
        this.ampOutCapsRaw = w.ampOut().map(AmpDump::caps).orElse(0);
        final boolean ampOverride = (wcaps & WCAP_AMP_OVRD) != 0;
        this.ampInCaps = (wcaps & WCAP_IN_AMP) == 0 ? 0 : ampOverride ? ampInCapsRaw : defaultAmpIn;
        this.ampOutCaps = (wcaps & WCAP_OUT_AMP) == 0 ? 0 : ampOverride ? ampOutCapsRaw : defaultAmpOut;
        final boolean converter = type == WidgetDump.TYPE_AUDIO_OUTPUT || type == WidgetDump.TYPE_AUDIO_INPUT;
        final PcmCaps pcm = (wcaps & WCAP_FORMAT_OVRD) != 0 || !converter
            ? w.pcm().orElse(null)
            : defaultPcm;
        this.pcmParameter = null == pcm || !pcm.available() ? 0 : pcm.pcmParameter();
        this.streamParameter = null == pcm || !pcm.available() ? 0 : pcm.streamParameter();
        this.conn = w.connectionNids().stream().mapToInt(Integer::intValue).toArray();
        boolean wide = false;
        for (final int c : conn)
        {
            wide |= c > 0x7f;
        }
        this.longForm = wide;
        this.powerStates = w.powerStates().orElse((wcaps & WCAP_POWER) != 0 && w.powerState().isEmpty() ? 0xf : 0);
        this.processingCaps = w.processing().map(p -> p.caps()).orElse(0);
        this.volumeKnobCaps = w.volumeKnob().map(k -> k.caps()).orElse(0);
        this.dumpMarksSelection = w.connections().map(ConnectionList::selected).orElse(-1) >= 0;
        this.ampInCount = Math.max(1, Math.max(conn.length, w.ampIn().map(a -> a.values().count()).orElse(0)));
        this.ampOutCount = Math.max(1, w.ampOut().map(a -> a.values().count()).orElse(0));
        this.ampIn = new int[ampInCount * 2];
        this.ampOut = new int[ampOutCount * 2];
        this.stream = new ConverterStream(nid, 0, 0, DumpCodec.POWER_ON_FORMAT);
        reset();
    }

    /** Returns every verb-settable field to the dump's value (jack presence is physical and is not touched). */
    void reset()
    {
        loadAmp(ampIn, dump.ampIn().map(AmpDump::values).orElse(AmpValues.NONE));
        loadAmp(ampOut, dump.ampOut().map(AmpDump::values).orElse(AmpValues.NONE));
        connSelect = Math.max(0, dump.connections().map(ConnectionList::selected).orElse(0));
        selectionSet = false;
        pinCtl = dump.pinControls().orElse(0);
        eapd = dump.eapd().orElse(0);
        unsol = dump.unsolicited().orElse(0) & 0xbf;
        final int power = dump.powerState().orElse(0);
        powerSet = power & 0xf;
        powerFlags = power & 0x700;
        stream.reset(dump.converter().orElse(0) >>> 4 & 0xf, dump.converter().orElse(0) & 0xf,
            DumpCodec.POWER_ON_FORMAT);
        digital = dump.digital().orElse(0);
        sdiSelect = dump.sdiSelect().orElse(0);
        configDefault = dump.pinDefault().orElse(0);
        volumeKnob = dump.volumeKnob().map(k -> k.control()).orElse(0);
        beep = 0;
        channelCount = Math.min(dump.channels(), 2) - 1;
        stripe = 0;
        processingState = 0;
        coefIndex = 0;
    }

    private static void loadAmp(final int[] values, final AmpValues v)
    {
        java.util.Arrays.fill(values, 0);
        for (int i = 0; i < v.count() && i * 2 + 1 < values.length; i++)
        {
            values[i * 2] = v.value(i, 0) & 0xff;
            values[i * 2 + 1] = v.value(i, v.stereo() ? 1 : 0) & 0xff;
        }
    }

    boolean pin()
    {
        return type == WidgetDump.TYPE_PIN;
    }

    boolean converter()
    {
        return type == WidgetDump.TYPE_AUDIO_OUTPUT || type == WidgetDump.TYPE_AUDIO_INPUT;
    }

    boolean has(final int wcapBit)
    {
        return (wcaps & wcapBit) != 0;
    }

    /** Whether the pin carries HDMI or DisplayPort (its pin sense then also reports ELD valid). */
    boolean hdmiOrDp(final boolean realtek)
    {
        return (pinCaps & PINCAP_DP) != 0 || !realtek && (pinCaps & PINCAP_HDMI) != 0;
    }

    /** Jack presence at power-on from the default configuration: fixed devices present, jacks and N/A absent. */
    boolean presentAtPowerOn()
    {
        return new PinConfig(dump.pinDefault().orElse(0)).connectivity() == PinConfig.CONNECTIVITY_FIXED;
    }
}

package dev.azalia.hda.codec;

/**
 * One widget of the emulated codec: fixed capabilities plus its verb state. Package-private; every field is guarded
 * by the owning {@link HdaCodec}'s lock except the {@code deliver*} snapshot (and the stream's), which the link clock
 * thread takes under the lock and uses after it.
 */
final class CodecWidget
{
    final int nid;
    final int caps;
    final int pinCaps;
    final int ampOutCaps;
    final int ampInCaps;
    final int[] conn;
    final int configDefault;
    final int defaultPinCtl;
    /** Power-on gain of the input amp (QEMU starts its ADC's input amp at step 0, its DAC's output amp at 0 dB). */
    final int defaultInGain;

    final int[] outGain = new int[2];
    final boolean[] outMute = new boolean[2];
    final int[] inGain = new int[2];
    final boolean[] inMute = new boolean[2];
    int powerSet;
    int pinCtl;
    int unsol;
    int eapd;
    int digi1;
    int digi2;
    boolean present;
    /** The stream binding (meaningful for a converter only). */
    final ConverterStream stream;

    boolean deliverPowered;
    long deliverLeft;
    long deliverRight;

    CodecWidget(final int nid, final int caps, final int pinCaps, final int ampOutCaps, final int ampInCaps,
        final int[] conn, final int configDefault, final int defaultPinCtl, final int defaultInGain)
    {
        this.nid = nid;
        this.caps = caps;
        this.pinCaps = pinCaps;
        this.ampOutCaps = ampOutCaps;
        this.ampInCaps = ampInCaps;
        this.conn = conn;
        this.configDefault = configDefault;
        this.defaultPinCtl = defaultPinCtl;
        this.defaultInGain = defaultInGain;
        this.stream = new ConverterStream(nid, 0, 0, HdaCodec.DEFAULT_FORMAT);
    }

    int type()
    {
        return (caps >>> Verbs.WCAP_TYPE_SHIFT) & 0xf;
    }

    boolean converter()
    {
        return type() == Verbs.WID_AUD_OUT || type() == Verbs.WID_AUD_IN;
    }

    boolean dac()
    {
        return type() == Verbs.WID_AUD_OUT;
    }

    boolean pin()
    {
        return type() == Verbs.WID_PIN;
    }

    boolean powerControl()
    {
        return (caps & Verbs.WCAP_POWER) != 0;
    }

    /** Power-on state; jack presence is physical and kept. */
    void reset()
    {
        for (int ch = 0; ch < 2; ch++)
        {
            outGain[ch] = AmpGain.UNITY;
            outMute[ch] = false;
            inGain[ch] = defaultInGain;
            inMute[ch] = false;
        }
        powerSet = Verbs.PS_D0;
        pinCtl = defaultPinCtl;
        unsol = 0;
        eapd = (pinCaps & Verbs.PINCAP_EAPD) != 0 ? 0x2 : 0;
        digi1 = 0;
        digi2 = 0;
        stream.reset(0, 0, HdaCodec.DEFAULT_FORMAT);
    }
}

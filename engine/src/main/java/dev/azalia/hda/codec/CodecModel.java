package dev.azalia.hda.codec;

/**
 * The built-in codec layouts. Each builds a fresh widget table; the identities and capability words are what the
 * codec answers to the parameter verbs.
 *
 * <p>Immutable; thread-safe.
 */
public enum CodecModel
{
    /**
     * QEMU's {@code hda-duplex} as a Linux 6.1 capture reads it: vendor and subsystem 0x1af40022, revision
     * 0x00100101; function group 1 (type 1, no power-state bits, PCM 0x000201fc); DAC 2 (wcaps 0x1d, output amp
     * 0x80034a4a), line-out pin 3 (wcaps 0x400101, pin caps OUT, default configuration 0x00004010, connection {2}),
     * ADC 4 (wcaps 0x0010011b, input amp 0x80034a4a, connection {5}), line-in pin 5 (wcaps 0x400001, pin caps IN,
     * default configuration 0x00805020). No widget has power control, presence detect or EAPD.
     */
    QEMU_DUPLEX(HdaCodec.DUPLEX_VENDOR_ID, HdaCodec.DUPLEX_VENDOR_ID, 0x1, 0, HdaCodec.QEMU_PCM_CAPS, 0),

    /**
     * The output model with the features Linux exercises around suspend and jacks: vendor 0x1af40012, DAC 2 and
     * output pin 3 with power control, presence detect (a jack is plugged in at power-on), EAPD and unsolicited
     * responses; function group with D0-D3 power states.
     */
    JACK_OUTPUT(HdaCodec.OUTPUT_VENDOR_ID, HdaCodec.SUBSYSTEM_ID, 0x101, 0x00000808, HdaCodec.PCM_CAPS, 0xf),

    /**
     * {@link #JACK_OUTPUT} plus QEMU's capture side: ADC 4 (input amp, connection {5}) and line-in pin 5, both with
     * power control. For runs that need jack events and a mixer control off the playback path (the capture volume).
     */
    JACK_DUPLEX(HdaCodec.JACK_DUPLEX_VENDOR_ID, HdaCodec.SUBSYSTEM_ID, 0x101, 0x00000808, HdaCodec.PCM_CAPS, 0xf);

    private final int vendorId;
    private final int subsystemId;
    private final int functionType;
    private final int functionGroupCaps;
    private final int pcmCaps;
    private final int powerStates;

    CodecModel(final int vendorId, final int subsystemId, final int functionType, final int functionGroupCaps,
        final int pcmCaps, final int powerStates)
    {
        this.vendorId = vendorId;
        this.subsystemId = subsystemId;
        this.functionType = functionType;
        this.functionGroupCaps = functionGroupCaps;
        this.pcmCaps = pcmCaps;
        this.powerStates = powerStates;
    }

    /**
     * The vendor/device id (root parameter 0).
     *
     * @return e.g. {@code 0x1af40022}.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * The subsystem id (root and function group parameter 1, verb F20).
     *
     * @return the id.
     */
    public int subsystemId()
    {
        return subsystemId;
    }

    int functionType()
    {
        return functionType;
    }

    int functionGroupCaps()
    {
        return functionGroupCaps;
    }

    int pcmCaps()
    {
        return pcmCaps;
    }

    int powerStates()
    {
        return powerStates;
    }

    /** A fresh widget table indexed by NID (0 and 1 unused). */
    CodecWidget[] widgets()
    {
        if (this == QEMU_DUPLEX)
        {
            final CodecWidget[] w = new CodecWidget[6];
            w[HdaCodec.DAC_NID] = new CodecWidget(HdaCodec.DAC_NID,
                Verbs.WID_AUD_OUT << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_FORMAT_OVRD | Verbs.WCAP_AMP_OVRD
                    | Verbs.WCAP_OUT_AMP | Verbs.WCAP_STEREO,
                0, HdaCodec.AMP_CAPS, 0, new int[0], 0, 0, AmpGain.UNITY);
            w[HdaCodec.OUT_PIN_NID] = new CodecWidget(HdaCodec.OUT_PIN_NID,
                Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_CONN_LIST | Verbs.WCAP_STEREO,
                Verbs.PINCAP_OUT, 0, 0, new int[] {HdaCodec.DAC_NID}, 0x00004010, Verbs.PINCTL_OUT_EN, 0);
            w[HdaCodec.ADC_NID] = new CodecWidget(HdaCodec.ADC_NID,
                Verbs.WID_AUD_IN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_CONN_LIST | Verbs.WCAP_FORMAT_OVRD
                    | Verbs.WCAP_AMP_OVRD | Verbs.WCAP_IN_AMP | Verbs.WCAP_STEREO,
                0, 0, HdaCodec.AMP_CAPS, new int[] {HdaCodec.IN_PIN_NID}, 0, 0, 0);
            w[HdaCodec.IN_PIN_NID] = new CodecWidget(HdaCodec.IN_PIN_NID,
                Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_STEREO,
                Verbs.PINCAP_IN, 0, 0, new int[0], 0x00805020, Verbs.PINCTL_IN_EN, 0);
            return w;
        }
        final CodecWidget[] w = new CodecWidget[this == JACK_DUPLEX ? 6 : 4];
        if (this == JACK_DUPLEX)
        {
            w[HdaCodec.ADC_NID] = new CodecWidget(HdaCodec.ADC_NID,
                Verbs.WID_AUD_IN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_CONN_LIST | Verbs.WCAP_FORMAT_OVRD
                    | Verbs.WCAP_AMP_OVRD | Verbs.WCAP_IN_AMP | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
                0, 0, HdaCodec.AMP_CAPS, new int[] {HdaCodec.IN_PIN_NID}, 0, 0, AmpGain.UNITY);
            w[HdaCodec.IN_PIN_NID] = new CodecWidget(HdaCodec.IN_PIN_NID,
                Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
                Verbs.PINCAP_IN, 0, 0, new int[0], 0x00805020, Verbs.PINCTL_IN_EN, 0);
        }
        w[HdaCodec.DAC_NID] = new CodecWidget(HdaCodec.DAC_NID,
            Verbs.WID_AUD_OUT << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_FORMAT_OVRD | Verbs.WCAP_AMP_OVRD
                | Verbs.WCAP_OUT_AMP | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
            0, HdaCodec.AMP_CAPS, 0, new int[0], 0, 0, AmpGain.UNITY);
        w[HdaCodec.OUT_PIN_NID] = new CodecWidget(HdaCodec.OUT_PIN_NID,
            Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT | Verbs.WCAP_CONN_LIST | Verbs.WCAP_UNSOL_CAP
                | Verbs.WCAP_STEREO | Verbs.WCAP_POWER,
            Verbs.PINCAP_PRES_DETECT | Verbs.PINCAP_HP_DRV | Verbs.PINCAP_OUT | Verbs.PINCAP_EAPD,
            0, 0, new int[] {HdaCodec.DAC_NID}, 0x00004010, Verbs.PINCTL_OUT_EN, AmpGain.UNITY);
        w[HdaCodec.OUT_PIN_NID].present = true;
        return w;
    }
}

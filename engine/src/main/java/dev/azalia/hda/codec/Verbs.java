package dev.azalia.hda.codec;

/**
 * HD-Audio codec verbs: identifiers, parameter ids, bit fields, and the 32-bit command encoding.
 *
 * <p>A command is CAd [31:28], NID [27:20] and a 20-bit verb field [19:0]. When bits [18:16] of that field are all
 * set the verb is a 12-bit id [19:8] followed by 8 bits of data [7:0] (the ids 0x7xx and 0xFxx); otherwise it is a
 * 4-bit id [19:16] followed by 16 bits of data [15:0] (e.g. SET_STREAM_FORMAT 0x2, SET_AMP_GAIN_MUTE 0x3).
 *
 * <p>Stateless; every method is thread-safe.
 */
public final class Verbs
{
    /** 4-bit verb: set the converter stream format (16-bit payload, the SDnFMT word). */
    public static final int SET_STREAM_FORMAT = 0x2;
    /** 4-bit verb: set amp gain and mute (16-bit payload, see the {@code AMP_SET_*} bits). */
    public static final int SET_AMP_GAIN_MUTE = 0x3;
    /** 4-bit verb: read the converter stream format. */
    public static final int GET_STREAM_FORMAT = 0xA;
    /** 4-bit verb: read one amp's gain and mute (payload: {@code AMP_GET_*} bits and index [3:0]). */
    public static final int GET_AMP_GAIN_MUTE = 0xB;

    /** Read a parameter (payload: the parameter id, {@code PAR_*}). */
    public static final int GET_PARAMETER = 0xF00;
    /** Read the connection selection. */
    public static final int GET_CONNECT_SEL = 0xF01;
    /** Read up to four connection list entries starting at the index in the payload. */
    public static final int GET_CONNECT_LIST = 0xF02;
    /** Read the power state: set [3:0], actual [7:4]. */
    public static final int GET_POWER_STATE = 0xF05;
    /** Read the converter's stream tag [7:4] and lowest channel [3:0]. */
    public static final int GET_CONV = 0xF06;
    /** Read the pin widget control. */
    public static final int GET_PIN_WIDGET_CONTROL = 0xF07;
    /** Read the unsolicited response control: enable bit 7, tag [5:0]. */
    public static final int GET_UNSOLICITED_RESPONSE = 0xF08;
    /** Read the pin sense: presence detect in bit 31. */
    public static final int GET_PIN_SENSE = 0xF09;
    /** Read the EAPD/BTL enable byte. */
    public static final int GET_EAPD_BTLENABLE = 0xF0C;
    /** Read the digital converter control: DIGI_CONVERT_1 in [7:0], DIGI_CONVERT_2 in [15:8]. */
    public static final int GET_DIGI_CONVERT_1 = 0xF0D;
    /** Read a pin's configuration default. */
    public static final int GET_CONFIG_DEFAULT = 0xF1C;
    /** Read the implementation (subsystem) id. */
    public static final int GET_SUBSYSTEM_ID = 0xF20;

    /** Select a connection (8-bit index). */
    public static final int SET_CONNECT_SEL = 0x701;
    /** Set the power state (payload [3:0]: 0 = D0 ... 3 = D3). */
    public static final int SET_POWER_STATE = 0x705;
    /** Bind a converter to a stream: tag [7:4], lowest channel [3:0]. */
    public static final int SET_CHANNEL_STREAMID = 0x706;
    /** Set the pin widget control (bit 6 out enable, bit 5 in enable, bit 7 headphone amp, [2:0] VRef). */
    public static final int SET_PIN_WIDGET_CONTROL = 0x707;
    /** Set the unsolicited response control: bit 7 enable, [5:0] tag. */
    public static final int SET_UNSOLICITED_ENABLE = 0x708;
    /** Trigger a pin sense (impedance) measurement. */
    public static final int SET_PIN_SENSE = 0x709;
    /** Set the EAPD/BTL enable byte (bit 0 BTL, bit 1 EAPD, bit 2 L/R swap). */
    public static final int SET_EAPD_BTLENABLE = 0x70C;
    /** Set the low byte of the digital converter control. */
    public static final int SET_DIGI_CONVERT_1 = 0x70D;
    /** Set the high byte (category code) of the digital converter control. */
    public static final int SET_DIGI_CONVERT_2 = 0x70E;
    /** Function group reset (sent to the audio function group). */
    public static final int SET_CODEC_RESET = 0x7FF;

    /** Parameter: vendor id [31:16] and device id [15:0] (root node). */
    public static final int PAR_VENDOR_ID = 0x00;
    /** Parameter: subsystem id. */
    public static final int PAR_SUBSYSTEM_ID = 0x01;
    /** Parameter: revision id. */
    public static final int PAR_REV_ID = 0x02;
    /** Parameter: starting node [23:16] and node count [7:0] of the sub-nodes. */
    public static final int PAR_NODE_COUNT = 0x04;
    /** Parameter: function group type [7:0] (1 = audio), unsolicited capable bit 8. */
    public static final int PAR_FUNCTION_TYPE = 0x05;
    /** Parameter: audio function group capabilities (delays). */
    public static final int PAR_AUDIO_FG_CAP = 0x08;
    /** Parameter: audio widget capabilities, type in [23:20]. */
    public static final int PAR_AUDIO_WIDGET_CAP = 0x09;
    /** Parameter: supported PCM sizes [20:16] and rates [11:0]. */
    public static final int PAR_PCM = 0x0A;
    /** Parameter: supported stream formats (bit 0 PCM). */
    public static final int PAR_STREAM = 0x0B;
    /** Parameter: pin capabilities. */
    public static final int PAR_PIN_CAP = 0x0C;
    /** Parameter: input amp capabilities. */
    public static final int PAR_AMP_IN_CAP = 0x0D;
    /** Parameter: connection list length [6:0], long form bit 7. */
    public static final int PAR_CONNLIST_LEN = 0x0E;
    /** Parameter: supported power states (bit n = Dn). */
    public static final int PAR_POWER_STATE = 0x0F;
    /** Parameter: GPIO capabilities. */
    public static final int PAR_GPIO_CAP = 0x11;
    /** Parameter: output amp capabilities. */
    public static final int PAR_AMP_OUT_CAP = 0x12;

    /** Widget type field shift in PAR_AUDIO_WIDGET_CAP. */
    public static final int WCAP_TYPE_SHIFT = 20;
    /** Widget type: audio output (DAC). */
    public static final int WID_AUD_OUT = 0x0;
    /** Widget type: audio input (ADC). */
    public static final int WID_AUD_IN = 0x1;
    /** Widget type: pin complex. */
    public static final int WID_PIN = 0x4;
    /** Widget capability: stereo. */
    public static final int WCAP_STEREO = 1;
    /** Widget capability: input amp present. */
    public static final int WCAP_IN_AMP = 1 << 1;
    /** Widget capability: output amp present. */
    public static final int WCAP_OUT_AMP = 1 << 2;
    /** Widget capability: amp parameter override. */
    public static final int WCAP_AMP_OVRD = 1 << 3;
    /** Widget capability: format parameter override. */
    public static final int WCAP_FORMAT_OVRD = 1 << 4;
    /** Widget capability: unsolicited response capable. */
    public static final int WCAP_UNSOL_CAP = 1 << 7;
    /** Widget capability: has a connection list. */
    public static final int WCAP_CONN_LIST = 1 << 8;
    /** Widget capability: power state control. */
    public static final int WCAP_POWER = 1 << 10;

    /** Pin capability: presence detect capable. */
    public static final int PINCAP_PRES_DETECT = 1 << 2;
    /** Pin capability: headphone drive capable. */
    public static final int PINCAP_HP_DRV = 1 << 3;
    /** Pin capability: output capable. */
    public static final int PINCAP_OUT = 1 << 4;
    /** Pin capability: input capable. */
    public static final int PINCAP_IN = 1 << 5;
    /** Pin capability: EAPD capable. */
    public static final int PINCAP_EAPD = 1 << 16;

    /** Pin widget control: output enable. */
    public static final int PINCTL_OUT_EN = 1 << 6;
    /** Pin widget control: input enable. */
    public static final int PINCTL_IN_EN = 1 << 5;

    /** SET_AMP_GAIN_MUTE: set the output amp. */
    public static final int AMP_SET_OUTPUT = 1 << 15;
    /** SET_AMP_GAIN_MUTE: set the input amp. */
    public static final int AMP_SET_INPUT = 1 << 14;
    /** SET_AMP_GAIN_MUTE: set the left channel. */
    public static final int AMP_SET_LEFT = 1 << 13;
    /** SET_AMP_GAIN_MUTE: set the right channel. */
    public static final int AMP_SET_RIGHT = 1 << 12;
    /** SET_AMP_GAIN_MUTE index field shift ([11:8]). */
    public static final int AMP_SET_INDEX_SHIFT = 8;
    /** GET_AMP_GAIN_MUTE: 1 = output amp, 0 = input amp. */
    public static final int AMP_GET_OUTPUT = 1 << 15;
    /** GET_AMP_GAIN_MUTE: 1 = left, 0 = right. */
    public static final int AMP_GET_LEFT = 1 << 13;
    /** Amp mute bit, in SET and GET. */
    public static final int AMP_MUTE = 1 << 7;
    /** Amp gain field, in SET and GET. */
    public static final int AMP_GAIN_MASK = 0x7f;

    /** Power state D0 (fully on). */
    public static final int PS_D0 = 0;
    /** Power state D3 (off). */
    public static final int PS_D3 = 3;

    /** PIN_SENSE presence detect bit. */
    public static final int PIN_SENSE_PRESENCE = 1 << 31;
    /** SET_UNSOLICITED_ENABLE enable bit. */
    public static final int UNSOL_ENABLE = 1 << 7;
    /** Unsolicited response tag shift ([31:26]). */
    public static final int UNSOL_TAG_SHIFT = 26;
    /** Unsolicited response: presence detect bit in the payload. */
    public static final int UNSOL_RES_PD = 1;

    private Verbs()
    {
    }

    /**
     * Encodes a command. A verb id above 0xF is a 12-bit verb (0x7xx or 0xFxx) with an 8-bit payload; 0x0 ... 0xF is
     * a 4-bit verb with a 16-bit payload.
     *
     * @param cad     codec address 0 ... 15.
     * @param nid     node id 0 ... 255.
     * @param verb    the verb id.
     * @param payload the data: 0 ... 0xFF for 12-bit verbs, 0 ... 0xFFFF for 4-bit verbs.
     * @return the 32-bit command.
     * @throws IllegalArgumentException if a field is out of range, or the verb id cannot be encoded unambiguously.
     */
    public static int make(final int cad, final int nid, final int verb, final int payload)
    {
        if (cad < 0 || cad > 15)
        {
            throw new IllegalArgumentException("codec address out of range: " + cad);
        }
        if (nid < 0 || nid > 0xff)
        {
            throw new IllegalArgumentException("node id out of range: " + nid);
        }
        final int head = cad << 28 | nid << 20;
        if (verb > 0xf)
        {
            if (verb > 0xfff || (verb & 0x700) != 0x700)
            {
                throw new IllegalArgumentException("not a 12-bit verb: 0x" + Integer.toHexString(verb));
            }
            if (payload < 0 || payload > 0xff)
            {
                throw new IllegalArgumentException("a 12-bit verb carries 8 bits of data: 0x"
                    + Integer.toHexString(payload));
            }
            return head | verb << 8 | payload;
        }
        if (verb < 0 || (verb & 7) == 7)
        {
            throw new IllegalArgumentException("not a 4-bit verb: 0x" + Integer.toHexString(verb));
        }
        if (payload < 0 || payload > 0xffff)
        {
            throw new IllegalArgumentException("a 4-bit verb carries 16 bits of data: 0x"
                + Integer.toHexString(payload));
        }
        return head | verb << 16 | payload;
    }

    /**
     * The codec address of a command.
     *
     * @param v the command.
     * @return CAd [31:28].
     */
    public static int cad(final int v)
    {
        return v >>> 28;
    }

    /**
     * The node id of a command.
     *
     * @param v the command.
     * @return NID [27:20].
     */
    public static int nid(final int v)
    {
        return (v >>> 20) & 0xff;
    }

    /**
     * Whether the command carries a 12-bit verb.
     *
     * @param v the command.
     * @return true when bits [18:16] are all set.
     */
    public static boolean isLongVerb(final int v)
    {
        return (v & 0x70000) == 0x70000;
    }

    /**
     * The verb id of a command.
     *
     * @param v the command.
     * @return the 12-bit id [19:8] or the 4-bit id [19:16].
     */
    public static int verbId(final int v)
    {
        return isLongVerb(v) ? (v >>> 8) & 0xfff : (v >>> 16) & 0xf;
    }

    /**
     * The data of a command.
     *
     * @param v the command.
     * @return [7:0] for a 12-bit verb, [15:0] for a 4-bit verb.
     */
    public static int payload(final int v)
    {
        return isLongVerb(v) ? v & 0xff : v & 0xffff;
    }
}

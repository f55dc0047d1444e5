package dev.azalia.hda.codec.dump;

/**
 * A pin's default configuration (GET_CONFIG_DEFAULT, verb 0xF1C) with its fields decoded as the HD-Audio
 * specification and Linux lay them out.
 *
 * @param raw the 32-bit value.
 */
public record PinConfig(int raw)
{
    /** Connectivity: a jack. */
    public static final int CONNECTIVITY_JACK = 0;
    /** Connectivity: nothing attached. */
    public static final int CONNECTIVITY_NONE = 1;
    /** Connectivity: a fixed (built-in) device. */
    public static final int CONNECTIVITY_FIXED = 2;
    /** Connectivity: both a jack and a built-in device. */
    public static final int CONNECTIVITY_BOTH = 3;

    /** @return bits 31:30: 0 jack, 1 none (N/A), 2 fixed, 3 both. */
    public int connectivity()
    {
        return raw >>> 30;
    }

    /** @return bits 29:24: gross location (bits 5:4: external, internal, separate, other) and geometric location. */
    public int location()
    {
        return raw >>> 24 & 0x3f;
    }

    /** @return bits 23:20: 0 line out, 1 speaker, 2 HP out, 3 CD, 4 SPDIF out, 5 digital out, ... 0xA mic, ... */
    public int device()
    {
        return raw >>> 20 & 0xf;
    }

    /** @return bits 19:16: 0 unknown, 1 1/8", 2 1/4", 3 ATAPI, 4 RCA, 5 optical, 6 digital, 7 analog, ... */
    public int connectionType()
    {
        return raw >>> 16 & 0xf;
    }

    /** @return bits 15:12: 0 unknown, 1 black, 2 grey, 3 blue, 4 green, 5 red, ... */
    public int color()
    {
        return raw >>> 12 & 0xf;
    }

    /** @return bits 11:8; bit 8 means the jack has no presence detection. */
    public int misc()
    {
        return raw >>> 8 & 0xf;
    }

    /** @return bits 7:4, the default association (15 = no grouping). */
    public int association()
    {
        return raw >>> 4 & 0xf;
    }

    /** @return bits 3:0, the sequence within the association. */
    public int sequence()
    {
        return raw & 0xf;
    }

    /**
     * What Linux prints for this configuration in a dump: connectivity, device and location.
     *
     * @return e.g. {@code "[Jack] HP Out at Ext Front"}.
     */
    public String describe()
    {
        return NodeWriter.pinDefaultWords(raw);
    }
}

package dev.azalia.driver;

import java.util.Locale;

/**
 * The controllers the driver binds to and what it derives from each ID, like the driver data of Linux's
 * {@code azx_ids} table ({@code AZX_DRIVER_*} type and {@code AZX_DCAPS_*} quirks of {@code hda_intel.c}, 6.1).
 *
 * <p>The driver looks the bound device's vendor/device ID up here ({@link #of}); nothing else decides its
 * capabilities. A machine builds its PCI function from the same entry ({@link #vendorId()}, {@link #deviceId()},
 * {@link #revision()}, {@link #classCode()}). Immutable.
 */
public enum AzxIdentity
{
    /**
     * ICH9 (8086:293e, the ID QEMU's {@code ich9-intel-hda} has): {@code AZX_DRIVER_ICH | AZX_DCAPS_INTEL_ICH}
     * (OLD_SSYNC at 0x34, NO_ALIGN_BUFSIZE); no runtime PM; positions from the DMA position buffer; TCSEL cleared;
     * {@code bdl_pos_adj} 1 frame.
     */
    ICH9("ich9", 0x8086, 0x293e, 0x03, "HDA Intel", Caps.OLD_SSYNC | Caps.NO_ALIGN_BUFSIZE),

    /**
     * Lynx Point PCH (8086:8c20): {@code AZX_DRIVER_PCH | AZX_DCAPS_INTEL_PCH} (NO_ALIGN_BUFSIZE, COUNT_LPIB_DELAY,
     * SCH snoop, PM_RUNTIME): SSYNC at 0x38, SDnLPIB read for the delay at every pointer update; {@code bdl_pos_adj}
     * 1 frame.
     */
    PCH("pch", 0x8086, 0x8c20, 0x05, "HDA Intel PCH",
        Caps.NO_ALIGN_BUFSIZE | Caps.COUNT_LPIB_DELAY | Caps.SNOOP_SCH | Caps.PM_RUNTIME),

    /**
     * An AMD GPU's HDMI/DP audio function (1002:ab38, Navi 1x/2x): {@code AZX_DRIVER_ATIHDMI_NS |
     * AZX_DCAPS_PRESET_ATI_HDMI_NS | AZX_DCAPS_PM_RUNTIME} (NO_TCSEL, SYNC_WRITE, POSFIX_LPIB, NO_MSI64, SNOOP_OFF):
     * positions from SDnLPIB, non-snooped DMA (the stream's traffic-priority bit set), no TCSEL write, SSYNC at
     * 0x38, runtime PM; {@code bdl_pos_adj} 32 frames (the default for non-Intel types).
     */
    AMD_HDMI("amd-hdmi", 0x1002, 0xab38, 0x00, "HDA ATI HDMI",
        Caps.NO_TCSEL | Caps.SYNC_WRITE | Caps.POSFIX_LPIB | Caps.NO_MSI64 | Caps.SNOOP_OFF | Caps.PM_RUNTIME);

    /** The PCI class of an HD-Audio function (multimedia, HD audio, prog-if 0). */
    public static final int CLASS_HD_AUDIO = 0x040300;

    /** {@code AZX_DCAPS_*} bits this model knows (values are the model's own, not Linux's bit positions). */
    static final class Caps
    {
        static final int OLD_SSYNC = 1;
        static final int NO_ALIGN_BUFSIZE = 1 << 1;
        static final int COUNT_LPIB_DELAY = 1 << 2;
        static final int PM_RUNTIME = 1 << 3;
        static final int NO_TCSEL = 1 << 4;
        static final int SYNC_WRITE = 1 << 5;
        static final int POSFIX_LPIB = 1 << 6;
        static final int NO_MSI64 = 1 << 7;
        static final int SNOOP_OFF = 1 << 8;
        static final int SNOOP_SCH = 1 << 9;
        static final int NO_MSI = 1 << 10;

        private Caps()
        {
        }
    }

    private final String cliName;
    private final int vendorId;
    private final int deviceId;
    private final int revision;
    private final String shortName;
    private final int caps;

    AzxIdentity(final String cliName, final int vendorId, final int deviceId, final int revision,
        final String shortName, final int caps)
    {
        this.cliName = cliName;
        this.vendorId = vendorId;
        this.deviceId = deviceId;
        this.revision = revision;
        this.shortName = shortName;
        this.caps = caps;
    }

    /**
     * The entry for a PCI ID ({@code azx_ids} lookup).
     *
     * @param vendorId the vendor ID.
     * @param deviceId the device ID.
     * @return the entry, or null if the driver does not know the ID.
     */
    public static AzxIdentity of(final int vendorId, final int deviceId)
    {
        for (final AzxIdentity id : values())
        {
            if (id.vendorId == vendorId && id.deviceId == deviceId)
            {
                return id;
            }
        }
        return null;
    }

    /**
     * The entry with a command-line name ({@code --controller NAME}).
     *
     * @param name {@code ich9}, {@code pch} or {@code amd-hdmi} (case-insensitive).
     * @return the entry.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static AzxIdentity named(final String name)
    {
        for (final AzxIdentity id : values())
        {
            if (id.cliName.equals(name.toLowerCase(Locale.ROOT)))
            {
                return id;
            }
        }
        throw new IllegalArgumentException("unknown controller '" + name + "' (ich9, pch, amd-hdmi)");
    }

    /**
     * The command-line name.
     *
     * @return e.g. {@code "ich9"}.
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * PCI vendor ID.
     *
     * @return e.g. 0x8086.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * PCI device ID.
     *
     * @return e.g. 0x293e.
     */
    public int deviceId()
    {
        return deviceId;
    }

    /**
     * PCI revision ID.
     *
     * @return e.g. 0x03.
     */
    public int revision()
    {
        return revision;
    }

    /**
     * PCI class code (24 bits).
     *
     * @return {@link #CLASS_HD_AUDIO}.
     */
    public int classCode()
    {
        return CLASS_HD_AUDIO;
    }

    /**
     * The card's short name ({@code driver_short_names[driver_type]}).
     *
     * @return e.g. {@code "HDA Intel PCH"}.
     */
    public String shortName()
    {
        return shortName;
    }

    /**
     * The stream synchronisation register ({@code AZX_DCAPS_OLD_SSYNC}: 0x34, else 0x38).
     *
     * @return the register offset.
     */
    public int ssyncOffset()
    {
        return has(Caps.OLD_SSYNC) ? 0x34 : 0x38;
    }

    /**
     * Whether runtime PM of the controller is allowed ({@code AZX_DCAPS_PM_RUNTIME}).
     *
     * @return true for PCH and the AMD HDMI function.
     */
    public boolean runtimePm()
    {
        return has(Caps.PM_RUNTIME);
    }

    /**
     * Whether the pointer reads SDnLPIB for the delay ({@code AZX_DCAPS_COUNT_LPIB_DELAY}).
     *
     * @return true for PCH.
     */
    public boolean countLpibDelay()
    {
        return has(Caps.COUNT_LPIB_DELAY);
    }

    /**
     * Whether positions come from SDnLPIB instead of the position buffer ({@code AZX_DCAPS_POSFIX_LPIB}).
     *
     * @return true for the AMD HDMI function.
     */
    public boolean positionFromLpib()
    {
        return has(Caps.POSFIX_LPIB);
    }

    /**
     * Whether {@code azx_init_pci} leaves TCSEL alone ({@code AZX_DCAPS_NO_TCSEL}).
     *
     * @return true for the AMD HDMI function.
     */
    public boolean noTcsel()
    {
        return has(Caps.NO_TCSEL);
    }

    /**
     * Whether MSI is off by default ({@code AZX_DCAPS_NO_MSI}, as for some NVIDIA chipsets): none of the modelled
     * identities has it.
     *
     * @return false for ICH9, the PCH and the AMD HDMI function.
     */
    public boolean noMsi()
    {
        return has(Caps.NO_MSI);
    }

    /**
     * Whether MSI is limited to 32-bit message addresses ({@code AZX_DCAPS_NO_MSI64}, {@code pci->no_64bit_msi}).
     *
     * @return true for the AMD HDMI function.
     */
    public boolean noMsi64()
    {
        return has(Caps.NO_MSI64);
    }

    /**
     * Whether DMA is non-snooped ({@code AZX_DCAPS_SNOOP_OFF}): the driver says "Force to non-snoop mode" and sets
     * each stream's traffic-priority bit.
     *
     * @return true for the AMD HDMI function.
     */
    public boolean snoopOff()
    {
        return has(Caps.SNOOP_OFF);
    }

    /**
     * Whether the snoop type is SCH/PCH ({@code AZX_SNOOP_TYPE_SCH}): {@code azx_init_pci} checks DEVC (config 0x78).
     *
     * @return true for PCH.
     */
    public boolean snoopSch()
    {
        return has(Caps.SNOOP_SCH);
    }

    /**
     * The default BDL position adjustment ({@code default_bdl_pos_adj}): 1 frame for ICH/PCH, 32 otherwise.
     *
     * @return frames (at 48 kHz).
     */
    public int bdlPosAdjFrames()
    {
        return vendorId == 0x8086 ? 1 : 32;
    }

    /**
     * The quirks as Linux names them, for the log.
     *
     * @return e.g. {@code "OLD_SSYNC NO_ALIGN_BUFSIZE"}.
     */
    public String capsDescription()
    {
        final StringBuilder b = new StringBuilder();
        append(b, Caps.OLD_SSYNC, "OLD_SSYNC");
        append(b, Caps.NO_ALIGN_BUFSIZE, "NO_ALIGN_BUFSIZE");
        append(b, Caps.COUNT_LPIB_DELAY, "COUNT_LPIB_DELAY");
        append(b, Caps.SNOOP_SCH, "SNOOP_TYPE(SCH)");
        append(b, Caps.NO_TCSEL, "NO_TCSEL");
        append(b, Caps.SYNC_WRITE, "SYNC_WRITE");
        append(b, Caps.POSFIX_LPIB, "POSFIX_LPIB");
        append(b, Caps.NO_MSI, "NO_MSI");
        append(b, Caps.NO_MSI64, "NO_MSI64");
        append(b, Caps.SNOOP_OFF, "SNOOP_OFF");
        append(b, Caps.PM_RUNTIME, "PM_RUNTIME");
        return b.toString();
    }

    private void append(final StringBuilder b, final int bit, final String name)
    {
        if (has(bit))
        {
            if (b.length() > 0)
            {
                b.append(' ');
            }
            b.append(name);
        }
    }

    private boolean has(final int bit)
    {
        return (caps & bit) != 0;
    }
}

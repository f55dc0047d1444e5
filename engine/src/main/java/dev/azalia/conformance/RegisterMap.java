package dev.azalia.conformance;

import java.util.Map;
import java.util.Set;

/**
 * Names the HD-Audio controller's registers by offset: the global registers ({@code GCTL}, {@code INTSTS},
 * {@code OLD_SSYNC} at 0x34 and {@code SSYNC} at 0x38, ...) and the stream descriptors {@code SDn.CTL} ...
 * {@code SDn.BDPU} at {@code 0x80 + 0x20 * n} (ICH9: SD0..SD3 input, SD4..SD7 output); the stream count comes from
 * the trace's first GCAP read (ISS + OSS + BSS), eight when there is none. Offsets from 0x2000 are the alias
 * window ({@code ALIAS.SD4.LPIB}). Immutable.
 */
public final class RegisterMap
{
    /** The descriptors' first offset. */
    public static final int SD_BASE = 0x80;
    /** The size of one descriptor. */
    public static final int SD_STRIDE = 0x20;
    /** SDnCTL's RUN bit. */
    public static final long SD_CTL_RUN = 0x2;

    private static final Map<Integer, String> GLOBAL = Map.ofEntries(
        Map.entry(0x00, "GCAP"), Map.entry(0x02, "VMIN"), Map.entry(0x03, "VMAJ"), Map.entry(0x04, "OUTPAY"),
        Map.entry(0x06, "INPAY"), Map.entry(0x08, "GCTL"), Map.entry(0x0c, "WAKEEN"), Map.entry(0x0e, "STATESTS"),
        Map.entry(0x10, "GSTS"), Map.entry(0x18, "OUTSTRMPAY"), Map.entry(0x1a, "INSTRMPAY"),
        Map.entry(0x20, "INTCTL"), Map.entry(0x24, "INTSTS"), Map.entry(0x30, "WALCLK"),
        Map.entry(0x34, "OLD_SSYNC"), Map.entry(0x38, "SSYNC"), Map.entry(0x40, "CORBLBASE"),
        Map.entry(0x44, "CORBUBASE"), Map.entry(0x48, "CORBWP"), Map.entry(0x4a, "CORBRP"),
        Map.entry(0x4c, "CORBCTL"), Map.entry(0x4d, "CORBSTS"), Map.entry(0x4e, "CORBSIZE"),
        Map.entry(0x50, "RIRBLBASE"), Map.entry(0x54, "RIRBUBASE"), Map.entry(0x58, "RIRBWP"),
        Map.entry(0x5a, "RINTCNT"), Map.entry(0x5c, "RIRBCTL"), Map.entry(0x5d, "RIRBSTS"),
        Map.entry(0x5e, "RIRBSIZE"), Map.entry(0x60, "ICOI"), Map.entry(0x64, "ICII"), Map.entry(0x68, "ICIS"),
        Map.entry(0x70, "DPLBASE"), Map.entry(0x74, "DPUBASE"));

    private static final Map<Integer, String> STREAM = Map.ofEntries(
        Map.entry(0x00, "CTL"), Map.entry(0x02, "CTL2"), Map.entry(0x03, "STS"), Map.entry(0x04, "LPIB"),
        Map.entry(0x08, "CBL"), Map.entry(0x0c, "LVI"), Map.entry(0x0e, "FIFOW"), Map.entry(0x10, "FIFOS"),
        Map.entry(0x12, "FMT"), Map.entry(0x18, "BDPL"), Map.entry(0x1c, "BDPU"));

    /** Registers whose differing values fail a phase (stream registers by their suffix). */
    private static final Set<String> KEY = Set.of("GCTL", "INTCTL", "INTSTS", "STATESTS", "CORBCTL", "CORBSIZE",
        "RIRBCTL", "RIRBSIZE", "RINTCNT", "SSYNC", "OLD_SSYNC", "CTL", "CTL2", "STS", "CBL", "LVI", "FMT");

    /** Registers whose values depend on DMA addresses, time or pointer positions: never compared. */
    private static final Set<String> UNCOMPARED = Set.of("CORBLBASE", "CORBUBASE", "RIRBLBASE", "RIRBUBASE",
        "DPUBASE", "BDPL", "BDPU", "WALCLK", "LPIB", "CORBRP", "CORBWP", "RIRBWP");

    private final int streams;

    private RegisterMap(final int streams)
    {
        this.streams = streams;
    }

    /**
     * The layout of a given number of stream descriptors.
     *
     * @param streams ISS + OSS + BSS.
     * @return the map.
     */
    public static RegisterMap withStreams(final int streams)
    {
        return new RegisterMap(streams);
    }

    /**
     * The layout a trace shows: its first 16-bit GCAP read, else ICH9's eight descriptors.
     *
     * @param capture the trace.
     * @return the map.
     */
    public static RegisterMap of(final MmioCapture capture)
    {
        for (final MmioAccess a : capture.accesses())
        {
            if (!a.write() && 0 == a.offset() && a.widthBytes() >= 2)
            {
                final long g = a.value();
                final int n = (int)(((g >> 12) & 0xf) + ((g >> 8) & 0xf) + ((g >> 3) & 0x1f));
                return new RegisterMap(n > 0 ? n : 8);
            }
        }
        return new RegisterMap(8);
    }

    /**
     * The register's name: {@code "GCTL"}, {@code "SD4.CTL"}, {@code "ALIAS.SD4.LPIB"}, or {@code "0x0042"} for an
     * offset that names nothing.
     *
     * @param offset the offset from the BAR's base.
     * @return the name.
     */
    public String name(final int offset)
    {
        if (offset >= 0x2000)
        {
            final String inner = name(offset - 0x2000);
            return inner.startsWith("SD") ? "ALIAS." + inner : String.format("0x%04x", offset);
        }
        final int sd = streamIndex(offset);
        if (sd >= 0)
        {
            final String r = STREAM.get((offset - SD_BASE) % SD_STRIDE);
            return null == r ? String.format("0x%04x", offset) : "SD" + sd + "." + r;
        }
        final String g = GLOBAL.get(offset);
        return null == g ? String.format("0x%04x", offset) : g;
    }

    /**
     * The stream descriptor an offset falls in.
     *
     * @param offset the offset from the BAR's base.
     * @return the descriptor index, or -1 outside the descriptors.
     */
    public int streamIndex(final int offset)
    {
        if (offset < SD_BASE || offset >= SD_BASE + SD_STRIDE * streams)
        {
            return -1;
        }
        return (offset - SD_BASE) / SD_STRIDE;
    }

    /**
     * A register's generic name: the part after {@code SDn.} for a descriptor register.
     *
     * @param name a name from {@link #name(int)}.
     * @return {@code "CTL"} for {@code "SD4.CTL"}, the name itself otherwise.
     */
    public static String generic(final String name)
    {
        final String n = name.startsWith("ALIAS.") ? name.substring(6) : name;
        final int dot = n.indexOf('.');
        return n.startsWith("SD") && dot > 0 ? n.substring(dot + 1) : n;
    }

    /**
     * Whether a differing value of this register fails a phase (GCTL, INTCTL, INTSTS, STATESTS, CORBCTL,
     * CORBSIZE, RIRBCTL, RIRBSIZE, RINTCNT, SSYNC/OLD_SSYNC, SDnCTL, SDnSTS, SDnCBL, SDnLVI, SDnFMT).
     *
     * @param name a register name.
     * @return true for a key register.
     */
    public static boolean key(final String name)
    {
        return KEY.contains(generic(name)) && !name.startsWith("ALIAS.");
    }

    /**
     * The part of a value that is compared: nothing for registers holding DMA addresses, time or ring/buffer
     * positions (CORB/RIRB bases and pointers, DPUBASE, SDnBDPL/BDPU, WALCLK, SDnLPIB), only the enable bit (bit 0)
     * of DPLBASE, the whole value otherwise.
     *
     * @param name a register name.
     * @return the mask of compared bits; 0 when the value is never compared.
     */
    public static long comparedBits(final String name)
    {
        final String g = generic(name);
        if (UNCOMPARED.contains(g))
        {
            return 0;
        }
        return "DPLBASE".equals(g) ? 1 : -1L;
    }
}

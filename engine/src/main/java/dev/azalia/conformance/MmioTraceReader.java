package dev.azalia.conformance;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an mmiotrace in Linux's text format (Documentation/trace/mmiotrace.rst), as the kernel writes it and as
 * Azalia's {@code --mmiotrace} writes it:
 * <pre>
 * VERSION 20070824
 * PCIDEV 0018 8086293e b febd4000 ...
 * MAP 4.252553 1 0xfebd4000 0xffffcc6c40598000 0x4000 0x0 0      (time, map id, phys, virt, size, pc, pid)
 * R 2 4.260110 1 0xfebd4000 0x4401 0xffffffffc05a7306 0           (width, time, map id, phys, value, pc, pid)
 * W 4 4.270822 1 0xfebd4008 0x0 0xffffffffc053355a 0
 * UNMAP 41.6 1 0x0 0                                             (time, map id, pc, pid)
 * MARK 4.217410 MARK_INSMOD_HDA_INTEL
 * </pre>
 * An access's register offset is its physical address minus the base of the {@code MAP} that covers it: the one
 * with the access's map id when it covers the address, else the latest mapping that does (a BAR that moved is
 * mapped again at its new base). Blank lines, {@code #} comments and {@code UNKNOWN} lines (opcodes the tracer did
 * not decode) are skipped; any other line that does not parse is an error naming the file and line. Stateless.
 */
public final class MmioTraceReader
{
    private record Mapping(long base, long sizeBytes)
    {
        boolean covers(final long phys)
        {
            return phys >= base && phys - base < sizeBytes;
        }
    }

    private MmioTraceReader()
    {
    }

    /**
     * Reads a file.
     *
     * @param path the mmiotrace.
     * @return its accesses, marks and PCI devices.
     * @throws TraceFormatException if it cannot be read or a line is malformed.
     */
    public static MmioCapture read(final Path path) throws TraceFormatException
    {
        return parse(path.toString(), TraceText.lines(path));
    }

    /**
     * Parses trace text.
     *
     * @param source a name for messages.
     * @param text   the whole trace.
     * @return its accesses, marks and PCI devices.
     * @throws TraceFormatException if a line is malformed.
     */
    public static MmioCapture parse(final String source, final String text) throws TraceFormatException
    {
        // the same line terminators as a file read with BufferedReader: LF, CR and CR LF
        return parse(source, text.lines().toList());
    }

    private static MmioCapture parse(final String source, final List<String> lines) throws TraceFormatException
    {
        final List<MmioAccess> accesses = new ArrayList<>();
        final List<TraceMark> marks = new ArrayList<>();
        final List<Long> devices = new ArrayList<>();
        final Map<Integer, Mapping> byId = new HashMap<>();
        final List<Mapping> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final int n = i + 1;
            final String line = lines.get(i);
            if (TraceText.skip(line))
            {
                continue;
            }
            final String[] f = line.strip().split("\\s+");
            switch (f[0])
            {
                case "VERSION", "UNKNOWN" ->
                {
                    // nothing to keep
                }
                case "PCIDEV" ->
                {
                    need(f, 3, source, n);
                    devices.add(TraceText.hex(f[2], "vendor/device", source, n));
                }
                case "MAP" ->
                {
                    need(f, 6, source, n);
                    TraceText.micros(f[1], source, n);
                    final int id = TraceText.decimal(f[2], "map id", source, n);
                    final Mapping m = new Mapping(TraceText.hex(f[3], "physical address", source, n),
                        TraceText.hex(f[5], "size", source, n));
                    byId.put(id, m);
                    order.add(m);
                }
                case "UNMAP" ->
                {
                    need(f, 3, source, n);
                    TraceText.micros(f[1], source, n);
                    final Mapping gone = byId.remove(TraceText.decimal(f[2], "map id", source, n));
                    order.remove(gone);
                }
                case "MARK" ->
                {
                    need(f, 3, source, n);
                    final long t = TraceText.micros(f[1], source, n);
                    final String s = line.strip();
                    final int at = s.indexOf(f[1]) + f[1].length();
                    marks.add(new TraceMark(t, s.substring(at).strip(), n));
                }
                case "R", "W" -> accesses.add(access(f, byId, order, source, n));
                default -> throw new TraceFormatException(source, n, "unknown line kind '" + f[0] + "'");
            }
        }
        return new MmioCapture(source, accesses, marks, devices);
    }

    private static MmioAccess access(final String[] f, final Map<Integer, Mapping> byId, final List<Mapping> order,
        final String source, final int n) throws TraceFormatException
    {
        need(f, 7, source, n);
        final int width = TraceText.decimal(f[1], "width", source, n);
        if (width != 1 && width != 2 && width != 4 && width != 8)
        {
            throw new TraceFormatException(source, n, "bad width " + width);
        }
        final long t = TraceText.micros(f[2], source, n);
        final int id = TraceText.decimal(f[3], "map id", source, n);
        final long phys = TraceText.hex(f[4], "physical address", source, n);
        final long value = TraceText.hex(f[5], "value", source, n);
        final long pc = TraceText.hex(f[6], "pc", source, n);
        Mapping m = byId.get(id);
        if (null == m || !m.covers(phys))
        {
            m = null;
            for (int k = order.size() - 1; k >= 0 && null == m; k--)
            {
                m = order.get(k).covers(phys) ? order.get(k) : null;
            }
        }
        if (null == m)
        {
            throw new TraceFormatException(source, n, "access to 0x" + Long.toHexString(phys) + " outside every MAP");
        }
        return new MmioAccess(t, "W".equals(f[0]), width, (int)(phys - m.base()), value, pc, n);
    }

    private static void need(final String[] f, final int count, final String source, final int n)
        throws TraceFormatException
    {
        if (f.length < count)
        {
            throw new TraceFormatException(source, n, f[0] + " line needs " + count + " fields, has " + f.length);
        }
    }
}

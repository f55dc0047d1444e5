package dev.azalia.conformance;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel function that made each access, from the annotated merged trace ({@code trace-annotated.txt}):
 * <pre>
 *     4.260110 R 2  0x0000  GCAP       0x4401   OSS=4 ISS=4 ...  | azx_probe_continue+0x176
 * </pre>
 * An access is found by its time stamp, direction and offset; the function is the text after the line's last
 * {@code |}. Without an annotated trace ({@link #none()}) an access is named by its PC address. Immutable.
 */
public final class KernelFunctions
{
    private static final KernelFunctions NONE = new KernelFunctions(Map.of());

    private final Map<String, String> byAccess;

    private KernelFunctions(final Map<String, String> byAccess)
    {
        this.byAccess = byAccess;
    }

    /**
     * No annotation: accesses are named by their PC.
     *
     * @return the empty instance.
     */
    public static KernelFunctions none()
    {
        return NONE;
    }

    /**
     * Reads an annotated trace.
     *
     * @param path the file.
     * @return its functions.
     * @throws TraceFormatException if it cannot be read or an access line is malformed.
     */
    public static KernelFunctions read(final Path path) throws TraceFormatException
    {
        return parse(path.toString(), TraceText.lines(path));
    }

    /**
     * Parses annotated trace text.
     *
     * @param source a name for messages.
     * @param text   the whole file.
     * @return its functions.
     * @throws TraceFormatException if an access line is malformed.
     */
    public static KernelFunctions parse(final String source, final String text) throws TraceFormatException
    {
        // the same line terminators as a file read with BufferedReader: LF, CR and CR LF
        return parse(source, text.lines().toList());
    }

    private static KernelFunctions parse(final String source, final List<String> lines) throws TraceFormatException
    {
        final Map<String, String> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final int n = i + 1;
            final String line = lines.get(i);
            if (TraceText.skip(line))
            {
                continue;
            }
            final String[] f = line.strip().split("\\s+");
            if (f.length < 2)
            {
                throw new TraceFormatException(source, n, "not an annotated trace line");
            }
            final long t = TraceText.micros(f[0], source, n);
            if (!"R".equals(f[1]) && !"W".equals(f[1]))
            {
                // MAP, UNMAP, EV (events) and the like carry no access
                continue;
            }
            final int bar = line.lastIndexOf('|');
            if (f.length < 4 || bar < 0)
            {
                throw new TraceFormatException(source, n, "access line needs width, offset and '| function'");
            }
            final int offset = (int)TraceText.hex(f[3], "offset", source, n);
            map.putIfAbsent(key(t, "W".equals(f[1]), offset), line.substring(bar + 1).strip());
        }
        return new KernelFunctions(Map.copyOf(map));
    }

    /**
     * The function that made an access.
     *
     * @param access the access.
     * @return {@code "function+0xoff"} from the annotation, else {@code "pc 0x..."}, or {@code ""} when neither
     *         is known.
     */
    public String of(final MmioAccess access)
    {
        final String f = byAccess.get(key(access.timeMicros(), access.write(), access.offset()));
        if (null != f)
        {
            return f;
        }
        return 0 == access.pc() ? "" : "pc 0x" + Long.toHexString(access.pc());
    }

    /**
     * Whether any function is known.
     *
     * @return false for {@link #none()}.
     */
    public boolean annotated()
    {
        return !byAccess.isEmpty();
    }

    private static String key(final long t, final boolean write, final int offset)
    {
        return t + (write ? "W" : "R") + offset;
    }
}

package dev.azalia.conformance;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ftrace text of the HDA tracepoints, one event a line:
 * <pre>
 *      kworker/0:2-48      [000] .....     4.283656: hda_send_cmd: [0000:00:03.0:0] val=0x000f0000
 *           aplay-126     [000] d..1.    12.712021: azx_pcm_trigger: [0:4] cmd=1
 *          &lt;idle&gt;-0       [000] d.h2.    12.811486: azx_get_position: [0:4] pos=24352, delay=0
 * </pre>
 * The task, CPU and flag columns are optional; the flags' third character {@code h} marks a hard interrupt.
 * {@code hda_send_cmd} and {@code hda_get_response} must carry {@code val=}. Blank lines and {@code #} comments (the
 * ftrace header) are skipped; any other line that does not parse is an error naming the file and line. Stateless.
 */
public final class EventTraceReader
{
    private static final Pattern LINE = Pattern.compile("^(.*?)\\s*(\\d+\\.\\d+):\\s+([A-Za-z_]\\w*):\\s?(.*)$");
    private static final Pattern FLAGS = Pattern.compile("[.a-zA-Z0-9]{4,5}");

    private EventTraceReader()
    {
    }

    /**
     * Reads a file.
     *
     * @param path the trace text.
     * @return its events in file order.
     * @throws TraceFormatException if it cannot be read or a line is malformed.
     */
    public static List<TraceEvent> read(final Path path) throws TraceFormatException
    {
        return parse(path.toString(), TraceText.lines(path));
    }

    /**
     * Parses trace text.
     *
     * @param source a name for messages.
     * @param text   the whole trace.
     * @return its events in file order.
     * @throws TraceFormatException if a line is malformed.
     */
    public static List<TraceEvent> parse(final String source, final String text) throws TraceFormatException
    {
        // the same line terminators as a file read with BufferedReader: LF, CR and CR LF
        return parse(source, text.lines().toList());
    }

    private static List<TraceEvent> parse(final String source, final List<String> lines) throws TraceFormatException
    {
        final List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final int n = i + 1;
            final String line = lines.get(i);
            if (TraceText.skip(line))
            {
                continue;
            }
            final Matcher m = LINE.matcher(line);
            if (!m.matches())
            {
                throw new TraceFormatException(source, n, "not an ftrace event line (time: event: text)");
            }
            final String[] prefix = m.group(1).strip().split("\\s+");
            final String flags = prefix[prefix.length - 1];
            final boolean hardIrq = prefix.length > 1 && FLAGS.matcher(flags).matches()
                && Character.toLowerCase(flags.charAt(2)) == 'h';
            final TraceEvent e = new TraceEvent(TraceText.micros(m.group(2), source, n), m.group(3),
                m.group(4).strip(), hardIrq, n);
            final String outOfRange = TraceEvent.fieldOutOfRange(e.text());
            if (outOfRange != null)
            {
                throw new TraceFormatException(source, n, "a value wider than 64 bits: "
                    + (outOfRange.length() > 40 ? outOfRange.substring(0, 40) + "..." : outOfRange));
            }
            if (e.isVerbTraffic() && e.field("val").isEmpty())
            {
                throw new TraceFormatException(source, n, e.name() + " without val=");
            }
            events.add(e);
        }
        return events;
    }
}

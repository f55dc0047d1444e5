package dev.azalia.conformance;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the HDA tracepoint text (ftrace format): {@code hda_send_cmd}, {@code hda_get_response},
 * {@code azx_pcm_open}, {@code azx_pcm_trigger}, {@code azx_get_position}, {@code azx_suspend}, ... Immutable.
 *
 * @param timeMicros the time stamp in microseconds (the mmiotrace's clock).
 * @param name       the event name, e.g. {@code "hda_send_cmd"}.
 * @param text       everything after {@code "name: "}.
 * @param hardIrq    whether ftrace's context flags say the event ran in a hard interrupt ({@code 'h'}).
 * @param lineNumber the 1-based line in its file.
 */
public record TraceEvent(long timeMicros, String name, String text, boolean hardIrq, int lineNumber)
{
    /** The verb sent to a codec. */
    public static final String SEND = "hda_send_cmd";
    /** The response read back. */
    public static final String RESPONSE = "hda_get_response";

    private static final Pattern FIELD = Pattern.compile("(?:^|[\\s,\\]])([a-z_]+)=(-?(?:0x[0-9a-fA-F]+|\\d+))");

    /**
     * A numeric {@code key=value} field of the text ({@code val=0x000f0000}, {@code cmd=1}, {@code pos=812}).
     *
     * @param key the field name.
     * @return its value, decimal or {@code 0x} hexadecimal (up to 64 bits, read unsigned), if present and in range;
     *         {@link EventTraceReader} refuses lines with a field out of range, so its events never hit that case.
     */
    public OptionalLong field(final String key)
    {
        final Matcher m = FIELD.matcher(text);
        while (m.find())
        {
            if (m.group(1).equals(key))
            {
                return value(m.group(2));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The first numeric field of a line's text whose value does not fit 64 bits.
     *
     * @param text the text after {@code "name: "}.
     * @return {@code key=value} as written, or {@code null} when every field is in range.
     */
    static String fieldOutOfRange(final String text)
    {
        final Matcher m = FIELD.matcher(text);
        while (m.find())
        {
            if (value(m.group(2)).isEmpty())
            {
                return m.group(1) + "=" + m.group(2);
            }
        }
        return null;
    }

    private static OptionalLong value(final String v)
    {
        try
        {
            if (v.startsWith("-0x"))
            {
                return OptionalLong.of(-Long.parseLong(v.substring(3), 16));
            }
            return OptionalLong.of(v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v));
        }
        catch (final NumberFormatException tooLong)
        {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether this is a verb or a response.
     *
     * @return true for {@value #SEND} and {@value #RESPONSE}.
     */
    public boolean isVerbTraffic()
    {
        return SEND.equals(name) || RESPONSE.equals(name);
    }
}

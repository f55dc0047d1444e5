package dev.azalia.hda.codec.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a codec's header lines ({@code Codec:} ... {@code Modem Function Group}) and its function-group lines
 * ({@code Default PCM}, default amp caps, {@code State of AFG node}, {@code GPIO}, column-0 hook lines), and
 * assembles the {@link CodecDump} once the nodes are read. One instance per codec section; not thread-safe.
 */
final class HeaderParser
{
    private final ParseContext ctx;
    private final int codecLine;
    private String name = "";
    private int address;
    private boolean addressSeen;
    private Optional<FunctionGroupId> afgFunctionId = Optional.empty();
    private Optional<FunctionGroupId> mfgFunctionId = Optional.empty();
    private Integer vendorId;
    private int subsystemId;
    private int revisionId;
    private OptionalInt modemGroup = OptionalInt.empty();
    private boolean afgSeen;
    private FieldParsers.PcmBuilder defaultPcm;
    private boolean pcmOpen;
    private int defaultAmpIn;
    private int defaultAmpOut;
    private OptionalInt afgNid = OptionalInt.empty();
    private boolean afgState;
    private OptionalInt powerStates = OptionalInt.empty();
    private OptionalInt powerState = OptionalInt.empty();
    private boolean invalidSubtree;
    private Integer gpioCaps;
    private final List<GpioDump.Line> gpioLines = new ArrayList<>();
    private final List<ControlDump> gpioControls = new ArrayList<>();
    private final List<String> hookLines = new ArrayList<>();

    HeaderParser(final ParseContext ctx)
    {
        this.ctx = ctx;
        this.codecLine = ctx.lineNumber();
    }

    /**
     * Reads one root-level or function-group line.
     *
     * @return false when the line is none of those (or out of its place), so the caller may try it elsewhere.
     */
    boolean accept(final LineKind kind, final String t) throws DumpParseException
    {
        if (pcmOpen && kind != LineKind.PCM_RATES && kind != LineKind.PCM_BITS && kind != LineKind.PCM_FORMATS
                && kind != LineKind.NOT_AVAILABLE)
        {
            pcmOpen = false;
        }
        final String value = FieldParsers.afterColon(t);
        switch (kind)
        {
            case CODEC -> name = t.substring("Codec:".length()).trim();
            case ADDRESS ->
            {
                address = ctx.decimal(value, "codec address", 0, 15);
                addressSeen = true;
            }
            case AFG_FUNCTION_ID -> afgFunctionId = Optional.of(functionId(value));
            case MFG_FUNCTION_ID -> mfgFunctionId = Optional.of(functionId(value));
            case FUNCTION_ID ->
            {
                final FunctionGroupId id = functionId(value);
                if ((id.type() & 0xff) == 2)
                {
                    mfgFunctionId = Optional.of(id);
                }
                else
                {
                    afgFunctionId = Optional.of(id);
                }
            }
            case VENDOR_ID -> vendorId = ctx.hex(value, "Vendor Id");
            case SUBSYSTEM_ID -> subsystemId = ctx.hex(value, "Subsystem Id");
            case REVISION_ID -> revisionId = ctx.hex(value, "Revision Id");
            case NO_MODEM -> modemGroup = OptionalInt.empty();
            case MODEM_GROUP -> modemGroup = OptionalInt.of(ctx.hex(value, "Modem Function Group"));
            case DEFAULT_PCM ->
            {
                afgSeen = true;
                defaultPcm = new FieldParsers.PcmBuilder();
                if (value.isEmpty())
                {
                    pcmOpen = true;
                }
                else if (value.equals("N/A"))
                {
                    defaultPcm.notAvailable();
                }
                else
                {
                    defaultPcm.oneLine(ctx, value);
                }
            }
            case PCM_RATES, PCM_BITS, PCM_FORMATS, NOT_AVAILABLE ->
            {
                if (!pcmOpen)
                {
                    return false;
                }
                if (kind == LineKind.NOT_AVAILABLE)
                {
                    defaultPcm.notAvailable();
                }
                else
                {
                    defaultPcm.line(ctx, kind, t);
                }
            }
            case DEFAULT_AMP_IN ->
            {
                afgSeen = true;
                defaultAmpIn = FieldParsers.ampCaps(ctx, value, "Default Amp-In caps");
            }
            case DEFAULT_AMP_OUT ->
            {
                afgSeen = true;
                defaultAmpOut = FieldParsers.ampCaps(ctx, value, "Default Amp-Out caps");
            }
            case AFG_STATE ->
            {
                afgSeen = true;
                afgState = true;
                final List<String> tokens = FieldParsers.tokens(t);
                afgNid = OptionalInt.of(tokens.size() > 4 ? ctx.hex(tokens.get(4), "State of AFG node") : 1);
            }
            case POWER_STATES, POWER ->
            {
                if (!afgState)
                {
                    return false;
                }
                if (kind == LineKind.POWER)
                {
                    powerState = OptionalInt.of(FieldParsers.powerState(ctx, value));
                }
                else
                {
                    powerStates = OptionalInt.of(FieldParsers.powerStates(value));
                }
            }
            case INVALID_SUBTREE ->
            {
                afgSeen = true;
                invalidSubtree = true;
            }
            case GPIO ->
            {
                afgSeen = true;
                gpioCaps = ctx.decimal(ctx.requiredField(value, "io", "GPIO line"), "GPIO io", 0, 255)
                        | ctx.decimal(ctx.requiredField(value, "o", "GPIO line"), "GPIO o", 0, 255) << 8
                        | ctx.decimal(ctx.requiredField(value, "i", "GPIO line"), "GPIO i", 0, 255) << 16
                        | ctx.decimal(ctx.requiredField(value, "unsolicited", "GPIO line"), "unsolicited", 0, 1) << 30
                        | ctx.decimal(ctx.requiredField(value, "wake", "GPIO line"), "GPIO wake", 0, 1) << 31;
            }
            case GPIO_IO ->
            {
                if (gpioCaps == null)
                {
                    return false;
                }
                gpioLines.add(gpioLine(t, value));
            }
            case CONTROL ->
            {
                if (gpioCaps == null)
                {
                    return false;
                }
                gpioControls.add(control(ctx, t));
            }
            case CONTROL_AMP ->
            {
                if (gpioControls.isEmpty())
                {
                    return false;
                }
                final ControlDump last = gpioControls.remove(gpioControls.size() - 1);
                gpioControls.add(new ControlDump(last.name(), last.index(), last.device(),
                        Optional.of(controlAmp(ctx, value))));
            }
            case HOOK -> hookLines.add(t);
            default ->
            {
                return false;
            }
        }
        return true;
    }

    /** Notes that a node was seen: the function group exists even in dumps older than its header lines. */
    void nodeSeen()
    {
        afgSeen = true;
        pcmOpen = false;
    }

    /**
     * @param widgets the nodes read.
     * @param endLine the last line of the section, for messages.
     * @return the codec.
     */
    CodecDump build(final List<WidgetDump> widgets, final int endLine) throws DumpParseException
    {
        if (vendorId == null)
        {
            throw ctx.error(endLine, "the codec at line " + codecLine + " has no 'Vendor Id:' line");
        }
        if (!addressSeen)
        {
            throw ctx.error(endLine, "the codec at line " + codecLine + " has no 'Address:' line");
        }
        Optional<AfgDump> afg = Optional.empty();
        if (afgSeen || !widgets.isEmpty())
        {
            afg = Optional.of(new AfgDump(
                    defaultPcm == null ? Optional.empty() : Optional.of(defaultPcm.build()),
                    defaultAmpIn, defaultAmpOut, afgNid, powerStates, powerState, invalidSubtree,
                    gpioCaps == null ? Optional.empty() : Optional.of(new GpioDump(gpioCaps, gpioLines, gpioControls)),
                    hookLines, widgets));
        }
        return new CodecDump(name, address, afgFunctionId, mfgFunctionId, vendorId, subsystemId, revisionId,
                modemGroup, afg);
    }

    /** @return the function-group node ids a connection list may name without being a widget. */
    List<Integer> functionGroupNids()
    {
        final List<Integer> nids = new ArrayList<>();
        nids.add(afgNid.orElse(1));
        modemGroup.ifPresent(nids::add);
        return nids;
    }

    private FunctionGroupId functionId(final String value) throws DumpParseException
    {
        final List<String> tokens = FieldParsers.tokens(value.replace("(", " ").replace(")", " "));
        if (tokens.isEmpty())
        {
            throw ctx.error("malformed Function Id line: no value");
        }
        final int type = ctx.hex(tokens.get(0), "Function Id");
        final int unsol = tokens.indexOf("unsol");
        if (unsol >= 0 && unsol + 1 < tokens.size())
        {
            return new FunctionGroupId(type, OptionalInt.of(ctx.decimal(tokens.get(unsol + 1), "unsol flag", 0, 1)));
        }
        return new FunctionGroupId(type, OptionalInt.empty());
    }

    private GpioDump.Line gpioLine(final String t, final String value) throws DumpParseException
    {
        final int close = t.indexOf(']');
        if (close < 0)
        {
            throw ctx.error("malformed IO line: expected IO[n]");
        }
        final int index = ctx.decimal(t.substring(3, close), "GPIO index", 0, 255);
        final String unsol = ParseContext.field(value, "unsol");
        return new GpioDump.Line(index, bit(value, "enable"), bit(value, "dir"), bit(value, "wake"),
                bit(value, "sticky"), bit(value, "data"), unsol != null && ctx.decimal(unsol, "unsol", 0, 1) == 1);
    }

    private boolean bit(final String value, final String key) throws DumpParseException
    {
        return ctx.decimal(ctx.requiredField(value, key, "IO line"), key, 0, 1) == 1;
    }

    /** {@code Control: name="Speaker Playback Volume", index=0, device=0}. */
    static ControlDump control(final ParseContext ctx, final String t) throws DumpParseException
    {
        final String name = quoted(ctx, t, "name", "Control line");
        final String rest = t.substring(t.indexOf("name=\"") + 6 + name.length());
        final int index = ctx.decimal(ctx.requiredField(rest, "index", "Control line"), "control index");
        final int device = ctx.decimal(ctx.requiredField(rest, "device", "Control line"), "control device");
        return new ControlDump(name, index, device, Optional.empty());
    }

    /** {@code ControlAmp: chs=3, dir=Out, idx=0, ofs=0}. */
    static ControlDump.Amp controlAmp(final ParseContext ctx, final String value) throws DumpParseException
    {
        return new ControlDump.Amp(
                ctx.decimal(ctx.requiredField(value, "chs", "ControlAmp line"), "chs", 0, 3),
                "Out".equals(ctx.requiredField(value, "dir", "ControlAmp line")),
                ctx.decimal(ctx.requiredField(value, "idx", "ControlAmp line"), "idx"),
                ctx.decimal(ctx.requiredField(value, "ofs", "ControlAmp line"), "ofs"));
    }

    /**
     * The text of {@code key="..."}: up to the quote before {@code ", } and the next key, or the last quote.
     */
    static String quoted(final ParseContext ctx, final String t, final String key, final String what)
            throws DumpParseException
    {
        final int start = t.indexOf(key + "=\"");
        if (start < 0)
        {
            throw ctx.error("malformed " + what + ": no " + key + "=\"...\"");
        }
        final int from = start + key.length() + 2;
        int end = t.indexOf("\", ", from);
        if (end < 0)
        {
            end = t.lastIndexOf('"');
        }
        if (end < from)
        {
            throw ctx.error("malformed " + what + ": unterminated " + key + "=\"");
        }
        return t.substring(from, end);
    }
}

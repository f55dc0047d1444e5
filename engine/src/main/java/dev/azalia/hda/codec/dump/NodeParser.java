package dev.azalia.hda.codec.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the lines of one {@code Node 0x..} block into a {@link WidgetDump}: one instance per node, fed line by line,
 * then {@link #finish} checks the lines the node's wcaps make mandatory. Not thread-safe.
 */
final class NodeParser
{
    private final ParseContext ctx;
    private final int nid;
    private final int wcaps;
    private final int headerLine;
    private final List<ControlDump> controls = new ArrayList<>();
    private final List<PcmDeviceDump> pcmDevices = new ArrayList<>();
    private final List<String> vendorLines = new ArrayList<>();
    private Integer ampInCaps;
    private AmpValues ampInValues;
    private Integer ampOutCaps;
    private AmpValues ampOutValues;
    private OptionalInt pinCaps = OptionalInt.empty();
    private OptionalInt eapd = OptionalInt.empty();
    private OptionalInt pinDefault = OptionalInt.empty();
    private OptionalInt pinControls = OptionalInt.empty();
    private Optional<VolumeKnobDump> volumeKnob = Optional.empty();
    private OptionalInt converter = OptionalInt.empty();
    private OptionalInt sdiSelect = OptionalInt.empty();
    private Integer digital;
    private FieldParsers.PcmBuilder pcm;
    private boolean pcmOpen;
    private OptionalInt unsolicited = OptionalInt.empty();
    private OptionalInt powerStates = OptionalInt.empty();
    private OptionalInt powerState = OptionalInt.empty();
    private List<DpMstDevice> devices;
    private int devicesExpected;
    private int devicesLine;
    private Integer connectionCount;
    private int connectionLine;
    private List<Integer> connectionNids;
    private int connectionSelected = -1;
    private boolean connectionListed;
    private Integer inDriverCount;
    private int inDriverLine;
    private List<Integer> inDriverNids;
    private boolean inDriverListed;
    private Integer processingCaps;
    private final List<Integer> coefficients = new ArrayList<>();
    private LineKind awaitingList;
    private int lastLine;

    /**
     * Starts a node from its header line {@code Node 0x14 [Pin Complex] wcaps 0x40058d: Stereo Amp-Out}.
     */
    NodeParser(final ParseContext ctx, final String header) throws DumpParseException
    {
        this.ctx = ctx;
        this.headerLine = ctx.lineNumber();
        this.lastLine = headerLine;
        final List<String> t = FieldParsers.tokens(header);
        final int wcapsAt = t.indexOf("wcaps");
        if (t.size() < 2 || wcapsAt < 0 || wcapsAt + 1 >= t.size())
        {
            throw ctx.error("malformed node header: expected 'Node 0x.. [type] wcaps 0x..:'");
        }
        this.nid = ctx.hex(t.get(1), "node header");
        if (nid > 0x7fff)
        {
            throw ctx.error("node id " + t.get(1) + " is out of range");
        }
        this.wcaps = ctx.hex(t.get(wcapsAt + 1), "node header wcaps");
    }

    /** @return the node id. */
    int nid()
    {
        return nid;
    }

    /** @return the line of the node header. */
    int headerLine()
    {
        return headerLine;
    }

    /** @return the line the hardware connection list was printed on (its entries, or the count line). */
    int connectionLine()
    {
        return connectionLine;
    }

    /**
     * Reads one line of the node.
     *
     * @param kind its kind.
     * @param t    the trimmed line.
     * @return false when the line is not a node line (the caller counts it as skipped).
     */
    boolean accept(final LineKind kind, final String t) throws DumpParseException
    {
        lastLine = ctx.lineNumber();
        if (kind != LineKind.NID_LIST && kind != LineKind.BLANK)
        {
            closeList();
        }
        if (pcmOpen && kind != LineKind.PCM_RATES && kind != LineKind.PCM_BITS && kind != LineKind.PCM_FORMATS
                && kind != LineKind.NOT_AVAILABLE)
        {
            pcmOpen = false;
        }
        final String value = FieldParsers.afterColon(t);
        switch (kind)
        {
            case BLANK, PIN_DERIVED, VREF_CAPS, DELAY -> { }
            case CONTROL -> controls.add(HeaderParser.control(ctx, t));
            case CONTROL_AMP ->
            {
                if (controls.isEmpty())
                {
                    return false;
                }
                final ControlDump last = controls.remove(controls.size() - 1);
                controls.add(new ControlDump(last.name(), last.index(), last.device(),
                        Optional.of(HeaderParser.controlAmp(ctx, value))));
            }
            case PCM_DEVICE -> pcmDevices.add(pcmDevice(t));
            case AMP_IN_CAPS -> ampInCaps = FieldParsers.ampCaps(ctx, value, "Amp-In caps");
            case AMP_IN_VALS -> ampInValues = FieldParsers.ampValues(ctx, value, (wcaps & 1) != 0, "Amp-In vals");
            case AMP_OUT_CAPS -> ampOutCaps = FieldParsers.ampCaps(ctx, value, "Amp-Out caps");
            case AMP_OUT_VALS -> ampOutValues = FieldParsers.ampValues(ctx, value, (wcaps & 1) != 0, "Amp-Out vals");
            case PINCAP -> pinCaps = OptionalInt.of(pinCap(FieldParsers.tokens(t)));
            case EAPD -> eapd = OptionalInt.of(eapd(t));
            case PIN_DEFAULT -> pinDefault = OptionalInt.of(ctx.hex(token(t, 2, "Pin Default"), "Pin Default"));
            case PIN_CTLS -> pinControls = OptionalInt.of(ctx.hex(token(t, 1, "Pin-ctls"), "Pin-ctls"));
            case VOLUME_KNOB -> volumeKnob = Optional.of(volumeKnob(value));
            case CONVERTER -> converter = OptionalInt.of(
                    ctx.decimal(ctx.requiredField(value, "stream", "Converter line"), "converter stream", 0, 15) << 4
                    | ctx.decimal(ctx.requiredField(value, "channel", "Converter line"), "converter channel", 0, 15));
            case SDI_SELECT -> sdiSelect = OptionalInt.of(ctx.decimal(value, "SDI-Select", 0, 15));
            case DIGITAL -> digital = digital() & ~0xff | digitalFlags(value);
            case DIGITAL_CATEGORY -> digital = digital() & ~0x7f00 | (ctx.hex(value, "Digital category") & 0x7f) << 8;
            case IEC_CODING -> digital = digital() & ~0xf0000 | (ctx.hex(value, "IEC Coding Type") & 0xf) << 16;
            case PCM ->
            {
                pcm = new FieldParsers.PcmBuilder();
                if (value.isEmpty())
                {
                    pcmOpen = true;
                }
                else
                {
                    pcm.oneLine(ctx, value);
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
                    pcm.notAvailable();
                }
                else
                {
                    pcm.line(ctx, kind, t);
                }
            }
            case UNSOLICITED -> unsolicited = OptionalInt.of(unsolicited(value));
            case POWER_STATES -> powerStates = OptionalInt.of(FieldParsers.powerStates(value));
            case POWER -> powerState = OptionalInt.of(FieldParsers.powerState(ctx, value));
            case DEVICES ->
            {
                devicesExpected = ctx.decimal(value, "Devices count", 0, 64);
                devicesLine = ctx.lineNumber();
                devices = new ArrayList<>();
            }
            case DEV_ENTRY ->
            {
                if (devices == null)
                {
                    return false;
                }
                devices.add(devEntry(t));
            }
            case CONNECTION ->
            {
                connectionCount = ctx.decimal(value, "Connection count");
                connectionLine = ctx.lineNumber();
                connectionNids = new ArrayList<>();
                awaitingList = kind;
            }
            case IN_DRIVER_CONNECTION ->
            {
                inDriverCount = ctx.decimal(value, "In-driver Connection count");
                inDriverLine = ctx.lineNumber();
                inDriverNids = new ArrayList<>();
                awaitingList = kind;
            }
            case NID_LIST ->
            {
                if (awaitingList == LineKind.CONNECTION && !connectionListed)
                {
                    connectionLine = ctx.lineNumber();
                    connectionSelected = FieldParsers.nidList(ctx, t, connectionNids, "connection list");
                    connectionListed = true;
                }
                else if (awaitingList == LineKind.IN_DRIVER_CONNECTION && !inDriverListed)
                {
                    inDriverLine = ctx.lineNumber();
                    FieldParsers.nidList(ctx, t, inDriverNids, "In-driver connection list");
                    inDriverListed = true;
                }
                else
                {
                    return false;
                }
                closeList();
            }
            case PROCESSING_CAPS -> processingCaps =
                    (ctx.decimal(ctx.requiredField(value, "benign", "Processing caps"), "benign", 0, 1))
                    | ctx.decimal(ctx.requiredField(value, "ncoeff", "Processing caps"), "ncoeff", 0, 255) << 8;
            case COEFF ->
            {
                if (processingCaps == null)
                {
                    return false;
                }
                coefficients.add(ctx.hex(value, "Coeff line"));
            }
            case VENDOR_NODE_LINE -> vendorLines.add(t);
            default ->
            {
                return false;
            }
        }
        return true;
    }

    private int digital()
    {
        return digital == null ? 0 : digital;
    }

    private void closeList() throws DumpParseException
    {
        if (awaitingList == LineKind.CONNECTION)
        {
            checkCount("Connection", connectionCount, connectionNids.size(), connectionLine);
        }
        else if (awaitingList == LineKind.IN_DRIVER_CONNECTION)
        {
            checkCount("In-driver Connection", inDriverCount, inDriverNids.size(), inDriverLine);
        }
        awaitingList = null;
    }

    private void checkCount(final String what, final int count, final int listed, final int line)
            throws DumpParseException
    {
        if (count < 0 && listed == 0)
        {
            return;
        }
        if (count != listed)
        {
            throw ctx.error(line, String.format("node 0x%02x: '%s: %d' but %d %s listed", nid, what, count, listed,
                    listed == 1 ? "entry is" : "entries are"));
        }
    }

    /**
     * Ends the node and checks the lines its wcaps make mandatory: amp caps/values for each amp, Pincap and Pin
     * Default for a pin, the {@code Connection:} line for a widget with a connection list.
     *
     * @return the widget.
     */
    WidgetDump finish() throws DumpParseException
    {
        closeList();
        if (devices != null && devices.size() != devicesExpected)
        {
            throw ctx.error(devicesLine, String.format("node 0x%02x: 'Devices: %d' but %d Dev lines follow", nid,
                    devicesExpected, devices.size()));
        }
        final int type = wcaps >>> 20 & 0xf;
        if ((wcaps & 2) != 0 && ampInCaps == null && ampInValues == null)
        {
            throw missing("Amp-In caps");
        }
        if ((wcaps & 4) != 0 && ampOutCaps == null && ampOutValues == null)
        {
            throw missing("Amp-Out caps");
        }
        if (type == WidgetDump.TYPE_PIN && pinCaps.isEmpty())
        {
            throw missing("Pincap");
        }
        if (type == WidgetDump.TYPE_PIN && pinDefault.isEmpty())
        {
            throw missing("Pin Default");
        }
        if ((wcaps & 0x100) != 0 && connectionCount == null)
        {
            throw missing("Connection");
        }
        return new WidgetDump(nid, wcaps, controls, pcmDevices,
                amp(ampInCaps, ampInValues), amp(ampOutCaps, ampOutValues),
                pinCaps, eapd, pinDefault, pinControls, volumeKnob, converter, sdiSelect,
                digital == null ? OptionalInt.empty() : OptionalInt.of(digital),
                pcm == null ? Optional.empty() : Optional.of(pcm.build()),
                unsolicited, powerStates, powerState,
                Optional.ofNullable(devices),
                connectionCount == null ? Optional.empty()
                        : Optional.of(new ConnectionList(connectionCount, connectionNids, connectionSelected)),
                Optional.ofNullable(inDriverNids),
                processingCaps == null ? Optional.empty() : Optional.of(new ProcessingDump(processingCaps, coefficients)),
                vendorLines);
    }

    private DumpParseException missing(final String line)
    {
        return ctx.error(lastLine, String.format("node 0x%02x (line %d) ends without its %s line: the dump is cut off"
                + " or damaged", nid, headerLine, line));
    }

    private static Optional<AmpDump> amp(final Integer caps, final AmpValues values)
    {
        if (caps == null && values == null)
        {
            return Optional.empty();
        }
        return Optional.of(new AmpDump(caps == null ? 0 : caps, values == null ? AmpValues.NONE : values));
    }

    private String token(final String t, final int index, final String what) throws DumpParseException
    {
        final List<String> tokens = FieldParsers.tokens(t);
        if (tokens.size() <= index)
        {
            throw ctx.error("malformed " + what + " line: no value");
        }
        return tokens.get(index);
    }

    /** Pincap, with the old kernels' {@code 0x08}-prefix bug undone ({@code 0x081737} is 0x1737). */
    private int pinCap(final List<String> t) throws DumpParseException
    {
        if (t.size() < 2)
        {
            throw ctx.error("malformed Pincap line: no value");
        }
        String token = t.get(1);
        if (token.endsWith(":"))
        {
            token = token.substring(0, token.length() - 1);
        }
        if (token.startsWith("0x08") && token.length() != 10)
        {
            token = token.length() == 4 ? "0" : token.substring(4);
        }
        return ctx.hex(token, "Pincap");
    }

    /** {@code EAPD 0x2: EAPD}, or the old {@code EAPD: 0x0}. */
    private int eapd(final String t) throws DumpParseException
    {
        String rest = t.substring(4).trim();
        if (rest.startsWith(":"))
        {
            rest = rest.substring(1).trim();
        }
        final List<String> tokens = FieldParsers.tokens(rest);
        if (tokens.isEmpty())
        {
            throw ctx.error("malformed EAPD line: no value");
        }
        return ctx.hex(tokens.get(0), "EAPD");
    }

    private VolumeKnobDump volumeKnob(final String value) throws DumpParseException
    {
        final int delta = ctx.decimal(ctx.requiredField(value, "delta", "Volume-Knob line"), "delta", 0, 1);
        final int steps = ctx.decimal(ctx.requiredField(value, "steps", "Volume-Knob line"), "steps", 0, 127);
        final int direct = ctx.decimal(ctx.requiredField(value, "direct", "Volume-Knob line"), "direct", 0, 1);
        final int val = ctx.decimal(ctx.requiredField(value, "val", "Volume-Knob line"), "val", 0, 127);
        return new VolumeKnobDump(delta << 7 | steps, direct << 7 | val);
    }

    private int unsolicited(final String value) throws DumpParseException
    {
        final int tag = ctx.hex(ctx.requiredField(value, "tag", "Unsolicited line"), "Unsolicited tag") & 0x3f;
        final int enabled = ctx.decimal(ctx.requiredField(value, "enabled", "Unsolicited line"), "enabled", 0, 1);
        return tag | enabled << 7;
    }

    private static int digitalFlags(final String value)
    {
        int flags = 0;
        for (final String word : FieldParsers.tokens(value))
        {
            flags |= switch (word)
            {
                case "Enabled" -> 0x1;
                case "Validity" -> 0x2;
                case "ValidityCfg" -> 0x4;
                case "Preemphasis" -> 0x8;
                case "Non-Copyright", "Copyright" -> 0x10;
                case "Non-Audio" -> 0x20;
                case "Pro" -> 0x40;
                case "GenLevel" -> 0x80;
                case "KAE" -> 0x800000;
                default -> 0;
            };
        }
        return flags & 0xff | flags & 0x800000;
    }

    /** {@code Device: name="ALC255 Analog", type="Audio", device=0}. */
    private PcmDeviceDump pcmDevice(final String t) throws DumpParseException
    {
        final String name = HeaderParser.quoted(ctx, t, "name", "Device line");
        final String type = HeaderParser.quoted(ctx, t, "type", "Device line");
        final int typeEnd = t.indexOf("type=\"") + 6 + type.length();
        final String device = ctx.requiredField(t.substring(typeEnd), "device", "Device line");
        return new PcmDeviceDump(name, type, ctx.decimal(device, "Device number"));
    }

    /** {@code *Dev 00: PD = 0, ELDV = 0, IA = 0, Connections [ 0x02* 0x03 ]}. */
    private DpMstDevice devEntry(final String t) throws DumpParseException
    {
        final int pd = ctx.decimal(ctx.requiredField(t, "PD", "Dev line"), "PD", 0, 1);
        final int eldv = ctx.decimal(ctx.requiredField(t, "ELDV", "Dev line"), "ELDV", 0, 1);
        final int ia = ctx.decimal(ctx.requiredField(t, "IA", "Dev line"), "IA", 0, 1);
        final int open = t.indexOf('[');
        final int close = t.lastIndexOf(']');
        final List<Integer> nids = new ArrayList<>();
        int selected = -1;
        if (open >= 0 && close > open)
        {
            selected = FieldParsers.nidList(ctx, t.substring(open + 1, close), nids, "Dev connection list");
        }
        return new DpMstDevice(t.startsWith("*"), pd | eldv << 1 | ia << 2, nids, selected);
    }
}

package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.OptionalInt;

import static dev.azalia.hda.codec.dump.CodecDumpWriter.hex2;
import static dev.azalia.hda.codec.dump.CodecDumpWriter.hex8;

/**
 * Prints one node block in the current Linux format, in the kernel's order: header, controls, PCM devices, amps,
 * pin lines, volume knob, converter lines, unsolicited, power, delay, DP-MST devices, connections, processing,
 * vendor lines. Stateless.
 */
final class NodeWriter
{
    private static final String[] TYPE_NAMES = {"Audio Output", "Audio Input", "Audio Mixer", "Audio Selector",
        "Pin Complex", "Power Widget", "Volume Knob Widget", "Beep Generator Widget", null, null, null, null, null,
        null, null, "Vendor Defined Widget"};
    private static final String[] JACK_CONNECTIVITY = {"Jack", "N/A", "Fixed", "Both"};
    private static final String[] JACK_TYPES = {"Line Out", "Speaker", "HP Out", "CD", "SPDIF Out", "Digital Out",
        "Modem Line", "Modem Hand", "Line In", "Aux", "Mic", "Telephony", "SPDIF In", "Digital In", "Reserved",
        "Other"};
    private static final String[] GROSS_LOCATIONS = {"Ext", "Int", "Sep", "Oth"};
    private static final String[] LOCATIONS = {"N/A", "Rear", "Front", "Left", "Right", "Top", "Bottom"};
    private static final int[] SPECIAL_LOCATIONS = {0x07, 0x08, 0x17, 0x18, 0x19, 0x37, 0x38};
    private static final String[] SPECIAL_NAMES = {"Rear Panel", "Drive Bar", "Riser", "HDMI", "ATAPI", "Mobile-In",
        "Mobile-Out"};
    private static final String[] CONNECTION_TYPES = {"Unknown", "1/8", "1/4", "ATAPI", "RCA", "Optical", "Digital",
        "Analog", "DIN", "XLR", "RJ11", "Comb", null, null, null, "Other"};
    private static final String[] COLORS = {"Unknown", "Black", "Grey", "Blue", "Green", "Red", "Orange", "Yellow",
        "Purple", "Pink", null, null, null, null, "White", "Other"};
    private static final String[] DIGITAL_FLAGS = {"Enabled", "Validity", "ValidityCfg", "Preemphasis",
        "Non-Copyright", "Non-Audio", "Pro", "GenLevel"};

    private NodeWriter()
    {
    }

    /**
     * @param out     receives the block.
     * @param w       the node.
     * @param realtek whether the codec's vendor is Realtek (pin caps bit 7 then prints as {@code R/L}).
     */
    static void node(final StringBuilder out, final WidgetDump w, final boolean realtek)
    {
        header(out, w);
        controls(out, w.controls());
        for (final PcmDeviceDump d : w.pcmDevices())
        {
            out.append("  Device: name=\"").append(CodecDumpWriter.freeText(d.name())).append("\", type=\"")
                    .append(CodecDumpWriter.freeText(d.type()))
                    .append("\", device=").append(d.device()).append('\n');
        }
        w.ampIn().ifPresent(a -> amp(out, "In", a));
        w.ampOut().ifPresent(a -> amp(out, "Out", a));
        pin(out, w, realtek);
        w.volumeKnob().ifPresent(k -> out.append("  Volume-Knob: delta=").append(k.caps() >>> 7 & 1)
                .append(", steps=").append(k.caps() & 0x7f).append(", direct=").append(k.control() >>> 7 & 1)
                .append(", val=").append(k.control() & 0x7f).append('\n'));
        w.converter().ifPresent(c -> out.append("  Converter: stream=").append(c >>> 4 & 0xf)
                .append(", channel=").append(c & 0xf).append('\n'));
        w.sdiSelect().ifPresent(s -> out.append("  SDI-Select: ").append(s & 0xf).append('\n'));
        w.digital().ifPresent(d -> digital(out, d));
        w.pcm().ifPresent(p ->
        {
            out.append("  PCM:\n");
            CodecDumpWriter.pcm(out, p);
        });
        w.unsolicited().ifPresent(u -> out.append("  Unsolicited: tag=").append(hex2(u & 0x3f))
                .append(", enabled=").append(u >>> 7 & 1).append('\n'));
        power(out, w.powerStates(), w.powerState());
        if (w.delaySamples() != 0)
        {
            out.append("  Delay: ").append(w.delaySamples()).append(" samples\n");
        }
        w.dpMstDevices().ifPresent(devices -> devices(out, devices));
        w.connections().ifPresent(c ->
        {
            out.append("  Connection: ").append(c.count()).append('\n');
            if (!c.nids().isEmpty())
            {
                out.append("    ");
                CodecDumpWriter.nidList(out, c.nids(), c.selected());
                out.append('\n');
            }
        });
        w.inDriverConnections().ifPresent(list ->
        {
            out.append("  In-driver Connection: ").append(list.size()).append('\n');
            if (!list.isEmpty())
            {
                out.append("    ");
                CodecDumpWriter.nidList(out, list, -1);
                out.append('\n');
            }
        });
        w.processing().ifPresent(p ->
        {
            out.append("  Processing caps: benign=").append(p.caps() & 1).append(", ncoeff=")
                    .append(p.coefficientCount()).append('\n');
            for (int i = 0; i < p.coefficients().size(); i++)
            {
                final String v = Integer.toHexString(p.coefficients().get(i));
                out.append("    Coeff 0x").append(hex2(i)).append(": 0x").append("0000".substring(Math.min(4,
                        v.length()))).append(v).append('\n');
            }
        });
        for (final String line : w.vendorLines())
        {
            out.append("  ").append(line).append('\n');
        }
    }

    private static void header(final StringBuilder out, final WidgetDump w)
    {
        final String type = TYPE_NAMES[w.type()];
        out.append("Node 0x").append(hex2(w.nid())).append(" [").append(type == null ? "UNKNOWN Widget" : type)
                .append("] wcaps 0x").append(Integer.toHexString(w.wcaps())).append(':');
        if (w.hasCap(0))
        {
            out.append(w.channels() == 2 ? " Stereo" : " " + w.channels() + "-Channels");
        }
        else
        {
            out.append(" Mono");
        }
        append(out, w.hasCap(9), " Digital");
        append(out, w.hasCap(1), " Amp-In");
        append(out, w.hasCap(2), " Amp-Out");
        append(out, w.hasCap(5), " Stripe");
        append(out, w.hasCap(11), " R/L");
        append(out, w.hasCap(12), " CP");
        out.append('\n');
    }

    static void controls(final StringBuilder out, final List<ControlDump> controls)
    {
        for (final ControlDump c : controls)
        {
            out.append("  Control: name=\"").append(CodecDumpWriter.freeText(c.name())).append("\", index=")
                    .append(c.index())
                    .append(", device=").append(c.device()).append('\n');
            c.amp().ifPresent(a -> out.append("    ControlAmp: chs=").append(a.channels()).append(", dir=")
                    .append(a.output() ? "Out" : "In").append(", idx=").append(a.index()).append(", ofs=")
                    .append(a.offset()).append('\n'));
        }
    }

    private static void amp(final StringBuilder out, final String dir, final AmpDump amp)
    {
        out.append("  Amp-").append(dir).append(" caps: ");
        CodecDumpWriter.ampCaps(out, amp.caps());
        out.append("  Amp-").append(dir).append(" vals: ");
        final AmpValues v = amp.values();
        for (int i = 0; i < v.count(); i++)
        {
            out.append(" [0x").append(hex2(v.left().get(i)));
            if (v.stereo())
            {
                out.append(" 0x").append(hex2(v.right().get(i)));
            }
            out.append(']');
        }
        out.append('\n');
    }

    private static void pin(final StringBuilder out, final WidgetDump w, final boolean realtek)
    {
        final int caps = w.pinCaps().orElse(0);
        if (w.pinCaps().isPresent())
        {
            out.append("  Pincap 0x").append(hex8(caps)).append(':');
            append(out, (caps & 0x20) != 0, " IN");
            append(out, (caps & 0x10) != 0, " OUT");
            append(out, (caps & 0x08) != 0, " HP");
            append(out, (caps & 0x10000) != 0, " EAPD");
            append(out, (caps & 0x04) != 0, " Detect");
            append(out, (caps & 0x40) != 0, " Balanced");
            if ((caps & 0x80) != 0)
            {
                if (realtek)
                {
                    out.append(" R/L");
                }
                else
                {
                    append(out, (caps & 0x8000000) != 0, " HBR");
                    out.append(" HDMI");
                }
            }
            append(out, (caps & 0x1000000) != 0, " DP");
            append(out, (caps & 0x02) != 0, " Trigger");
            append(out, (caps & 0x01) != 0, " ImpSense");
            out.append('\n');
            if ((caps & 0x3700) != 0)
            {
                final int vref = caps >>> 8;
                out.append("    Vref caps:");
                append(out, (vref & 0x01) != 0, " HIZ");
                append(out, (vref & 0x02) != 0, " 50");
                append(out, (vref & 0x04) != 0, " GRD");
                append(out, (vref & 0x10) != 0, " 80");
                append(out, (vref & 0x20) != 0, " 100");
                out.append('\n');
            }
        }
        w.eapd().ifPresent(e ->
        {
            out.append("  EAPD 0x").append(Integer.toHexString(e)).append(':');
            append(out, (e & 1) != 0, " BALANCED");
            append(out, (e & 2) != 0, " EAPD");
            append(out, (e & 4) != 0, " R/L");
            out.append('\n');
        });
        w.pinDefault().ifPresent(cfg -> pinDefault(out, cfg));
        w.pinControls().ifPresent(ctl ->
        {
            out.append("  Pin-ctls: 0x").append(hex2(ctl)).append(':');
            append(out, (ctl & 0x20) != 0, " IN");
            append(out, (ctl & 0x40) != 0, " OUT");
            append(out, (ctl & 0x80) != 0, " HP");
            if ((caps & 0x3700) != 0)
            {
                switch (ctl & 7)
                {
                    case 0 -> out.append(" VREF_HIZ");
                    case 1 -> out.append(" VREF_50");
                    case 2 -> out.append(" VREF_GRD");
                    case 4 -> out.append(" VREF_80");
                    case 5 -> out.append(" VREF_100");
                    default -> { }
                }
            }
            out.append('\n');
        });
    }

    private static void pinDefault(final StringBuilder out, final int cfg)
    {
        final PinConfig pc = new PinConfig(cfg);
        out.append("  Pin Default 0x").append(hex8(cfg)).append(": ").append(pinDefaultWords(cfg)).append('\n');
        out.append("    Conn = ").append(named(CONNECTION_TYPES, pc.connectionType())).append(", Color = ")
                .append(named(COLORS, pc.color())).append('\n');
        out.append("    DefAssociation = 0x").append(Integer.toHexString(pc.association())).append(", Sequence = 0x")
                .append(Integer.toHexString(pc.sequence())).append('\n');
        if ((pc.misc() & 1) != 0)
        {
            out.append("    Misc = NO_PRESENCE\n");
        }
    }

    /** The words Linux prints after a default configuration: {@code [Jack] HP Out at Ext Front}. */
    static String pinDefaultWords(final int cfg)
    {
        final PinConfig pc = new PinConfig(cfg);
        return "[" + JACK_CONNECTIVITY[pc.connectivity()] + "] " + JACK_TYPES[pc.device()] + " at "
            + GROSS_LOCATIONS[pc.location() >>> 4 & 3] + ' ' + location(pc.location());
    }

    private static String location(final int loc)
    {
        if ((loc & 0x0f) < 7)
        {
            return LOCATIONS[loc & 0x0f];
        }
        for (int i = 0; i < SPECIAL_LOCATIONS.length; i++)
        {
            if (SPECIAL_LOCATIONS[i] == loc)
            {
                return SPECIAL_NAMES[i];
            }
        }
        return "UNKNOWN";
    }

    private static String named(final String[] names, final int index)
    {
        return names[index] == null ? "UNKNOWN" : names[index];
    }

    private static void digital(final StringBuilder out, final int d)
    {
        out.append("  Digital:");
        for (int bit = 0; bit < 8; bit++)
        {
            append(out, (d >>> bit & 1) != 0, " " + DIGITAL_FLAGS[bit]);
        }
        append(out, (d & 0x800000) != 0, " KAE");
        out.append("\n  Digital category: 0x").append(Integer.toHexString(d >>> 8 & 0x7f))
                .append("\n  IEC Coding Type: 0x").append(Integer.toHexString(d >>> 16 & 0xf)).append('\n');
    }

    /** Prints {@code Power states:} and {@code Power:} lines, each when present. */
    static void power(final StringBuilder out, final OptionalInt states, final OptionalInt state)
    {
        if (states.isPresent())
        {
            out.append("  Power states: ");
            for (int bit = 0; bit < 32; bit++)
            {
                if ((states.getAsInt() >>> bit & 1) != 0 && FieldParsers.POWER_STATE_NAMES[bit] != null)
                {
                    out.append(' ').append(FieldParsers.POWER_STATE_NAMES[bit]);
                }
            }
            out.append('\n');
        }
        if (state.isPresent())
        {
            final int p = state.getAsInt();
            out.append("  Power: setting=").append(powerName(p & 0xf)).append(", actual=")
                    .append(powerName(p >>> 4 & 0xf));
            append(out, (p & 0x100) != 0, ", Error");
            append(out, (p & 0x200) != 0, ", Clock-stop-OK");
            append(out, (p & 0x400) != 0, ", Setting-reset");
            out.append('\n');
        }
    }

    private static String powerName(final int s)
    {
        return s < FieldParsers.POWER_NAMES.length ? FieldParsers.POWER_NAMES[s] : "UNKNOWN";
    }

    private static void devices(final StringBuilder out, final List<DpMstDevice> devices)
    {
        out.append("  Devices: ").append(devices.size()).append('\n');
        for (int i = 0; i < devices.size(); i++)
        {
            final DpMstDevice d = devices.get(i);
            out.append(d.selected() ? "    *" : "     ").append("Dev ").append(i < 10 ? "0" : "").append(i)
                    .append(": PD = ").append(d.flags() & 1).append(", ELDV = ").append(d.flags() >>> 1 & 1)
                    .append(", IA = ").append(d.flags() >>> 2 & 1).append(", Connections [");
            CodecDumpWriter.nidList(out, d.nids(), d.connection());
            out.append(" ]\n");
        }
    }

    private static void append(final StringBuilder out, final boolean condition, final String text)
    {
        if (condition)
        {
            out.append(text);
        }
    }
}

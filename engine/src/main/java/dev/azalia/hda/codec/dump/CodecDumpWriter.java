package dev.azalia.hda.codec.dump;

import java.util.List;

/**
 * Prints codec descriptions in the current Linux format, as {@code /proc/asound/cardN/codec#M} shows them (the
 * printer in {@code sound/hda/common/proc.c}): header, function-group lines, then each node with its lines in the
 * kernel's order. Words beside hex values are derived from the values. A line the description does not have is not
 * printed, so parse, write and parse again gives an equal description, and a dump already in the current format is
 * reproduced line for line, except for what the description does not keep: column-0 hook lines are printed after the
 * {@code GPIO} block (where current kernels print them) wherever they stood; words that disagree with their hex
 * (hand edits, older kernels' words) are re-derived; a {@code Delay:} line follows the wcaps; power-state bits
 * without a name and setting/actual states 5 ... 14 (printed {@code UNKNOWN}, read back as 0xF) are not printed;
 * skipped lines, indentation, line ends and old line forms come out in the current form.
 *
 * <p>Stateless and thread-safe.
 */
public final class CodecDumpWriter
{
    /**
     * @param codec a codec.
     * @return its dump text, each line ending in {@code \n}.
     */
    public String write(final CodecDump codec)
    {
        final StringBuilder out = new StringBuilder(4096);
        write(codec, out);
        return out.toString();
    }

    /**
     * @param file a dump file's codecs.
     * @return the codecs' dumps one after another, as raw {@code codec#N} text (card information is not printed).
     */
    public String write(final DumpFile file)
    {
        final StringBuilder out = new StringBuilder(8192);
        for (final DumpFile.Entry e : file.codecs())
        {
            write(e.codec(), out);
        }
        return out.toString();
    }

    /**
     * @param codec a codec.
     * @param out   receives its dump text.
     */
    public void write(final CodecDump codec, final StringBuilder out)
    {
        out.append("Codec: ").append(freeText(codec.name())).append('\n');
        out.append("Address: ").append(codec.address()).append('\n');
        codec.afgFunctionId().ifPresent(id -> functionId(out, "AFG", id));
        codec.mfgFunctionId().ifPresent(id -> functionId(out, "MFG", id));
        out.append("Vendor Id: 0x").append(hex8(codec.vendorId())).append('\n');
        out.append("Subsystem Id: 0x").append(hex8(codec.subsystemId())).append('\n');
        out.append("Revision Id: 0x").append(Integer.toHexString(codec.revisionId())).append('\n');
        if (codec.modemFunctionGroup().isPresent())
        {
            out.append("Modem Function Group: 0x").append(Integer.toHexString(codec.modemFunctionGroup().getAsInt()))
                    .append('\n');
        }
        else
        {
            out.append("No Modem Function Group found\n");
        }
        if (codec.afg().isEmpty())
        {
            return;
        }
        final AfgDump afg = codec.afg().get();
        afg.defaultPcm().ifPresent(pcm ->
        {
            out.append("Default PCM:\n");
            pcm(out, pcm);
        });
        out.append("Default Amp-In caps: ");
        ampCaps(out, afg.defaultAmpInCaps());
        out.append("Default Amp-Out caps: ");
        ampCaps(out, afg.defaultAmpOutCaps());
        if (afg.nid().isPresent())
        {
            out.append("State of AFG node 0x").append(hex2(afg.nid().getAsInt())).append(":\n");
        }
        NodeWriter.power(out, afg.powerStates(), afg.powerState());
        if (afg.invalidSubtree())
        {
            out.append("Invalid AFG subtree\n");
        }
        afg.gpio().ifPresent(gpio -> gpio(out, gpio));
        for (final String hook : afg.hookLines())
        {
            out.append(hook).append('\n');
        }
        final boolean realtek = codec.vendorId() >>> 16 == 0x10ec;
        for (final WidgetDump w : afg.widgets())
        {
            NodeWriter.node(out, w, realtek);
        }
    }

    private static void functionId(final StringBuilder out, final String group, final FunctionGroupId id)
    {
        out.append(group).append(" Function Id: 0x").append(Integer.toHexString(id.type()));
        if (id.unsolicited().isPresent())
        {
            out.append(" (unsol ").append(id.unsolicited().getAsInt()).append(')');
        }
        out.append('\n');
    }

    private static void gpio(final StringBuilder out, final GpioDump gpio)
    {
        final int caps = gpio.caps();
        out.append("GPIO: io=").append(caps & 0xff).append(", o=").append(caps >>> 8 & 0xff)
                .append(", i=").append(caps >>> 16 & 0xff).append(", unsolicited=").append(caps >>> 30 & 1)
                .append(", wake=").append(caps >>> 31).append('\n');
        for (final GpioDump.Line l : gpio.lines())
        {
            out.append("  IO[").append(l.index()).append("]: enable=").append(b(l.enable()))
                    .append(", dir=").append(b(l.output())).append(", wake=").append(b(l.wake()))
                    .append(", sticky=").append(b(l.sticky())).append(", data=").append(b(l.data()))
                    .append(", unsol=").append(b(l.unsol())).append('\n');
        }
        NodeWriter.controls(out, gpio.controls());
    }

    /** Prints the three lines of a PCM block (or {@code N/A}). */
    static void pcm(final StringBuilder out, final PcmCaps pcm)
    {
        if (!pcm.available())
        {
            out.append("N/A\n");
            return;
        }
        out.append("    rates [0x").append(Integer.toHexString(pcm.rates())).append("]:");
        for (int i = 0; i < PcmCaps.RATES_HZ.length; i++)
        {
            if ((pcm.rates() >>> i & 1) != 0)
            {
                out.append(' ').append(PcmCaps.RATES_HZ[i]);
            }
        }
        out.append("\n    bits [0x").append(Integer.toHexString(pcm.bits())).append("]:");
        for (int i = 0; i < PcmCaps.SAMPLE_BITS.length; i++)
        {
            if ((pcm.bits() >>> i & 1) != 0)
            {
                out.append(' ').append(PcmCaps.SAMPLE_BITS[i]);
            }
        }
        out.append("\n    formats [0x").append(Integer.toHexString(pcm.formats())).append("]:");
        if ((pcm.formats() & 1) != 0)
        {
            out.append(" PCM");
        }
        if ((pcm.formats() & 2) != 0)
        {
            out.append(" FLOAT");
        }
        if ((pcm.formats() & 4) != 0)
        {
            out.append(" AC3");
        }
        out.append('\n');
    }

    /** Prints amp caps after their label (or {@code N/A} for 0). */
    static void ampCaps(final StringBuilder out, final int caps)
    {
        if (caps == 0 || caps == -1)
        {
            out.append("N/A\n");
            return;
        }
        out.append("ofs=0x").append(hex2(caps & 0x7f)).append(", nsteps=0x").append(hex2(caps >>> 8 & 0x7f))
                .append(", stepsize=0x").append(hex2(caps >>> 16 & 0x7f)).append(", mute=").append(caps >>> 31)
                .append('\n');
    }

    static int b(final boolean bit)
    {
        return bit ? 1 : 0;
    }

    /** @return at least two lower-case hex digits. */
    static String hex2(final int value)
    {
        final String s = Integer.toHexString(value);
        return s.length() < 2 ? "0" + s : s;
    }

    /** @return eight lower-case hex digits. */
    static String hex8(final int value)
    {
        final String s = Integer.toHexString(value);
        return "00000000".substring(s.length()) + s;
    }

    static void nidList(final StringBuilder out, final List<Integer> nids, final int selected)
    {
        for (int c = 0; c < nids.size(); c++)
        {
            out.append(" 0x").append(hex2(nids.get(c)));
            if (c == selected)
            {
                out.append('*');
            }
        }
    }

    /**
     * A name as the parser reads it back, which decodes quoted-printable {@code =3D} to {@code =} and joins a line
     * ending in {@code =} with the next ({@link DumpText}): a literal {@code =3D} in the name is written as
     * {@code =3D3D} and a name ending in {@code =} ends in {@code =3D}. Any other {@code =} (as in Linux's
     * {@code "HDMI/DP,pcm=3 Jack"}) is written as it is.
     *
     * @param name a codec, control or PCM device name.
     * @return the text to write.
     */
    static String freeText(final String name)
    {
        final String text = name.contains("=3D") ? name.replace("=3D", "=3D3D") : name;
        return text.endsWith("=") ? text + "3D" : text;
    }
}

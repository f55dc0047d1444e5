package dev.azalia.hda.codec.dump;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsers for value shapes several line kinds share: amp caps and values, PCM blocks, power lines, node-id lists.
 * Stateless apart from the {@link ParseContext} passed in.
 */
final class FieldParsers
{
    /** Power-state words in {@code Power states:}, by bit. */
    static final String[] POWER_STATE_NAMES = new String[32];
    /** Power-state names of the setting and actual fields; others print as {@code UNKNOWN}. */
    static final String[] POWER_NAMES = {"D0", "D1", "D2", "D3", "D3cold"};
    /** The value a setting or actual state printed as {@code UNKNOWN} is read as. */
    static final int UNKNOWN_STATE = 0xf;

    static
    {
        POWER_STATE_NAMES[0] = "D0";
        POWER_STATE_NAMES[1] = "D1";
        POWER_STATE_NAMES[2] = "D2";
        POWER_STATE_NAMES[3] = "D3";
        POWER_STATE_NAMES[4] = "D3cold";
        POWER_STATE_NAMES[29] = "S3D3cold";
        POWER_STATE_NAMES[30] = "CLKSTOP";
        POWER_STATE_NAMES[31] = "EPSS";
    }

    private FieldParsers()
    {
    }

    /** The text after the first {@code :} of a line (trimmed), or "" when there is none. */
    static String afterColon(final String t)
    {
        final int colon = t.indexOf(':');
        return colon < 0 ? "" : t.substring(colon + 1).trim();
    }

    /** Splits on runs of white space; "" gives no tokens. */
    static List<String> tokens(final String s)
    {
        final List<String> out = new ArrayList<>();
        int i = 0;
        final int n = s.length();
        while (i < n)
        {
            while (i < n && Character.isWhitespace(s.charAt(i)))
            {
                i++;
            }
            final int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i)))
            {
                i++;
            }
            if (i > start)
            {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /**
     * Amp caps: {@code ofs=0x00, nsteps=0x03, stepsize=0x27, mute=0} or {@code N/A} (= 0).
     */
    static int ampCaps(final ParseContext ctx, final String value, final String what) throws DumpParseException
    {
        if (value.isEmpty() || value.startsWith("N/A"))
        {
            return 0;
        }
        final String ofs = ParseContext.field(value, "ofs");
        final String nsteps = ParseContext.field(value, "nsteps");
        final String stepsize = ParseContext.field(value, "stepsize");
        final String mute = ParseContext.field(value, "mute");
        if (ofs == null || nsteps == null || stepsize == null || mute == null)
        {
            throw ctx.error("malformed " + what + ": expected ofs=, nsteps=, stepsize=, mute= or N/A");
        }
        return AmpDump.caps(ctx.hex(ofs, what), ctx.hex(nsteps, what), ctx.hex(stepsize, what),
                ctx.hex(mute, what) != 0);
    }

    /**
     * Amp values: {@code [0x00 0x00] [0x80 0x80]}, or the oldest flat form {@code 0x1c 0x1c} (paired when the widget
     * is stereo), or nothing.
     */
    static AmpValues ampValues(final ParseContext ctx, final String value, final boolean stereoWidget,
            final String what) throws DumpParseException
    {
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        if (value.indexOf('[') < 0)
        {
            final List<String> flat = tokens(value);
            final boolean pairs = stereoWidget && flat.size() % 2 == 0;
            for (int i = 0; i < flat.size(); i++)
            {
                final int v = ctx.hex(flat.get(i), what);
                if (pairs && i % 2 == 1)
                {
                    right.add(v);
                }
                else
                {
                    left.add(v);
                }
            }
            return new AmpValues(pairs && !flat.isEmpty(), left, right);
        }
        int stereo = -1;
        int i = 0;
        while (i < value.length())
        {
            final int open = value.indexOf('[', i);
            if (open < 0)
            {
                if (!value.substring(i).isBlank())
                {
                    throw ctx.error("malformed " + what + ": text outside brackets");
                }
                break;
            }
            final int close = value.indexOf(']', open);
            if (close < 0)
            {
                throw ctx.error("malformed " + what + ": '[' without ']'");
            }
            final List<String> pair = tokens(value.substring(open + 1, close));
            if (pair.isEmpty() || pair.size() > 2 || stereo >= 0 && (pair.size() == 2) != (stereo == 1))
            {
                throw ctx.error("malformed " + what + ": each bracket must hold the same 1 or 2 values");
            }
            stereo = pair.size() == 2 ? 1 : 0;
            left.add(ctx.hex(pair.get(0), what));
            if (stereo == 1)
            {
                right.add(ctx.hex(pair.get(1), what));
            }
            i = close + 1;
        }
        return new AmpValues(stereo == 1, left, right);
    }

    /** Accumulates a PCM block: three lines, or the oldest one-line form. */
    static final class PcmBuilder
    {
        private int rates;
        private int bits;
        private int formats;
        private boolean notAvailable;

        /** Reads the one-line form {@code rates 0x07f, bits 0x0e, types 0x1}. */
        void oneLine(final ParseContext ctx, final String value) throws DumpParseException
        {
            final List<String> t = tokens(value.replace(',', ' '));
            for (int i = 0; i + 1 < t.size(); i += 2)
            {
                switch (t.get(i))
                {
                    case "rates" -> rates = ctx.hex(t.get(i + 1), "PCM rates");
                    case "bits" -> bits = ctx.hex(t.get(i + 1), "PCM bits");
                    case "types", "formats" -> formats = ctx.hex(t.get(i + 1), "PCM formats");
                    default -> throw ctx.error("malformed PCM line: unexpected '" + ParseContext.shorten(t.get(i))
                            + "'");
                }
            }
        }

        /** Reads {@code rates [0x560]: ...}, {@code bits [0xe]: ...} or {@code formats [0x1]: ...}. */
        void line(final ParseContext ctx, final LineKind kind, final String t) throws DumpParseException
        {
            final int open = t.indexOf('[');
            final int close = t.indexOf(']');
            if (open < 0 || close < open)
            {
                throw ctx.error("malformed PCM line: expected a [0x..] value");
            }
            final int v = ctx.hex(t.substring(open + 1, close), "PCM " + kind.name().toLowerCase());
            switch (kind)
            {
                case PCM_RATES -> rates = v;
                case PCM_BITS -> bits = v;
                default -> formats = v;
            }
        }

        /** Marks the block {@code N/A}. */
        void notAvailable()
        {
            notAvailable = true;
        }

        /** @return the caps. */
        PcmCaps build()
        {
            return notAvailable ? PcmCaps.NOT_AVAILABLE : PcmCaps.of(rates, bits, formats);
        }
    }

    /** {@code Power states:  D0 D1 D3 CLKSTOP EPSS}: unknown words are ignored. */
    static int powerStates(final String value)
    {
        int mask = 0;
        for (final String word : tokens(value))
        {
            for (int bit = 0; bit < 32; bit++)
            {
                if (word.equals(POWER_STATE_NAMES[bit]))
                {
                    mask |= 1 << bit;
                }
            }
        }
        return mask;
    }

    /**
     * {@code Power: setting=D0, actual=D0[, Error][, Clock-stop-OK][, Setting-reset]} or the oldest {@code Power: 0x0}.
     */
    static int powerState(final ParseContext ctx, final String value) throws DumpParseException
    {
        if (value.startsWith("0x"))
        {
            final int raw = ctx.hex(tokens(value).get(0), "Power line");
            return state(raw & 0xf) | state(raw >>> 4 & 0xf) << 4 | raw & 0x700;
        }
        final String setting = ctx.requiredField(value, "setting", "Power line");
        final String actual = ctx.requiredField(value, "actual", "Power line");
        int raw = stateNamed(setting) | stateNamed(actual) << 4;
        if (value.contains("Error"))
        {
            raw |= 0x100;
        }
        if (value.contains("Clock-stop-OK"))
        {
            raw |= 0x200;
        }
        if (value.contains("Setting-reset"))
        {
            raw |= 0x400;
        }
        return raw;
    }

    private static int state(final int s)
    {
        return s < POWER_NAMES.length ? s : UNKNOWN_STATE;
    }

    private static int stateNamed(final String name)
    {
        for (int i = 0; i < POWER_NAMES.length; i++)
        {
            if (POWER_NAMES[i].equals(name))
            {
                return i;
            }
        }
        return UNKNOWN_STATE;
    }

    /**
     * A list of node ids, each {@code 0x..} optionally followed by {@code *}.
     *
     * @param out      receives the ids.
     * @return the index marked {@code *}, or -1.
     */
    static int nidList(final ParseContext ctx, final String value, final List<Integer> out, final String what)
            throws DumpParseException
    {
        int selected = -1;
        for (final String token : tokens(value))
        {
            if (token.endsWith("*"))
            {
                selected = out.size();
            }
            final int nid = ctx.hex(token, what);
            if (nid < 0 || nid > 0x7fff)
            {
                throw ctx.error("node id " + ParseContext.shorten(token) + " in " + what + " is out of range");
            }
            out.add(nid);
        }
        return selected;
    }
}

package dev.azalia.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Register accesses cut out of an mmiotrace text ({@code R|W width time map phys value ...}), as
 * {@code "R 1 0x0008 0x0"} strings (offset within the BAR, value in hex), for comparing with a sequence written
 * from a Linux capture. An expected value {@code *} matches anything (DMA addresses, wall clock).
 */
final class MmioSequence
{
    /** Command-path registers a verb touches: CORBWP, CORBRP, RIRBWP, RIRBSTS, INTSTS. */
    private static final int[] VERB_REGISTERS = {0x48, 0x4a, 0x58, 0x5d, 0x24};

    private MmioSequence()
    {
    }

    /**
     * The accesses in a slice of trace text.
     *
     * @param trace       the trace text.
     * @param from        start offset in the text.
     * @param to          end offset in the text.
     * @param withoutVerbs drop the command path's registers (verbs and their interrupts).
     * @return one string per access.
     */
    static List<String> accesses(final CharSequence trace, final int from, final int to, final boolean withoutVerbs)
    {
        final List<String> out = new ArrayList<>();
        for (final String line : trace.subSequence(from, to).toString().split("\n"))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !("R".equals(f[0]) || "W".equals(f[0])))
            {
                continue;
            }
            final int offset = (int)(Long.decode(f[4]) & 0x3fff);
            if (withoutVerbs && isVerbRegister(offset))
            {
                continue;
            }
            out.add(String.format(Locale.ROOT, "%s %s 0x%04x 0x%x", f[0], f[1], offset, Long.decode(f[5])));
        }
        return out;
    }

    private static boolean isVerbRegister(final int offset)
    {
        for (final int r : VERB_REGISTERS)
        {
            if (r == offset)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the values of accesses whose expected value is {@code *} by {@code *}, so the lists compare equal
     * there.
     *
     * @param actual   the recorded accesses.
     * @param expected the expected ones.
     * @return {@code actual} with wildcarded values.
     */
    static List<String> masked(final List<String> actual, final List<String> expected)
    {
        final List<String> out = new ArrayList<>(actual);
        for (int i = 0; i < Math.min(out.size(), expected.size()); i++)
        {
            if (expected.get(i).endsWith(" *"))
            {
                final String a = out.get(i);
                out.set(i, a.substring(0, a.lastIndexOf(' ')) + " *");
            }
        }
        return out;
    }
}

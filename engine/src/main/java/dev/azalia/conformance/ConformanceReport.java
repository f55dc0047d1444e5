package dev.azalia.conformance;

import java.util.List;
import java.util.Locale;

/**
 * Formats a {@link ConformanceResult} for a terminal: the scenario, a table of phases (accesses on each side,
 * similarity, key value differences, verb differences, verdict), then per failing or differing phase its value and
 * verb differences and its first divergences with the Linux function. Plain ASCII, lines under 120 columns,
 * deterministic (the same result gives the same text). Stateless.
 */
public final class ConformanceReport
{
    private ConformanceReport()
    {
    }

    /**
     * The report.
     *
     * @param r              the result.
     * @param maxDivergences the divergences printed per phase; twice as many value and verb differences are.
     * @return the text, ending in a newline.
     */
    public static String format(final ConformanceResult r, final int maxDivergences)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("Linux:  ").append(r.linuxSource()).append('\n');
        sb.append("Azalia: ").append(r.azaliaSource()).append('\n');
        r.scenario().ifPresent(s -> scenario(sb, s));
        sb.append(String.format(Locale.ROOT, "%n%-22s %7s %7s %6s %6s %6s %5s %5s  %s%n", "phase", "linux", "azalia",
            "simil.", "goal", "values", "verbs", "vdiff", "verdict"));
        for (final PhaseResult p : r.phases())
        {
            final long keyValues = p.valueDiffs().stream().filter(ValueDiff::fails).count();
            sb.append(String.format(Locale.ROOT, "%-22s %7d %7d %6.3f %6.2f %6d %2d/%-2d %5d  %s%n", p.name(),
                p.linuxAccesses(), p.azaliaAccesses(), p.similarity(), p.goal(), keyValues, p.linuxVerbs(),
                p.azaliaVerbs(), p.verbDiffs().size(), p.pass() ? "pass" : "FAIL"));
        }
        for (final PhaseResult p : r.phases())
        {
            if (p.pass() && p.valueDiffs().isEmpty() && p.verbDiffs().isEmpty() && p.divergences().isEmpty())
            {
                continue;
            }
            details(sb, p, maxDivergences);
        }
        final long failed = r.phases().stream().filter(p -> !p.pass()).count();
        sb.append('\n').append(r.pass() ? "result: every phase passes (" + r.phases().size() + ")"
            : "result: " + failed + " of " + r.phases().size() + " phases fail").append('\n');
        return sb.toString();
    }

    private static void scenario(final StringBuilder sb, final CaptureScenario s)
    {
        final StreamParameters p = s.stream();
        sb.append(String.format(Locale.ROOT, "stream: SD%d tag %d, %d Hz %d bit %d ch (FMT 0x%04x), buffer %d bytes,"
            + " LVI %d, %d periods of %d frames%n        (%s)%n", p.streamIndex(), p.streamTag(), p.rateHz(), p.bits(),
            p.channels(), p.formatWord(), p.bufferBytes(), p.lastValidIndex(), p.periods(), p.periodFrames(),
            p.leadEntry() ? "bdl_pos_adj lead entry: periods = LVI" : "no lead entry: periods = LVI + 1"));
        for (final CaptureScenario.Play play : s.plays())
        {
            sb.append(String.format(Locale.ROOT, "play%d: %d frames (%d period interrupts), idle before %.3f s%s,"
                + " idle after %.3f s%n", play.number(), play.frames(), play.periodInterrupts(),
                play.idleBeforeNanos() / 1e9, play.systemSuspendBefore() ? " after a system suspend" : "",
                play.idleAfterNanos() / 1e9));
        }
    }

    private static void details(final StringBuilder sb, final PhaseResult p, final int maxDivergences)
    {
        sb.append('\n').append("== ").append(p.name()).append(": ").append(p.pass() ? "pass" : "FAIL");
        sb.append(String.format(Locale.ROOT, " (tokens %d/%d after repeated runs reduced)%n", p.linuxTokens(),
            p.azaliaTokens()));
        for (final String f : p.failures())
        {
            sb.append("  fails: ").append(f).append('\n');
        }
        final int listed = Math.max(2 * maxDivergences, 1);
        for (final ValueDiff v : p.valueDiffs().subList(0, Math.min(listed, p.valueDiffs().size())))
        {
            sb.append(String.format(Locale.ROOT, "  value  %-3s %-14s linux 0x%-10x azalia 0x%-10x lines %d/%d%s%n",
                v.kind(), v.register(), v.linuxValue(), v.azaliaValue(), v.linuxLine(), v.azaliaLine(),
                v.allowedBy().isEmpty() ? (v.key() ? "" : "  (not a key register)") : ""));
            allowed(sb, v.allowedBy());
        }
        more(sb, p.valueDiffs().size() - listed, "value");
        for (final VerbDiff v : p.verbDiffs().subList(0, Math.min(listed, p.verbDiffs().size())))
        {
            sb.append("  ").append(verb(v)).append('\n');
            allowed(sb, v.allowedBy());
        }
        more(sb, p.verbDiffs().size() - listed, "verb");
        final List<Divergence> ds = p.divergences();
        for (int i = 0; i < Math.min(maxDivergences, ds.size()); i++)
        {
            final Divergence d = ds.get(i);
            sb.append("  divergence ").append(i + 1).append(" of ").append(ds.size())
                .append(d.linuxFunction().isEmpty() ? "" : ", linux in " + d.linuxFunction()).append('\n');
            d.context().forEach(c -> sb.append("      after   ").append(c).append('\n'));
            d.linux().forEach(c -> sb.append("      linux   ").append(c).append('\n'));
            if (d.linux().isEmpty())
            {
                sb.append("      linux   (nothing)\n");
            }
            d.azalia().forEach(c -> sb.append("      azalia  ").append(c).append('\n'));
            if (d.azalia().isEmpty())
            {
                sb.append("      azalia  (nothing)\n");
            }
        }
    }

    private static void more(final StringBuilder sb, final int count, final String what)
    {
        if (count > 0)
        {
            sb.append("  ... ").append(count).append(" more ").append(what).append(" difference")
                .append(1 == count ? "" : "s").append('\n');
        }
    }

    private static void allowed(final StringBuilder sb, final String label)
    {
        if (!label.isEmpty())
        {
            sb.append("         ").append(label).append('\n');
        }
    }

    private static String verb(final VerbDiff v)
    {
        return switch (v.kind())
        {
            case VERB -> v.linuxVerb() >= 0
                ? String.format(Locale.ROOT, "verb   linux only   0x%08x (verb %d)", v.linuxVerb(), v.linuxIndex() + 1)
                : String.format(Locale.ROOT, "verb   azalia only  0x%08x (verb %d)", v.azaliaVerb(),
                    v.azaliaIndex() + 1);
            case RESPONSE -> String.format(Locale.ROOT, "response to 0x%08x: linux 0x%08x azalia 0x%08x",
                v.linuxVerb(), v.linuxValue(), v.azaliaValue());
            case REPEAT -> String.format(Locale.ROOT, "repeat 0x%08x: linux %d times, azalia %d", v.linuxVerb(),
                v.linuxValue(), v.azaliaValue());
        };
    }
}

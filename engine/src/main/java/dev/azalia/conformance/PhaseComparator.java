package dev.azalia.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares one phase of Linux's trace with the same phase of Azalia's: the access tokens ({@code "W4 SD4.CTL"}) with
 * repeated runs reduced ({@link SequenceAligner#reduceRepeats}), aligned and measured; the compared bits of the
 * values at aligned accesses ({@link RegisterMap#comparedBits}); the verbs, with back-to-back repeats of one verb
 * counted rather than listed, aligned verb for verb, and the responses of aligned verbs. Stateless.
 */
public final class PhaseComparator
{
    /** The similarity a phase must reach unless the allowed list lowers it. */
    public static final double GOAL = 0.95;

    private static final int CONTEXT = 2;
    private static final int LINES_PER_SIDE = 4;

    /** One verb with its response and how many times it was sent back to back. */
    private record VerbRun(long verb, long response, int count, int index)
    {
    }

    private PhaseComparator()
    {
    }

    /**
     * Compares a phase.
     *
     * @param name      the phase's name.
     * @param linux     Linux's phase (empty when Linux has none of that name).
     * @param azalia    Azalia's phase.
     * @param linuxRegs Linux's register layout.
     * @param azRegs    Azalia's register layout.
     * @param functions the kernel functions of Linux's accesses.
     * @param allowed   the differences that do not fail.
     * @return the result.
     */
    public static PhaseResult compare(final String name, final Phase linux, final Phase azalia,
        final RegisterMap linuxRegs, final RegisterMap azRegs, final KernelFunctions functions,
        final AllowedDifferences allowed)
    {
        final List<String> lt = tokens(linux, linuxRegs);
        final List<String> at = tokens(azalia, azRegs);
        final int[] lk = SequenceAligner.reduceRepeats(lt);
        final int[] ak = SequenceAligner.reduceRepeats(at);
        final List<String> ls = pick(lt, lk);
        final List<String> as = pick(at, ak);
        final List<SequenceAligner.Step> steps = SequenceAligner.align(ls, as);
        final double similarity = SequenceAligner.similarity(steps, ls.size(), as.size());
        final double goal = allowed.similarityGoal(name, GOAL);

        final List<ValueDiff> values = new ArrayList<>();
        final List<Divergence> divergences = new ArrayList<>();
        final List<String> context = new ArrayList<>();
        final List<String> onlyL = new ArrayList<>();
        final List<String> onlyA = new ArrayList<>();
        String firstFunction = "";
        for (final SequenceAligner.Step s : steps)
        {
            if (!s.matched())
            {
                if (onlyL.isEmpty() && onlyA.isEmpty())
                {
                    firstFunction = "";
                }
                if (s.a() >= 0)
                {
                    final MmioAccess a = linux.accesses().get(lk[s.a()]);
                    if (onlyL.isEmpty())
                    {
                        firstFunction = functions.of(a);
                    }
                    onlyL.add(describe(a, linuxRegs));
                }
                else
                {
                    onlyA.add(describe(azalia.accesses().get(ak[s.b()]), azRegs));
                }
                continue;
            }
            if (!onlyL.isEmpty() || !onlyA.isEmpty())
            {
                divergences.add(new Divergence(context, cap(onlyL), cap(onlyA), firstFunction));
                onlyL.clear();
                onlyA.clear();
            }
            final MmioAccess la = linux.accesses().get(lk[s.a()]);
            final MmioAccess aa = azalia.accesses().get(ak[s.b()]);
            final String reg = linuxRegs.name(la.offset());
            final long mask = RegisterMap.comparedBits(reg);
            if (0 != ((la.value() ^ aa.value()) & mask))
            {
                values.add(new ValueDiff(reg, la.kind(), la.value(), aa.value(), la.lineNumber(), aa.lineNumber(),
                    RegisterMap.key(reg), allowed.find(name, "value", reg).map(AllowedDifference::label).orElse("")));
                divergences.add(new Divergence(context, List.of(describe(la, linuxRegs)),
                    List.of(describe(aa, azRegs)), functions.of(la)));
            }
            context.add(describe(la, linuxRegs));
            if (context.size() > CONTEXT)
            {
                context.remove(0);
            }
        }
        if (!onlyL.isEmpty() || !onlyA.isEmpty())
        {
            divergences.add(new Divergence(context, cap(onlyL), cap(onlyA), firstFunction));
        }
        final List<VerbDiff> verbs = compareVerbs(name, linux, azalia, allowed);
        return new PhaseResult(name, linux.accesses().size(), azalia.accesses().size(), ls.size(), as.size(),
            similarity, goal, linux.verbs().size(), azalia.verbs().size(), values, verbs, divergences,
            failures(similarity, goal, values, verbs));
    }

    private static List<String> failures(final double similarity, final double goal, final List<ValueDiff> values,
        final List<VerbDiff> verbs)
    {
        final List<String> out = new ArrayList<>();
        if (similarity < goal)
        {
            out.add(String.format(Locale.ROOT, "similarity %.3f below %.2f", similarity, goal));
        }
        final Map<String, Integer> regs = new TreeMap<>();
        values.stream().filter(ValueDiff::fails).forEach(v -> regs.merge(v.register(), 1, Integer::sum));
        if (!regs.isEmpty())
        {
            final StringBuilder sb = new StringBuilder("values differ in");
            regs.forEach((r, n) -> sb.append(' ').append(r).append(n > 1 ? " (" + n + ")" : "").append(','));
            out.add(sb.substring(0, sb.length() - 1));
        }
        for (final VerbDiff.Kind k : VerbDiff.Kind.values())
        {
            final long n = verbs.stream().filter(v -> v.kind() == k && v.fails()).count();
            if (n > 0)
            {
                out.add(n + " " + k.name().toLowerCase(Locale.ROOT) + " difference" + (n > 1 ? "s" : ""));
            }
        }
        return out;
    }

    private static List<VerbDiff> compareVerbs(final String name, final Phase linux, final Phase azalia,
        final AllowedDifferences allowed)
    {
        final List<VerbRun> lr = runs(linux);
        final List<VerbRun> ar = runs(azalia);
        final List<SequenceAligner.Step> steps = SequenceAligner.align(lr.stream().map(r -> hex(r.verb())).toList(),
            ar.stream().map(r -> hex(r.verb())).toList());
        final List<VerbDiff> out = new ArrayList<>();
        for (final SequenceAligner.Step s : steps)
        {
            final VerbRun l = s.a() >= 0 ? lr.get(s.a()) : null;
            final VerbRun a = s.b() >= 0 ? ar.get(s.b()) : null;
            if (null == l || null == a)
            {
                final VerbRun one = null == l ? a : l;
                out.add(new VerbDiff(VerbDiff.Kind.VERB, null == l ? -1 : l.verb(), null == a ? -1 : a.verb(), 0, 0,
                    null == l ? -1 : l.index(), null == a ? -1 : a.index(), allow(allowed, name, "verb", one.verb())));
                continue;
            }
            if (l.response() != a.response())
            {
                out.add(new VerbDiff(VerbDiff.Kind.RESPONSE, l.verb(), a.verb(), l.response(), a.response(),
                    l.index(), a.index(), allow(allowed, name, "response", l.verb())));
            }
            if (l.count() != a.count())
            {
                out.add(new VerbDiff(VerbDiff.Kind.REPEAT, l.verb(), a.verb(), l.count(), a.count(), l.index(),
                    a.index(), allow(allowed, name, "repeat", l.verb())));
            }
        }
        return out;
    }

    private static String allow(final AllowedDifferences allowed, final String phase, final String kind,
        final long verb)
    {
        return allowed.find(phase, kind, hex(verb)).map(AllowedDifference::label).orElse("");
    }

    /** The phase's verbs, each with the response that followed it, back-to-back repeats of a verb counted. */
    private static List<VerbRun> runs(final Phase p)
    {
        final List<long[]> pairs = new ArrayList<>();
        for (final TraceEvent e : p.events())
        {
            if (TraceEvent.SEND.equals(e.name()))
            {
                pairs.add(new long[] {e.field("val").orElseThrow(), -1});
            }
            else if (TraceEvent.RESPONSE.equals(e.name()) && !pairs.isEmpty() && pairs.get(pairs.size() - 1)[1] < 0)
            {
                pairs.get(pairs.size() - 1)[1] = e.field("val").orElseThrow();
            }
        }
        final List<VerbRun> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++)
        {
            final long[] v = pairs.get(i);
            final VerbRun last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (null != last && last.verb() == v[0])
            {
                out.set(out.size() - 1, new VerbRun(last.verb(), last.response(), last.count() + 1, last.index()));
            }
            else
            {
                out.add(new VerbRun(v[0], v[1], 1, i));
            }
        }
        return out;
    }

    static List<String> tokens(final Phase p, final RegisterMap regs)
    {
        return p.accesses().stream().map(a -> a.kind() + " " + regs.name(a.offset())).toList();
    }

    private static List<String> pick(final List<String> tokens, final int[] kept)
    {
        final List<String> out = new ArrayList<>(kept.length);
        for (final int k : kept)
        {
            out.add(tokens.get(k));
        }
        return out;
    }

    private static List<String> cap(final List<String> lines)
    {
        if (lines.size() <= LINES_PER_SIDE)
        {
            return List.copyOf(lines);
        }
        final List<String> out = new ArrayList<>(lines.subList(0, LINES_PER_SIDE));
        out.add("... " + (lines.size() - LINES_PER_SIDE) + " more");
        return out;
    }

    /**
     * An access as reports print it.
     *
     * @param a    the access.
     * @param regs the layout naming its register.
     * @return {@code "W4 SD4.CTL=0x100000 (line 812)"}.
     */
    static String describe(final MmioAccess a, final RegisterMap regs)
    {
        return a.kind() + " " + regs.name(a.offset()) + "=0x" + Long.toHexString(a.value()) + " (line "
            + a.lineNumber() + ")";
    }

    static String hex(final long verb)
    {
        return String.format("0x%08x", verb);
    }

    /**
     * An empty phase, for a name only the other side has.
     *
     * @param name the phase.
     * @return a phase without accesses or events.
     */
    static Phase empty(final String name)
    {
        return new Phase(name, List.of(), List.of());
    }

    static Optional<Phase> byName(final List<Phase> phases, final String name)
    {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

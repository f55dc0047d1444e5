package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class VerbComparisonTest
{
    private static final RegisterMap ICH9 = RegisterMap.withStreams(8);

    /** verbs as {verb, response} pairs. */
    private static Phase phase(final long[]... verbs)
    {
        final List<TraceEvent> e = new ArrayList<>();
        long t = 0;
        for (final long[] v : verbs)
        {
            e.add(new TraceEvent(t++, TraceEvent.SEND, String.format("[0000:00:03.0:0] val=0x%08x", v[0]), false, 1));
            e.add(new TraceEvent(t++, TraceEvent.RESPONSE, String.format("[0000:00:03.0:0] val=0x%08x", v[1]), false,
                1));
        }
        return new Phase("p", List.of(), e);
    }

    private static PhaseResult compare(final Phase linux, final Phase azalia, final AllowedDifferences allowed)
    {
        return PhaseComparator.compare("p", linux, azalia, ICH9, ICH9, KernelFunctions.none(), allowed);
    }

    @Test
    void equalVerbsPass()
    {
        final Phase p = phase(new long[] {0x000f0000, 0x1af40022}, new long[] {0x00170500, 0});
        final PhaseResult r = compare(p, p, AllowedDifferences.none());
        assertThat(r.verbDiffs()).isEmpty();
        assertThat(r.pass()).isTrue();
        assertThat(r.linuxVerbs()).isEqualTo(2);
    }

    @Test
    void aVerbSentOnOneSideOnlyFails()
    {
        final PhaseResult r = compare(phase(new long[] {0x1, 0}, new long[] {0x00270600, 0}, new long[] {0x2, 0}),
            phase(new long[] {0x1, 0}, new long[] {0x2, 0}), AllowedDifferences.none());

        assertThat(r.verbDiffs()).containsExactly(new VerbDiff(VerbDiff.Kind.VERB, 0x00270600, -1, 0, 0, 1, -1, ""));
        assertThat(r.failures()).containsExactly("1 verb difference");
    }

    @Test
    void aDifferentResponseIsReportedApart()
    {
        final PhaseResult r = compare(phase(new long[] {0x001f0500, 0x0}), phase(new long[] {0x001f0500, 0x33}),
            AllowedDifferences.none());

        assertThat(r.verbDiffs()).extracting(VerbDiff::kind).containsExactly(VerbDiff.Kind.RESPONSE);
        assertThat(r.verbDiffs().get(0).linuxValue()).isZero();
        assertThat(r.verbDiffs().get(0).azaliaValue()).isEqualTo(0x33);
        assertThat(r.pass()).isFalse();
    }

    @Test
    void aPollCountDifferenceIsARepeatThatTheListCanAllow() throws Exception
    {
        final long[] poll = {0x001f0500, 0x0};
        final Phase linux = phase(new long[] {0x00170503, 0}, poll, poll, poll, poll, new long[] {0x9, 0});
        final Phase azalia = phase(new long[] {0x00170503, 0}, poll, new long[] {0x9, 0});

        final PhaseResult strict = compare(linux, azalia, AllowedDifferences.none());
        assertThat(strict.verbDiffs()).containsExactly(
            new VerbDiff(VerbDiff.Kind.REPEAT, 0x001f0500, 0x001f0500, 4, 1, 1, 1, ""));
        assertThat(strict.pass()).isFalse();

        final PhaseResult allowed = compare(linux, azalia,
            AllowedDifferences.parse("l", "* repeat 0x???f0500 QEMU's codec answers D0\n"));
        assertThat(allowed.verbDiffs().get(0).allowedBy()).isEqualTo("allowed: QEMU's codec answers D0");
        assertThat(allowed.pass()).isTrue();
    }
}

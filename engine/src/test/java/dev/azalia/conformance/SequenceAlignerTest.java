package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

final class SequenceAlignerTest
{
    private static List<String> seq(final String s)
    {
        return List.of(s.split(" "));
    }

    @Test
    void identicalSequencesAreOne()
    {
        assertThat(SequenceAligner.similarity(seq("a b c d"), seq("a b c d"))).isEqualTo(1.0);
        assertThat(SequenceAligner.similarity(List.of(), List.of())).isEqualTo(1.0);
    }

    @Test
    void oneSubstitutionInTenIsPointNine()
    {
        final List<String> a = seq("a b c d e f g h i j");
        final List<String> b = seq("a b c d X f g h i j");
        // LCS 9 of 10 + 10 tokens
        assertThat(SequenceAligner.similarity(a, b)).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void oneInsertionIsTwoLcsOverBothLengths()
    {
        assertThat(SequenceAligner.similarity(seq("a b c d"), seq("a b x c d"))).isCloseTo(8.0 / 9, within(1e-12));
        assertThat(SequenceAligner.similarity(seq("a b"), List.of())).isEqualTo(0.0);
    }

    @Test
    void similarityIsSymmetric()
    {
        final List<String> a = seq("a b c a b d e f a");
        final List<String> b = seq("b a c d a e f f");
        assertThat(SequenceAligner.similarity(a, b)).isEqualTo(SequenceAligner.similarity(b, a));
    }

    @Test
    void alignmentVisitsEveryTokenOnceWithMatchesEqual()
    {
        final List<String> a = seq("a b c x d");
        final List<String> b = seq("a c y d e");
        final List<SequenceAligner.Step> steps = SequenceAligner.align(a, b);
        assertThat(steps.stream().filter(s -> s.a() >= 0).map(SequenceAligner.Step::a)).containsExactly(0, 1, 2, 3, 4);
        assertThat(steps.stream().filter(s -> s.b() >= 0).map(SequenceAligner.Step::b)).containsExactly(0, 1, 2, 3, 4);
        steps.stream().filter(SequenceAligner.Step::matched)
            .forEach(s -> assertThat(a.get(s.a())).isEqualTo(b.get(s.b())));
        assertThat(steps.stream().filter(SequenceAligner.Step::matched).count()).isEqualTo(3);
    }

    @Test
    void repeatedRunsOfABlockAreKeptOnce()
    {
        final List<String> poll = new ArrayList<>(List.of("W CTL"));
        poll.addAll(Collections.nCopies(50, "R CTL"));
        poll.add("W SSYNC");
        assertThat(SequenceAligner.reduceRepeats(poll)).containsExactly(0, 1, 51);

        final List<String> irqs = new ArrayList<>(List.of("start"));
        for (int i = 0; i < 16; i++)
        {
            irqs.addAll(seq("R-INTSTS R-STS W-STS R-WALCLK R-INTSTS"));
        }
        irqs.add("stop");
        assertThat(SequenceAligner.reduceRepeats(irqs)).containsExactly(0, 1, 2, 3, 4, 5, 81);
    }

    @Test
    void aPollCountDoesNotChangeTheFigureOnceReduced()
    {
        final List<String> linux = new ArrayList<>(List.of("a"));
        linux.addAll(Collections.nCopies(40, "poll"));
        linux.add("b");
        final List<String> azalia = seq("a poll b");
        final int[] k = SequenceAligner.reduceRepeats(linux);
        final List<String> reduced = new ArrayList<>();
        for (final int i : k)
        {
            reduced.add(linux.get(i));
        }
        assertThat(SequenceAligner.similarity(reduced, azalia)).isEqualTo(1.0);
    }
}

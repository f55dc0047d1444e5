package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class PhaseComparatorTest
{
    private static final RegisterMap ICH9 = RegisterMap.withStreams(8);

    private static MmioAccess w(final int width, final int offset, final long value, final int line)
    {
        return new MmioAccess(line, true, width, offset, value, 0, line);
    }

    private static PhaseResult compare(final List<MmioAccess> linux, final List<MmioAccess> azalia,
        final AllowedDifferences allowed)
    {
        return PhaseComparator.compare("p", new Phase("p", linux, List.of()), new Phase("p", azalia, List.of()),
            ICH9, ICH9, KernelFunctions.none(), allowed);
    }

    @Test
    void namesRegistersAndStreamDescriptors()
    {
        assertThat(ICH9.name(0x08)).isEqualTo("GCTL");
        assertThat(ICH9.name(0x34)).isEqualTo("OLD_SSYNC");
        assertThat(ICH9.name(0x38)).isEqualTo("SSYNC");
        assertThat(ICH9.name(0x80)).isEqualTo("SD0.CTL");
        assertThat(ICH9.name(0x100)).isEqualTo("SD4.CTL");
        assertThat(ICH9.name(0x103)).isEqualTo("SD4.STS");
        assertThat(ICH9.name(0x112)).isEqualTo("SD4.FMT");
        assertThat(ICH9.name(0x178)).isEqualTo("SD7.BDPL");
        assertThat(ICH9.name(0x180)).isEqualTo("0x0180");
        assertThat(ICH9.name(0x2104)).isEqualTo("ALIAS.SD4.LPIB");
    }

    @Test
    void valuesDependingOnAddressesTimeOrPointersAreNotCompared()
    {
        final List<MmioAccess> linux = List.of(w(4, 0x40, 0x8495000, 1), w(4, 0x44, 0, 2), w(4, 0x50, 0x8495800, 3),
            w(4, 0x54, 0, 4), w(4, 0x70, 0x8496000, 5), w(4, 0x74, 0, 6), w(4, 0x118, 0x1000, 7), w(4, 0x11c, 0, 8),
            w(4, 0x30, 0x1234, 9), w(4, 0x104, 96, 10), w(2, 0x48, 3, 11), w(2, 0x4a, 0x8000, 12),
            w(2, 0x58, 0x8000, 13));
        final List<MmioAccess> azalia = List.of(w(4, 0x40, 0x10001000, 1), w(4, 0x44, 1, 2), w(4, 0x50, 0x2000, 3),
            w(4, 0x54, 2, 4), w(4, 0x70, 0x3000, 5), w(4, 0x74, 3, 6), w(4, 0x118, 0x5000, 7), w(4, 0x11c, 4, 8),
            w(4, 0x30, 0x99, 9), w(4, 0x104, 7, 10), w(2, 0x48, 9, 11), w(2, 0x4a, 0, 12), w(2, 0x58, 0, 13));

        final PhaseResult r = compare(linux, azalia, AllowedDifferences.none());

        assertThat(r.valueDiffs()).isEmpty();
        assertThat(r.similarity()).isEqualTo(1.0);
        assertThat(r.pass()).isTrue();
    }

    @Test
    void dplbaseEnableBitIsCompared()
    {
        final PhaseResult r = compare(List.of(w(4, 0x70, 0x8496001, 1)), List.of(w(4, 0x70, 0x3000, 1)),
            AllowedDifferences.none());

        assertThat(r.valueDiffs()).extracting(ValueDiff::register).containsExactly("DPLBASE");
        assertThat(r.valueDiffs().get(0).key()).isFalse();
        assertThat(r.pass()).as("DPLBASE is not a key register").isTrue();
    }

    @Test
    void aKeyRegisterValueFailsAndAnOtherIsOnlyReported()
    {
        final PhaseResult r = compare(List.of(w(2, 0x112, 0x11, 1), w(2, 0x116, 5, 2), w(1, 0x100, 0x1e, 3)),
            List.of(w(2, 0x112, 0x4011, 1), w(2, 0x116, 7, 2), w(1, 0x100, 0x1e, 3)), AllowedDifferences.none());

        assertThat(r.valueDiffs()).extracting(ValueDiff::register, ValueDiff::key)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("SD4.FMT", true),
                org.assertj.core.groups.Tuple.tuple("0x0116", false));
        assertThat(r.failures()).containsExactly("values differ in SD4.FMT");
        assertThat(r.divergences()).hasSize(2);
    }

    @Test
    void anAllowedRegisterDoesNotFail() throws Exception
    {
        final AllowedDifferences allowed = AllowedDifferences.parse("l", "p value SD?.FMT a reason\n");
        final PhaseResult r = compare(List.of(w(2, 0x112, 0x11, 1)), List.of(w(2, 0x112, 0x4011, 1)), allowed);

        assertThat(r.valueDiffs()).hasSize(1);
        assertThat(r.valueDiffs().get(0).allowedBy()).isEqualTo("allowed: a reason");
        assertThat(r.pass()).isTrue();
    }

    @Test
    void aMissingAccessLowersTheFigureAndIsADivergence()
    {
        final List<MmioAccess> linux = List.of(w(4, 0x34, 0x10, 1), w(1, 0x100, 0x1e, 2), w(4, 0x34, 0, 3));
        final PhaseResult r = compare(linux, List.of(w(1, 0x100, 0x1e, 1)), AllowedDifferences.none());

        assertThat(r.similarity()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.failures()).containsExactly("similarity 0.500 below 0.95");
        assertThat(r.divergences()).hasSize(2);
        assertThat(r.divergences().get(0).linux()).containsExactly("W4 OLD_SSYNC=0x10 (line 1)");
        assertThat(r.divergences().get(0).azalia()).isEmpty();
    }
}

package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

final class ConformanceTest
{
    @Test
    void theIch9CaptureAgainstItselfPassesWithOneEverywhere() throws Exception
    {
        final ConformanceResult r = Conformance.compare(Fixtures.capture("ich9"), Fixtures.capture("ich9"),
            AllowedDifferences.none());

        assertThat(r.pass()).isTrue();
        assertThat(r.phases()).hasSize(8);
        assertThat(r.phases()).allSatisfy(p ->
        {
            assertThat(p.similarity()).as(p.name()).isEqualTo(1.0);
            assertThat(p.valueDiffs()).as(p.name()).isEmpty();
            assertThat(p.verbDiffs()).as(p.name()).isEmpty();
            assertThat(p.divergences()).as(p.name()).isEmpty();
        });
        // the fixture keeps the whole probe: controller init, the codec's 83 verbs, its power save
        assertThat(r.phase("probe").orElseThrow().linuxAccesses()).isEqualTo(714);
        assertThat(r.phase("probe").orElseThrow().linuxVerbs()).isEqualTo(83);
        assertThat(r.scenario()).isPresent();
    }

    private static Set<String> registers(final List<String> lines)
    {
        return lines.stream().filter(l -> !l.startsWith("...")).map(l -> l.split(" ")[1].split("=")[0])
            .collect(Collectors.toSet());
    }

    @Test
    void ich9AgainstPchShowsTheSsyncOffsetAndTheLpibReads() throws Exception
    {
        final ConformanceResult r = Conformance.compare(Fixtures.capture("ich9"), Fixtures.capture("pch"),
            AllowedDifferences.none());

        assertThat(r.pass()).isFalse();
        assertThat(r.phases().stream().filter(p -> !p.pass()).map(PhaseResult::name))
            .containsExactly("probe", "play1.start", "play1.periods", "play1.stop");
        // the PCH fixture keeps PLAY1 only: its probe is compared with nothing
        assertThat(r.phase("probe").orElseThrow().azaliaAccesses()).isZero();
        for (final String name : List.of("play1.start", "play1.stop"))
        {
            final PhaseResult p = r.phase(name).orElseThrow();
            assertThat(p.divergences()).as(name).hasSize(2).allSatisfy(d ->
            {
                assertThat(registers(d.linux())).containsExactly("OLD_SSYNC");
                assertThat(registers(d.azalia())).containsExactly("SSYNC");
            });
            assertThat(p.valueDiffs()).as(name).isEmpty();
        }
        final PhaseResult periods = r.phase("play1.periods").orElseThrow();
        // PCH reads SDnLPIB for the delay; nothing Linux-on-ICH9 does is missing
        assertThat(periods.divergences()).allSatisfy(d -> assertThat(d.linux()).isEmpty());
        assertThat(periods.divergences().stream().flatMap(d -> registers(d.azalia()).stream())).contains("SD4.LPIB");
        assertThat(periods.valueDiffs()).isEmpty();
        assertThat(Stream.of("play1.setup", "play1.close").map(n -> r.phase(n).orElseThrow()))
            .allSatisfy(p -> assertThat(p.similarity()).isEqualTo(1.0));
    }

    @Test
    void aPhaseOnlyOneSideHasIsComparedWithNothing() throws Exception
    {
        final TracePair linux = new Fixtures.Builder().mark("MARK_INSMOD_HDA_INTEL").w(4, 0x08, 1)
            .mark("MARK_PROBE_DONE").mark("MARK_SYSTEM_SUSPEND_BEGIN").w(4, 0x08, 0).mark("MARK_END").build();
        final TracePair azalia = new Fixtures.Builder().mark("MARK_INSMOD_HDA_INTEL").w(4, 0x08, 1)
            .mark("MARK_PROBE_DONE").mark("MARK_END").build();

        final ConformanceResult r = Conformance.compare(linux, azalia, AllowedDifferences.none());

        assertThat(r.phase("probe").orElseThrow().pass()).isTrue();
        final PhaseResult s = r.phase("suspend").orElseThrow();
        assertThat(s.azaliaAccesses()).isZero();
        assertThat(s.similarity()).isZero();
        assertThat(s.pass()).isFalse();
    }
}

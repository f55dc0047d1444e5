package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class PhaseSplitterTest
{
    private static final RegisterMap ICH9 = RegisterMap.withStreams(8);

    private static Phase phase(final List<Phase> phases, final String name)
    {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static String first(final Phase p)
    {
        final MmioAccess a = p.accesses().get(0);
        return a.kind() + " " + ICH9.name(a.offset()) + "=0x" + Long.toHexString(a.value());
    }

    @Test
    void splitsTheCaptureIntoItsPhases() throws Exception
    {
        final List<Phase> phases = PhaseSplitter.split(Fixtures.capture("ich9"), ICH9);

        assertThat(phases).extracting(Phase::name).containsExactly("probe", "probe.powersave", "play1.setup",
            "play1.start", "play1.periods", "play1.stop", "play1.close", "play1.powersave");
        assertThat(first(phase(phases, "play1.setup"))).isEqualTo("R2 CORBWP=0x54");
        assertThat(first(phase(phases, "play1.start"))).isEqualTo("R4 OLD_SSYNC=0x0");
        assertThat(first(phase(phases, "play1.periods"))).isEqualTo("R4 INTSTS=0x80000010");
        assertThat(first(phase(phases, "play1.stop"))).isEqualTo("R4 OLD_SSYNC=0x0");
        assertThat(first(phase(phases, "play1.close"))).isEqualTo("W4 SD4.BDPL=0x0");
        assertThat(phase(phases, "play1.setup").events()).extracting(TraceEvent::name)
            .contains("azx_pcm_open", "azx_pcm_hw_params", "azx_pcm_prepare").doesNotContain("azx_pcm_trigger");
        assertThat(phase(phases, "play1.start").events()).extracting(TraceEvent::name).startsWith("azx_pcm_trigger");
        assertThat(phase(phases, "play1.close").events()).extracting(TraceEvent::name).containsExactly(
            "azx_pcm_close");
        assertThat(phase(phases, "probe").verbs()).startsWith(0x000f0000L);
    }

    @Test
    void registerRulesCutAPlayTheSameWayWithoutEvents() throws Exception
    {
        final TracePair withEvents = Fixtures.capture("ich9");
        final TracePair without = new TracePair(withEvents.mmio(), List.of(), KernelFunctions.none());

        final List<Phase> a = PhaseSplitter.split(withEvents, ICH9);
        final List<Phase> b = PhaseSplitter.split(without, ICH9);

        assertThat(b).extracting(Phase::name).isEqualTo(a.stream().map(Phase::name).toList());
        for (int i = 0; i < a.size(); i++)
        {
            assertThat(b.get(i).accesses()).as(a.get(i).name()).isEqualTo(a.get(i).accesses());
        }
    }

    private static Fixtures.Builder suspend(final boolean event)
    {
        final Fixtures.Builder b = new Fixtures.Builder().mark("MARK_SYSTEM_SUSPEND_BEGIN")
            .w(4, 0x20, 0).r(4, 0x08, 0x101).w(4, 0x08, 0x1).r(4, 0x08, 0x1).w(4, 0x08, 0).r(1, 0x08, 0);
        if (event)
        {
            b.event("azx_suspend", "card index: 0");
        }
        b.r(2, 0x0e, 1).r(1, 0x08, 0).w(4, 0x08, 0).r(1, 0x08, 0).w(1, 0x08, 1).r(1, 0x08, 1).verb(0x00170500, 0);
        if (event)
        {
            b.event("azx_resume", "card index: 0");
        }
        return b.mark("MARK_SYSTEM_RESUME_DONE").verb(0x00170503, 0).mark("MARK_END");
    }

    @Test
    void systemSuspendEndsWithTheAzxSuspendEventOrTheLinkReset() throws Exception
    {
        for (final boolean event : new boolean[] {true, false})
        {
            final List<Phase> phases = PhaseSplitter.split(suspend(event).build(), ICH9);

            assertThat(phases).extracting(Phase::name).containsExactly("suspend", "resume", "resume.powersave");
            assertThat(phases.get(0).accesses()).as("event " + event).hasSize(6);
            assertThat(first(phases.get(1))).isEqualTo("R2 STATESTS=0x1");
            assertThat(phases.get(1).verbs()).containsExactly(0x00170500L);
            assertThat(phases.get(2).verbs()).containsExactly(0x00170503L);
        }
    }

    @Test
    void aTraceWithoutMarksIsOnePhase() throws Exception
    {
        final TracePair t = new Fixtures.Builder().r(2, 0, 0x4401).w(4, 0x08, 1).build();
        assertThat(PhaseSplitter.split(t, ICH9)).extracting(Phase::name).containsExactly("all");
    }
}

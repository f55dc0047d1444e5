package dev.azalia.hda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTest
{
    @Test
    void shouldHitExactlyKOfEveryNPeriodsOfEachStream()
    {
        final FaultPlan plan = FaultPlan.parse(7, List.of("lost-irq:3/10"));
        plan.start(0);
        for (int stream = 4; stream < 6; stream++)
        {
            for (int window = 0; window < 50; window++)
            {
                int hits = 0;
                for (int p = 1; p <= 10; p++)
                {
                    hits += plan.periodFault(stream, window * 10L + p, 0) == DeviceFaults.LOSE_BCIS ? 1 : 0;
                }
                assertThat(hits).isEqualTo(3);
            }
        }
        assertThat(plan.injected()).containsEntry("lost-irq", 300L);
    }

    @Test
    void shouldHitTheSamePeriodsWithTheSameSeedAndOthersWithAnother()
    {
        assertThat(hits(42)).isEqualTo(hits(42)).isNotEqualTo(hits(43));
    }

    @Test
    void shouldHitOnlyTheNumberedPeriodOrEveryPeriodFromATime()
    {
        final FaultPlan plan = FaultPlan.parse(0, List.of("lost-irq@#5", "fifo-error@1s"));
        plan.start(1_000L);
        assertThat(plan.periodFault(4, 4, 2_000L)).isZero();
        assertThat(plan.periodFault(4, 5, 2_000L)).isEqualTo(DeviceFaults.LOSE_BCIS);
        assertThat(plan.periodFault(4, 6, 2_000L)).isZero();
        assertThat(plan.periodFault(4, 7, 1_000_001_000L)).isEqualTo(DeviceFaults.FIFO_ERROR);
        assertThat(plan.periodFault(4, 8, 1_000_002_000L)).isEqualTo(DeviceFaults.FIFO_ERROR);
    }

    @Test
    void shouldSilenceTheCodecFromTheNumberedVerbOnAndCountIt()
    {
        final FaultPlan plan = FaultPlan.parse(0, List.of("codec-silent@#3"));
        plan.start(0);

        assertThat(List.of(plan.codecSilent(0, 0), plan.codecSilent(0, 0), plan.codecSilent(0, 0),
            plan.codecSilent(0, 0))).containsExactly(false, false, true, true);
        assertThat(plan.injected()).containsEntry("codec-silent", 2L);
    }

    @Test
    void shouldInjectNothingWithoutSpecs()
    {
        assertThat(FaultPlan.parse(0, List.of()).active()).isFalse();
        assertThat(DeviceFaults.NONE.active()).isFalse();
    }

    private static List<Long> hits(final long seed)
    {
        final FaultPlan plan = FaultPlan.parse(seed, List.of("lost-irq:2/16"));
        plan.start(0);
        final List<Long> out = new ArrayList<>();
        for (long p = 1; p <= 160; p++)
        {
            if (plan.periodFault(4, p, 0) != 0)
            {
                out.add(p);
            }
        }
        return out;
    }
}

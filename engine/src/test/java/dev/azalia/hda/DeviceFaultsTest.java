package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller's side of injected faults, register by register. */
class DeviceFaultsTest
{
    private final HdaBench bench = new HdaBench();

    @Test
    void shouldShowIntstsZeroOrAllOnesToAHandlerDuringSpuriousPulses()
    {
        for (final String spec : new String[] {"spurious-irq:3", "spurious-irq:3,ones"})
        {
            final HdaBench b = new HdaBench();
            final List<Integer> seen = new ArrayList<>();
            b.pin.onAssert(() -> seen.add(b.readl(INTSTS)));
            final FaultPlan plan = FaultPlan.parse(0, List.of(spec));
            b.hda.setFaults(plan);

            b.hda.advance();

            final int expected = spec.endsWith("ones") ? 0xffff_ffff : 0;
            assertThat(seen).as(spec).containsExactly(expected, expected, expected);
            assertThat(b.readl(INTSTS)).as("outside the pulses").isZero();
            assertThat(plan.injected()).containsEntry("spurious-irq", 3L);
        }
    }

    @Test
    void shouldReadAllOnesAndDropWritesFromTheFaultsTimeOn()
    {
        bench.hda.setFaults(FaultPlan.parse(0, List.of("all-ones@1ms")));
        bench.writel(DPLBASE, 0x1000);
        assertThat(bench.readl(DPLBASE)).isEqualTo(0x1000);

        bench.clock.advance(1_000_000L);
        bench.writel(DPLBASE, 0x2000);

        assertThat(bench.readl(DPLBASE)).isEqualTo(0xffff_ffff);
        assertThat(bench.readw(CORBWP)).isEqualTo(0xffff);
        assertThat(bench.readb(RIRBSTS)).isEqualTo(0xff);
        bench.hda.setFaults(DeviceFaults.NONE);
        assertThat(bench.readl(DPLBASE)).as("the write was dropped").isEqualTo(0x1000);
    }
}

package dev.azalia.hda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultSpecTest
{
    @Test
    void shouldReadARatioAndATimeAfterBoot()
    {
        final FaultSpec f = FaultSpec.parse("lost-irq:1/8@1.5s");

        assertThat(f.kind()).isEqualTo(FaultKind.LOST_IRQ);
        assertThat(f.k()).isEqualTo(1);
        assertThat(f.n()).isEqualTo(8);
        assertThat(f.atNanos()).isEqualTo(1_500_000_000L);
        assertThat(f.atCount()).isEqualTo(-1);
    }

    @Test
    void shouldReadACountAfterTheAtSign()
    {
        final FaultSpec f = FaultSpec.parse("codec-silent@#20");

        assertThat(f.atCount()).isEqualTo(20);
        assertThat(f.atNanos()).isEqualTo(-1);
        assertThat(f.amount()).as("every codec").isEqualTo(-1);
    }

    @Test
    void shouldReadTheSpuriousCountAndItsAllOnesVariant()
    {
        assertThat(FaultSpec.parse("spurious-irq:1000").amount()).isEqualTo(1000);
        assertThat(FaultSpec.parse("spurious-irq:1000").allOnes()).isFalse();
        assertThat(FaultSpec.parse("spurious-irq:1000,ones").allOnes()).isTrue();
        assertThat(FaultSpec.parse("codec-late").amount()).isEqualTo(1);
        assertThat(FaultSpec.parse("stuck-lpib@250ms").atNanos()).isEqualTo(250_000_000L);
    }

    @Test
    void shouldSayInOneLineWhatIsWrongWithABadSpec()
    {
        assertBad("lost-irqs", "bad fault \"lost-irqs\": unknown fault \"lost-irqs\" (known: lost-irq, early-irq");
        assertBad("lost-irq:3", "bad fault \"lost-irq:3\": the argument is K/N");
        assertBad("lost-irq:9/8", "bad fault \"lost-irq:9/8\": K of K/N must be 1..8");
        assertBad("lost-irq:1/0", "N of K/N must be 1..4096");
        assertBad("stuck-lpib@#3", "stuck-lpib starts at a time (e.g. @2s), not at a count");
        assertBad("codec-silent@2 s", "the time after @ must be a number with s, ms, us or ns");
        assertBad("spurious-irq", "say how many");
        assertBad("unplug", "unplug needs a time");
        assertBad("posbuf-zero:1", "posbuf-zero takes no argument");
        assertBad("codec-silent:15", "the codec address must be 0..14");
    }

    private static void assertBad(final String spec, final String message)
    {
        assertThatThrownBy(() -> FaultSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a DMA step does after raising the interrupt line ({@link HdaController#setAfterRaise}; the real-time link
 * clock yields its CPU there): once per rise, with the line already raised and before the codecs have the step's
 * bytes.
 */
final class LinkStepsAfterRaiseTest
{
    private static final int SD = 4;
    private static final int TAG = 5;
    private static final int PERIOD_BYTES = 1920;
    /** A period of 48 kHz stereo 16-bit frames, and a little more. */
    private static final long PERIOD_NANOS = 10_000_000L + 100_000L;

    private final HdaBench bench = new HdaBench();
    private final TestCodec codec = new TestCodec(0, TAG);
    private final List<long[]> calls = new ArrayList<>();

    @BeforeEach
    void startAStream()
    {
        bench.hda.attachCodec(codec);
        bench.initChip();
        assertThat(bench.startStereoOutput(SD, TAG, 4, PERIOD_BYTES)).isTrue();
        bench.hda.setAfterRaise(() -> calls.add(new long[] {bench.pin.level() ? 1 : 0, codec.received().length,
            bench.hda.bytesFetched(SD)}));
    }

    @Test
    void shouldRunWithTheLineRaisedBeforeTheCodecHasTheStepsBytes()
    {
        bench.link.step(PERIOD_NANOS);

        assertThat(calls).as("calls after the first IOC").hasSize(1);
        final long[] first = calls.get(0);
        assertThat(first[0]).as("the line, when it ran").isEqualTo(1);
        assertThat(first[1]).as("bytes the codec had, against %d fetched", first[2]).isLessThan(first[2]);
        assertThat(codec.received().length).as("after the step").isEqualTo(bench.hda.bytesFetched(SD));
    }

    @Test
    void shouldRunOncePerRiseNotForALineThatStaysRaised()
    {
        bench.link.step(PERIOD_NANOS);
        bench.link.step(PERIOD_NANOS);
        assertThat(calls).as("a second IOC while the line is still raised").hasSize(1);

        bench.writeb(sdRegister(SD, SD_STS), SD_INT_MASK);
        assertThat(bench.pin.level()).as("acknowledged").isFalse();
        bench.link.step(PERIOD_NANOS);

        assertThat(calls).as("the next IOC after the acknowledgement").hasSize(2);
    }

    @Test
    void shouldDoNothingWithoutAnAction()
    {
        bench.hda.setAfterRaise(null);
        bench.link.step(PERIOD_NANOS);

        assertThat(calls).isEmpty();
        assertThat(bench.pin.level()).isTrue();
    }
}

package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class ScenarioExtractorTest
{
    @Test
    void readsTheIch9CapturesStream() throws Exception
    {
        final CaptureScenario s = ScenarioExtractor.extract(Fixtures.capture("ich9")).orElseThrow();

        assertThat(s.stream()).isEqualTo(new StreamParameters(4, 5, 0x0011, 48_000, 16, 2, 96_000, 4, 4, 6000,
            true));
        assertThat(s.plays()).hasSize(1);
        final CaptureScenario.Play p = s.plays().get(0);
        // the trimmed play keeps the lead entry's interrupt and three periods
        assertThat(p.periodInterrupts()).isEqualTo(4);
        assertThat(p.frames()).isEqualTo(3 * 6000);
        assertThat(p.idleBeforeNanos()).isEqualTo((12_466_954L - 8_340_185L) * 1000);
        assertThat(p.systemSuspendBefore()).isFalse();
    }

    /** 44.1 kHz mono 16-bit, 8 periods of 441 frames, and a system suspend before a second play. */
    private static Fixtures.Builder otherCapture(final boolean leadEntry)
    {
        final int periodBytes = 441 * 2;
        final int lvi = leadEntry ? 8 : 7;
        final Fixtures.Builder b = new Fixtures.Builder().mark("MARK_INSMOD_HDA_INTEL").r(2, 0, 0x4401)
            .mark("MARK_PROBE_DONE");
        for (int play = 1; play <= 2; play++)
        {
            if (2 == play)
            {
                b.mark("MARK_SYSTEM_SUSPEND_BEGIN").mark("MARK_SYSTEM_RESUME_DONE");
            }
            b.mark("MARK_PLAY" + play + "_BEGIN").event("azx_pcm_open", "stream_tag: 6")
                .w(4, 0x120, 0x600000).w(4, 0x128, 8 * periodBytes).w(2, 0x12c, lvi).w(2, 0x132, 0x4010)
                .event("azx_pcm_trigger", "[0:5] cmd=1").r(4, 0x38, 0).w(4, 0x38, 0x20).w(1, 0x120, 0x1e);
            final int irqs = leadEntry ? 11 : 10;
            for (int i = 0; i < irqs; i++)
            {
                b.r(4, 0x24, 0x80000020L).r(1, 0x123, 0x24).w(1, 0x123, 0x1c).r(4, 0x24, 0)
                    .irqEvent("azx_get_position", "[0:5] pos=" + (i * periodBytes + 4) % (8 * periodBytes)
                        + ", delay=0");
            }
            b.event("azx_pcm_trigger", "[0:5] cmd=0").r(4, 0x38, 0).w(4, 0x38, 0x20).w(1, 0x120, 0)
                .w(4, 0x138, 0).event("azx_pcm_close", "stream_tag: 6").mark("MARK_PLAY" + play + "_END");
        }
        return b.mark("MARK_END");
    }

    @Test
    void readsAnyRatePeriodAndBufferWithALeadEntry() throws Exception
    {
        final CaptureScenario s = ScenarioExtractor.extract(otherCapture(true).build()).orElseThrow();

        assertThat(s.stream()).isEqualTo(new StreamParameters(5, 6, 0x4010, 44_100, 16, 1, 8 * 882, 8, 8, 441,
            true));
        assertThat(s.plays()).extracting(CaptureScenario.Play::frames).containsExactly(10 * 441L, 10 * 441L);
        assertThat(s.plays()).extracting(CaptureScenario.Play::systemSuspendBefore).containsExactly(false, true);
    }

    @Test
    void positionsThatSayLviPlusOnePeriodsMeanNoLeadEntry() throws Exception
    {
        final CaptureScenario s = ScenarioExtractor.extract(otherCapture(false).build()).orElseThrow();

        assertThat(s.stream().leadEntry()).isFalse();
        assertThat(s.stream().periods()).isEqualTo(8);
        assertThat(s.stream().periodFrames()).isEqualTo(441);
        assertThat(s.plays().get(0).frames()).isEqualTo(10 * 441L);
    }

    @Test
    void withoutPositionEventsTheLeadEntryIsAssumed() throws Exception
    {
        final Fixtures.Builder b = otherCapture(true);
        final TracePair noEvents = new TracePair(MmioTraceReader.parse("m", b.mmioText()), java.util.List.of(),
            KernelFunctions.none());

        final StreamParameters p = ScenarioExtractor.extract(noEvents).orElseThrow().stream();

        assertThat(p.leadEntry()).isTrue();
        assertThat(p.periods()).isEqualTo(8);
    }
}

package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class ConformanceReportTest
{
    @Test
    void printsATablePerPhaseAndTheFirstDivergences() throws Exception
    {
        final ConformanceResult r = Conformance.compare(Fixtures.capture("ich9"), Fixtures.capture("pch"),
            AllowedDifferences.none());

        final String text = ConformanceReport.format(r, 1);

        assertThat(text).contains("stream: SD4 tag 5, 48000 Hz 16 bit 2 ch (FMT 0x0011), buffer 96000 bytes, LVI 4,"
            + " 4 periods of 6000 frames\n        (bdl_pos_adj lead entry: periods = LVI)\n");
        assertThat(text).containsPattern("play1.start +11 +11 +0.636 +0.95 +0 +0/0 +0 +FAIL");
        assertThat(text).contains("== play1.start: FAIL");
        assertThat(text).contains("  divergence 1 of 2");
        assertThat(text).doesNotContain("  divergence 2 of 2");
        assertThat(text).contains("      linux   R4 OLD_SSYNC=0x0");
        assertThat(text).contains("      azalia  R4 SSYNC=0x0");
        assertThat(text).endsWith("result: 4 of 8 phases fail\n");
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(120));
        assertThat(text).matches("\\p{ASCII}*");
        assertThat(ConformanceReport.format(r, 1)).isEqualTo(text);
    }

    @Test
    void namesTheLinuxFunctionFromTheAnnotation() throws Exception
    {
        final TracePair ich9 = Fixtures.capture("ich9");
        final MmioAccess ssync = ich9.mmio().accesses().stream().filter(a -> a.offset() == 0x34).findFirst()
            .orElseThrow();
        final String annotated = String.format(java.util.Locale.ROOT,
            "%12d.%06d R 4  0x0034  OLD_SSYNC   0x0   | snd_hdac_stream_sync_trigger+0x1d%n",
            ssync.timeMicros() / 1_000_000, ssync.timeMicros() % 1_000_000);
        final TracePair linux = new TracePair(ich9.mmio(), ich9.events(), KernelFunctions.parse("ann", annotated));

        final String text = ConformanceReport.format(Conformance.compare(linux, Fixtures.capture("pch"),
            AllowedDifferences.none()), 1);

        assertThat(text).contains("  divergence 1 of 2, linux in snd_hdac_stream_sync_trigger+0x1d");
    }

    @Test
    void listsTwiceTheDivergenceCountOfVerbDifferencesThenCountsTheRest() throws Exception
    {
        final Fixtures.Builder linux = new Fixtures.Builder().mark("MARK_INSMOD_HDA_INTEL");
        for (int v = 1; v <= 5; v++)
        {
            linux.verb(0x000f0000L + v, 0);
        }
        linux.mark("MARK_END");
        final TracePair azalia = new Fixtures.Builder().mark("MARK_INSMOD_HDA_INTEL").mark("MARK_END").build();

        final String text = ConformanceReport.format(Conformance.compare(linux.build(), azalia,
            AllowedDifferences.none()), 1);

        assertThat(text).contains("  verb   linux only   0x000f0001 (verb 1)\n"
            + "  verb   linux only   0x000f0002 (verb 2)\n  ... 3 more verb differences\n");
        assertThat(text).contains("  fails: 5 verb differences");
    }
}

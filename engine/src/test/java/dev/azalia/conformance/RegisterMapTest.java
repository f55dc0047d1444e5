package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class RegisterMapTest
{
    @Test
    void theStreamCountComesFromTheTracesGcap() throws Exception
    {
        // GCAP 0x3201: OSS 3, ISS 2, BSS 0: five descriptors, SD0..SD4
        final RegisterMap five = RegisterMap.of(MmioTraceReader.parse("t", "MAP 0.0 1 0x1000 0x0 0x4000 0x0 0\n"
            + "R 2 0.1 1 0x1000 0x3201 0x0 0\n"));

        assertThat(five.name(0x100)).isEqualTo("SD4.CTL");
        assertThat(five.name(0x120)).isEqualTo("0x0120");
        assertThat(RegisterMap.of(MmioTraceReader.parse("t", "VERSION 1\n")).name(0x160)).isEqualTo("SD7.CTL");
    }

    @Test
    void keyRegistersAndComparedBits()
    {
        assertThat(RegisterMap.key("SD4.CTL")).isTrue();
        assertThat(RegisterMap.key("OLD_SSYNC")).isTrue();
        assertThat(RegisterMap.key("SD4.FIFOS")).isFalse();
        assertThat(RegisterMap.key("GCAP")).isFalse();
        assertThat(RegisterMap.comparedBits("DPLBASE")).isEqualTo(1);
        assertThat(RegisterMap.comparedBits("SD7.BDPU")).isZero();
        assertThat(RegisterMap.comparedBits("ALIAS.SD4.LPIB")).isZero();
        assertThat(RegisterMap.comparedBits("SD4.FMT")).isEqualTo(-1L);
    }
}

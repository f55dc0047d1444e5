package dev.azalia.hda.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in codec answers as QEMU's hda-duplex answered Linux 6.1 in the capture, and its options: the QEMU
 * power-state quirk and EPSS/CLKSTOP.
 */
final class QemuDuplexModelTest
{
    private final HdaCodec codec = HdaCodec.duplex(0, new RecordingDacOutput());

    private int exec(final int verb)
    {
        return codec.execute(verb);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "000f0000, 1af40022", "000f0001, 1af40022", "000f0002, 00100101", "000f0004, 00010001",
        "001f0005, 00000001", "001f0004, 00020004", "001f000f, 00000000",
        "002f0009, 0000001d", "003f0009, 00400101", "004f0009, 0010011b", "005f0009, 00400001",
        "003f1c00, 00004010", "003f0700, 00000040", "005f1c00, 00805020", "005f0700, 00000020",
        "003f000c, 00000010", "005f000c, 00000020", "003f000e, 00000001", "003f0200, 00000002",
        "002f0012, 80034a4a", "004f000e, 00000001", "004f0200, 00000005", "004f000d, 80034a4a",
        "002f000a, 000201fc", "002f000b, 00000001", "004f000a, 000201fc", "004f000b, 00000001",
        "002ba000, 0000004a", "002b8000, 0000004a", "004b2000, 00000000", "004b0000, 00000000",
        "003f0900, 00000000", "002f0600, 00000000", "002a0000, 00000011"})
    void shouldAnswerEveryVerbAsTheCaptureShows(final String verb, final String response)
    {
        assertThat(exec((int)Long.parseLong(verb, 16))).isEqualTo((int)Long.parseLong(response, 16));
    }

    @Test
    void shouldAnswerTheRealPowerStateByDefault()
    {
        exec(0x00170503);

        assertThat(exec(0x001f0500)).as("actual D3, setting D3").isEqualTo(0x33);
        exec(0x00170500);
        assertThat(exec(0x001f0500)).isZero();
    }

    @Test
    void shouldAnswerD0ToEveryPowerStateReadWithTheQemuQuirk()
    {
        final HdaCodec qemu = HdaCodec.create(0, new RecordingDacOutput(), CodecModel.QEMU_DUPLEX,
            CodecOptions.DEFAULT.withQemuPowerStateQuirk(true));

        qemu.execute(0x00170503);

        assertThat(qemu.execute(0x001f0500)).isZero();
        assertThat(qemu.powerState(1)).as("the state itself still changes").isEqualTo(3);
    }

    @Test
    void shouldAdvertiseEpssAndClkstopWhenAsked()
    {
        final HdaCodec epss = HdaCodec.create(0, new RecordingDacOutput(), CodecModel.QEMU_DUPLEX,
            CodecOptions.DEFAULT.withEpssAndClkstop(true));

        assertThat(epss.execute(0x001f000f)).isEqualTo(0xc0000000);
        epss.execute(0x00170503);
        assertThat(epss.execute(0x001f0500)).as("CLK_STOP_OK in D3").isEqualTo(0x233);
    }

    @Test
    void shouldHaveNoPowerControlPresenceDetectOrEapdOnAnyWidget()
    {
        for (int nid = 2; nid <= 5; nid++)
        {
            assertThat(exec(0x000f0009 | nid << 20) & Verbs.WCAP_POWER).isZero();
            assertThat(exec(0x000f000c | nid << 20) & (Verbs.PINCAP_PRES_DETECT | Verbs.PINCAP_EAPD)).isZero();
        }
    }

    @Test
    void shouldPlayBitExactAtZeroDecibels()
    {
        final RecordingDacOutput out = new RecordingDacOutput();
        final HdaCodec dac = HdaCodec.duplex(0, out);
        dac.execute(0x00270650);
        final byte[] pcm = {1, 2, 3, 4, 5, 6, 7, 8};

        dac.streamData(5, dev.azalia.hda.StreamFormat.of(48_000, 16, 2), pcm, 0, pcm.length, 0);

        assertThat(out.samples.toByteArray()).containsExactly(pcm);
    }
}

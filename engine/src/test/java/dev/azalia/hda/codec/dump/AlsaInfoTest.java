package dev.azalia.hda.codec.dump;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlsaInfoTest
{
    @Test
    void splitsTheCodecsOfTwoCardsByTheirAddresses() throws Exception
    {
        final DumpFile f = Fixtures.parseFixture("alsa-info-two-cards.txt");

        assertThat(f.kind()).isEqualTo(DumpFile.Kind.ALSA_INFO);
        assertThat(f.codecs()).extracting(DumpFile.Entry::card)
                .containsExactly(OptionalInt.of(0), OptionalInt.of(1), OptionalInt.of(1));
        assertThat(f.codecList()).extracting(CodecDump::name)
                .containsExactly("Azalia AZ-HDMI", "Azalia AZ2510", "Azalia AZ-Modem");
        assertThat(f.codecList()).extracting(CodecDump::address).containsExactly(0, 0, 1);
        assertThat(f.codecs().get(0).lineNumber()).isEqualTo(37);
        assertThat(f.skippedLines()).isEmpty();
    }

    @Test
    void theCodecsInsideEqualTheRawDumps() throws Exception
    {
        final DumpFile f = Fixtures.parseFixture("alsa-info-two-cards.txt");

        assertThat(f.codecList().get(1)).isEqualTo(Fixtures.codec("laptop-analog.txt"));
        assertThat(f.codecList().get(0).widgets()).isEqualTo(Fixtures.codec("hdmi.txt").widgets());
        assertThat(f.codecList().get(2).afg()).isEmpty();
    }

    @Test
    void cardNumbersComeFromTheSoundcardsList() throws Exception
    {
        final String text = Fixtures.text("alsa-info-two-cards.txt")
                .replace(" 0 [HDMI           ]: HDA-Intel - HDA Intel HDMI", " 2 [HDMI           ]: HDA-Intel - HDMI")
                .replace(" 1 [PCH            ]: HDA-Intel - HDA Intel PCH",
                        " 0 [USB            ]: USB-Audio - Headset\n 5 [PCH            ]: HDA-Intel - PCH");

        final DumpFile f = new CodecDumpParser().parse("renumbered.txt", text);

        assertThat(f.codecs()).extracting(DumpFile.Entry::card)
                .containsExactly(OptionalInt.of(2), OptionalInt.of(5), OptionalInt.of(5));
    }

    @Test
    void withoutASoundcardsListTheControllersAreNumberedInFileOrder() throws Exception
    {
        final String text = "!!ALSA Information Script v 0.5.1\n--startcollapse--\n\n" + Fixtures.text("hdmi.txt")
                + Fixtures.text("laptop-analog.txt") + Fixtures.text("qemu-hda-duplex.txt") + "--endcollapse--\n";

        final DumpFile f = new CodecDumpParser().parse("bare.txt", text);

        assertThat(f.codecList()).extracting(CodecDump::address).containsExactly(2, 0, 0);
        assertThat(f.codecs()).extracting(DumpFile.Entry::card)
                .containsExactly(OptionalInt.of(0), OptionalInt.of(1), OptionalInt.of(2));
    }

    @Test
    void errorsInsideAlsaInfoNameTheFilesLine() throws Exception
    {
        final String text = Fixtures.text("alsa-info-two-cards.txt").replace("  Connection: 1\n     0x0a\n",
                "  Connection: 1\n     0x5a\n");
        final int line = text.substring(0, text.indexOf("     0x5a")).split("\n", -1).length;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodecDumpParser().parse("alsa-info.txt", text))
                .hasMessage("alsa-info.txt:" + line + ": connection list of node 0x06 names node 0x5a, which the"
                        + " codec does not have");
    }
}

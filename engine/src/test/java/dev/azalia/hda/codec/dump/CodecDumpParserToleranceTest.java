package dev.azalia.hda.codec.dump;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodecDumpParserToleranceTest
{
    @Test
    void crlfLineEndsAndAByteOrderMarkReadAsTheCleanDump() throws Exception
    {
        assertThat(Fixtures.text("damaged/crlf-bom.txt")).startsWith("\uFEFF").contains("\r\n");

        assertThat(Fixtures.codec("damaged/crlf-bom.txt")).isEqualTo(Fixtures.codec("qemu-hda-duplex.txt"));
    }

    @Test
    void squashedIndentationReadsAsTheCleanDump() throws Exception
    {
        final DumpFile squashed = Fixtures.parseFixture("damaged/squashed-indent.txt");

        assertThat(squashed.codecList()).containsExactly(Fixtures.codec("laptop-analog.txt"));
        assertThat(squashed.skippedLines()).isEmpty();
    }

    @Test
    void linesThatLostAllIndentationStayInTheCodec() throws Exception
    {
        final String flat = Fixtures.text("laptop-analog.txt").lines().map(String::strip)
                .reduce("", (a, b) -> a + b + "\n");

        final DumpFile f = new CodecDumpParser().parse("flat.txt", flat);

        assertThat(f.codecList()).containsExactly(Fixtures.codec("laptop-analog.txt"));
        assertThat(f.skippedLines()).isEmpty();
    }

    @Test
    void quotedPrintableSoftBreaksAndEscapesAreUndone() throws Exception
    {
        final String text = Fixtures.text("damaged/quoted-printable.txt");
        assertThat(text).contains("=3D").containsPattern("=\n");

        final DumpFile qp = Fixtures.parseFixture("damaged/quoted-printable.txt");

        assertThat(qp.codecList()).containsExactly(Fixtures.codec("laptop-analog.txt"));
        assertThat(qp.skippedLines()).isEmpty();
    }

    @Test
    void errorsAfterAJoinedLineNameThePhysicalLine() throws Exception
    {
        final String text = String.join("\n", Fixtures.HEADER) + "\nNode 0x02 [Audio Mixer] wcaps 0x20010b: Stereo=\n"
                + " Amp-In\n  Amp-In caps: ofs=0x00, nsteps=0x00, stepsize=0x00, mute=1\n  Amp-In vals:  [0xzz 0x00]\n";

        final int line = Fixtures.HEADER.length + 4;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodecDumpParser().parse("qp.txt", text))
                .isInstanceOf(DumpParseException.class)
                .hasMessageStartingWith("qp.txt:" + line + ": malformed hex number '0xzz'");
    }

    @Test
    void aWrapperBeforeAndJunkAfterTheCodecAreIgnored() throws Exception
    {
        final DumpFile f = Fixtures.parseFixture("damaged/trailing-junk.txt");

        assertThat(f.kind()).isEqualTo(DumpFile.Kind.RAW);
        assertThat(f.codecs()).hasSize(1);
        assertThat(f.codecs().get(0).lineNumber()).isEqualTo(3);
        assertThat(f.codecs().get(0).card()).isEmpty();
        assertThat(f.codecList()).containsExactly(Fixtures.codec("qemu-hda-duplex.txt"));
        assertThat(f.skippedLines()).isEmpty();
    }

    @Test
    void unknownLinesInsideACodecAreSkippedAndCountedWithTheirLineNumbers() throws Exception
    {
        final String text = Fixtures.text("qemu-hda-duplex.txt")
                .replace("  Pincap 0x00000010: OUT\n", "  Pincap 0x00000010: OUT\n  Pinx Default 0xb7d6005e:\n")
                .replace("  SDI-Select: 0\n", "  SDI-Select: 0\n  Frobnication level: 11\n");

        final DumpFile f = new CodecDumpParser().parse("odd.txt", text);

        assertThat(f.skippedLines()).containsExactly(
                new SkippedLine(33, "  Pinx Default 0xb7d6005e:"),
                new SkippedLine(50, "  Frobnication level: 11"));
        assertThat(f.codecList()).containsExactly(Fixtures.codec("qemu-hda-duplex.txt"));
    }

    @Test
    void hookLinesInColumnZeroDoNotEndTheCodec() throws Exception
    {
        final DumpFile f = Fixtures.parseFixture("damaged/hook-lines.txt");

        assertThat(f.codecList().get(0).widgets()).hasSize(3);
        assertThat(f.skippedLines()).isEmpty();
    }

    @Test
    void severalRawCodecsInARowAreEachRead() throws Exception
    {
        final String text = Fixtures.text("laptop-analog.txt") + Fixtures.text("hdmi.txt");

        final DumpFile f = new CodecDumpParser().parse("two.txt", text);

        assertThat(f.codecList()).containsExactly(Fixtures.codec("laptop-analog.txt"), Fixtures.codec("hdmi.txt"));
        assertThat(f.codecs()).allSatisfy(e -> assertThat(e.card()).isEmpty());
    }

    @Test
    void namesDecodedInWordsAreIgnoredInFavourOfTheHex() throws Exception
    {
        final String text = Fixtures.text("qemu-hda-duplex.txt")
                .replace("Pin Default 0x00004010: [Jack] Line Out at Ext N/A",
                        "Pin Default 0x00004010: [Fixed] Headphone at Int Front")
                .replace("DefAssociation = 0x1", "DefAssociation= 0x7");

        assertThat(new CodecDumpParser().parse("edited.txt", text).codecList())
                .containsExactly(Fixtures.codec("qemu-hda-duplex.txt"));
    }
}

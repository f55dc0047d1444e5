package dev.azalia.hda.codec.dump;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.azalia.hda.codec.dump.Fixtures.withNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecDumpParserErrorTest
{
    private static DumpParseException failure(final String fixture)
    {
        try
        {
            Fixtures.parseFixture(fixture);
        }
        catch (final DumpParseException e)
        {
            return e;
        }
        throw new AssertionError(fixture + " parsed");
    }

    @Test
    void anEmptyTextIsRejectedAtLineOne()
    {
        final DumpParseException e = failure("broken/empty.txt");

        assertThat(e.lineNumber()).isEqualTo(1);
        assertThat(e).hasMessage("broken/empty.txt:1: the text is empty: no codec dump in it");
        assertThatThrownBy(() -> new CodecDumpParser().parse("blank.txt", " \n\r\n\t\n"))
                .hasMessage("blank.txt:1: the text is empty: no codec dump in it");
    }

    @Test
    void aTextWithoutCodecLineIsRejected()
    {
        assertThat(failure("broken/no-codec.txt"))
                .hasMessage("broken/no-codec.txt:1: no codec in the text: no line starts with 'Codec:'");
    }

    @Test
    void aNodeCutOffBeforeItsMandatoryLinesIsRejectedAtTheLastLine()
    {
        final DumpParseException e = failure("broken/truncated.txt");

        assertThat(e.lineNumber()).isEqualTo(144);
        assertThat(e.reason()).isEqualTo("node 0x11 (line 138) ends without its Pin Default line: the dump is cut off"
                + " or damaged");
    }

    @Test
    void eachMandatoryLineOfANodeIsChecked()
    {
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x41d: Stereo Amp-Out",
                "  Converter: stream=0, channel=0"))
                .hasMessage("t.txt:19: node 0x02 (line 18) ends without its Amp-Out caps line: the dump is cut off"
                        + " or damaged");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Input] wcaps 0x10010b: Stereo Amp-In"))
                .hasMessageContaining("without its Amp-In caps line");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Pin Complex] wcaps 0x400000: Mono",
                "  Pin Default 0x411111f0: [N/A] Speaker at Ext Rear"))
                .hasMessageContaining("without its Pincap line");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Selector] wcaps 0x300101: Stereo"))
                .hasMessageContaining("without its Connection line");
    }

    @Test
    void aConnectionToAMissingNodeIsRejectedAtItsListLine()
    {
        final DumpParseException e = failure("broken/missing-nid.txt");

        assertThat(e).hasMessage("broken/missing-nid.txt:38: connection list of node 0x03 names node 0x30, which the"
                + " codec does not have");
    }

    @Test
    void aConnectionToAMissingNodeIsKeptWhenAllowed() throws Exception
    {
        final DumpFile f = new CodecDumpParser().allowingMissingConnectionTargets()
                .parse("m.txt", Fixtures.text("broken/missing-nid.txt"));

        assertThat(f.codecList().get(0).widget(3).orElseThrow().connectionNids()).containsExactly(0x30);
    }

    @Test
    void aConnectionCountThatDisagreesWithTheListIsRejected()
    {
        assertThat(failure("broken/count-mismatch.txt"))
                .hasMessage("broken/count-mismatch.txt:54: node 0x04: 'Connection: 3' but 2 entries are listed");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Selector] wcaps 0x300101: Stereo", "  Connection: 2"))
                .hasMessage("t.txt:19: node 0x02: 'Connection: 2' but 0 entries are listed");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Selector] wcaps 0x300101: Stereo", "  Connection: 1",
                "     0x02", "  In-driver Connection: 2", "     0x02"))
                .hasMessage("t.txt:22: node 0x02: 'In-driver Connection: 2' but 1 entry is listed");
    }

    @Test
    void malformedHexIsRejectedWithTheLineAndToken()
    {
        assertThat(failure("broken/bad-hex.txt"))
                .hasMessage("broken/bad-hex.txt:57: malformed hex number '0x008z5020:' in Pin Default");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Pin Complex] wcaps 0x400000: Mono",
                "  Pincap 0x1234567890: IN"))
                .hasMessage("t.txt:19: malformed hex number '0x1234567890' in Pincap");
        assertThatThrownBy(() -> withNodes("Node 0xq2 [Audio Output] wcaps 0x1: Stereo"))
                .hasMessage("t.txt:18: malformed hex number '0xq2' in node header");
    }

    @Test
    void outOfRangeNumbersAreRejected()
    {
        assertThatThrownBy(() -> Fixtures.parse("Codec: X", "Address: 99", "Vendor Id: 0x11112222"))
                .hasMessage("t.txt:2: codec address 99 is out of range 0 ... 15");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Selector] wcaps 0x300101: Stereo",
                "  Connection: 99999999999"))
                .hasMessage("t.txt:19: malformed number '99999999999' in Connection count");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x1: Stereo",
                "  Converter: stream=16, channel=0"))
                .hasMessage("t.txt:19: converter stream 16 is out of range 0 ... 15");
        assertThatThrownBy(() -> withNodes("Node 0x12345 [Audio Output] wcaps 0x1: Stereo"))
                .hasMessage("t.txt:18: node id 0x12345 is out of range");
    }

    @Test
    void malformedLinesAreRejectedWithWhatIsMissing()
    {
        assertThatThrownBy(() -> withNodes("Node 0x02"))
                .hasMessage("t.txt:18: malformed node header: expected 'Node 0x.. [type] wcaps 0x..:'");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x5: Stereo Amp-Out",
                "  Amp-Out caps: ofs=0x00", "  Amp-Out vals:  [0x00 0x00]"))
                .hasMessage("t.txt:19: malformed Amp-Out caps: expected ofs=, nsteps=, stepsize=, mute= or N/A");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x5: Stereo Amp-Out",
                "  Amp-Out caps: N/A", "  Amp-Out vals:  [0x00 0x00] [0x00]"))
                .hasMessage("t.txt:20: malformed Amp-Out vals: each bracket must hold the same 1 or 2 values");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x1: Stereo", "  Converter: stream=1"))
                .hasMessage("t.txt:19: Converter line has no channel= value");
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x1: Stereo",
                "  Control: name=\"Broken, index=0"))
                .hasMessage("t.txt:19: malformed Control line: unterminated name=\"");
    }

    @Test
    void aNodeListedTwiceIsRejected()
    {
        assertThatThrownBy(() -> withNodes("Node 0x02 [Audio Output] wcaps 0x1: Stereo",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo"))
                .hasMessage("t.txt:19: node 0x02 appears twice (first at line 18)");
    }

    @Test
    void aCodecWithoutVendorIdIsRejected()
    {
        assertThatThrownBy(() -> Fixtures.parse("Codec: X", "Address: 0", "Subsystem Id: 0x0"))
                .hasMessage("t.txt:3: the codec at line 1 has no 'Vendor Id:' line");
    }

    @Test
    void aFileIsNamedByItsFileNameInMessages(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("codec#0");
        Files.writeString(file, Fixtures.text("broken/count-mismatch.txt"));

        assertThatThrownBy(() -> new CodecDumpParser().parse(file))
                .hasMessage("codec#0:54: node 0x04: 'Connection: 3' but 2 entries are listed");
        Files.writeString(file, Fixtures.text("qemu-hda-duplex.txt"));
        assertThat(new CodecDumpParser().parse(file).codecList()).containsExactly(Fixtures.codec("qemu-hda-duplex.txt"));
    }

    @Test
    void aMissingFileIsOneLineAtLineZero(@TempDir final Path dir)
    {
        assertThatThrownBy(() -> new CodecDumpParser().parse(dir.resolve("absent.txt")))
                .isInstanceOf(DumpParseException.class)
                .hasMessageStartingWith("absent.txt:0: cannot read the file: ")
                .satisfies(e -> assertThat(((DumpParseException)e).lineNumber()).isZero());
    }
}

package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodecDumpWriterTest
{
    private final CodecDumpWriter writer = new CodecDumpWriter();

    @ParameterizedTest
    @ValueSource(strings = {"qemu-hda-duplex.txt", "laptop-analog.txt", "desktop-analog.txt", "hdmi.txt"})
    void reproducesADumpInTheCurrentFormatExactly(final String fixture) throws Exception
    {
        final String text = Fixtures.text(fixture);

        assertThat(writer.write(Fixtures.codec(fixture))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qemu-hda-duplex.txt", "laptop-analog.txt", "desktop-analog.txt", "hdmi.txt",
        "alsa-info-two-cards.txt", "damaged/crlf-bom.txt", "damaged/squashed-indent.txt",
        "damaged/quoted-printable.txt", "damaged/trailing-junk.txt", "damaged/hook-lines.txt",
        "damaged/old-format.txt"})
    void parseWriteParseGivesAnEqualDescription(final String fixture) throws Exception
    {
        final DumpFile first = Fixtures.parseFixture(fixture);

        final DumpFile second = new CodecDumpParser().parse("written", writer.write(first));

        assertThat(second.codecList()).isEqualTo(first.codecList());
        assertThat(second.skippedLines()).isEmpty();
    }

    @Test
    void writesOldFormsInTheCurrentFormat() throws Exception
    {
        final String text = writer.write(Fixtures.codec("damaged/old-format.txt"));

        assertThat(text).contains("AFG Function Id: 0x1\n", "Subsystem Id: 0x00000000\n",
                "Default PCM:\n    rates [0x7f]: 8000 11025 16000 22050 32000 44100 48000\n    bits [0xe]: 16 20 24\n",
                "  Amp-Out vals:  [0x1c 0x1c]\n", "  Amp-In vals:  [0x80 0x80] [0x1f 0x1f]\n",
                "  Pincap 0x00001737: IN OUT Detect Trigger ImpSense\n",
                "  EAPD 0x0:\n", "  Pin Default 0x01014010: [Jack] Line Out at Ext Rear\n",
                "  Unsolicited: tag=3a, enabled=1\n", "  Power: setting=D3, actual=D3\n",
                "  Digital: Enabled Non-Copyright\n", "  Connection: 0\n",
                "  IO[1]: enable=1, dir=1, wake=0, sticky=0, data=1, unsol=0\n", "  Amp-In vals: \n");
    }

    @Test
    void writesHookLinesAfterTheGpioBlockAndVendorLinesAtTheNodesEnd() throws Exception
    {
        final String text = writer.write(Fixtures.codec("damaged/hook-lines.txt"));

        assertThat(text).contains("  Control: name=\"Mute-LED Mode\", index=0, device=0\nPower-Map: 0x00\n"
                + "Analog Loopback: 0x00\nNode 0x0a");
        assertThat(text).contains("  Delay: 13 samples\n");
        assertThat(text).contains("    Coeff 0x02: 0x0000\n  Processing Coefficient: 0x0017\n"
                + "  Coefficient Index: 0x0001\n");
    }

    @Test
    void printsPinCapsBitSevenAsRlSwapOnRealtekOnly() throws Exception
    {
        final CodecDump hdmi = Fixtures.codec("hdmi.txt");
        final CodecDump realtek = new CodecDump(hdmi.name(), hdmi.address(), hdmi.afgFunctionId(),
                hdmi.mfgFunctionId(), 0x10ec0255, hdmi.subsystemId(), hdmi.revisionId(), hdmi.modemFunctionGroup(),
                hdmi.afg());

        assertThat(writer.write(hdmi)).contains("  Pincap 0x0b000094: OUT Detect HBR HDMI DP\n");
        assertThat(writer.write(realtek)).contains("  Pincap 0x0b000094: OUT Detect R/L DP\n");
    }

    @Test
    void printsEveryNodeLineKindInTheKernelsWords() throws Exception
    {
        final WidgetDump w = new WidgetDump(0x0f, 0x8f7ff3, List.of(), List.of(),
                Optional.of(new AmpDump(0, AmpValues.NONE)), Optional.empty(),
                OptionalInt.of(0x0101ffff), OptionalInt.of(7), OptionalInt.of(0xfffbbfff), OptionalInt.of(0xe5),
                Optional.of(new VolumeKnobDump(0xff, 0x05)), OptionalInt.of(0xf3), OptionalInt.of(2),
                OptionalInt.of(0x8f7fff), Optional.of(PcmCaps.NOT_AVAILABLE), OptionalInt.of(0xbf),
                OptionalInt.of(0xe000001f), OptionalInt.of(0x7ff), Optional.of(List.of()),
                Optional.of(new ConnectionList(-22, List.of(), -1)), Optional.of(List.of()),
                Optional.of(new ProcessingDump(0xc801, List.of(0x12345))), List.of());
        final CodecDump codec = new CodecDump("Test", 3, Optional.empty(), Optional.empty(), 0x11112222, 0, 0,
                OptionalInt.of(2), Optional.of(new AfgDump(Optional.empty(), 0, 0, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty(), List.of(), List.of(w))));

        final String text = writer.write(codec);

        assertThat(text).isEqualTo("Codec: Test\nAddress: 3\nVendor Id: 0x11112222\nSubsystem Id: 0x00000000\n"
                + "Revision Id: 0x0\nModem Function Group: 0x2\nDefault Amp-In caps: N/A\nDefault Amp-Out caps: N/A\n"
                + "Node 0x0f [UNKNOWN Widget] wcaps 0x8f7ff3: 8-Channels Digital Amp-In Stripe R/L CP\n"
                + "  Amp-In caps: N/A\n  Amp-In vals: \n"
                + "  Pincap 0x0101ffff: IN OUT HP EAPD Detect Balanced HDMI DP Trigger ImpSense\n"
                + "    Vref caps: HIZ 50 GRD 80 100\n"
                + "  EAPD 0x7: BALANCED EAPD R/L\n"
                + "  Pin Default 0xfffbbfff: [Both] Other at Oth UNKNOWN\n"
                + "    Conn = Comb, Color = UNKNOWN\n    DefAssociation = 0xf, Sequence = 0xf\n"
                + "    Misc = NO_PRESENCE\n"
                + "  Pin-ctls: 0xe5: IN OUT HP VREF_100\n"
                + "  Volume-Knob: delta=1, steps=127, direct=0, val=5\n"
                + "  Converter: stream=15, channel=3\n  SDI-Select: 2\n"
                + "  Digital: Enabled Validity ValidityCfg Preemphasis Non-Copyright Non-Audio Pro GenLevel KAE\n"
                + "  Digital category: 0x7f\n  IEC Coding Type: 0xf\n"
                + "  PCM:\nN/A\n"
                + "  Unsolicited: tag=3f, enabled=1\n"
                + "  Power states:  D0 D1 D2 D3 D3cold S3D3cold CLKSTOP EPSS\n"
                + "  Power: setting=UNKNOWN, actual=UNKNOWN, Error, Clock-stop-OK, Setting-reset\n"
                + "  Delay: 15 samples\n"
                + "  Devices: 0\n  Connection: -22\n  In-driver Connection: 0\n"
                + "  Processing caps: benign=1, ncoeff=200\n    Coeff 0x00: 0x12345\n");
        assertThat(new CodecDumpParser().parse("w", text).codecList()).containsExactly(codec);
    }

    @Test
    void printsSpecialLocationsAndDevicesOfPinDefaults() throws Exception
    {
        final String hdmi = writer.write(Fixtures.codec("hdmi.txt"));

        assertThat(hdmi).contains("  Pin Default 0x18560010: [Jack] Digital Out at Int HDMI\n");
        assertThat(hdmi).contains("    *Dev 00: PD = 1, ELDV = 1, IA = 0, Connections [ 0x02* 0x03 0x04 ]\n"
                + "     Dev 01: PD = 0, ELDV = 0, IA = 0, Connections [ 0x02 0x03* 0x04 ]\n");
    }

    @Test
    void writesAllCodecsOfAFileOneAfterAnother() throws Exception
    {
        final DumpFile f = Fixtures.parseFixture("alsa-info-two-cards.txt");

        final String text = writer.write(f);

        assertThat(text).startsWith("Codec: Azalia AZ-HDMI\nAddress: 0\n");
        assertThat(text).endsWith("Modem Function Group: 0x1\n");
        assertThat(text).contains(Fixtures.text("laptop-analog.txt"));
    }
}

package dev.azalia.hda.codec.dumped;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpWriter;
import dev.azalia.hda.codec.dump.DumpFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Codec shapes beyond the laptop fixture: long connection lists, inherited caps, stripe, modem and multi-codec. */
final class DumpCodecShapesTest
{
    private static final String WIDE = String.join("\n",
        "Codec: Test Wide",
        "Address: 1",
        "AFG Function Id: 0x1 (unsol 0)",
        "Vendor Id: 0x1aa00001",
        "Subsystem Id: 0x1aa00002",
        "Revision Id: 0x100001",
        "No Modem Function Group found",
        "Default PCM:",
        "    rates [0x60]: 44100 48000",
        "    bits [0x2]: 16",
        "    formats [0x1]: PCM",
        "Default Amp-In caps: ofs=0x10, nsteps=0x20, stepsize=0x03, mute=1",
        "Default Amp-Out caps: ofs=0x27, nsteps=0x27, stepsize=0x05, mute=1",
        "State of AFG node 0x01:",
        "  Power states:  D0 D3",
        "  Power: setting=D0, actual=D0",
        "GPIO: io=0, o=0, i=0, unsolicited=0, wake=0",
        "Node 0x02 [Audio Output] wcaps 0x25: Stereo Amp-Out Stripe",
        "  Amp-Out caps: N/A",
        "  Amp-Out vals:  [0x27 0x27]",
        "  Converter: stream=0, channel=0",
        "Node 0x03 [Audio Mixer] wcaps 0x20010b: Stereo Amp-In",
        "  Amp-In caps: ofs=0x00, nsteps=0x00, stepsize=0x00, mute=1",
        "  Amp-In vals:  [0x00 0x00] [0x80 0x80] [0x80 0x80]",
        "  Connection: 3",
        "     0x02 0x81 0x82",
        "Node 0x81 [Audio Output] wcaps 0x1: Stereo",
        "  Converter: stream=0, channel=0",
        "Node 0x82 [Audio Output] wcaps 0x1: Stereo",
        "  Converter: stream=0, channel=0",
        "");

    private static DumpCodec wide()
    {
        return DumpCodec.create(DumpFixtures.parse("wide.txt", WIDE).codecList().get(0), new DumpFixtures.Output());
    }

    private static int verb(final DumpCodec codec, final int nid, final int verb, final int payload)
    {
        return codec.execute(Verbs.make(codec.address(), nid, verb, payload));
    }

    @Test
    void aListNamingNodesAbove0x7fIsReadInLongFormTwoEntriesPerResponse()
    {
        final DumpCodec codec = wide();
        assertThat(verb(codec, 0x03, 0xf00, 0x0e)).as("long form, 3 entries").isEqualTo(0x83);
        assertThat(verb(codec, 0x03, 0xf02, 0)).isEqualTo(0x0081 << 16 | 0x0002);
        assertThat(verb(codec, 0x03, 0xf02, 2)).isEqualTo(0x0082);
    }

    @Test
    void ampCapsAnswerTheHardwareAndTheGraphFallsBackToTheGroupsDefaultsWithoutAmpOverride()
    {
        final DumpCodec codec = wide();
        assertThat(verb(codec, 0x02, 0xf00, 0x12)).as("the hardware answered N/A").isZero();
        assertThat(codec.ampCaps(0x02, true)).as("no AMP_OVRD: the group's default").isEqualTo(0x80052727);
        assertThat(verb(codec, 0x01, 0xf00, 0x12)).isEqualTo(0x80052727);
        assertThat(codec.ampCaps(0x03, false)).as("AMP_OVRD: its own").isEqualTo(0x80000000);
        assertThat(verb(codec, 0x02, 0xf00, 0x0a)).as("no FORMAT_OVRD: the group's PCM").isEqualTo(0x00020060);
    }

    @Test
    void graphReadsAmpsPerIndexAndMuteOnlyWithMuteCapability()
    {
        final DumpCodec codec = wide();
        assertThat(codec.ampMuted(0x03, false, 0, 1)).isTrue();
        assertThat(codec.ampMuted(0x03, false, 1, 0)).isFalse();
        assertThat(codec.connections(0x03)).containsExactly(0x02, 0x81, 0x82);
        assertThat(codec.widgetType(0x81)).isZero();
    }

    @Test
    void stripeControlIsKeptOnStripeCapableConverters()
    {
        final DumpCodec codec = wide();
        verb(codec, 0x02, 0x724, 1);
        assertThat(verb(codec, 0x02, 0xf24, 0)).isEqualTo(1);
        verb(codec, 0x81, 0x724, 1);
        assertThat(codec.unknownVerbs()).as("0x81 has no stripe").isEqualTo(1);
    }

    @Test
    void aPowerStateOutsideTheListWithoutEpssIsRefusedSilently()
    {
        final DumpCodec codec = wide();
        verb(codec, 0x01, 0x705, 2);
        assertThat(verb(codec, 0x01, 0xf05, 0)).as("D2 not listed, no EPSS: no error bit").isZero();
        verb(codec, 0x01, 0x705, 3);
        assertThat(verb(codec, 0x01, 0xf05, 0)).as("no CLKSTOP: no PS-ClkStopOk").isEqualTo(0x33);
    }

    @Test
    void codecsOfOneFileKeepTheirDumpAddressesAndAModemCodecAnswersItsGroup()
    {
        final DumpFile file = DumpFixtures.file("alsa-info-two-cards.txt");
        final List<CodecDump> codecs = file.codecList();
        final DumpCodec modem = DumpCodec.create(codecs.get(2), new DumpFixtures.Output());
        assertThat(modem.address()).isEqualTo(1);
        assertThat(verb(modem, 0, 0xf00, 0x04)).as("one group at 0x01").isEqualTo(0x00010001);
        assertThat(verb(modem, 1, 0xf00, 0x05)).as("modem, unsolicited capable").isEqualTo(0x102);
        assertThat(verb(modem, 0, 0xf00, 0x00)).isEqualTo(0x1aa0c000);
        final DumpCodec moved = DumpCodec.create(codecs.get(0), 3, new DumpFixtures.Output());
        assertThat(moved.address()).isEqualTo(3);
        assertThat(moved.toDump().address()).isEqualTo(3);
    }

    @Test
    void changedStateSurvivesWriteParseAndRebuild()
    {
        final DumpCodec codec = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"), new DumpFixtures.Output());
        final int[][] sets = {
            {0x02, 0x3, 0xb000 | 0x33}, {0x0b, 0x3, 0x7000 | 2 << 8 | 0x05}, {0x0a, 0x701, 2},
            {0x11, 0x707, 0x40}, {0x10, 0x70c, 0}, {0x12, 0x708, 0x83}, {0x02, 0x706, 0x31}, {0x02, 0x705, 2},
            {0x01, 0x715, 2}, {0x01, 0x720, 0x55}, {0x11, 0x71d, 0x22}, {0x15, 0x70f, 0x05}, {0x18, 0x70d, 1},
            {0x0e, 0x701, 1},
        };
        for (final int[] s : sets)
        {
            verb(codec, s[0], s[1], s[2]);
        }
        final String text = new CodecDumpWriter().write(codec.toDump());
        final DumpCodec rebuilt = DumpCodec.create(DumpFixtures.parse("state.txt", text).codecList().get(0),
            new DumpFixtures.Output());
        final int[][] gets = {
            {0x02, 0xb, 0xa000}, {0x0b, 0xb, 0x2002}, {0x0b, 0xb, 0x0002}, {0x0a, 0xf01, 0}, {0x11, 0xf07, 0},
            {0x10, 0xf0c, 0}, {0x12, 0xf08, 0}, {0x02, 0xf06, 0}, {0x02, 0xf05, 0}, {0x01, 0xf15, 0},
            {0x01, 0xf20, 0}, {0x11, 0xf1c, 0}, {0x15, 0xf0f, 0}, {0x18, 0xf0d, 0}, {0x0e, 0xf01, 0},
        };
        for (final int[] g : gets)
        {
            assertThat(verb(rebuilt, g[0], g[1], g[2])).as("nid 0x%x verb 0x%x", g[0], g[1])
                .isEqualTo(verb(codec, g[0], g[1], g[2]));
        }
        assertThat(verb(codec, 0x0a, 0xf01, 0)).isEqualTo(2);
        assertThat(rebuilt.toDump()).isEqualTo(codec.toDump());
    }
}

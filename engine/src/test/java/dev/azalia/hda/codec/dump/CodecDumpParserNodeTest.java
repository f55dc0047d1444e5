package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static dev.azalia.hda.codec.dump.Fixtures.withNodes;
import static org.assertj.core.api.Assertions.assertThat;

class CodecDumpParserNodeTest
{
    private static WidgetDump node(final CodecDump c, final int nid)
    {
        return c.widget(nid).orElseThrow();
    }

    @Test
    void decodesTheNodeHeaderFromTheHexNotTheWords() throws Exception
    {
        final WidgetDump w = node(withNodes("Node 0x02 [Audio Mixer] wcaps 0x6611: Mono",
                "  Converter: stream=0, channel=0"), 2);

        assertThat(w.wcaps()).isEqualTo(0x6611);
        assertThat(w.type()).isEqualTo(WidgetDump.TYPE_AUDIO_OUTPUT);
        assertThat(w.channels()).isEqualTo(8);
        assertThat(w.hasCap(9)).isTrue();
        assertThat(w.delaySamples()).isZero();
    }

    @Test
    void readsControlsControlAmpsAndPcmDevices() throws Exception
    {
        final WidgetDump w = node(Fixtures.codec("qemu-hda-duplex.txt"), 2);

        assertThat(w.controls()).containsExactly(
                new ControlDump("Master Playback Volume", 0, 0, Optional.of(new ControlDump.Amp(3, true, 0, 0))),
                new ControlDump("Master Playback Switch", 0, 0, Optional.of(new ControlDump.Amp(3, true, 0, 0))));
        assertThat(w.pcmDevices()).containsExactly(new PcmDeviceDump("Generic Analog", "Audio", 0));
        final WidgetDump jack = node(Fixtures.codec("laptop-analog.txt"), 0x11);
        assertThat(jack.controls().get(1)).isEqualTo(new ControlDump("Headphone Jack", 0, 0, Optional.empty()));
    }

    @Test
    void readsTheOldPcmDeviceLineWithASubstream() throws Exception
    {
        final WidgetDump w = node(withNodes("Node 0x02 [Audio Output] wcaps 0x1: Stereo",
                "  Device: name=\"ALC880 Analog\", type=\"Audio\", device=0, substream=0"), 2);

        assertThat(w.pcmDevices()).containsExactly(new PcmDeviceDump("ALC880 Analog", "Audio", 0));
    }

    @Test
    void readsAmpCapsAndValuesPerIndexAndChannel() throws Exception
    {
        final CodecDump c = Fixtures.codec("laptop-analog.txt");
        final AmpDump dacOut = node(c, 2).ampOut().orElseThrow();
        final AmpDump mixIn = node(c, 0x0c).ampIn().orElseThrow();
        final AmpDump beep = node(c, 0x16).ampOut().orElseThrow();

        assertThat(dacOut.offset()).isEqualTo(0x57);
        assertThat(dacOut.steps()).isEqualTo(0x57);
        assertThat(dacOut.stepSize()).isEqualTo(2);
        assertThat(dacOut.muteCapable()).isFalse();
        assertThat(dacOut.values()).isEqualTo(new AmpValues(true, List.of(0x57), List.of(0x57)));
        assertThat(mixIn.muteCapable()).isTrue();
        assertThat(mixIn.values().count()).isEqualTo(2);
        assertThat(mixIn.values().value(0, 1)).isEqualTo(0x00);
        assertThat(mixIn.values().value(1, 0)).isEqualTo(0x80);
        assertThat(beep.values()).isEqualTo(new AmpValues(false, List.of(0x83), List.of()));
        assertThat(beep.values().value(0, 1)).isEqualTo(0x83);
    }

    @Test
    void readsNotAvailableAmpCapsAsZero() throws Exception
    {
        final WidgetDump w = node(Fixtures.codec("damaged/hook-lines.txt"), 0x0a);

        assertThat(w.ampIn()).contains(new AmpDump(0, new AmpValues(true, List.of(0), List.of(0))));
    }

    @Test
    void readsOldFlatAmpValuesPairedByTheStereoBit() throws Exception
    {
        final CodecDump c = Fixtures.codec("damaged/old-format.txt");

        assertThat(node(c, 3).ampOut().orElseThrow().values())
                .isEqualTo(new AmpValues(true, List.of(0x1c), List.of(0x1c)));
        assertThat(node(c, 4).ampIn().orElseThrow().values())
                .isEqualTo(new AmpValues(true, List.of(0x80, 0x1f), List.of(0x80, 0x1f)));
    }

    @Test
    void readsAnEmptyAmpValuesLine() throws Exception
    {
        final WidgetDump w = node(Fixtures.codec("damaged/old-format.txt"), 5);

        assertThat(w.ampIn().orElseThrow().values()).isEqualTo(AmpValues.NONE);
    }

    @Test
    void readsPinCapsEapdDefaultConfigAndPinControls() throws Exception
    {
        final WidgetDump hp = node(Fixtures.codec("laptop-analog.txt"), 0x11);

        assertThat(hp.pinCaps()).hasValue(0x1001c);
        assertThat(hp.eapd()).hasValue(2);
        assertThat(hp.pinDefault()).hasValue(0x0221101f);
        assertThat(hp.pinControls()).hasValue(0xc0);
        assertThat(hp.unsolicited()).hasValue(0x81);
        final PinConfig cfg = hp.pinConfig().orElseThrow();
        assertThat(cfg.connectivity()).isEqualTo(PinConfig.CONNECTIVITY_JACK);
        assertThat(cfg.location()).isEqualTo(0x02);
        assertThat(cfg.device()).isEqualTo(2);
        assertThat(cfg.connectionType()).isEqualTo(1);
        assertThat(cfg.color()).isEqualTo(1);
        assertThat(cfg.misc()).isZero();
        assertThat(cfg.association()).isEqualTo(1);
        assertThat(cfg.sequence()).isEqualTo(0xf);
        final PinConfig speaker = node(Fixtures.codec("laptop-analog.txt"), 0x10).pinConfig().orElseThrow();
        assertThat(speaker.connectivity()).isEqualTo(PinConfig.CONNECTIVITY_FIXED);
        assertThat(speaker.location()).isEqualTo(0x10);
        assertThat(speaker.misc()).isEqualTo(1);
    }

    @Test
    void undoesTheOldPincapPrefixBugAndReadsOldEapdAndUnbracketedPinDefault() throws Exception
    {
        final WidgetDump pin = node(Fixtures.codec("damaged/old-format.txt"), 5);

        assertThat(pin.pinCaps()).hasValue(0x1737);
        assertThat(pin.eapd()).hasValue(0);
        assertThat(pin.pinDefault()).hasValue(0x01014010);
        assertThat(pin.unsolicited()).hasValue(0x3a | 0x80);
        final WidgetDump longer = node(withNodes("Node 0x02 [Pin Complex] wcaps 0x400000: Mono",
                "  Pincap 0x0810024: IN", "  Pin Default 0x411111f0: [N/A] Speaker at Ext Rear"), 2);
        assertThat(longer.pinCaps()).hasValue(0x10024);
        final WidgetDump current = node(withNodes("Node 0x02 [Pin Complex] wcaps 0x400000: Mono",
                "  Pincap 0x08000014: OUT Detect", "  Pin Default 0x411111f0: [N/A] Speaker at Ext Rear"), 2);
        assertThat(current.pinCaps()).hasValue(0x08000014);
    }

    @Test
    void readsTheVolumeKnob() throws Exception
    {
        final WidgetDump knob = node(Fixtures.codec("laptop-analog.txt"), 0x15);

        assertThat(knob.volumeKnob()).contains(new VolumeKnobDump(0x80 | 63, 0x80 | 40));
        assertThat(knob.connections()).contains(new ConnectionList(2, List.of(2, 3), -1));
    }

    @Test
    void readsConverterSdiSelectAndNodePcm() throws Exception
    {
        final CodecDump c = Fixtures.codec("desktop-analog.txt");

        assertThat(node(c, 3).converter()).hasValue(0x12);
        assertThat(node(c, 7).sdiSelect()).hasValue(0);
        assertThat(node(c, 6).pcm()).contains(PcmCaps.of(0x5e0, 0x1e, 0x5));
    }

    @Test
    void readsTheDigitalConverterLines() throws Exception
    {
        final CodecDump desktop = Fixtures.codec("desktop-analog.txt");
        final CodecDump hdmi = Fixtures.codec("hdmi.txt");
        final CodecDump old = Fixtures.codec("damaged/old-format.txt");

        assertThat(node(desktop, 6).digital()).hasValue(0x0201);
        assertThat(node(hdmi, 2).digital()).hasValue(0x800001);
        assertThat(node(old, 2).digital()).hasValue(0x0211);
        assertThat(node(old, 2).pcm()).contains(PcmCaps.of(0x60, 0x2, 0x5));
    }

    @Test
    void readsPowerStatesAndPowerLinesInEveryForm() throws Exception
    {
        final WidgetDump w = node(withNodes("Node 0x02 [Audio Output] wcaps 0x400: Mono",
                "  Power states:  D0 D1 D2 D3 D3cold S3D3cold CLKSTOP EPSS",
                "  Power: setting=D3, actual=D2, Error, Clock-stop-OK, Setting-reset"), 2);
        final WidgetDump unknown = node(withNodes("Node 0x02 [Audio Output] wcaps 0x400: Mono",
                "  Power: setting=UNKNOWN, actual=D3cold"), 2);
        final CodecDump old = Fixtures.codec("damaged/old-format.txt");

        assertThat(w.powerStates()).hasValue(0x1f | 0xe0000000);
        assertThat(w.powerState()).hasValue(0x723);
        assertThat(unknown.powerState()).hasValue(0x4f);
        assertThat(node(old, 3).powerState()).hasValue(0);
        assertThat(node(old, 5).powerState()).hasValue(0x33);
        assertThat(node(Fixtures.codec("qemu-hda-duplex.txt"), 2).powerStates()).isEmpty();
        assertThat(Fixtures.codec("qemu-hda-duplex.txt").afg().orElseThrow().powerStates()).hasValue(0);
    }

    @Test
    void takesTheDelayFromTheWcaps() throws Exception
    {
        final WidgetDump w = node(Fixtures.codec("damaged/hook-lines.txt"), 0x0b);

        assertThat(w.delaySamples()).isEqualTo(13);
        assertThat(w.hasCap(11)).isTrue();
    }

    @Test
    void readsDpMstDevices() throws Exception
    {
        final WidgetDump pin = node(Fixtures.codec("hdmi.txt"), 5);

        assertThat(pin.dpMstDevices()).contains(List.of(
                new DpMstDevice(true, 3, List.of(2, 3, 4), 0),
                new DpMstDevice(false, 0, List.of(2, 3, 4), 1),
                new DpMstDevice(false, 4, List.of(2, 3, 4), 2)));
    }

    @Test
    void readsConnectionListsWithTheSelectedIndex() throws Exception
    {
        final CodecDump c = Fixtures.codec("laptop-analog.txt");

        assertThat(node(c, 0x0a).connections()).contains(new ConnectionList(3, List.of(0x12, 0x13, 0x0b), 1));
        assertThat(node(c, 0x0b).connections()).contains(new ConnectionList(4, List.of(0x12, 0x13, 0x14, 0x16), -1));
        assertThat(node(c, 0x06).connectionNids()).containsExactly(0x0a);
        assertThat(node(c, 0x02).connections()).isEmpty();
        assertThat(node(c, 0x02).connectionNids()).isEmpty();
    }

    @Test
    void readsAnOldEmptyConnectionListFollowedByABlankLine() throws Exception
    {
        final CodecDump c = Fixtures.codec("damaged/old-format.txt");

        assertThat(node(c, 2).connections()).contains(new ConnectionList(0, List.of(), -1));
        assertThat(node(c, 3).ampOut()).isPresent();
    }

    @Test
    void readsANegativeConnectionCountAsAnErrorCodeWithoutEntries() throws Exception
    {
        final WidgetDump knob = node(withNodes("Node 0x1f [Volume Knob Widget] wcaps 0x600100: Mono",
                "  Volume-Knob: delta=0, steps=127, direct=0, val=127", "  Connection: -22"), 0x1f);

        assertThat(knob.connections()).contains(new ConnectionList(-22, List.of(), -1));
    }

    @Test
    void readsDuplicateEntriesAndListsTheFunctionGroup() throws Exception
    {
        final WidgetDump w = node(withNodes("Node 0x02 [Audio Output] wcaps 0x30311: Stereo Digital",
                "  Connection: 4", "     0x01* 0x00 0x02 0x02"), 2);

        assertThat(w.connections()).contains(new ConnectionList(4, List.of(1, 0, 2, 2), 0));
    }

    @Test
    void readsTheInDriverConnectionList() throws Exception
    {
        final WidgetDump pin = node(withNodes(
                "Node 0x02 [Audio Output] wcaps 0x6611: 8-Channels Digital",
                "Node 0x03 [Audio Output] wcaps 0x6611: 8-Channels Digital",
                "Node 0x05 [Pin Complex] wcaps 0x40778d: 8-Channels Digital Amp-Out CP",
                "  Amp-Out caps: ofs=0x00, nsteps=0x00, stepsize=0x00, mute=1", "  Amp-Out vals:  [0x00 0x00]",
                "  Pincap 0x0b000094: OUT Detect HBR HDMI DP", "  Pin Default 0x18560010: [Jack] Digital Out at Int HDMI",
                "  Devices: 0", "  Connection: 0", "  In-driver Connection: 2", "     0x02 0x03"), 5);

        assertThat(pin.connections()).contains(new ConnectionList(0, List.of(), -1));
        assertThat(pin.inDriverConnections()).contains(List.of(2, 3));
        assertThat(pin.dpMstDevices()).contains(List.of());
    }

    @Test
    void readsProcessingCapsCoefficientsAndVendorLines() throws Exception
    {
        final WidgetDump w = node(Fixtures.codec("damaged/hook-lines.txt"), 0x0c);

        assertThat(w.processing()).contains(new ProcessingDump(0x301, List.of(0x17, 0x8000, 0)));
        assertThat(w.processing().orElseThrow().coefficientCount()).isEqualTo(3);
        assertThat(w.vendorLines()).containsExactly("Processing Coefficient: 0x0017", "Coefficient Index: 0x0001");
    }

    @Test
    void leavesLinesTheDumpDoesNotHaveEmpty() throws Exception
    {
        final WidgetDump w = node(Fixtures.codec("laptop-analog.txt"), 5);

        assertThat(w.wcaps()).isEqualTo(0xf00000);
        assertThat(w.type()).isEqualTo(WidgetDump.TYPE_VENDOR);
        assertThat(w.ampIn()).isEmpty();
        assertThat(w.pinCaps()).isEqualTo(OptionalInt.empty());
        assertThat(w.converter()).isEmpty();
        assertThat(w.pcm()).isEmpty();
        assertThat(w.processing()).isEmpty();
        assertThat(w.controls()).isEmpty();
    }
}

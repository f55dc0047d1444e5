package dev.azalia.driver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic parser run by {@link CodecDriver} on the {@link dev.azalia.hda.codec.dumped.DumpCodec}s built from the
 * dump fixtures: Linux's autoconfig lines, the DAC assignment, the path activation at init, the mixer controls with
 * the virtual master, automute on jack events, the DACs bound at prepare, and an HDMI-only codec bound without an
 * analog PCM.
 */
final class GenericParserOnDumpsTest
{
    @Test
    void shouldLogTheQemuCodecAsLinuxDid()
    {
        assertThat(new CodecOnDump("qemu-hda-duplex.txt").boot().messages()).startsWith(
            "autoconfig for Generic: line_outs=1 (0x3/0x0/0x0/0x0/0x0) type:line",
            "   speaker_outs=0 (0x0/0x0/0x0/0x0/0x0)",
            "   hp_outs=0 (0x0/0x0/0x0/0x0/0x0)",
            "   mono: mono_out=0x0",
            "   inputs:",
            "     Line=0x5");
    }

    @Test
    void shouldLogTheLaptopWithTheSpeakerPromotedAndTheMicsInLinuxOrder()
    {
        assertThat(new CodecOnDump("laptop-analog.txt").boot().messages()).startsWith(
            "autoconfig for Generic: line_outs=1 (0x10/0x0/0x0/0x0/0x0) type:speaker",
            "   speaker_outs=0 (0x0/0x0/0x0/0x0/0x0)",
            "   hp_outs=1 (0x11/0x0/0x0/0x0/0x0)",
            "   mono: mono_out=0x0",
            "   inputs:",
            "     Internal Mic=0x13",
            "     Mic=0x12");
    }

    @Test
    void shouldLogTheDesktopWithFourLineOutsAndTheDigitalOut()
    {
        assertThat(new CodecOnDump("desktop-analog.txt").boot().messages()).startsWith(
            "autoconfig for Generic: line_outs=4 (0x14/0x16/0x15/0x17/0x0) type:line",
            "   speaker_outs=0 (0x0/0x0/0x0/0x0/0x0)",
            "   hp_outs=1 (0x1b/0x0/0x0/0x0/0x0)",
            "   mono: mono_out=0x0",
            "   dig-out=0x1e/0x0",
            "   inputs:",
            "     Front Mic=0x19",
            "     Rear Mic=0x18",
            "     Line=0x1a");
    }

    @Test
    void shouldGiveTheSpeakerAndTheHeadphoneTheirOwnDacs()
    {
        final CodecOnDump c = new CodecOnDump("laptop-analog.txt").boot();
        final AutoConfig cfg = config(c);

        assertThat(cfg.outputs.outPaths[0].nids).containsExactly(0x02, 0x0c, 0x10);
        assertThat(cfg.outputs.hpPaths[0].nids).containsExactly(0x03, 0x0d, 0x11);
        assertThat(cfg.outputs.lineDacs[0]).isEqualTo(0x02);
        assertThat(cfg.outputs.hpDacs[0]).isEqualTo(0x03);
    }

    @Test
    void shouldShareTheFrontDacThroughTheMixerWhenEveryDacIsTaken()
    {
        final CodecOnDump c = new CodecOnDump("desktop-analog.txt").boot();
        final AutoConfig cfg = config(c);

        assertThat(cfg.outputs.numDacs).isEqualTo(4);
        assertThat(cfg.outputs.hpPaths[0].nids).as("through mixer 0x0c and selector 0x24")
            .containsExactly(0x02, 0x0c, 0x24, 0x1b);
        assertThat(cfg.outputs.hpPaths[0].volCtl).as("the shared DAC's volume belongs to the front").isZero();
        assertThat(c.driver.mixerControls()).extracting(e -> e.name()).startsWith(
            "Headphone+LO Playback Volume", "Front Playback Switch", "Surround Playback Volume",
            "Surround Playback Switch", "Center Playback Volume", "LFE Playback Volume", "Center Playback Switch",
            "LFE Playback Switch", "Side Playback Volume", "Side Playback Switch", "Headphone Playback Switch");
    }

    @Test
    void shouldActivateThePathsAtInitAsLinuxDoes()
    {
        final CodecOnDump c = new CodecOnDump("laptop-analog.txt");
        c.driver.probe();
        c.verbs.clear();

        c.driver.init();

        assertThat(c.sent(0x701)).as("connection selects").startsWith("10:0", "11:1");
        assertThat(c.sent(0x707)).as("pin controls: speaker OUT, headphone OUT|HP, mics IN (VREF 80)")
            .startsWith("10:40", "11:c0", "13:20", "12:24");
        assertThat(c.sent(0x70c)).startsWith("10:2", "11:2");
        assertThat(c.amp(0x0c, false, true, 0)).as("the mixer input from the DAC unmuted").isZero();
        assertThat(c.amp(0x0c, false, true, 1)).as("the loopback input stays muted").isEqualTo(0x80);
        assertThat(c.amp(0x10, true, true, 0)).as("the speaker switch's amp waits for its control")
            .isEqualTo(0x80);
    }

    @Test
    void shouldUnmuteEveryOutputWhenTheMasterIsRestoredToZeroDb()
    {
        final CodecOnDump c = new CodecOnDump("laptop-analog.txt").boot();
        final var controls = c.driver.mixerControls();
        assertThat(controls).extracting(e -> e.name()).containsExactly("Speaker Playback Volume",
            "Speaker Playback Switch", "Headphone Playback Volume", "Headphone Playback Switch", "Capture Volume",
            "Capture Switch", "Master Playback Volume", "Master Playback Switch");
        assertThat(c.amp(0x10, true, true, 0)).as("master off at start").isEqualTo(0x80);

        final var volume = controls.get(6);
        final var sw = controls.get(7);
        volume.put(new long[] {volume.info().max()});
        sw.put(new long[] {1});

        assertThat(volume.info().max()).isEqualTo(0x57);
        for (final int dac : new int[] {0x02, 0x03})
        {
            assertThat(c.amp(dac, true, true, 0)).as("DAC %x at 0 dB", dac).isEqualTo(0x57);
        }
        for (final int pin : new int[] {0x10, 0x11})
        {
            assertThat(c.amp(pin, true, false, 0)).as("pin %x unmuted", pin).isZero();
        }

        volume.put(new long[] {0x50});

        assertThat(c.amp(0x02, true, true, 0)).as("followers move with the master").isEqualTo(0x50);
    }

    @Test
    void shouldMuteTheSpeakerWhileTheHeadphoneIsPluggedIn()
    {
        final CodecOnDump c = new CodecOnDump("laptop-analog.txt").boot();
        assertThat(c.unsol(0x11)).as("HP jack detection, tag 1").isEqualTo(0x81);
        assertThat(c.pinCtl(0x10)).isEqualTo(0x40);

        c.codec.plug(0x11, true);
        c.driver.onUnsolicited(1 << 26);

        assertThat(c.pinCtl(0x10)).as("speaker pin control cleared").isZero();
        assertThat(c.eapd(0x10)).isZero();
        assertThat(c.pinCtl(0x11)).isEqualTo(0xc0);

        c.codec.plug(0x11, false);
        c.driver.onUnsolicited(1 << 26);

        assertThat(c.pinCtl(0x10)).isEqualTo(0x40);
        assertThat(c.eapd(0x10)).isEqualTo(0x02);
        assertThat(c.driver.jackEvents()).isEqualTo(2);
    }

    @Test
    void shouldStartWithTheSpeakerMutedWhenTheHeadphoneIsAlreadyPlugged()
    {
        final CodecOnDump c = new CodecOnDump("laptop-analog.txt");
        c.codec.plug(0x11, true);

        c.boot();

        assertThat(c.pinCtl(0x10)).isZero();
    }

    @Test
    void shouldMuteTheLineOutsOfADesktopWhileItsHeadphoneIsPlugged()
    {
        final CodecOnDump c = new CodecOnDump("desktop-analog.txt").boot();

        c.codec.plug(0x1b, true);
        c.driver.onUnsolicited(1 << 26);

        for (final int pin : List.of(0x14, 0x15, 0x16, 0x17))
        {
            assertThat(c.pinCtl(pin)).as("line out %x", pin).isZero();
        }
    }

    @Test
    void shouldBindTheSpeakerAndHeadphoneDacsToTheStream()
    {
        final CodecOnDump c = new CodecOnDump("laptop-analog.txt").boot();
        c.verbs.clear();

        c.driver.setupStream(5, 0x11);

        assertThat(c.sent(0x706)).containsExactly("2:50", "3:50");
    }

    @Test
    void shouldBindAnHdmiOnlyCodecWithoutAnAnalogPcm()
    {
        final CodecOnDump c = new CodecOnDump("hdmi.txt").boot();

        assertThat(c.driver.hasAnalogPcm()).isFalse();
        assertThat(c.driver.mixerControls()).isEmpty();
        assertThat(c.messages()).first().isEqualTo(
            "HDMI/DP codec: 3 pin(s) (0x5/0x6/0x7), 3 converter(s); bound as snd_hda_codec_hdmi, no analog PCM");
        assertThat(c.messages()).noneMatch(l -> l.startsWith("autoconfig"));
        assertThat(c.sent(0x707)).containsExactly("5:40", "6:40", "7:40");
        assertThat(c.sent(0x3)).containsExactly("5:b000", "6:b000", "7:b000");
        assertThat(c.unsol(0x05)).isEqualTo(0x81);
        assertThat(CodecDriver.firstAnalog(List.of(c.driver, new CodecOnDump("qemu-hda-duplex.txt").boot().driver))
            .hasAnalogPcm()).isTrue();
    }

    private static AutoConfig config(final CodecOnDump c)
    {
        return c.driver.autoConfig();
    }
}

package dev.azalia.hda.codec.dumped;

import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.azalia.hda.codec.Verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameters and state verbs of a codec built from the laptop fixture (AZ2510), as Linux sends them. */
final class DumpCodecVerbTest
{
    private static final int AFG = 0x01;
    private static final int DAC = 0x02;
    private static final int SELECTOR = 0x0a;
    private static final int MIXER = 0x0b;
    private static final int SPEAKER = 0x10;
    private static final int HP = 0x11;
    private static final int MIC = 0x12;
    private static final int INT_MIC = 0x13;
    private static final int KNOB = 0x15;
    private static final int BEEP = 0x16;
    private static final int COEF = 0x17;
    private static final int SPDIF = 0x18;

    private DumpFixtures.Bus bus;
    private DumpCodec codec;

    @BeforeEach
    void setUp()
    {
        bus = new DumpFixtures.Bus();
        codec = DumpCodec.create(DumpFixtures.codec("laptop-analog.txt"), new DumpFixtures.Output());
        codec.attach(bus);
    }

    private int verb(final int nid, final int verb, final int payload)
    {
        return codec.execute(Verbs.make(codec.address(), nid, verb, payload));
    }

    private int param(final int nid, final int parameter)
    {
        return verb(nid, Verbs.GET_PARAMETER, parameter);
    }

    @Test
    void rootAndFunctionGroupAnswerTheDumpsParameters()
    {
        assertThat(param(0, 0x00)).isEqualTo(0x1aa02510);
        assertThat(param(0, 0x02)).isEqualTo(0x100003);
        assertThat(param(0, 0x04)).as("one function group at 0x01").isEqualTo(0x00010001);
        assertThat(param(AFG, 0x04)).as("widgets 0x02 ... 0x1a").isEqualTo(0x02 << 16 | 25);
        assertThat(param(AFG, 0x05)).as("audio, unsolicited capable").isEqualTo(0x101);
        assertThat(param(AFG, 0x08) & 1 << 16).as("beep generator present").isNotZero();
        assertThat(param(AFG, 0x0a)).isEqualTo(0x000e0560);
        assertThat(param(AFG, 0x0b)).isEqualTo(1);
        assertThat(param(AFG, 0x0f)).as("D0-D3 CLKSTOP EPSS").isEqualTo(0xc000000f);
        assertThat(param(AFG, 0x11)).as("2 GPIOs, unsolicited").isEqualTo(0x40000002);
        assertThat(verb(AFG, 0xf20, 0)).isEqualTo(0x1aa00110);
    }

    @Test
    void widgetsAnswerTheirOwnParameters()
    {
        assertThat(param(DAC, 0x09)).isEqualTo(0x41d);
        assertThat(param(DAC, 0x0a)).isEqualTo(0x000e0560);
        assertThat(param(DAC, 0x12)).as("ofs 0x57 nsteps 0x57 stepsize 2").isEqualTo(0x00025757);
        assertThat(param(DAC, 0x0d)).as("no input amp").isZero();
        assertThat(param(DAC, 0x0f)).as("D0-D3 EPSS").isEqualTo(0x8000000f);
        assertThat(param(SPEAKER, 0x0c)).isEqualTo(0x00010014);
        assertThat(param(MIXER, 0x0d)).as("mute, ofs 0x17 nsteps 0x1f stepsize 5").isEqualTo(0x80051f17);
        assertThat(param(MIXER, 0x0e)).as("4 entries, short form").isEqualTo(4);
        assertThat(param(COEF, 0x10)).as("32 coefficients").isEqualTo(0x2000);
        assertThat(param(KNOB, 0x13)).as("delta, 63 steps").isEqualTo(0xbf);
    }

    @Test
    void connectionListReadsFourEntriesPerShortFormResponse()
    {
        assertThat(verb(MIXER, 0xf02, 0)).isEqualTo(0x16141312);
        assertThat(verb(MIXER, 0xf02, 4)).isZero();
        assertThat(verb(SELECTOR, 0xf02, 0)).isEqualTo(0x000b1312);
        assertThat(verb(SELECTOR, 0xf02, 2)).isEqualTo(0x0b);
    }

    @Test
    void ampsKeepGainAndMutePerDirectionChannelAndIndex()
    {
        assertThat(verb(MIXER, 0xb, 0x2002)).as("input, left, index 2 from the dump").isEqualTo(0x80);
        verb(MIXER, 0x3, 0x4000 | 0x2000 | 2 << 8 | 0x10);
        assertThat(verb(MIXER, 0xb, 0x2002)).isEqualTo(0x10);
        assertThat(verb(MIXER, 0xb, 0x0002)).as("right channel untouched").isEqualTo(0x80);
        assertThat(verb(MIXER, 0xb, 0x2001)).as("index 1 untouched").isEqualTo(0x80);

        verb(DAC, 0x3, 0xb000 | 0x80 | 0x20);
        assertThat(verb(DAC, 0xb, 0xa000)).isEqualTo(0xa0);
        assertThat(verb(DAC, 0xb, 0x8000)).isEqualTo(0xa0);
        assertThat(codec.ampGain(DAC, true)).isEqualTo(0x20);
        assertThat(codec.ampMuted(DAC, false)).isTrue();

        verb(MIXER, 0x3, 0xb000 | 0x05);
        assertThat(verb(MIXER, 0xb, 0xa000)).as("a mixer without output amp keeps none").isZero();
        verb(MIXER, 0x3, 0x7000 | 9 << 8 | 0x05);
        assertThat(verb(MIXER, 0xb, 0x2009)).as("index beyond the amp's inputs").isZero();
    }

    @Test
    void connectionSelectStaysWithinTheListAndMixersHaveNone()
    {
        assertThat(verb(SELECTOR, 0xf01, 0)).as("0x13* in the dump").isEqualTo(1);
        verb(SELECTOR, 0x701, 2);
        assertThat(verb(SELECTOR, 0xf01, 0)).isEqualTo(2);
        verb(SELECTOR, 0x701, 3);
        assertThat(verb(SELECTOR, 0xf01, 0)).as("index 3 does not exist").isEqualTo(2);
        verb(MIXER, 0x701, 1);
        assertThat(verb(MIXER, 0xf01, 0)).isZero();
        assertThat(codec.selectedConnection(SELECTOR)).isEqualTo(2);
    }

    @Test
    void pinControlEapdUnsolicitedAndConfigDefaultBytes()
    {
        assertThat(verb(HP, 0xf07, 0)).isEqualTo(0xc0);
        verb(HP, 0x707, 0x40);
        assertThat(verb(HP, 0xf07, 0)).isEqualTo(0x40);
        assertThat(verb(HP, 0xf0c, 0)).isEqualTo(2);
        verb(HP, 0x70c, 0);
        assertThat(verb(HP, 0xf0c, 0)).isZero();
        assertThat(verb(HP, 0xf08, 0)).isEqualTo(0x81);
        verb(HP, 0x708, 0x85);
        assertThat(verb(HP, 0xf08, 0)).isEqualTo(0x85);
        assertThat(verb(HP, 0xf1c, 0)).isEqualTo(0x0221101f);
        verb(HP, 0x71c, 0xf0);
        verb(HP, 0x71f, 0x40);
        assertThat(verb(HP, 0xf1c, 0)).isEqualTo(0x402110f0);
        assertThat(verb(DAC, 0xf07, 0)).as("a converter has no pin control").isZero();
    }

    @Test
    void aWidgetIsNeverMorePoweredThanItsFunctionGroup()
    {
        assertThat(verb(DAC, 0xf05, 0)).isEqualTo(0x00);
        verb(DAC, 0x705, 2);
        assertThat(verb(DAC, 0xf05, 0)).isEqualTo(0x22);
        verb(AFG, 0x705, 3);
        assertThat(verb(DAC, 0xf05, 0)).as("set D2, actual D3").isEqualTo(0x32);
        assertThat(codec.powerState(DAC)).isEqualTo(3);
        assertThat(codec.actualPowerState(DAC)).isEqualTo(3);
        verb(AFG, 0x705, 0);
        assertThat(verb(DAC, 0xf05, 0)).isEqualTo(0x22);
    }

    @Test
    void clockStopOkIsReportedInD3WhenTheGroupListsClkstop()
    {
        assertThat(verb(AFG, 0xf05, 0)).isEqualTo(0x00);
        verb(AFG, 0x705, 3);
        assertThat(verb(AFG, 0xf05, 0)).as("PS-ClkStopOk, actual D3, set D3").isEqualTo(0x233);
        verb(DAC, 0x705, 3);
        assertThat(verb(DAC, 0xf05, 0)).as("the DAC does not list CLKSTOP").isEqualTo(0x33);
        verb(AFG, 0x705, 0);
        assertThat(verb(AFG, 0xf05, 0)).isEqualTo(0x00);
    }

    @Test
    void anUnsupportedPowerStateIsRefusedWithPsErrorUnderEpss()
    {
        verb(AFG, 0x705, 4);
        assertThat(verb(AFG, 0xf05, 0)).as("no D3cold: PS-Error, still D0").isEqualTo(0x100);
        verb(AFG, 0x705, 3);
        assertThat(verb(AFG, 0xf05, 0) & 0x100).as("cleared by an accepted state").isZero();
    }

    @Test
    void functionResetReturnsToTheDumpStateAndReportsSettingsReset()
    {
        verb(DAC, 0x3, 0xb000 | 0x10);
        verb(SELECTOR, 0x701, 0);
        verb(DAC, 0x705, 3);
        verb(AFG, 0x7ff, 0);
        assertThat(verb(DAC, 0xb, 0xa000)).isEqualTo(0x57);
        assertThat(verb(SELECTOR, 0xf01, 0)).isEqualTo(1);
        assertThat(verb(DAC, 0xf05, 0)).as("EPSS: PS-SettingsReset, D0").isEqualTo(0x400);
        assertThat(verb(AFG, 0xf05, 0)).isEqualTo(0x400);
        verb(DAC, 0x705, 0);
        assertThat(verb(DAC, 0xf05, 0)).isZero();
    }

    @Test
    void linkResetReturnsToTheDumpState()
    {
        verb(HP, 0x707, 0);
        verb(AFG, 0x715, 0);
        codec.reset();
        assertThat(verb(HP, 0xf07, 0)).isEqualTo(0xc0);
        assertThat(verb(AFG, 0xf15, 0)).isEqualTo(1);
    }

    @Test
    void convertersKeepStreamFormatDigitalBitsAndChannelCount()
    {
        assertThat(verb(DAC, 0xf06, 0)).as("stream=1, channel=0").isEqualTo(0x10);
        verb(DAC, 0x706, 0x52);
        assertThat(verb(DAC, 0xf06, 0)).isEqualTo(0x52);
        assertThat(codec.converterStreamTag(DAC)).isEqualTo(5);
        assertThat(codec.converterChannel(DAC)).isEqualTo(2);
        assertThat(verb(DAC, 0xa, 0)).isEqualTo(DumpCodec.POWER_ON_FORMAT);
        verb(DAC, 0x2, 0x4031);
        assertThat(verb(DAC, 0xa, 0)).isEqualTo(0x4031);
        assertThat(verb(DAC, 0xf2d, 0)).isEqualTo(1);
        verb(DAC, 0x72d, 7);
        assertThat(verb(DAC, 0xf2d, 0)).isEqualTo(7);

        assertThat(verb(SPDIF, 0xf0d, 0)).isZero();
        verb(SPDIF, 0x70d, 0x01);
        verb(SPDIF, 0x70e, 0x82);
        verb(SPDIF, 0x73e, 0x81);
        verb(SPDIF, 0x73f, 0x44);
        assertThat(verb(SPDIF, 0xf0d, 0)).as("category is 7 bits").isEqualTo(0x44810201);
        assertThat(verb(0x06, 0xf04, 0)).isZero();
        verb(0x06, 0x704, 1);
        assertThat(verb(0x06, 0xf04, 0)).isEqualTo(1);
    }

    @Test
    void gpioMasksKeepOnlyTheGroupsGpios()
    {
        assertThat(verb(AFG, 0xf15, 0)).as("data").isEqualTo(1);
        assertThat(verb(AFG, 0xf16, 0)).as("enable").isEqualTo(1);
        assertThat(verb(AFG, 0xf17, 0)).as("direction").isEqualTo(1);
        verb(AFG, 0x715, 0xff);
        verb(AFG, 0x716, 0x02);
        verb(AFG, 0x717, 0x03);
        verb(AFG, 0x718, 0x01);
        verb(AFG, 0x719, 0x02);
        verb(AFG, 0x71a, 0x03);
        assertThat(verb(AFG, 0xf15, 0)).as("two GPIOs").isEqualTo(3);
        assertThat(verb(AFG, 0xf16, 0)).isEqualTo(2);
        assertThat(verb(AFG, 0xf17, 0)).isEqualTo(3);
        assertThat(verb(AFG, 0xf18, 0)).isEqualTo(1);
        assertThat(verb(AFG, 0xf19, 0)).isEqualTo(2);
        assertThat(verb(AFG, 0xf1a, 0)).isEqualTo(3);
    }

    @Test
    void subsystemIdBytesAreWritable()
    {
        verb(AFG, 0x720, 0x44);
        verb(AFG, 0x723, 0x10);
        assertThat(verb(AFG, 0xf20, 0)).isEqualTo(0x10a00144);
        assertThat(codec.toDump().subsystemId()).isEqualTo(0x10a00144);
    }

    @Test
    void coefficientsAreARegisterFilePerWidget()
    {
        verb(COEF, 0x5, 0x10);
        verb(COEF, 0x4, 0x1234);
        verb(COEF, 0x5, 0x11);
        assertThat(verb(COEF, 0xc, 0)).isZero();
        verb(COEF, 0x5, 0x10);
        assertThat(verb(COEF, 0xd, 0)).isEqualTo(0x10);
        assertThat(verb(COEF, 0xc, 0)).isEqualTo(0x1234);
        verb(COEF, 0x703, 1);
        assertThat(verb(COEF, 0xf03, 0)).isEqualTo(1);
        assertThat(verb(DAC, 0xc, 0)).as("no processing on the DAC").isZero();
    }

    @Test
    void volumeKnobAndBeepKeepTheirValues()
    {
        assertThat(verb(KNOB, 0xf0f, 0)).as("direct, val=40").isEqualTo(0x80 | 40);
        verb(KNOB, 0x70f, 0x10);
        assertThat(verb(KNOB, 0xf0f, 0)).isEqualTo(0x10);
        verb(BEEP, 0x70a, 0x40);
        assertThat(verb(BEEP, 0xf0a, 0)).isEqualTo(0x40);
    }

    @Test
    void unknownVendorVerbsAnswerZeroAndAreCounted()
    {
        assertThat(verb(COEF, 0xf81, 0x12)).isZero();
        assertThat(verb(0, 0x7f0, 0)).isZero();
        assertThat(codec.unknownVerbs()).isEqualTo(2);
        assertThat(codec.missingNodeVerbs()).isZero();
        assertThat(codec.verbsExecuted()).isEqualTo(2);
    }

    @Test
    void verbsToAMissingNodeAnswerZeroAndAreCounted()
    {
        assertThat(verb(0x40, Verbs.GET_PARAMETER, 0x09)).isZero();
        assertThat(verb(0x1b, 0xf07, 0)).isZero();
        assertThat(codec.missingNodeVerbs()).isEqualTo(2);
        assertThat(codec.unknownVerbs()).isEqualTo(2);
        assertThat(codec.widgetType(0x40)).isEqualTo(-1);
    }

    @Test
    void jackPresenceFollowsTheDefaultConfiguration()
    {
        assertThat(verb(SPEAKER, 0xf09, 0)).as("fixed speaker present").isEqualTo(0x80000000);
        assertThat(verb(HP, 0xf09, 0)).as("jack unplugged").isZero();
        assertThat(verb(0x14, 0xf09, 0)).as("no connection").isZero();
    }

    @Test
    void pluggingAJackSendsItsTagWhenUnsolicitedResponsesAreEnabled()
    {
        final long before = codec.stateVersion();
        codec.plug(HP, true);
        assertThat(verb(HP, 0xf09, 0)).isEqualTo(0x80000000);
        assertThat(bus.responses).containsExactly(0x01 << 26 | 1);
        assertThat(codec.stateVersion()).isGreaterThan(before);
        codec.plug(HP, true);
        assertThat(bus.responses).as("no change, no event").hasSize(1);
        codec.plug(HP, false);
        assertThat(bus.responses).containsExactly(0x01 << 26 | 1, 0x01 << 26);
        codec.plug(0x14, true);
        assertThat(bus.responses).as("unsolicited disabled on 0x14").hasSize(2);
        assertThat(codec.jackPresent(0x14)).isTrue();
        assertThat(codec.unsolicitedSent()).isEqualTo(2);
        assertThatThrownBy(() -> codec.plug(INT_MIC, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.plug(0x40, true)).isInstanceOf(IllegalArgumentException.class);
        codec.reset();
        assertThat(codec.jackPresent(0x14)).as("presence is physical").isTrue();
        assertThat(codec.jackPresent(MIC)).isFalse();
    }

    @Test
    void hdmiPinsReportEldValidWithPresence()
    {
        final DumpCodec hdmi = DumpCodec.create(DumpFixtures.codec("hdmi.txt"), new DumpFixtures.Output());
        hdmi.attach(bus);
        assertThat(hdmi.address()).isEqualTo(2);
        hdmi.plug(0x05, true);
        assertThat(hdmi.execute(Verbs.make(2, 0x05, 0xf09, 0))).isEqualTo(0xc0000000);
        assertThat(bus.responses).containsExactly(0x01 << 26 | 3);
    }

    @Test
    void stateVersionChangesWithEverySetAndResetButNotWithGets()
    {
        final long v0 = codec.stateVersion();
        verb(DAC, 0xb, 0xa000);
        verb(HP, 0xf07, 0);
        assertThat(codec.stateVersion()).isEqualTo(v0);
        verb(HP, 0x707, 0x40);
        final long v1 = codec.stateVersion();
        assertThat(v1).isGreaterThan(v0);
        codec.reset();
        assertThat(codec.stateVersion()).isGreaterThan(v1);
    }

    @Test
    void nothingADriverSendsThrows()
    {
        final Random random = new Random(13);
        for (int i = 0; i < 200_000; i++)
        {
            final int command = random.nextInt() & 0x0fffffff;
            codec.execute(command);
        }
        assertThat(codec.verbsExecuted()).isEqualTo(200_000);
    }
}

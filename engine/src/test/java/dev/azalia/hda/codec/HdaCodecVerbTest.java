package dev.azalia.hda.codec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class HdaCodecVerbTest
{
    private static final int CAD = 2;

    private RecordingDacOutput out;
    private RecordingCodecBus bus;
    private HdaCodec codec;

    @BeforeEach
    void setUp()
    {
        out = new RecordingDacOutput();
        bus = new RecordingCodecBus();
        codec = HdaCodec.output(CAD, out);
        codec.attach(bus);
    }

    private int verb(final int nid, final int verb, final int payload)
    {
        return codec.execute(Verbs.make(CAD, nid, verb, payload));
    }

    private int param(final int nid, final int parameter)
    {
        return verb(nid, Verbs.GET_PARAMETER, parameter);
    }

    @Test
    void shouldEnumerateRootLikeLinuxProbe()
    {
        assertThat(codec.address()).isEqualTo(CAD);
        assertThat(param(0, Verbs.PAR_VENDOR_ID)).isEqualTo(0x1af40012);
        assertThat(param(0, Verbs.PAR_SUBSYSTEM_ID)).isEqualTo(0x1af40100);
        assertThat(param(0, Verbs.PAR_REV_ID)).isEqualTo(0x00100101);
        final int nodes = param(0, Verbs.PAR_NODE_COUNT);
        assertThat(nodes >>> 16 & 0xff).as("first function group").isEqualTo(1);
        assertThat(nodes & 0xff).as("function groups").isEqualTo(1);
        assertThat(verb(1, Verbs.GET_SUBSYSTEM_ID, 0)).isEqualTo(0x1af40100);
    }

    @Test
    void shouldEnumerateTheAudioFunctionGroup()
    {
        assertThat(param(1, Verbs.PAR_FUNCTION_TYPE) & 0xff).isEqualTo(0x01);
        assertThat(param(1, Verbs.PAR_FUNCTION_TYPE) & 0x100).as("unsolicited capable").isNotZero();
        assertThat(param(1, Verbs.PAR_NODE_COUNT)).isEqualTo(0x00020002);
        assertThat(param(1, Verbs.PAR_AUDIO_FG_CAP)).isEqualTo(0x808);
        assertThat(param(1, Verbs.PAR_PCM) & 0x20000).as("16 bit").isNotZero();
        assertThat(param(1, Verbs.PAR_PCM) & 0x60).as("44.1 and 48 kHz").isEqualTo(0x60);
        assertThat(param(1, Verbs.PAR_STREAM)).isEqualTo(1);
        assertThat(param(1, Verbs.PAR_POWER_STATE)).isEqualTo(0xf);
        assertThat(param(1, Verbs.PAR_GPIO_CAP)).isZero();
    }

    @Test
    void shouldDescribeTheDacAndThePin()
    {
        final int dacCaps = param(2, Verbs.PAR_AUDIO_WIDGET_CAP);
        assertThat(dacCaps >>> 20 & 0xf).isEqualTo(Verbs.WID_AUD_OUT);
        assertThat(dacCaps & Verbs.WCAP_OUT_AMP).isNotZero();
        assertThat(dacCaps & Verbs.WCAP_STEREO).isNotZero();
        assertThat(dacCaps & Verbs.WCAP_POWER).isNotZero();
        assertThat(param(2, Verbs.PAR_AMP_OUT_CAP)).isEqualTo(0x80034a4a);
        assertThat(param(2, Verbs.PAR_AMP_IN_CAP)).isZero();
        assertThat(param(2, Verbs.PAR_PCM)).isEqualTo(HdaCodec.PCM_CAPS);

        final int pinCaps = param(3, Verbs.PAR_AUDIO_WIDGET_CAP);
        assertThat(pinCaps >>> 20 & 0xf).isEqualTo(Verbs.WID_PIN);
        assertThat(pinCaps & Verbs.WCAP_CONN_LIST).isNotZero();
        assertThat(pinCaps & Verbs.WCAP_UNSOL_CAP).isNotZero();
        final int pin = param(3, Verbs.PAR_PIN_CAP);
        assertThat(pin & 1 << 2).as("presence detect").isNotZero();
        assertThat(pin & 1 << 4).as("output").isNotZero();
        assertThat(pin & 1 << 16).as("EAPD").isNotZero();
        assertThat(param(3, Verbs.PAR_CONNLIST_LEN)).isEqualTo(1);
        assertThat(verb(3, Verbs.GET_CONNECT_LIST, 0)).isEqualTo(2);
        assertThat(verb(3, Verbs.GET_CONFIG_DEFAULT, 0)).isEqualTo(0x00004010);
        assertThat(verb(3, Verbs.GET_PIN_WIDGET_CONTROL, 0)).isEqualTo(0x40);
    }

    @Test
    void shouldDescribeTheDuplexModelsAdcAndInputPin()
    {
        final HdaCodec duplex = HdaCodec.duplex(0, out);
        assertThat(duplex.execute(Verbs.make(0, 0, Verbs.GET_PARAMETER, 0))).isEqualTo(0x1af40022);
        assertThat(duplex.execute(Verbs.make(0, 1, Verbs.GET_PARAMETER, Verbs.PAR_NODE_COUNT))).isEqualTo(0x00020004);
        final int adc = duplex.execute(Verbs.make(0, 4, Verbs.GET_PARAMETER, Verbs.PAR_AUDIO_WIDGET_CAP));
        assertThat(adc >>> 20 & 0xf).isEqualTo(Verbs.WID_AUD_IN);
        assertThat(duplex.execute(Verbs.make(0, 4, Verbs.GET_PARAMETER, Verbs.PAR_AMP_IN_CAP))).isEqualTo(0x80034a4a);
        assertThat(duplex.execute(Verbs.make(0, 4, Verbs.GET_CONNECT_LIST, 0))).isEqualTo(5);
        assertThat(duplex.execute(Verbs.make(0, 5, Verbs.GET_CONFIG_DEFAULT, 0))).isEqualTo(0x00805020);
        assertThat(duplex.execute(Verbs.make(0, 5, Verbs.GET_PIN_WIDGET_CONTROL, 0))).isEqualTo(0x20);
        duplex.execute(Verbs.make(0, 4, Verbs.SET_AMP_GAIN_MUTE, 0x7000 | 0x80 | 0x30));
        assertThat(duplex.ampGain(4, true)).isEqualTo(0x30);
        assertThat(duplex.ampMuted(4, false)).isTrue();
        assertThat(duplex.execute(Verbs.make(0, 4, Verbs.GET_AMP_GAIN_MUTE, 0x2000))).isEqualTo(0xb0);
    }

    @Test
    void shouldReportActualAndSetPowerStates()
    {
        assertThat(verb(1, Verbs.GET_POWER_STATE, 0)).isEqualTo(0x00);
        verb(2, Verbs.SET_POWER_STATE, 3);
        assertThat(verb(2, Verbs.GET_POWER_STATE, 0)).isEqualTo(0x33);
        assertThat(codec.powerState(2)).isEqualTo(3);
        verb(2, Verbs.SET_POWER_STATE, 0);
        verb(1, Verbs.SET_POWER_STATE, 2);
        assertThat(verb(1, Verbs.GET_POWER_STATE, 0)).isEqualTo(0x22);
        assertThat(verb(2, Verbs.GET_POWER_STATE, 0)).as("widget held down by its group").isEqualTo(0x20);
        assertThat(codec.powerState(2)).isEqualTo(2);
        verb(1, Verbs.SET_POWER_STATE, 0);
        assertThat(verb(2, Verbs.GET_POWER_STATE, 0)).isEqualTo(0x00);
        verb(1, Verbs.SET_POWER_STATE, 4);
        assertThat(codec.powerState(1)).as("D3cold is not supported and ignored").isZero();
    }

    @Test
    void shouldRestoreDefaultsOnCodecReset()
    {
        verb(2, Verbs.SET_CHANNEL_STREAMID, 0x51);
        verb(2, Verbs.SET_STREAM_FORMAT, 0x4011);
        verb(2, Verbs.SET_AMP_GAIN_MUTE, 0xb000 | 0x80 | 0x10);
        verb(2, Verbs.SET_DIGI_CONVERT_1, 0x01);
        verb(3, Verbs.SET_PIN_WIDGET_CONTROL, 0xc0);
        verb(3, Verbs.SET_UNSOLICITED_ENABLE, 0x85);
        verb(3, Verbs.SET_EAPD_BTLENABLE, 0x0);
        verb(2, Verbs.SET_POWER_STATE, 3);
        verb(1, Verbs.SET_POWER_STATE, 3);

        assertThat(verb(1, Verbs.SET_CODEC_RESET, 0)).isZero();

        assertThat(verb(2, Verbs.GET_CONV, 0)).isZero();
        assertThat(verb(2, Verbs.GET_STREAM_FORMAT, 0)).isEqualTo(HdaCodec.DEFAULT_FORMAT);
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0xa000)).isEqualTo(0x4a);
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0x8000)).isEqualTo(0x4a);
        assertThat(verb(2, Verbs.GET_DIGI_CONVERT_1, 0)).isZero();
        assertThat(verb(3, Verbs.GET_PIN_WIDGET_CONTROL, 0)).isEqualTo(0x40);
        assertThat(verb(3, Verbs.GET_UNSOLICITED_RESPONSE, 0)).isZero();
        assertThat(verb(3, Verbs.GET_EAPD_BTLENABLE, 0)).isEqualTo(0x2);
        assertThat(verb(1, Verbs.GET_POWER_STATE, 0)).isZero();
        assertThat(verb(2, Verbs.GET_POWER_STATE, 0)).isZero();
        assertThat(codec.jackPresent(3)).as("presence is physical").isTrue();
    }

    @Test
    void shouldRestoreDefaultsOnLinkReset()
    {
        verb(2, Verbs.SET_CHANNEL_STREAMID, 0x10);
        codec.reset();
        assertThat(verb(2, Verbs.GET_CONV, 0)).isZero();
        assertThat(codec.streamTag(2)).isZero();
    }

    @Test
    void shouldKeepBothDigiConvertBytes()
    {
        verb(2, Verbs.SET_DIGI_CONVERT_1, 0x0d);
        verb(2, Verbs.SET_DIGI_CONVERT_2, 0x02);
        assertThat(verb(2, Verbs.GET_DIGI_CONVERT_1, 0)).isEqualTo(0x020d);
        assertThat(codec.execute(0x002f0d00 | CAD << 28)).isEqualTo(0x020d);
    }

    @Test
    void shouldKeepEapdAndPinControl()
    {
        assertThat(verb(3, Verbs.GET_EAPD_BTLENABLE, 0)).isEqualTo(0x2);
        verb(3, Verbs.SET_EAPD_BTLENABLE, 0x3);
        assertThat(verb(3, Verbs.GET_EAPD_BTLENABLE, 0)).isEqualTo(0x3);
        verb(3, Verbs.SET_PIN_WIDGET_CONTROL, 0xc0);
        assertThat(verb(3, Verbs.GET_PIN_WIDGET_CONTROL, 0)).isEqualTo(0xc0);
    }

    @Test
    void shouldSensePresenceAndEmitUnsolicitedResponsesOnlyWhenEnabled()
    {
        assertThat(verb(3, Verbs.GET_PIN_SENSE, 0)).isEqualTo(0x80000000);
        codec.jackEvent(3, false);
        assertThat(verb(3, Verbs.GET_PIN_SENSE, 0)).isZero();
        assertThat(bus.responses()).as("not enabled").isEmpty();

        verb(3, Verbs.SET_UNSOLICITED_ENABLE, 0x80 | 0x05);
        assertThat(verb(3, Verbs.GET_UNSOLICITED_RESPONSE, 0)).isEqualTo(0x85);
        codec.jackEvent(3, true);
        codec.jackEvent(3, true);
        codec.jackEvent(3, false);
        assertThat(bus.responses()).hasSize(2);
        assertThat(bus.responses().get(0)).containsExactly(CAD, 0x05L << 26 | 1);
        assertThat(bus.responses().get(1)).containsExactly(CAD, 0x05L << 26);
        assertThat(codec.unsolicitedSent()).isEqualTo(2);

        verb(3, Verbs.SET_UNSOLICITED_ENABLE, 0x05);
        codec.jackEvent(3, true);
        assertThat(bus.responses()).as("disabled again").hasSize(2);
        assertThat(verb(3, Verbs.GET_PIN_SENSE, 0)).isEqualTo(0x80000000);
    }

    @Test
    void shouldPutTheTagInTheTopSixBits()
    {
        verb(3, Verbs.SET_UNSOLICITED_ENABLE, 0x80 | 0x3f);
        codec.jackEvent(3, false);
        assertThat(bus.responses()).singleElement().satisfies(r -> assertThat((int)r[1]).isEqualTo(0xfc000000));
    }

    @Test
    void shouldCallTheBusWithoutHoldingTheCodecLock()
    {
        final AtomicReference<Boolean> otherThreadGotThrough = new AtomicReference<>();
        final AtomicReference<Integer> answer = new AtomicReference<>();
        codec.attach((address, response) ->
        {
            final CountDownLatch done = new CountDownLatch(1);
            final Thread other = new Thread(() ->
            {
                answer.set(codec.execute(Verbs.make(CAD, 3, Verbs.GET_PIN_SENSE, 0)));
                done.countDown();
            }, "verb-while-emitting");
            other.setDaemon(true);
            other.start();
            try
            {
                otherThreadGotThrough.set(done.await(30, TimeUnit.SECONDS));
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                otherThreadGotThrough.set(false);
            }
        });
        verb(3, Verbs.SET_UNSOLICITED_ENABLE, 0x81);
        codec.jackEvent(3, false);
        assertThat(otherThreadGotThrough.get()).as("a verb from another thread during the bus call").isTrue();
        assertThat(answer.get()).isZero();
    }

    @Test
    void shouldRejectJackEventsOnNodesWithoutPresenceDetect()
    {
        assertThatThrownBy(() -> codec.jackEvent(2, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.jackEvent(9, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00f0500, 0x01f0900, 0x02f0800, 0x03f0d00, 0x02f1c00, 0x00c0000, 0x09f0000, 0x02f4400})
    void shouldAnswerZeroToVerbsANodeDoesNotImplement(final int command)
    {
        assertThat(codec.execute(CAD << 28 | command)).isZero();
        assertThat(codec.unknownVerbs()).isEqualTo(1);
        assertThat(codec.verbsExecuted()).isEqualTo(1);
    }

    @Test
    void shouldAnswerZeroToUnknownParameters()
    {
        assertThat(param(0, 0x55)).isZero();
        assertThat(param(2, Verbs.PAR_PIN_CAP)).isZero();
        assertThat(codec.verbsExecuted()).isEqualTo(2);
    }

    @Test
    void shouldRoundTripAmpGainAndMutePerChannel()
    {
        verb(2, Verbs.SET_AMP_GAIN_MUTE, 0xa000 | 0x30);
        verb(2, Verbs.SET_AMP_GAIN_MUTE, 0x9000 | 0x80 | 0x40);
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0xa000)).isEqualTo(0x30);
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0x8000)).isEqualTo(0xc0);
        assertThat(codec.ampGain(2, true)).isEqualTo(0x30);
        assertThat(codec.ampMuted(2, true)).isFalse();
        assertThat(codec.ampGain(2, false)).isEqualTo(0x40);
        assertThat(codec.ampMuted(2, false)).isTrue();
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0x2000)).as("the DAC has no input amp").isZero();

        verb(2, Verbs.SET_AMP_GAIN_MUTE, 0x7000 | 0x10);
        assertThat(codec.ampGain(2, true)).as("an input-only set leaves the output amp").isEqualTo(0x30);
        verb(2, Verbs.SET_AMP_GAIN_MUTE, 0xb000 | 0x4a);
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0xa000)).isEqualTo(0x4a);
        assertThat(verb(2, Verbs.GET_AMP_GAIN_MUTE, 0x8000)).isEqualTo(0x4a);
        assertThatThrownBy(() -> codec.ampGain(3, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReportConverterStreamAndFormat()
    {
        verb(2, Verbs.SET_CHANNEL_STREAMID, 0x52);
        verb(2, Verbs.SET_STREAM_FORMAT, 0x4011);
        assertThat(verb(2, Verbs.GET_CONV, 0)).isEqualTo(0x52);
        assertThat(verb(2, Verbs.GET_STREAM_FORMAT, 0)).isEqualTo(0x4011);
        assertThat(codec.streamTag(2)).isEqualTo(5);
    }
}

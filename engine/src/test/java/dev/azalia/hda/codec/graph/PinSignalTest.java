package dev.azalia.hda.codec.graph;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

final class PinSignalTest
{
    private static final int TAG = 1;
    private static final int DAC = 0x02;
    private static final int DAC2 = 0x03;
    private static final int MIX = 0x0c;
    private static final int LOOP = 0x0b;
    private static final int SEL = 0x0d;
    private static final int PIN = 0x14;
    private static final StreamFormat S16 = StreamFormat.of(48_000, 16, 2);
    private static final StreamFormat S16_4CH = StreamFormat.of(48_000, 16, 4);

    private TestGraph graph;
    private PinSignal signal;

    @BeforeEach
    void setUp()
    {
        graph = new TestGraph();
        signal = new PinSignal();
    }

    /** DAC 0x02 (0.75 dB steps) straight to pin 0x14. */
    private void direct()
    {
        graph.dac(DAC).outAmp(TestGraph.DAC_AMP).bind(TAG, 0);
        graph.outPin(PIN).outAmp(TestGraph.MUTE_AMP).connect(DAC);
    }

    /** Realtek-shaped: DAC 0x02 and loopback mixer 0x0b into mixer 0x0c (mute-only input amps), to pin 0x14. */
    private void throughMixer()
    {
        graph.dac(DAC).outAmp(TestGraph.DAC_AMP).bind(TAG, 0);
        graph.mixer(LOOP).inAmp(TestGraph.DB_AMP).connect(0x18, 0x19);
        graph.add(0x18, 4, true).pinCaps(0x20).pinControl(0x20);
        graph.mixer(MIX).inAmp(TestGraph.MUTE_AMP).connect(DAC, LOOP);
        graph.outPin(PIN).outAmp(TestGraph.MUTE_AMP).connect(MIX);
    }

    private int[] play(final StreamFormat format, final byte[] data)
    {
        return play(PIN, format, data);
    }

    private int[] play(final int pin, final StreamFormat format, final byte[] data)
    {
        final int bytes = signal.render(graph, pin, TAG, format, data, 0, data.length);
        assertThat(bytes / signal.format().frameBytes()).as("frames").isEqualTo(data.length / format.frameBytes());
        return decode(signal.format(), signal.buffer(), bytes);
    }

    private static byte[] s16(final int... samples)
    {
        final byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++)
        {
            out[2 * i] = (byte)samples[i];
            out[2 * i + 1] = (byte)(samples[i] >> 8);
        }
        return out;
    }

    private static int[] decode(final StreamFormat format, final byte[] data, final int bytes)
    {
        final int container = format.containerBytes();
        final int[] out = new int[bytes / container];
        for (int i = 0; i < out.length; i++)
        {
            final int at = i * container;
            out[i] = container == 1 ? data[at] & 0xff : container == 2 ? (short)((data[at] & 0xff) | data[at + 1] << 8)
                : (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | data[at + 3] << 24;
        }
        return out;
    }

    private static byte[] noise(final StreamFormat format, final int frames)
    {
        final byte[] data = new byte[frames * format.frameBytes()];
        new Random(42).nextBytes(data);
        final int pad = format.containerBytes() == 4 ? 32 - format.bitsPerSample() : 0;
        for (int at = 0; pad > 0 && at < data.length; at += 4)
        {
            data[at] &= (byte)(0xff << Math.min(pad, 8));
            data[at + 1] &= (byte)(pad > 8 ? 0xff << (pad - 8) : 0xff);
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 20, 24, 32})
    void shouldPassAStreamThroughBitExactlyAtZeroDb(final int bits)
    {
        direct();
        final StreamFormat format = StreamFormat.of(44_100, bits, 2);
        final byte[] data = noise(format, 300);

        final int bytes = signal.render(graph, PIN, TAG, format, data, 0, data.length);

        assertThat(signal.format()).isEqualTo(format);
        assertThat(Arrays.copyOf(signal.buffer(), bytes)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32})
    void shouldPassThroughAMixerBitExactlyAtZeroDbWhenTheLayoutDiffers(final int bits)
    {
        throughMixer();
        graph.widget(DAC).bind(TAG, 2);
        final StreamFormat format = StreamFormat.of(48_000, bits, 4);
        final byte[] data = noise(format, 200);
        final int frame = format.frameBytes();
        final int half = frame / 2;

        final int bytes = signal.render(graph, PIN, TAG, format, data, 0, data.length);

        assertThat(bytes).isEqualTo(data.length / 2);
        for (int f = 0; f < 200; f++)
        {
            assertThat(Arrays.copyOfRange(signal.buffer(), f * half, (f + 1) * half))
                .as("frame %d", f).isEqualTo(Arrays.copyOfRange(data, f * frame + half, (f + 1) * frame));
        }
    }

    @Test
    void shouldRemoveAMutedMixerInputFromTheSum()
    {
        throughMixer();
        graph.dac(DAC2).bind(TAG, 2);
        graph.widget(MIX).connect(DAC, LOOP, DAC2);
        final byte[] data = s16(100, 200, 1000, 2000);

        assertThat(play(S16_4CH, data)).containsExactly(1100, 2200);
        graph.widget(MIX).inMute(2, true);
        assertThat(play(S16_4CH, data)).containsExactly(100, 200);
        graph.widget(MIX).inMute(2, false).inMute(0, true);
        assertThat(play(S16_4CH, data)).containsExactly(1000, 2000);
    }

    @Test
    void shouldSumTwoConvertersWithSaturation()
    {
        throughMixer();
        graph.dac(DAC2).bind(TAG, 2);
        graph.widget(MIX).connect(DAC, DAC2);

        assertThat(play(S16_4CH, s16(20_000, -20_000, 20_000, -20_000))).containsExactly(32_767, -32_768);
        assertThat(play(S16_4CH, s16(30_000, -30_000, -10_000, 10_000))).containsExactly(20_000, -20_000);
    }

    @Test
    void shouldSaturateAtTheMixerBeforeALaterAmp()
    {
        throughMixer();
        graph.dac(DAC2).bind(TAG, 2);
        graph.widget(MIX).connect(DAC, DAC2).outAmp(TestGraph.DB_AMP).outGain(0x4a - 6);

        final int[] out = play(S16_4CH, s16(20_000, 0, 20_000, 0));

        assertThat(out[0]).isEqualTo((int)Math.round(32_767 * Math.pow(10, -6 / 20.0)));
    }

    @Test
    void shouldFollowTheSelectedConnectionOfASelector()
    {
        graph.dac(DAC).bind(TAG, 0);
        graph.dac(DAC2).bind(TAG, 2);
        graph.selector(SEL).connect(DAC, DAC2).select(1);
        graph.outPin(PIN).connect(SEL);
        final byte[] data = s16(1, 2, 3, 4);

        assertThat(play(S16_4CH, data)).containsExactly(3, 4);
        graph.widget(SEL).select(0);
        assertThat(play(S16_4CH, data)).containsExactly(1, 2);
    }

    @Test
    void shouldFollowTheSelectedConnectionOfAPinWithSeveral()
    {
        graph.dac(DAC).bind(TAG, 0);
        graph.dac(DAC2).bind(TAG, 2);
        graph.outPin(PIN).connect(DAC, DAC2).select(1);

        assertThat(play(S16_4CH, s16(1, 2, 3, 4))).containsExactly(3, 4);
    }

    @Test
    void shouldApplyAMixerInputAmpAtItsIndexOnly()
    {
        graph.dac(DAC).bind(TAG, 0);
        graph.dac(DAC2).bind(TAG, 2);
        graph.mixer(MIX).inAmp(TestGraph.DB_AMP).connect(LOOP, DAC, DAC2).inGain(2, 0x4a - 20);
        graph.outPin(PIN).connect(MIX);

        assertThat(play(S16_4CH, s16(1000, 0, 0, 0))).containsExactly(1000, 0);
        assertThat(play(S16_4CH, s16(0, 0, 1000, 0))).containsExactly(100, 0);
    }

    @Test
    void shouldApplyAnInputAmpOfASelectorAtTheSelectedIndex()
    {
        graph.dac(DAC).bind(TAG, 0);
        graph.dac(DAC2).bind(TAG, 2);
        graph.selector(SEL).inAmp(TestGraph.DB_AMP).connect(DAC, DAC2).select(1).inGain(1, 0x4a - 20);
        graph.outPin(PIN).connect(SEL);

        assertThat(play(S16_4CH, s16(1000, 1000, 1000, 1000))).containsExactly(100, 100);
        graph.widget(SEL).select(0);
        assertThat(play(S16_4CH, s16(1000, 1000, 1000, 1000))).containsExactly(1000, 1000);
    }

    @Test
    void shouldHalveAtMinusSixDbInStepsOfTheAmpsStepSize()
    {
        direct();
        graph.widget(DAC).outGain(0x57 - 8);

        final int[] out = play(S16, s16(10_000, -10_000));

        final int expected = (int)Math.round(10_000 * Math.pow(10, -6 / 20.0));
        assertThat(out).containsExactly(expected, -expected);
        assertThat(out[0]).isBetween(4_990, 5_020);
    }

    @Test
    void shouldCombineTheGainsAlongThePath()
    {
        throughMixer();
        graph.widget(DAC).outGain(0x57 - 4);
        graph.widget(MIX).outAmp(TestGraph.DB_AMP).outGain(0x4a - 3);

        assertThat(play(S16, s16(10_000, 10_000))).containsExactly(5012, 5012);
    }

    @Test
    void shouldSilenceAMutedAmpPerChannel()
    {
        direct();
        graph.widget(PIN).outMute(0, true);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 2000);
        graph.widget(PIN).outMute(1, true);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldSilenceAMutedMixerOutput()
    {
        throughMixer();
        graph.widget(MIX).outAmp(TestGraph.DB_AMP).outMute(0, true).outMute(1, true);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {DAC, MIX, PIN})
    void shouldSilenceAWidgetNotInD0(final int nid)
    {
        throughMixer();
        graph.widget(nid).power(3);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldSilenceEverythingWhenTheFunctionGroupIsPoweredDown()
    {
        throughMixer();
        graph.afgPower(3);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
        graph.afgPower(0);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(1000, 2000);
    }

    @Test
    void shouldOutputNothingWithoutPinOutputEnable()
    {
        direct();
        graph.widget(PIN).pinControl(0x20 | 0x80);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldOutputNothingFromAPinThatCannotOutput()
    {
        direct();
        graph.widget(PIN).pinCaps(0x20);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldOutputNothingWithEapdOffOnAnEapdCapablePin()
    {
        direct();
        graph.widget(PIN).pinCaps(TestGraph.PIN_OUT | TestGraph.PIN_EAPD).eapd(false);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);

        graph.widget(PIN).eapd(true);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(1000, 2000);
    }

    @Test
    void shouldIgnoreEapdOnAPinWithoutTheCapability()
    {
        direct();
        graph.widget(PIN).eapd(false);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(1000, 2000);
    }

    @Test
    void shouldSilenceAnUnboundConverterOrOneOnAnotherStream()
    {
        direct();
        graph.widget(DAC).bind(0, 0);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);

        graph.widget(DAC).bind(TAG + 1, 0);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldUseEightBitSilenceForEightBitStreams()
    {
        direct();
        graph.widget(DAC).bind(0, 0);
        final StreamFormat u8 = StreamFormat.of(8_000, 8, 2);

        assertThat(play(u8, new byte[] {(byte)0xf0, 0x10})).containsExactly(0x80, 0x80);
    }

    @Test
    void shouldTakeTheConvertersChannelsOfAFourChannelStream()
    {
        direct();
        graph.widget(DAC).bind(TAG, 2);

        final int[] out = play(S16_4CH, s16(1, 2, 3, 4, 5, 6, 7, 8));

        assertThat(signal.format().channels()).isEqualTo(2);
        assertThat(out).containsExactly(3, 4, 7, 8);
    }

    @Test
    void shouldSilenceChannelsBeyondTheStream()
    {
        direct();
        graph.widget(DAC).bind(TAG, 1);

        assertThat(play(S16, s16(1, 2, 3, 4))).containsExactly(2, 0, 4, 0);
    }

    @Test
    void shouldGiveAMonoConvertersSampleToBothChannelsOfAStereoPin()
    {
        graph.add(DAC, 0, false).bind(TAG, 1);
        graph.outPin(PIN).connect(DAC);

        assertThat(play(S16, s16(1, 2, 3, 4))).containsExactly(2, 2, 4, 4);
    }

    @Test
    void shouldOutputOneChannelFromAMonoPin()
    {
        graph.dac(DAC).bind(TAG, 0);
        graph.add(PIN, 4, false).pinCaps(TestGraph.PIN_OUT).pinControl(0x40).connect(DAC);

        final int[] out = play(S16, s16(1, 2, 3, 4));

        assertThat(signal.format()).isEqualTo(StreamFormat.of(48_000, 16, 1));
        assertThat(out).containsExactly(1, 3);
    }

    @Test
    void shouldMixBothChannelsInAMonoMixerWithOneStereoInput()
    {
        graph.dac(DAC).bind(TAG, 0);
        graph.add(MIX, 2, false).inAmp(TestGraph.DB_AMP).connect(DAC);
        graph.add(PIN, 4, false).pinCaps(TestGraph.PIN_OUT).pinControl(0x40).connect(MIX);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(3000);
    }

    @Test
    void shouldEndALoopBetweenMixers()
    {
        throughMixer();
        graph.widget(LOOP).connect(MIX, 0x18);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(1000, 2000);
    }

    @Test
    void shouldFollowNineWidgetsBetweenConverterAndPinButNotTen()
    {
        graph.dac(DAC).bind(TAG, 0);
        int previous = DAC;
        for (int nid = 0x20; nid < 0x29; nid++)
        {
            graph.selector(nid).connect(previous);
            previous = nid;
        }
        graph.outPin(PIN).connect(previous);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(1000, 2000);

        graph.selector(0x29).connect(previous);
        graph.widget(PIN).connect(0x29);
        assertThat(play(S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldRerouteWhenTheStateVersionChanges()
    {
        direct();
        assertThat(play(S16, s16(1000, 2000))).containsExactly(1000, 2000);

        graph.widget(DAC).outGain(0x57 - 8);

        assertThat(play(S16, s16(1000, 2000))).containsExactly(501, 1002);
        assertThat(signal.routings()).isEqualTo(2);
    }

    @Test
    void shouldNotRecomputeTheRoutingWhileTheVersionStays()
    {
        direct();
        for (int i = 0; i < 10; i++)
        {
            play(S16, s16(1000, 2000));
        }
        assertThat(signal.routings()).isEqualTo(1);

        play(S16_4CH, s16(1, 2, 3, 4));
        assertThat(signal.routings()).as("a new stream layout").isEqualTo(2);
        graph.changed();
        play(S16_4CH, s16(1, 2, 3, 4));
        assertThat(signal.routings()).isEqualTo(3);
    }

    @Test
    void shouldRenderFromAnOffset()
    {
        throughMixer();
        graph.widget(MIX).outAmp(TestGraph.DB_AMP);
        final byte[] data = s16(9, 9, 1000, 2000);

        final int bytes = signal.render(graph, PIN, TAG, S16, data, 4, 4);

        assertThat(decode(S16, signal.buffer(), bytes)).containsExactly(1000, 2000);
    }

    @Test
    void shouldSilenceANidThatIsNotAPin()
    {
        throughMixer();

        assertThat(play(MIX, S16, s16(1000, 2000))).containsExactly(0, 0);
        assertThat(play(0x7f, S16, s16(1000, 2000))).containsExactly(0, 0);
    }

    @Test
    void shouldCompileAMixerWithOneLiveInputToTheStreamChannelItself()
    {
        throughMixer();

        play(S16, s16(1000, 2000));

        assertThat(signal.routing(0)).isEqualTo("[src 0 +0]");
        assertThat(signal.routing(1)).isEqualTo("[src 1 +0]");
    }

    @Test
    void shouldKeepAMixNodeWhenTwoInputsAreLive()
    {
        throughMixer();
        graph.dac(DAC2).bind(TAG, 2);
        graph.widget(MIX).connect(DAC, DAC2).outAmp(TestGraph.DB_AMP).outGain(0x4a - 1);

        play(S16_4CH, s16(1, 2, 3, 4));

        assertThat(signal.routing(0)).isEqualTo("[src 0 +0, src 2 +0, mix 2 -4]");
    }

    @Test
    void shouldRenderOnlyWholeFramesInsideTheBuffer()
    {
        direct();
        final byte[] data = s16(1000, 2000, 3000);

        final int bytes = signal.render(graph, PIN, TAG, S16, data, 0, 64);

        assertThat(decode(S16, signal.buffer(), bytes)).containsExactly(1000, 2000);
    }
}

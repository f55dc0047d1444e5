package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

final class HdaCodecSampleTest
{
    private static final int CAD = 0;
    private static final int TAG = 1;
    private static final StreamFormat S16 = StreamFormat.CD;

    private RecordingDacOutput out;
    private HdaCodec codec;

    @BeforeEach
    void setUp()
    {
        out = new RecordingDacOutput();
        codec = HdaCodec.output(CAD, out);
        bind(TAG, S16);
    }

    private void bind(final int tag, final StreamFormat format)
    {
        codec.execute(Verbs.make(CAD, 2, Verbs.SET_CHANNEL_STREAMID, tag << 4));
        codec.execute(Verbs.make(CAD, 2, Verbs.SET_STREAM_FORMAT, format.word()));
    }

    private void amp(final boolean left, final boolean right, final int gain, final boolean mute)
    {
        codec.execute(Verbs.make(CAD, 2, Verbs.SET_AMP_GAIN_MUTE,
            0x8000 | (left ? 0x2000 : 0) | (right ? 0x1000 : 0) | (mute ? 0x80 : 0) | gain));
    }

    /** Independent reference: sample * 10^(dB/20), rounded to nearest, clipped to the sample width. */
    private static long expected(final long sample, final int gain, final int bits)
    {
        final long v = Math.round(sample * Math.pow(10.0, (gain - 0x4a) / 20.0));
        final long max = (1L << (bits - 1)) - 1;
        return Math.max(-max - 1, Math.min(max, v));
    }

    private static byte[] s16(final short... samples)
    {
        final ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (final short s : samples)
        {
            b.putShort(s);
        }
        return b.array();
    }

    private static short[] toS16(final byte[] bytes)
    {
        final short[] r = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(r);
        return r;
    }

    @Test
    void shouldPassZeroDecibelsThroughBitExactWithoutCopying()
    {
        final byte[] data = new byte[64 + 4096];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 37 + 11);
        }
        codec.streamData(TAG, S16, data, 64, 4096, 1234L);
        assertThat(out.lastArray).isSameAs(data);
        assertThat(out.lastOffset).isEqualTo(64);
        assertThat(out.lastNanos).isEqualTo(1234L);
        assertThat(out.bytes()).containsExactly(java.util.Arrays.copyOfRange(data, 64, 64 + 4096));
        assertThat(out.events).containsExactly("start 2 " + S16.word(), "samples 2 4096");
    }

    @Test
    void shouldOutputZerosWhenMuted()
    {
        amp(true, true, 0x4a, true);
        codec.streamData(TAG, S16, s16((short)1000, (short)-1000, (short)32767, (short)-32768), 0, 8, 0);
        assertThat(out.bytes()).containsOnly(0).hasSize(8);
    }

    @Test
    void shouldMuteOneChannelOnly()
    {
        amp(false, true, 0x4a, true);
        codec.streamData(TAG, S16, s16((short)1000, (short)-1000, (short)-7, (short)9), 0, 8, 0);
        assertThat(toS16(out.bytes())).containsExactly((short)1000, (short)0, (short)-7, (short)0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x44, 0x50, 0x00, 0x49, 0x4b, 0x7f})
    void shouldApplyGainExactlyToEverySixteenBitValue(final int gain)
    {
        amp(true, true, gain, false);
        final short[] all = new short[65536];
        for (int i = 0; i < all.length; i++)
        {
            all[i] = (short)(i - 32768);
        }
        final byte[] data = s16(all);
        codec.streamData(TAG, S16, data, 0, data.length, 0);
        final short[] got = toS16(out.bytes());
        for (int i = 0; i < all.length; i++)
        {
            assertThat((long)got[i]).as("sample %d at gain 0x%x", all[i], gain)
                .isEqualTo(expected(all[i], gain, 16));
        }
    }

    @Test
    void shouldApplyLeftAndRightGainsSeparately()
    {
        amp(true, false, 0x44, false);
        amp(false, true, 0x50, false);
        codec.streamData(TAG, S16, s16((short)10000, (short)10000, (short)-20001, (short)-20001), 0, 8, 0);
        assertThat(toS16(out.bytes())).containsExactly(
            (short)expected(10000, 0x44, 16), (short)expected(10000, 0x50, 16),
            (short)expected(-20001, 0x44, 16), (short)-32768);
        assertThat(expected(10000, 0x44, 16)).isEqualTo(5012);
        assertThat(expected(10000, 0x50, 16)).isEqualTo(19953);
    }

    @Test
    void shouldClipPositiveGainToTheContainer()
    {
        amp(true, true, 0x50, false);
        codec.streamData(TAG, S16, s16((short)30000, (short)-30000), 0, 4, 0);
        assertThat(toS16(out.bytes())).containsExactly((short)32767, (short)-32768);
    }

    @Test
    void shouldApplyGainToMsbAlignedTwentyFourBitSamples()
    {
        final StreamFormat s24 = StreamFormat.of(48_000, 24, 2);
        bind(TAG, s24);
        amp(true, true, 0x44, false);
        final int[] in = {0x123456, -0x400000, 0x7fffff, -1};
        final ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (final int s : in)
        {
            b.putInt(s << 8);
        }
        codec.streamData(TAG, s24, b.array(), 0, 16, 0);
        final ByteBuffer got = ByteBuffer.wrap(out.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (final int s : in)
        {
            final int container = got.getInt();
            assertThat(container & 0xff).as("padding stays zero").isZero();
            assertThat((long)(container >> 8)).isEqualTo(expected(s, 0x44, 24));
        }
    }

    @Test
    void shouldApplyGainAndClipThirtyTwoBitSamples()
    {
        final StreamFormat s32 = StreamFormat.of(48_000, 32, 2);
        bind(TAG, s32);
        amp(true, false, 0x44, false);
        amp(false, true, 0x50, false);
        final int[] in = {0x12345678, 0x7ff00000, -0x7fffffff, -2_000_000_000};
        final ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (final int s : in)
        {
            b.putInt(s);
        }
        codec.streamData(TAG, s32, b.array(), 0, 16, 0);
        final ByteBuffer got = ByteBuffer.wrap(out.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat((long)got.getInt()).isEqualTo(expected(in[0], 0x44, 32));
        assertThat(got.getInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat((long)got.getInt()).isEqualTo(expected(in[2], 0x44, 32));
        assertThat(got.getInt()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void shouldTreatEightBitSamplesAsUnsigned()
    {
        final StreamFormat u8 = StreamFormat.of(48_000, 8, 2);
        bind(TAG, u8);
        amp(true, false, 0x44, false);
        amp(false, true, 0x4a, true);
        codec.streamData(TAG, u8, new byte[] {(byte)0xff, (byte)0xff, 0x00, 0x10, (byte)0x80, 0x7f}, 0, 6, 0);
        assertThat(out.bytes()).containsExactly(
            (byte)(expected(127, 0x44, 8) + 128), (byte)0x80,
            (byte)(expected(-128, 0x44, 8) + 128), (byte)0x80,
            (byte)0x80, (byte)0x80);
    }

    @Test
    void shouldUseTheLeftAmpForMono()
    {
        final StreamFormat mono = StreamFormat.of(48_000, 16, 1);
        bind(TAG, mono);
        amp(false, true, 0x4a, true);
        codec.streamData(TAG, mono, s16((short)5, (short)6), 0, 4, 0);
        assertThat(toS16(out.bytes())).containsExactly((short)5, (short)6);
    }

    @Test
    void shouldDropDataForTagsNoConverterListensTo()
    {
        codec.streamData(2, S16, new byte[16], 0, 16, 0);
        assertThat(out.events).isEmpty();
        assertThat(codec.droppedStreamBytes()).isEqualTo(16);

        bind(0, S16);
        codec.streamData(TAG, S16, new byte[8], 0, 8, 0);
        assertThat(out.events).as("tag 0 listens to nothing").isEmpty();
        assertThat(codec.droppedStreamBytes()).isEqualTo(24);
    }

    @Test
    void shouldCountFormatMismatchesAndStillOutputInTheStreamFormat()
    {
        final StreamFormat s48 = StreamFormat.of(48_000, 16, 2);
        codec.streamData(TAG, s48, s16((short)1, (short)2), 0, 4, 0);
        codec.streamData(TAG, s48, s16((short)3, (short)4), 0, 4, 0);
        assertThat(codec.formatMismatches()).isEqualTo(2);
        assertThat(out.lastFormat).isEqualTo(s48);
        assertThat(toS16(out.bytes())).containsExactly((short)1, (short)2, (short)3, (short)4);
        codec.streamData(TAG, S16, s16((short)1, (short)2), 0, 4, 0);
        assertThat(codec.formatMismatches()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldOutputNothingInD3(final int nid)
    {
        codec.execute(Verbs.make(CAD, nid, Verbs.SET_POWER_STATE, 3));
        codec.streamData(TAG, S16, new byte[16], 0, 16, 0);
        assertThat(out.bytes()).isEmpty();
        assertThat(codec.poweredDownBytes()).isEqualTo(16);
        assertThat(codec.droppedStreamBytes()).isZero();

        codec.execute(Verbs.make(CAD, nid, Verbs.SET_POWER_STATE, 0));
        codec.streamData(TAG, S16, new byte[16], 0, 16, 0);
        assertThat(out.bytes()).hasSize(16);
    }

    @Test
    void shouldSignalStartOnFirstDataAndStopOnTagChange()
    {
        codec.streamData(TAG, S16, new byte[4], 0, 4, 0);
        codec.streamData(TAG, S16, new byte[4], 0, 4, 0);
        bind(3, S16);
        assertThat(out.events).as("stop waits for the link thread")
            .containsExactly("start 2 " + S16.word(), "samples 2 4", "samples 2 4");
        codec.streamData(3, S16, new byte[4], 0, 4, 0);
        assertThat(out.events).containsExactly("start 2 " + S16.word(), "samples 2 4", "samples 2 4",
            "stop 2", "start 2 " + S16.word(), "samples 2 4");
    }

    @Test
    void shouldSignalStopWhenTheStreamStops()
    {
        codec.streamData(TAG, S16, new byte[4], 0, 4, 0);
        codec.streamStopped(2);
        assertThat(out.events).doesNotContain("stop 2");
        codec.streamStopped(TAG);
        codec.streamStopped(TAG);
        codec.streamData(TAG, S16, new byte[4], 0, 4, 0);
        assertThat(out.events).containsExactly("start 2 " + S16.word(), "samples 2 4", "stop 2",
            "start 2 " + S16.word(), "samples 2 4");
    }

    @Test
    void shouldDeliverStopAfterResetOnTheLinkThread()
    {
        codec.streamData(TAG, S16, new byte[4], 0, 4, 0);
        codec.reset();
        codec.deliverPendingEvents();
        codec.deliverPendingEvents();
        assertThat(out.events).containsExactly("start 2 " + S16.word(), "samples 2 4", "stop 2");
    }

    @Test
    void shouldReuseTheScratchBufferForGainedOutput()
    {
        amp(true, true, 0x44, false);
        codec.streamData(TAG, S16, new byte[64], 0, 64, 0);
        final byte[] first = out.lastArray;
        codec.streamData(TAG, S16, new byte[32], 0, 32, 0);
        assertThat(out.lastArray).isSameAs(first);
        codec.streamData(TAG, S16, new byte[64 * 1024], 0, 64 * 1024, 0);
        final byte[] grown = out.lastArray;
        codec.streamData(TAG, S16, new byte[64], 0, 64, 0);
        assertThat(out.lastArray).isSameAs(grown);
    }
}

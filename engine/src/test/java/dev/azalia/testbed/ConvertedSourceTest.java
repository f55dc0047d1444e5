package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.driver.PcmCapabilities;
import dev.azalia.hda.codec.HdaCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.LongToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The player's conversion of what the codec does not take: exact channel duplication, and a resampled stream that
 * starts at the input's first frame and has one frame per output instant within the input's duration.
 */
final class ConvertedSourceTest
{
    private static final PcmCapabilities QEMU =
        PcmCapabilities.analogPlayback(0x1d, HdaCodec.QEMU_PCM_CAPS, 1, 2);
    /** A converter of 48 kHz only, 16 bit, as many HDMI and USB devices. */
    private static final PcmCapabilities ONLY_48K = PcmCapabilities.analogPlayback(0x1d, 0x00020040, 1, 2);

    /** A source of {@code frames} frames whose every channel's sample at frame {@code n} is {@code signal(n)}. */
    private static class Synthetic implements AudioSource
    {
        private final int rate;
        private final int channels;
        private final long frames;
        private final boolean lengthKnown;
        private final LongToIntFunction signal;
        private long position;

        Synthetic(final int rate, final int channels, final long frames, final boolean lengthKnown,
            final LongToIntFunction signal)
        {
            this.rate = rate;
            this.channels = channels;
            this.frames = frames;
            this.lengthKnown = lengthKnown;
            this.signal = signal;
        }

        @Override
        public int sampleRate()
        {
            return rate;
        }

        @Override
        public int channels()
        {
            return channels;
        }

        @Override
        public int frameSizeBytes()
        {
            return 2 * channels;
        }

        @Override
        public long totalFrames()
        {
            return lengthKnown ? frames : -1;
        }

        @Override
        public String describe()
        {
            return "synthetic";
        }

        @Override
        public long framesDecoded()
        {
            return position;
        }

        @Override
        public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
        {
            if (position >= frames)
            {
                return -1;
            }
            final int n = (int)Math.min(Math.min(maxFrames, 777), frames - position);
            for (int i = 0; i < n; i++)
            {
                final int v = signal.applyAsInt(position + i);
                for (int c = 0; c < channels; c++)
                {
                    final int at = offset + (i * channels + c) * 2;
                    dst[at] = (byte)v;
                    dst[at + 1] = (byte)(v >> 8);
                }
            }
            position += n;
            return n;
        }

        @Override
        public void close()
        {
            // nothing held
        }
    }

    private static short[] readAll(final AudioSource s) throws InputException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buf = new byte[500 * s.frameSizeBytes()];
        int frames;
        while ((frames = s.readFrames(buf, 0, 500)) > 0)
        {
            out.write(buf, 0, frames * s.frameSizeBytes());
        }
        final byte[] b = out.toByteArray();
        final short[] samples = new short[b.length / 2];
        for (int i = 0; i < samples.length; i++)
        {
            samples[i] = (short)((b[2 * i] & 0xff) | b[2 * i + 1] << 8);
        }
        return samples;
    }

    @Test
    void shouldDuplicateAMonoSampleToBothChannelsBitExactly() throws Exception
    {
        final LongToIntFunction noise = n -> (int)((n * 2_654_435_761L >>> 7) & 0xffff) - 32_768;
        final FormatPlan plan = FormatPlan.choose(44_100, 1, QEMU);
        assertThat(plan.targetRateHz()).isEqualTo(44_100);
        assertThat(plan.targetChannels()).isEqualTo(2);
        final ConvertedSource s = ConvertedSource.of(new Synthetic(44_100, 1, 10_007, true, noise), plan);
        assertThat(s.totalFrames()).isEqualTo(10_007);
        final short[] out = readAll(s);
        assertThat(out).hasSize(2 * 10_007);
        for (int n = 0; n < 10_007; n++)
        {
            assertThat(out[2 * n]).as("left %d", n).isEqualTo((short)noise.applyAsInt(n));
            assertThat(out[2 * n + 1]).as("right %d", n).isEqualTo((short)noise.applyAsInt(n));
        }
        assertThat(s.framesDecoded()).isEqualTo(10_007);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void shouldCopyAMonoInputAtTheCodecsRateToTheSameBytesAsTheJdksChannelMixer(final int channels) throws Exception
    {
        // every 16-bit value, in an order that changes both bytes from frame to frame
        final int frames = 65_536;
        final LongToIntFunction every = n -> (short)(n * 40_503L);
        final FormatPlan plan = 2 == channels ? FormatPlan.choose(48_000, 1, QEMU)
            : new FormatPlan(48_000, 1, 48_000, channels, QEMU);
        assertThat(plan.converts()).isTrue();
        final byte[] mono = new byte[2 * frames];
        for (int n = 0; n < frames; n++)
        {
            final int v = every.applyAsInt(n);
            mono[2 * n] = (byte)v;
            mono[2 * n + 1] = (byte)(v >> 8);
        }
        final AudioFormat from = new AudioFormat(48_000, 16, 1, true, false);
        final AudioFormat to = new AudioFormat(48_000, 16, channels, true, false);
        final byte[] jdk;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(to,
            new AudioInputStream(new ByteArrayInputStream(mono), from, frames)))
        {
            jdk = in.readAllBytes();
        }

        final ConvertedSource s = ConvertedSource.of(new Synthetic(48_000, 1, frames, false, every), plan);
        final short[] copied = readAll(s);

        final short[] expected = new short[jdk.length / 2];
        for (int i = 0; i < expected.length; i++)
        {
            expected[i] = (short)((jdk[2 * i] & 0xff) | jdk[2 * i + 1] << 8);
        }
        assertThat(copied).hasSize(channels * frames).isEqualTo(expected);
        assertThat(s.totalFrames()).as("an input of unknown length").isEqualTo(-1);
        assertThat(s.framesDecoded()).isEqualTo(frames);
    }

    @ParameterizedTest
    @CsvSource({"12000, 1, 16000, 36007, true, 48010", "24000, 2, 22050, 72011, true, 66162",
        "24000, 2, 22050, 72011, false, 66162", "8000, 2, 16000, 8001, true, 16002",
        "11025, 1, 16000, 5000, false, 7257", "64000, 2, 48000, 9999, true, 7500",
        "44100, 2, 48000, 88211, true, 96014"})
    void shouldStartAtTheFirstFrameAndEndAtTheLastOutputInstantOfTheInput(final int inHz, final int channels,
        final int outHz, final long frames, final boolean lengthKnown, final long expectedFrames) throws Exception
    {
        // a slow ramp from 0 (continuing the silence before the input): linear interpolation reproduces it, so each
        // output frame shows the input position it was taken at
        final int slope = 8;
        final LongToIntFunction ramp = n -> (int)(n % 4000) * slope;
        final FormatPlan plan = FormatPlan.choose(inHz, channels, 44_100 == inHz ? ONLY_48K : QEMU);
        assertThat(plan.targetRateHz()).isEqualTo(outHz);
        final ConvertedSource s = ConvertedSource.of(new Synthetic(inHz, channels, frames, lengthKnown, ramp), plan);
        assertThat(s.totalFrames()).isEqualTo(lengthKnown ? expectedFrames : -1);
        final short[] out = readAll(s);
        assertThat(out.length / 2).isEqualTo(expectedFrames);
        assertThat(s.totalFrames()).isEqualTo(expectedFrames);
        // the JDK resampler's step: the ratio in 1/32768 frames, rounded down; the count is ceil(frames / step)
        final double step = (int)((float)inHz / (float)outHz * (1 << 15)) / 32768.0;
        assertThat(expectedFrames).isEqualTo((long)Math.ceil(frames / step));
        assertThat(out[0]).as("the first frame is the input's first").isZero();
        for (int j = 0; j < expectedFrames; j++)
        {
            final double at = j * step;
            final long below = (long)Math.floor(at);
            if (below + 2 >= frames || below % 4000 >= 3998 || below % 4000 < 2 && below >= 4000)
            {
                continue; // at the input's end, or across the ramp's wrap: no straight line to check against
            }
            final double expected = ramp.applyAsInt(below) + (at - below) * slope;
            // within 3/4 of a frame: the resampler truncates to 16 bits and keeps its position in a float
            assertThat((double)out[2 * j]).as("frame %d at input %.3f", j, at).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(0.75 * slope));
            assertThat(out[2 * j + 1]).isEqualTo(out[2 * j]);
        }
    }

    @Test
    void shouldReportProgressInTheInputsFrames() throws Exception
    {
        final ConvertedSource s = ConvertedSource.of(new Synthetic(12_000, 1, 36_007, true, n -> 0),
            FormatPlan.choose(12_000, 1, QEMU));
        final long[] seen = new long[2];
        final ProgressListener shown = s.inSourceFrames(new ProgressListener()
        {
            @Override
            public void onProgress(final long framesPlayed, final long totalFrames, final long xruns,
                final long underruns)
            {
                seen[0] = framesPlayed;
                seen[1] = totalFrames;
            }

            @Override
            public void onFinish()
            {
                // nothing to release
            }
        });
        shown.onProgress(16_000, s.totalFrames(), 0, 0);
        assertThat(seen).containsExactly(12_000, 36_007);
        shown.onProgress(48_010, s.totalFrames(), 0, 0);
        assertThat(seen).containsExactly(36_007, 36_007);
    }

    @Test
    void shouldRethrowTheInputsOwnFailure()
    {
        final InputException broken = new InputException("in.mp3: corrupt frame at byte 1234");
        final AudioSource failing = new Synthetic(24_000, 2, 100_000, true, n -> 0)
        {
            @Override
            public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
            {
                if (framesDecoded() > 3000)
                {
                    throw broken;
                }
                return super.readFrames(dst, offset, maxFrames);
            }
        };
        assertThatThrownBy(() -> readAll(ConvertedSource.of(failing, FormatPlan.choose(24_000, 2, QEMU))))
            .isSameAs(broken);
    }
}

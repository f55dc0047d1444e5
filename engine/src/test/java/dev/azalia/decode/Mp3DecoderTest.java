package dev.azalia.decode;

import dev.azalia.decode.Mp3Decoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

final class Mp3DecoderTest
{
    private static final int MAX_SHIFT_FRAMES = 50;

    @ParameterizedTest
    @EnumSource(SampleSignals.class)
    void shouldDecodeExactlyTheSourceLength(final SampleSignals sample) throws Exception
    {
        try (Mp3Decoder decoder = Mp3Decoder.open(sample.path()))
        {
            assertThat(decoder.sampleRate()).isEqualTo(sample.sampleRate());
            assertThat(decoder.channels()).isEqualTo(sample.channelCount());
            assertThat(decoder.gaplessInfo()).isTrue();
            assertThat(decoder.encoderDelayFrames()).isEqualTo(576);
            assertThat(decoder.totalFrames()).isEqualTo(sample.sourceFrames());
            final short[] pcm = decodeAll(decoder);
            assertThat((long)pcm.length / sample.channelCount()).isEqualTo(sample.sourceFrames());
            assertThat(decoder.framesDecoded()).isEqualTo(sample.sourceFrames());
        }
    }

    @ParameterizedTest
    @EnumSource(SampleSignals.class)
    void shouldMatchTheSourceAtOffsetZeroAndNowhereElse(final SampleSignals sample) throws Exception
    {
        final short[] pcm;
        try (Mp3Decoder decoder = Mp3Decoder.open(sample.path()))
        {
            pcm = decodeAll(decoder);
        }
        final short[] source = synthesize(sample);
        final double snrAtZero = snrDb(source, pcm, sample.channelCount(), 0);
        assertThat(snrAtZero).as("SNR at offset 0").isGreaterThan(20.0);
        for (int shift = 1; shift <= MAX_SHIFT_FRAMES; shift++)
        {
            assertThat(snrDb(source, pcm, sample.channelCount(), shift)).as("SNR at +%d", shift)
                .isLessThan(snrAtZero - 3.0);
            assertThat(snrDb(source, pcm, sample.channelCount(), -shift)).as("SNR at -%d", shift)
                .isLessThan(snrAtZero - 3.0);
        }
    }

    static short[] decodeAll(final Mp3Decoder decoder) throws InputException
    {
        final int chunkFrames = 1000;
        final byte[] chunk = new byte[chunkFrames * decoder.frameSizeBytes()];
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        int frames;
        while ((frames = decoder.readFrames(chunk, 0, chunkFrames)) > 0)
        {
            all.write(chunk, 0, frames * decoder.frameSizeBytes());
        }
        assertThat(frames).isEqualTo(-1);
        assertThat(decoder.readFrames(chunk, 0, chunkFrames)).isEqualTo(-1);
        final byte[] bytes = all.toByteArray();
        final short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++)
        {
            samples[i] = (short)((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    private static short[] synthesize(final SampleSignals sample)
    {
        final int channels = sample.channelCount();
        final short[] source = new short[(int)sample.sourceFrames() * channels];
        for (int frame = 0; frame < sample.sourceFrames(); frame++)
        {
            for (int c = 0; c < channels; c++)
            {
                source[frame * channels + c] = sample.sourceSample(c, frame);
            }
        }
        return source;
    }

    /** SNR of decoded[n + shift] against source[n], over the frames where both exist, in dB. */
    private static double snrDb(final short[] source, final short[] decoded, final int channels, final int shift)
    {
        final int frames = Math.min(source.length, decoded.length) / channels;
        double signal = 0;
        double noise = 0;
        for (int frame = MAX_SHIFT_FRAMES; frame < frames - MAX_SHIFT_FRAMES; frame++)
        {
            for (int c = 0; c < channels; c++)
            {
                final double s = source[frame * channels + c];
                final double d = decoded[(frame + shift) * channels + c];
                signal += s * s;
                noise += (d - s) * (d - s);
            }
        }
        return 10.0 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}

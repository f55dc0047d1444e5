package dev.azalia.sound;

/**
 * Hardware parameters of a PCM stream ({@code snd_pcm_hw_params}, interleaved access). Checked against the
 * device's {@link PcmHardware} by {@link PcmSubstream#hwParams}.
 *
 * @param sampleRate    frames per second.
 * @param channels      samples per frame.
 * @param bitsPerSample significant bits of one sample: 8, 16, 20, 24 or 32.
 * @param periodFrames  frames between two period interrupts.
 * @param periods       periods in the ring buffer.
 */
public record HwParams(int sampleRate, int channels, int bitsPerSample, int periodFrames, int periods)
{
    /**
     * Bytes of one sample's container: 1 for 8-bit, 2 for 16-bit, 4 for 20, 24 and 32-bit samples.
     *
     * @return bytes per sample, or 0 for an unsupported width.
     */
    public int sampleBytes()
    {
        if (bitsPerSample == 8)
        {
            return 1;
        }
        if (bitsPerSample == 16)
        {
            return 2;
        }
        if (bitsPerSample == 20 || bitsPerSample == 24 || bitsPerSample == 32)
        {
            return 4;
        }
        return 0;
    }

    /**
     * Bytes of one frame: {@link #sampleBytes()} times {@link #channels()} (stereo 16-bit: 4).
     *
     * @return bytes per frame.
     */
    public int frameBytes()
    {
        return sampleBytes() * channels;
    }

    /**
     * The ring buffer size in frames.
     *
     * @return {@code periodFrames * periods}.
     */
    public int bufferFrames()
    {
        return periodFrames * periods;
    }

    /**
     * The period size in bytes.
     *
     * @return {@code periodFrames * frameBytes()}.
     */
    public int periodBytes()
    {
        return periodFrames * frameBytes();
    }

    /**
     * The ring buffer size in bytes.
     *
     * @return {@code bufferFrames() * frameBytes()}.
     */
    public int bufferBytes()
    {
        return bufferFrames() * frameBytes();
    }

    /**
     * The duration of {@code frames} at this rate.
     *
     * @param frames a frame count, not negative.
     * @return nanoseconds, rounded down.
     */
    public long framesToNanos(final long frames)
    {
        return frames / sampleRate * 1_000_000_000L + frames % sampleRate * 1_000_000_000L / sampleRate;
    }

    /**
     * How many frames play in {@code nanos} at this rate.
     *
     * @param nanos a duration, not negative.
     * @return frames, rounded down.
     */
    public long nanosToFrames(final long nanos)
    {
        return nanos / 1_000_000_000L * sampleRate + nanos % 1_000_000_000L * sampleRate / 1_000_000_000L;
    }
}

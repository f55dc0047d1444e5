package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;
import dev.azalia.link.TestSignals;

import java.util.Arrays;

/** Deterministic test signals and the faults injected into them (16-bit little-endian PCM). */
final class FaultSignals
{
    /** 48 kHz, 16 bit, stereo: channel 0 a sine, channel 1 the frame index. */
    static final StreamFormat INDEXED = StreamFormat.of(48_000, 16, 2);
    /** 44.1 kHz, 16 bit, stereo music-like audio. */
    static final StreamFormat MUSIC = StreamFormat.of(44_100, 16, 2);
    /** The sine period at 48 kHz: 48000 / 857 frames. */
    static final int PERIOD = 56;
    /** The sine's amplitude (full scale = 1). */
    static final double AMPLITUDE = 0.9;

    private FaultSignals()
    {
    }

    /**
     * The indexed sine: channel 0 an 857 Hz-style sine with an optional phase step and gain step at {@code at},
     * channel 1 the {@link IndexedSignal} code.
     */
    static byte[] indexedSine(final int frames, final int at, final double phaseStepDegrees, final double gain)
    {
        final byte[] pcm = new byte[frames * 4];
        for (int n = 0; n < frames; n++)
        {
            final boolean after = n >= at;
            final double phase = 2 * Math.PI * (n % PERIOD) / PERIOD + (after ? Math.toRadians(phaseStepDegrees) : 0);
            final int s = (int)Math.round(AMPLITUDE * (after ? gain : 1.0) * Math.sin(phase) * 32767);
            pcm[n * 4] = (byte)s;
            pcm[n * 4 + 1] = (byte)(s >> 8);
        }
        IndexedSignal.stamp(pcm, 0, frames, INDEXED, 1, 0L);
        return pcm;
    }

    /** Stereo music-like audio: {@link TestSignals#music} with two channels. */
    static byte[] music(final int frames, final int sampleRate)
    {
        return TestSignals.music(frames, sampleRate, 2);
    }

    /** Removes frame {@code at}. */
    static byte[] drop(final byte[] pcm, final int frameBytes, final int at)
    {
        final byte[] out = new byte[pcm.length - frameBytes];
        System.arraycopy(pcm, 0, out, 0, at * frameBytes);
        System.arraycopy(pcm, (at + 1) * frameBytes, out, at * frameBytes, pcm.length - (at + 1) * frameBytes);
        return out;
    }

    /** Repeats frame {@code at} {@code copies} more times (the copies start at {@code at + 1}). */
    static byte[] repeat(final byte[] pcm, final int frameBytes, final int at, final int copies)
    {
        final byte[] out = new byte[pcm.length + copies * frameBytes];
        System.arraycopy(pcm, 0, out, 0, (at + 1) * frameBytes);
        for (int k = 1; k <= copies; k++)
        {
            System.arraycopy(pcm, at * frameBytes, out, (at + k) * frameBytes, frameBytes);
        }
        System.arraycopy(pcm, (at + 1) * frameBytes, out, (at + 1 + copies) * frameBytes,
            pcm.length - (at + 1) * frameBytes);
        return out;
    }

    /** Zeros {@code frames} frames from {@code at} (the whole frame, every channel). */
    static byte[] zero(final byte[] pcm, final int frameBytes, final int at, final int frames)
    {
        final byte[] out = pcm.clone();
        Arrays.fill(out, at * frameBytes, (at + frames) * frameBytes, (byte)0);
        return out;
    }

    /** Swaps frames {@code at} and {@code at + 1}. */
    static byte[] swap(final byte[] pcm, final int frameBytes, final int at)
    {
        final byte[] out = pcm.clone();
        System.arraycopy(pcm, (at + 1) * frameBytes, out, at * frameBytes, frameBytes);
        System.arraycopy(pcm, at * frameBytes, out, (at + 1) * frameBytes, frameBytes);
        return out;
    }

    /** Scales every 16-bit sample from frame {@code at} on. */
    static byte[] gain(final byte[] pcm, final int frameBytes, final int at, final double factor)
    {
        final byte[] out = pcm.clone();
        for (int b = at * frameBytes; b + 1 < out.length; b += 2)
        {
            final int s = (int)Math.round((short)((out[b] & 0xff) | out[b + 1] << 8) * factor);
            out[b] = (byte)s;
            out[b + 1] = (byte)(s >> 8);
        }
        return out;
    }

    /** Runs a detector over PCM in chunks of {@code chunkFrames}, finishes it and returns its report. */
    static GlitchReport run(final GlitchDetector detector, final byte[] pcm, final StreamFormat format,
        final int chunkFrames)
    {
        final int frames = pcm.length / format.frameBytes();
        for (int f = 0; f < frames; f += chunkFrames)
        {
            detector.accept(pcm, f * format.frameBytes(), Math.min(chunkFrames, frames - f), format);
        }
        detector.finish();
        return detector.report();
    }
}

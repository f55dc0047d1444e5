package dev.azalia.decode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;

/**
 * The committed samples and the formulas of their sources, the same as {@code samples/make-samples.py}.
 */
enum SampleSignals
{
    SWEEP_44K1_STEREO_CBR("sweep-44k1-stereo-cbr.mp3", 44100, 352923,
        t -> 0.5 * expSweep(t, 200.0, 8000.0, 8.0),
        t -> 0.4 * Math.sin(2.0 * Math.PI * 440.0 * t)),
    TONE_48K_MONO_CBR("tone-48k-mono-cbr.mp3", 48000, 288077,
        t -> 0.4 * gatedTone(t, 997.0, 1.0, 0.5, 0.005) + 0.25 * gatedTone(t, 1499.0, 1.0, 0.5, 0.005)),
    MUSIC_44K1_STEREO_VBR("music-44k1-stereo-vbr.mp3", 44100, 441555,
        t -> 0.35 * note(t, Notes.MELODY, 0.5, 4, 3.0) + 0.15 * note(t, Notes.BASS, 1.0, 3, 1.5),
        t -> 0.20 * note(t, Notes.MELODY, 0.5, 4, 3.0) + 0.30 * note(t, Notes.BASS, 1.0, 3, 1.5)),
    SWEEP_48K_MONO_VBR("sweep-48k-mono-vbr.mp3", 48000, 336001,
        t -> 0.5 * expSweep(t, 100.0, 12000.0, 7.0)),
    TONE_44K1_MONO_CBR("tone-44k1-mono-cbr.mp3", 44100, 264601,
        t -> 0.5 * gatedTone(t, 660.0, 0.75, 0.25, 0.005)),
    TONE_24K_STEREO_CBR("tone-24k-stereo-cbr.mp3", 24000, 72011,
        t -> 0.4 * gatedTone(t, 997.0, 0.5, 0.25, 0.005),
        t -> 0.3 * Math.sin(2.0 * Math.PI * 330.0 * t)),
    SWEEP_12K_MONO_CBR("sweep-12k-mono-cbr.mp3", 12000, 36007,
        t -> 0.5 * expSweep(t, 100.0, 4000.0, 3.0));

    private final String fileName;
    private final int sampleRate;
    private final long sourceFrames;
    private final DoubleUnaryOperator[] channels;

    SampleSignals(final String fileName, final int sampleRate, final long sourceFrames,
                  final DoubleUnaryOperator... channels)
    {
        this.fileName = fileName;
        this.sampleRate = sampleRate;
        this.sourceFrames = sourceFrames;
        this.channels = channels;
    }

    /** The samples directory of the project, found from the module directory or the project root. */
    static Path samplesDir()
    {
        for (final Path candidate : new Path[] {Path.of("..", "samples"), Path.of("samples")})
        {
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("samples directory not found from " + Path.of("").toAbsolutePath());
    }

    Path path()
    {
        return samplesDir().resolve(fileName);
    }

    int sampleRate()
    {
        return sampleRate;
    }

    int channelCount()
    {
        return channels.length;
    }

    long sourceFrames()
    {
        return sourceFrames;
    }

    /** The source sample of {@code channel} at {@code frame}, as 16-bit PCM (rounded half away from zero). */
    short sourceSample(final int channel, final long frame)
    {
        final double scaled = channels[channel].applyAsDouble((double)frame / sampleRate) * 32767.0;
        final long q = (long)Math.floor(Math.abs(scaled) + 0.5);
        return (short)Math.max(-32768, Math.min(32767, scaled >= 0 ? q : -q));
    }

    private static double expSweep(final double t, final double f0, final double f1, final double duration)
    {
        final double k = Math.log(f1 / f0);
        return Math.sin(2.0 * Math.PI * f0 * duration / k * (Math.exp(t / duration * k) - 1.0));
    }

    private static double gatedTone(final double t, final double freq, final double onS, final double offS,
                                    final double fadeS)
    {
        final double u = t % (onS + offS);
        if (u >= onS)
        {
            return 0.0;
        }
        double gain = 1.0;
        if (u < fadeS)
        {
            gain = 0.5 - 0.5 * Math.cos(Math.PI * u / fadeS);
        }
        else if (u > onS - fadeS)
        {
            gain = 0.5 - 0.5 * Math.cos(Math.PI * (onS - u) / fadeS);
        }
        return gain * Math.sin(2.0 * Math.PI * freq * t);
    }

    private static double note(final double t, final double[] notes, final double noteS, final int harmonics,
                               final double decay)
    {
        final int index = (int)Math.floor(t / noteS);
        final double freq = notes[index % notes.length];
        final double u = t - index * noteS;
        final double envelope = Math.min(1.0, u / 0.01) * Math.exp(-decay * u);
        double value = 0.0;
        for (int h = 1; h <= harmonics; h++)
        {
            value += Math.sin(2.0 * Math.PI * freq * h * u) / h;
        }
        return envelope * value;
    }

    /** Note tables (an enum cannot reference its own static fields from constant initialisers). */
    private static final class Notes
    {
        static final double[] MELODY = {261.63, 329.63, 392.00, 523.25, 440.00, 349.23, 293.66, 392.00};
        static final double[] BASS = {65.41, 82.41, 98.00, 130.81, 110.00, 87.31, 73.42, 98.00};
    }
}

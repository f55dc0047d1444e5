package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.decode.InputFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a run plays: an MP3 or WAV file (told apart by content), generated PCM (a sine tone, or the caller's
 * samples), or any
 * {@link AudioSource} of the caller's. Immutable; each run opens its own source and closes it at the end (a
 * caller's source is the caller's to close).
 */
public sealed interface SourceSpec permits SourceSpec.File, SourceSpec.Sine, SourceSpec.Pcm, SourceSpec.Supplied
{
    /**
     * An MP3 or 16-bit PCM WAV file.
     *
     * @param path the file.
     * @return the spec.
     */
    static SourceSpec file(final Path path)
    {
        return new File(path);
    }

    /**
     * A generated sine tone, 16-bit PCM at half of full scale, the same on every channel.
     *
     * @param hz         the tone's frequency.
     * @param sampleRate frames per second.
     * @param channels   channels per frame.
     * @param duration   how long; rounded down to whole frames.
     * @return the spec.
     */
    static SourceSpec sine(final double hz, final int sampleRate, final int channels, final Duration duration)
    {
        // whole seconds and the nanoseconds apart: nanoseconds times the rate would overflow after 53 hours
        final long frames;
        try
        {
            frames = Math.addExact(Math.multiplyExact(duration.getSeconds(), (long)sampleRate),
                (long)duration.getNano() * sampleRate / 1_000_000_000L);
        }
        catch (final ArithmeticException e)
        {
            throw new IllegalArgumentException("a sine of " + duration.toHours() + " hours has more frames than a "
                + "run can count", e);
        }
        return new Sine(hz, sampleRate, channels, frames);
    }

    /**
     * The caller's samples: 16-bit little-endian PCM, interleaved.
     *
     * @param name       what the result and report call it.
     * @param pcm        the samples; copied.
     * @param sampleRate frames per second.
     * @param channels   channels per frame.
     * @return the spec.
     */
    static SourceSpec pcm(final String name, final byte[] pcm, final int sampleRate, final int channels)
    {
        return new Pcm(name, pcm.clone(), sampleRate, channels);
    }

    /**
     * A caller's source, asked for once per run.
     *
     * @param name   what the result and report call it.
     * @param opener gives a source at its first frame; the caller closes it after the run.
     * @return the spec.
     */
    static SourceSpec of(final String name, final Supplier<AudioSource> opener)
    {
        return new Supplied(name, opener);
    }

    /**
     * Opens the source for one run.
     *
     * @return the source, at its first frame; the caller closes it.
     * @throws InputException (one line) when a file cannot be read or decoded.
     */
    AudioSource open() throws InputException;

    /**
     * What the source is called in messages and the report.
     *
     * @return a short name.
     */
    String name();

    /**
     * An MP3 or WAV file.
     *
     * @param path the file; not null.
     */
    record File(Path path) implements SourceSpec
    {
        /**
         * Checks the path.
         *
         * @throws NullPointerException if it is null.
         */
        public File
        {
            Objects.requireNonNull(path, "path");
        }

        /** {@inheritDoc} */
        @Override
        public AudioSource open() throws InputException
        {
            return InputFiles.open(path);
        }

        /** {@inheritDoc} */
        @Override
        public String name()
        {
            return path.toString();
        }
    }

    /**
     * A sine tone.
     *
     * @param hz         frequency, positive.
     * @param sampleRate frames per second, positive.
     * @param channels   1 to 8.
     * @param frames     length in frames, at least 0.
     */
    record Sine(double hz, int sampleRate, int channels, long frames) implements SourceSpec
    {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException when one is out of range.
         */
        public Sine
        {
            if (hz <= 0 || sampleRate <= 0 || channels < 1 || channels > 8 || frames < 0)
            {
                throw new IllegalArgumentException("a sine needs a positive frequency and rate, 1 to 8 channels and "
                    + "a length of at least 0 frames");
            }
        }

        /** {@inheritDoc} */
        @Override
        public AudioSource open()
        {
            return new SineSource(this);
        }

        /** {@inheritDoc} */
        @Override
        public String name()
        {
            return String.format(java.util.Locale.ROOT, "sine %.0f Hz", hz);
        }
    }

    /**
     * A caller's source.
     *
     * @param name   its name; not null.
     * @param opener makes a fresh source; not null.
     */
    record Supplied(String name, Supplier<AudioSource> opener) implements SourceSpec
    {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if one is null.
         */
        public Supplied
        {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opener, "opener");
        }

        /** {@inheritDoc} */
        @Override
        public AudioSource open()
        {
            return opener.get();
        }
    }

    /**
     * The caller's samples.
     *
     * @param name       its name; not null.
     * @param pcm        16-bit little-endian interleaved PCM, whole frames; not copied by this constructor.
     * @param sampleRate frames per second, positive.
     * @param channels   1 to 8.
     */
    record Pcm(String name, byte[] pcm, int sampleRate, int channels) implements SourceSpec
    {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException when the rate, the channels or the length do not fit.
         */
        public Pcm
        {
            Objects.requireNonNull(name, "name");
            if (sampleRate <= 0 || channels < 1 || channels > 8 || 0 != pcm.length % (2 * channels))
            {
                throw new IllegalArgumentException("PCM needs a positive rate, 1 to 8 channels and whole frames");
            }
        }

        /** {@inheritDoc} */
        @Override
        public AudioSource open()
        {
            return new PcmSource(this);
        }
    }
}

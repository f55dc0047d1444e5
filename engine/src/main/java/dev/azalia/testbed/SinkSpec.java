package dev.azalia.testbed;

import dev.azalia.link.AudioSink;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run's audio goes: the null sink, a WAV file, a Java Sound line, or any {@link AudioSink} of the caller's.
 * Immutable; the testbed opens the sink when a run starts and closes it when the run ends (a {@link Custom} sink too:
 * hand a fresh one to each run).
 */
public sealed interface SinkSpec permits SinkSpec.Null, SinkSpec.Wav, SinkSpec.JavaSound, SinkSpec.Custom
{
    /**
     * The null sink: discards the frames (paced in real time on the real clock).
     *
     * @return the spec.
     */
    static SinkSpec nullSink()
    {
        return new Null();
    }

    /**
     * A 16-bit PCM WAV file.
     *
     * @param path the file; replaced.
     * @return the spec.
     */
    static SinkSpec wav(final Path path)
    {
        return new Wav(path);
    }

    /**
     * The default Java Sound line; the null sink (with a one-line warning) when there is none or the clock is virtual.
     *
     * @return the spec.
     */
    static SinkSpec javaSound()
    {
        return new JavaSound(null);
    }

    /**
     * A caller's sink.
     *
     * @param sink the sink; the run closes it.
     * @return the spec.
     */
    static SinkSpec of(final AudioSink sink)
    {
        return new Custom(sink);
    }

    /** The null sink. */
    record Null() implements SinkSpec
    {
    }

    /**
     * A WAV file.
     *
     * @param path the file; not null.
     */
    record Wav(Path path) implements SinkSpec
    {
        /**
         * Checks the path.
         *
         * @throws NullPointerException if it is null.
         */
        public Wav
        {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A Java Sound line.
     *
     * @param mixer a part of the mixer's name to pick, or null for the default line.
     */
    record JavaSound(String mixer) implements SinkSpec
    {
    }

    /**
     * A caller's sink.
     *
     * @param sink the sink; not null.
     */
    record Custom(AudioSink sink) implements SinkSpec
    {
        /**
         * Checks the sink.
         *
         * @throws NullPointerException if it is null.
         */
        public Custom
        {
            Objects.requireNonNull(sink, "sink");
        }
    }
}

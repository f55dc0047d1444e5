package dev.azalia.player;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the player sends audio, as given by {@code --out}: {@code default}, {@code javasound[:MIXER]},
 * {@code wav:PATH} or {@code null}. Immutable.
 */
public sealed interface OutputSpec permits OutputSpec.Default, OutputSpec.JavaSound, OutputSpec.Wav, OutputSpec.Null
{
    /**
     * Parses the {@code --out} value.
     *
     * @param text the option value.
     * @return the output.
     * @throws IllegalArgumentException with a one-line message when the value is not one of the forms above.
     */
    static OutputSpec parse(final String text)
    {
        if (null == text)
        {
            throw new IllegalArgumentException("no output given");
        }
        if ("default".equals(text))
        {
            return new Default();
        }
        if ("null".equals(text))
        {
            return new Null();
        }
        if ("javasound".equals(text))
        {
            return new JavaSound(null);
        }
        if (text.startsWith("javasound:"))
        {
            final String mixer = text.substring("javasound:".length());
            if (mixer.isEmpty())
            {
                throw new IllegalArgumentException("empty mixer name in '" + text + "'");
            }
            return new JavaSound(mixer);
        }
        if (text.startsWith("wav:"))
        {
            final String path = text.substring("wav:".length());
            if (path.isEmpty())
            {
                throw new IllegalArgumentException("empty path in '" + text + "'");
            }
            return new Wav(Path.of(path));
        }
        throw new IllegalArgumentException("unknown output '" + text
            + "' (expected default, javasound[:MIXER], wav:PATH or null)");
    }

    /**
     * The spec as the user writes it, e.g. {@code "wav:out.wav"}; also the report's {@code output.sink}.
     *
     * @return the text form.
     */
    String text();

    /** The system's default Java Sound line; falls back to the real-time null sink when there is none. */
    record Default() implements OutputSpec
    {
        /** {@inheritDoc} */
        @Override
        public String text()
        {
            return "default";
        }
    }

    /**
     * A Java Sound line, from the first mixer whose name contains {@code mixer} (or the default mixer).
     *
     * @param mixer a substring of the mixer's name, or null for the default mixer.
     */
    record JavaSound(String mixer) implements OutputSpec
    {
        /** {@inheritDoc} */
        @Override
        public String text()
        {
            return null == mixer ? "javasound" : "javasound:" + mixer;
        }
    }

    /**
     * A 16-bit PCM WAV file.
     *
     * @param path the file to write (replaced if it exists), relative to the working directory.
     */
    record Wav(Path path) implements OutputSpec
    {
        /**
         * A WAV output.
         *
         * @param path the file; not null.
         */
        public Wav
        {
            Objects.requireNonNull(path, "path");
        }

        /** {@inheritDoc} */
        @Override
        public String text()
        {
            return "wav:" + path;
        }
    }

    /** Discards the audio (paced in real time when the clock is real). */
    record Null() implements OutputSpec
    {
        /** {@inheritDoc} */
        @Override
        public String text()
        {
            return "null";
        }
    }
}

package dev.azalia.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's committed MP3 samples for the benchmarks: in the directory named by the system property
 * {@value #PROPERTY} when it is set, otherwise in {@code samples/} or {@code ../samples/} relative to the working
 * directory (so a run from the repository root or from {@code benchmarks/} works). Stateless.
 */
public final class Samples
{
    /** The system property naming the samples directory. */
    public static final String PROPERTY = "azalia.samples";

    private Samples()
    {
    }

    /**
     * Resolves a sample by file name.
     *
     * @param fileName e.g. {@code "music-44k1-stereo-vbr.mp3"}, or a path to an existing file (used as is).
     * @return the path of an existing regular file.
     * @throws IllegalArgumentException when the file is in none of the places searched; the message lists them.
     */
    public static Path resolve(final String fileName)
    {
        final Path direct = Path.of(fileName);
        if (Files.isRegularFile(direct))
        {
            return direct;
        }
        final String configured = System.getProperty(PROPERTY);
        final Path[] directories = null == configured
            ? new Path[] {Path.of("samples"), Path.of("..", "samples")}
            : new Path[] {Path.of(configured)};
        for (final Path directory : directories)
        {
            final Path candidate = directory.resolve(fileName);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalArgumentException("sample " + fileName + " not found in "
            + (null == configured ? "samples/ or ../samples/ (set -D" + PROPERTY + "=DIR)" : configured)
            + " relative to " + Path.of("").toAbsolutePath());
    }
}

package dev.azalia.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the file fuzz tests share: one scratch file per test class that each input is written to (the decoders
 * read files, as the player does), and the bytes the calling thread has allocated (to find a host allocation sized
 * by a value in the file).
 *
 * <p>Not thread-safe: one fuzzing thread.
 */
final class FuzzFiles
{
    /** The most a single input may make the decoder allocate; a tag or header asking for more is a finding. */
    static final long ALLOCATION_LIMIT_BYTES = 64L << 20;

    private final Path file;

    /**
     * A scratch file in a new temporary directory, deleted when the JVM exits.
     *
     * @param name the file's name, e.g. {@code fuzz.mp3}.
     */
    FuzzFiles(final String name)
    {
        try
        {
            final Path dir = Files.createTempDirectory("azalia-fuzz");
            dir.toFile().deleteOnExit();
            this.file = dir.resolve(name);
            file.toFile().deleteOnExit();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one input to the scratch file, replacing the last.
     *
     * @param data the file's content.
     * @return the file.
     */
    Path write(final byte[] data)
    {
        try
        {
            return Files.write(file, data);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a decode and checks what it allocated against {@code limitBytes}. Over the limit, it is run once more and
     * only the second run counts: the first use of a class (loading, linking and the fuzzer's instrumentation)
     * allocates on the calling thread too, and is no property of the input.
     *
     * @param decode     the decode, run once or twice.
     * @param limitBytes the most it may allocate.
     * @param what       names the input in the failure.
     * @throws AssertionError if a run that loaded nothing new allocated too much.
     */
    static void checkAllocation(final Runnable decode, final long limitBytes, final String what)
    {
        long allocated = allocatedBytes();
        decode.run();
        allocated = allocatedBytes() - allocated;
        if (allocated >= limitBytes)
        {
            allocated = allocatedBytes();
            decode.run();
            allocated = allocatedBytes() - allocated;
            if (allocated >= limitBytes)
            {
                throw new AssertionError(what + ": " + allocated + " bytes allocated, limit " + limitBytes);
            }
        }
    }

    /**
     * Bytes allocated by the calling thread since it started.
     *
     * @return bytes.
     */
    static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}

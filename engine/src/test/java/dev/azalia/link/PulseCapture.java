package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.fail;

/**
 * A recording of the PulseAudio null sink's monitor with {@code parec}, for tests that play real sound. Needs the
 * server started by {@code .ci/pulse-null-sink.sh start} (its environment sourced); {@link #requireOrSkip} skips
 * with a reason elsewhere, or fails when {@code AZALIA_REQUIRE_AUDIO=1} (as CI sets it).
 *
 * <p>Used by the engine's and the player's tests (the engine's test jar).
 */
public final class PulseCapture implements AutoCloseable
{
    /** How long to wait for parec to record what is expected. */
    public static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Process parec;
    private final Path file;
    private final int frameBytes;

    private PulseCapture(final Process parec, final Path file, final int frameBytes)
    {
        this.parec = parec;
        this.file = file;
        this.frameBytes = frameBytes;
    }

    /**
     * Skips the test with {@code reason} unless {@code condition} holds; fails instead when CI requires audio.
     *
     * @param condition what the test needs.
     * @param reason    why it is missing.
     */
    public static void requireOrSkip(final boolean condition, final String reason)
    {
        if (!condition)
        {
            if ("1".equals(System.getenv("AZALIA_REQUIRE_AUDIO")))
            {
                fail(reason + " (AZALIA_REQUIRE_AUDIO=1 makes this a failure)");
            }
            Assumptions.abort(reason);
        }
    }

    /**
     * Requires a Java Sound line for {@code format}.
     *
     * @param format the format to play.
     */
    public static void requireLine(final StreamFormat format)
    {
        requireOrSkip(JavaSoundSink.lineAvailable(null, format), "no Java Sound output line for " + format
            + " (no sound server; CI starts one with .ci/pulse-null-sink.sh)");
    }

    /**
     * Starts recording the null sink's monitor into {@code file} and waits until recording has begun.
     *
     * @param file   where the raw capture goes.
     * @param format the sink's sample spec (must be 16-bit).
     * @return the running capture.
     * @throws IOException if parec cannot start.
     */
    public static PulseCapture start(final Path file, final StreamFormat format) throws IOException
    {
        final String sink = System.getenv("AZALIA_PULSE_SINK");
        requireOrSkip(null != sink, "AZALIA_PULSE_SINK is not set: no null sink to record (source the environment "
            + "written by .ci/pulse-null-sink.sh start)");
        final String parecPath = findOnPath("parec");
        requireOrSkip(null != parecPath, "parec is not installed (Debian package pulseaudio-utils)");
        final Process p = new ProcessBuilder(parecPath, "-d", sink + ".monitor", "--format=s16le",
            "--rate=" + format.sampleRate(), "--channels=" + format.channels(), "--raw", "--latency-msec=20")
            .redirectOutput(file.toFile())
            .redirectError(file.resolveSibling(file.getFileName() + ".err").toFile())
            .start();
        final PulseCapture capture = new PulseCapture(p, file, format.frameBytes());
        capture.awaitFrames(format.sampleRate() / 10);
        return capture;
    }

    private static String findOnPath(final String program)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        for (final String d : path.split(File.pathSeparator))
        {
            final File f = new File(d, program);
            if (f.canExecute())
            {
                return f.getPath();
            }
        }
        return null;
    }

    /**
     * Frames recorded so far.
     *
     * @return frames.
     */
    public long frames()
    {
        try
        {
            return Files.size(file) / frameBytes;
        }
        catch (final IOException e)
        {
            return 0L;
        }
    }

    /**
     * Waits until at least {@code frames} frames are recorded; fails after {@link #WAIT_NANOS}.
     *
     * @param frames how many.
     */
    public void awaitFrames(final long frames)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (frames() < frames)
        {
            if (System.nanoTime() - deadline > 0 || !parec.isAlive())
            {
                fail("parec recorded " + frames() + " of " + frames + " frames expected (alive: " + parec.isAlive()
                    + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Stops recording and returns what was recorded.
     *
     * @return the raw capture.
     * @throws IOException if the file cannot be read.
     */
    public byte[] stopAndRead() throws IOException
    {
        close();
        return Files.readAllBytes(file);
    }

    /**
     * Where {@code source}'s first {@code runFrames} frames start, exactly, in {@code captured}.
     *
     * @param captured   the capture.
     * @param source     the source.
     * @param runFrames  how many frames must match.
     * @param frameBytes bytes per frame.
     * @return the capture frame index, or -1.
     */
    public static int findStart(final byte[] captured, final byte[] source, final int runFrames, final int frameBytes)
    {
        final int frames = captured.length / frameBytes;
        for (int o = 0; o + runFrames <= frames; o++)
        {
            if (Arrays.equals(captured, o * frameBytes, (o + runFrames) * frameBytes, source, 0,
                runFrames * frameBytes))
            {
                return o;
            }
        }
        return -1;
    }

    /** Stops parec (bounded waits). */
    @Override
    public void close()
    {
        parec.destroy();
        try
        {
            if (!parec.waitFor(5, TimeUnit.SECONDS))
            {
                parec.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.azalia.player;

import dev.azalia.conformance.CaptureScenario;
import dev.azalia.conformance.StreamParameters;
import dev.azalia.hda.StreamFormat;
import dev.azalia.machine.Scenario;
import dev.azalia.player.decode.InputException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a capture's scenario ({@link CaptureScenario}, read from a Linux trace) on the emulated machine, as
 * {@code aplay -D hw:0,0} ran it on Linux: the same stream (rate, channels, 16-bit, buffer and period in frames,
 * start threshold one buffer), as many plays of the same length, the same idle times and the system suspend before
 * the same play, on the virtual clock with a null sink. What is played is a 1 kHz sine at full scale / 2, the
 * capture's signal (the comparison does not look at the audio). The run writes an mmiotrace and a verb trace that a
 * {@link dev.azalia.conformance.Conformance} comparison reads. Runs on the calling thread.
 */
final class ConformanceRun
{
    private static final double SINE_HZ = 1000.0;
    private static final double AMPLITUDE = 16_383.0;

    private ConformanceRun()
    {
    }

    /**
     * The machine-level scenario of a capture: its idle times (the first play's idle before, the last play's idle
     * after), its number of plays and the play a system suspend came before.
     *
     * @param capture what the capture did.
     * @return the scenario to replay.
     */
    static Scenario scenarioOf(final CaptureScenario capture)
    {
        int suspendBefore = 0;
        long suspendNanos = 0;
        for (final CaptureScenario.Play play : capture.plays())
        {
            if (play.systemSuspendBefore() && 0 == suspendBefore)
            {
                suspendBefore = play.number();
                suspendNanos = play.idleBeforeNanos();
            }
        }
        final CaptureScenario.Play first = capture.plays().get(0);
        final CaptureScenario.Play last = capture.plays().get(capture.plays().size() - 1);
        final long idleBefore = first.systemSuspendBefore() ? 0 : first.idleBeforeNanos();
        return new Scenario(idleBefore, last.idleAfterNanos(), capture.plays().size(), suspendBefore, suspendNanos);
    }

    /**
     * Runs the scenario and writes Azalia's two traces.
     *
     * @param capture     the capture's scenario.
     * @param mmiotrace   where the mmiotrace goes.
     * @param verbtrace   where the verb trace goes.
     * @param err         where the player's warnings go.
     * @throws InputException when the capture's stream cannot be played by the emulated card.
     * @throws IllegalStateException when the emulated card fails during the run (the message says how).
     */
    static void run(final CaptureScenario capture, final Path mmiotrace, final Path verbtrace, final PrintStream err)
        throws InputException
    {
        final StreamParameters stream = capture.stream();
        if (stream.bits() != 16)
        {
            throw new InputException("the capture's stream is " + stream.bits()
                + "-bit; the conformance run plays 16-bit PCM only");
        }
        if (stream.periodFrames() <= 0 || stream.periodFrames() > Integer.MAX_VALUE || stream.periods() < 2)
        {
            throw new InputException("the capture's buffer (" + stream.periods() + " periods of "
                + stream.periodFrames() + " frames) cannot be played");
        }
        final long frames = capture.plays().get(0).frames();
        if (frames <= 0 || frames > 60L * stream.rateHz())
        {
            throw new InputException("the capture's play length (" + frames + " frames) is out of range");
        }
        final WavAudio audio = new WavAudio(Path.of("sine-1khz.wav"),
            StreamFormat.of(stream.rateHz(), 16, stream.channels()), sine(stream.rateHz(), stream.channels(), frames));
        final PlayOptions base = new PlayOptions(audio.path(), new OutputSpec.Null(), ClockMode.VIRTUAL,
            (int)stream.periodFrames(), stream.periods(), mmiotrace, null, false, true,
            PlayOptions.DEFAULT_POLICY, null, PlayOptions.UNLIMITED, false, false, false, false, null, null);
        final PlayOptions options = base.withScenario(scenarioOf(capture), verbtrace, PlayOptions.START_AT_BUFFER);
        final PlayResult result;
        try (WavSource source = WavSource.of(audio))
        {
            result = new CardPlayback(err).play(options, source, SilentProgress.INSTANCE);
        }
        catch (final InputException e)
        {
            throw e;
        }
        catch (final Exception e)
        {
            throw new IllegalStateException("the emulated run failed: " + e.getMessage(), e);
        }
        if (null != result.failure())
        {
            throw new IllegalStateException("the emulated run failed: " + result.failure());
        }
    }

    /**
     * Creates a directory for the run's traces (kept when the user names it, else a temporary one).
     *
     * @param keep the directory the user asked for, or null.
     * @return the directory.
     */
    static Path traceDirectory(final Path keep)
    {
        try
        {
            if (null != keep)
            {
                return Files.createDirectories(keep);
            }
            return Files.createTempDirectory("azalia-conformance");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sine(final int rateHz, final int channels, final long frames)
    {
        final byte[] pcm = new byte[Math.toIntExact(frames * channels * 2)];
        int i = 0;
        for (long f = 0; f < frames; f++)
        {
            final int v = (int)Math.round(AMPLITUDE * Math.sin(2 * Math.PI * SINE_HZ * f / rateHz));
            for (int c = 0; c < channels; c++)
            {
                pcm[i++] = (byte)v;
                pcm[i++] = (byte)(v >> 8);
            }
        }
        return pcm;
    }
}

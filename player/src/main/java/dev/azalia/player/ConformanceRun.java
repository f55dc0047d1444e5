package dev.azalia.player;

import dev.azalia.conformance.CaptureScenario;
import dev.azalia.conformance.StreamParameters;
import dev.azalia.conformance.TraceMark;
import dev.azalia.decode.InputException;
import dev.azalia.decode.WavAudio;
import dev.azalia.decode.WavSource;
import dev.azalia.driver.AzxIdentity;
import dev.azalia.hda.StreamFormat;
import dev.azalia.machine.Scenario;
import dev.azalia.testbed.ClockMode;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SilentProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    /** How long the system stays suspended: nothing reaches the card then, so any length gives the same traces. */
    private static final long SUSPEND_NANOS = 5_000_000_000L;

    private ConformanceRun()
    {
    }

    /**
     * The machine-level scenario of a capture: its idle times (the first play's idle before, the last play's idle
     * after, the idle between the system resume and the play after it), its number of plays and the play a system
     * suspend came before.
     *
     * @param capture    what the capture did.
     * @param probeNanos the capture's time from loading the driver to {@code MARK_PROBE_DONE}, in nanoseconds.
     * @return the scenario to replay.
     */
    static Scenario scenarioOf(final CaptureScenario capture, final long probeNanos)
    {
        int suspendBefore = 0;
        long idleAfterResume = 0;
        for (final CaptureScenario.Play play : capture.plays())
        {
            if (play.systemSuspendBefore() && 0 == suspendBefore)
            {
                suspendBefore = play.number();
                idleAfterResume = play.idleBeforeNanos();
            }
        }
        final CaptureScenario.Play first = capture.plays().get(0);
        final CaptureScenario.Play last = capture.plays().get(capture.plays().size() - 1);
        final long idleBefore = first.systemSuspendBefore() ? 0 : first.idleBeforeNanos();
        return new Scenario(idleBefore, last.idleAfterNanos(), capture.plays().size(), suspendBefore,
            0 == suspendBefore ? 0 : SUSPEND_NANOS, idleAfterResume, probeNanos);
    }

    /**
     * Runs the scenario and writes Azalia's two traces.
     *
     * @param capture     the capture's scenario.
     * @param mmiotrace   where the mmiotrace goes.
     * @param verbtrace   where the verb trace goes.
     * @param err         where the player's warnings go.
     * @param identity    the controller Linux drove (its driver data decides the register traffic).
     * @param probeNanos  the capture's time from loading the driver to {@code MARK_PROBE_DONE}, in nanoseconds.
     * @throws InputException when the capture's stream cannot be played by the emulated card.
     * @throws IllegalStateException when the emulated card fails during the run (the message says how).
     */
    static void run(final CaptureScenario capture, final Path mmiotrace, final Path verbtrace, final PrintStream err,
        final AzxIdentity identity, final long probeNanos) throws InputException
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
        final PlayOptions options = base.withScenario(scenarioOf(capture, probeNanos), verbtrace, PlayOptions.START_AT_BUFFER);
        final RunResult result;
        try (WavSource source = WavSource.of(audio))
        {
            // the capture's codec: QEMU's hda-duplex as Linux left it (nothing restored the mixer, so it played muted)
            result = new CardPlayback(err, c -> c.withCodec(c.codec().withRestoreMixer(false))
                .withController(identity)).play(options, source, SilentProgress.INSTANCE);
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

    /**
     * The controller a capture was made on: the first {@code PCIDEV} whose vendor and device are an identity Azalia
     * emulates, else ICH9. (A capture made by binding another ID's driver data, as the PCH capture does, needs the
     * name given explicitly.)
     *
     * @param pciDevices the capture's {@code PCIDEV} vendor/device words.
     * @return the identity.
     */
    static AzxIdentity identityOf(final List<Long> pciDevices)
    {
        for (final long word : pciDevices)
        {
            final AzxIdentity id = AzxIdentity.of((int)(word >>> 16) & 0xffff, (int)word & 0xffff);
            if (null != id)
            {
                return id;
            }
        }
        return AzxIdentity.ICH9;
    }

    /**
     * The time from {@code MARK_INSMOD_HDA_INTEL} to {@code MARK_PROBE_DONE} in a capture, or 0 without them.
     *
     * @param marks the capture's marks.
     * @return nanoseconds.
     */
    static long probeNanos(final List<TraceMark> marks)
    {
        long insmod = -1;
        for (final TraceMark m : marks)
        {
            if (Scenario.MARK_INSMOD.equals(m.name()))
            {
                insmod = m.timeMicros();
            }
            else if (Scenario.MARK_PROBE_DONE.equals(m.name()) && insmod >= 0 && m.timeMicros() >= insmod)
            {
                return (m.timeMicros() - insmod) * 1_000L;
            }
        }
        return 0;
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

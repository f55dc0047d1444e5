package dev.azalia.player;

import dev.azalia.decode.InputException;
import dev.azalia.decode.WavAudio;
import dev.azalia.hda.StreamFormat;
import dev.azalia.link.ReferenceFrames;
import dev.azalia.probe.Alignment;
import dev.azalia.probe.Glitch;
import dev.azalia.probe.GlitchDetector;
import dev.azalia.probe.GlitchFilter;
import dev.azalia.probe.GlitchLog;
import dev.azalia.probe.GlitchReport;
import dev.azalia.probe.ReferenceDetector;
import dev.azalia.probe.SilenceDetector;
import dev.azalia.probe.SineLockDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code ./play analyze [--reference REF.wav] FILE.wav}: runs the glitch detectors on a recording and prints a
 * one-screen summary. With a reference, the recording is aligned on it (exactly: the reference's first non-silent
 * window is searched for) and compared frame by frame ({@link ReferenceDetector}), plus the
 * {@link SilenceDetector} (zero runs and holds that are also in the reference are not counted). Without one, the
 * {@link SineLockDetector} (OboeTester-style, on one channel; the frequency is measured unless given) plus the
 * silence detector. Exit status: {@value Main#EXIT_OK} clean, {@value Main#EXIT_GLITCH} a glitch was found (or the
 * reference is not in the recording), {@value Main#EXIT_INPUT} unreadable input or nothing to analyse. Runs on the
 * main thread.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Find glitches in a WAV file: against a reference, or against a sine model.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:clean", "2:usage error", "3:unreadable input, or no sine to lock onto",
        "4:glitches found (or the reference is not in the file)"})
public final class AnalyzeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording (WAV: 16/24/32-bit PCM).")
    private Path file;

    @Option(names = "--reference", paramLabel = "REF",
        description = "The audio that should be in FILE, bit for bit (WAV, same format).")
    private Path reference;

    @Option(names = "--channel", paramLabel = "N", defaultValue = "0",
        description = "Channel carrying the sine, without --reference (default: ${DEFAULT-VALUE}).")
    private int channel;

    @Option(names = "--frequency", paramLabel = "HZ", defaultValue = "0",
        description = "The sine's frequency; 0 measures it (default: ${DEFAULT-VALUE}).")
    private double frequencyHz;

    @Option(names = "--list", paramLabel = "N", defaultValue = "10",
        description = "Glitches listed with their positions (default: ${DEFAULT-VALUE}).")
    private int listed;

    /** Created by picocli. */
    public AnalyzeCommand()
    {
        // fields are injected by picocli
    }

    /**
     * Analyses the file and prints the summary on standard output.
     *
     * @return {@value Main#EXIT_OK} or {@value Main#EXIT_GLITCH}.
     * @throws InputException when an input cannot be read or analysed (status 3).
     */
    @Override
    public Integer call() throws InputException
    {
        if (listed < 0 || frequencyHz < 0 || channel < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--list, --frequency and --channel must not be negative");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final WavAudio audio = WavAudio.read(file);
        final StreamFormat f = audio.format();
        out.println(String.format(Locale.ROOT, "%s: %d Hz, %d bit, %d ch, %.3f s (%d frames)", file,
            f.sampleRate(), f.bitsPerSample(), f.channels(), (double)audio.frames() / f.sampleRate(), audio.frames()));
        final List<GlitchReport> reports = null == reference ? againstSine(audio, out) : againstReference(audio, out);
        if (null == reports)
        {
            out.println("result: the reference is not in the file (every frame differs)");
            out.flush();
            return Main.EXIT_GLITCH;
        }
        long total = 0;
        final List<String[]> glitches = new ArrayList<>();
        for (final GlitchReport r : reports)
        {
            total += r.count();
            out.println(String.format(Locale.ROOT, "%-10s %d glitch%s, %.3f ms lost, largest %.3f ms; frames lost %d,"
                + " duplicated %d; zero runs %d%s", r.detector(), r.count(), 1 == r.count() ? "" : "es",
                r.lostMillis(), r.largestMillis(), r.framesLost(), r.framesDuplicated(), r.zeroRuns(),
                0 == r.filteredOut() ? "" : "; " + r.filteredOut() + " also in the reference, not counted"));
            for (final Glitch g : r.firstGlitches())
            {
                glitches.add(new String[] {Long.toString(g.frameIndex()), String.format(Locale.ROOT,
                    "  %10.6f s  frame %9d  %-10s %-14s %6d frame%s  %8.3f ms", g.seconds(f.sampleRate()),
                    g.frameIndex(), r.detector(), g.kind(), g.frames(), 1 == g.frames() ? " " : "s", g.millis())});
            }
            for (final String note : r.notes())
            {
                out.println("  note (" + r.detector() + "): " + note);
            }
        }
        if (!glitches.isEmpty() && listed > 0)
        {
            glitches.sort(Comparator.comparingLong(g -> Long.parseLong(g[0])));
            out.println("first glitches:");
            glitches.stream().limit(listed).forEach(g -> out.println(g[1]));
        }
        out.println(0 == total ? "result: clean" : "result: " + total + " glitch" + (1 == total ? "" : "es"));
        out.flush();
        return 0 == total ? Main.EXIT_OK : Main.EXIT_GLITCH;
    }

    private List<GlitchReport> againstReference(final WavAudio audio, final PrintWriter out) throws InputException
    {
        final WavAudio ref = WavAudio.read(reference);
        if (!ref.format().equals(audio.format()))
        {
            throw new InputException(reference + ": format " + ref.format() + " differs from " + file + "'s "
                + audio.format());
        }
        final int fb = ref.format().frameBytes();
        final OptionalLong found = Alignment.offsetFrames(ref.pcm(), audio.pcm(), fb);
        if (found.isEmpty())
        {
            out.println("reference " + reference + ": no part of it found bit-exact in the file (a lossy or "
                + "resampled path? analyse a sine recording without --reference)");
            return null;
        }
        final long offset = found.getAsLong();
        out.println(String.format(Locale.ROOT, "reference %s: %d frames, aligned: reference frame 0 at file frame %d",
            reference, ref.frames(), offset));
        final int keep = Math.max(listed, 1);
        final ReferenceDetector exact = new ReferenceDetector(ReferenceFrames.of(ref.pcm(), fb),
            audio.format().sampleRate(), offset, new GlitchLog(keep, GlitchFilter.ALL));
        final SilenceDetector silence = new SilenceDetector(SilenceDetector.DEFAULT_MIN_ZERO_FRAMES,
            SilenceDetector.DEFAULT_MIN_HOLD_FRAMES, SilenceDetector.DEFAULT_CONTEXT_FRAMES,
            SilenceDetector.DEFAULT_THRESHOLD_DBFS, new GlitchLog(keep, notInReference(ref.pcm(), fb, offset)));
        final List<GlitchReport> reports = new ArrayList<>();
        reports.add(run(exact, audio));
        reports.add(run(silence, audio));
        return reports;
    }

    /** Discounts a zero run or hold found at a file position where the reference has the same run. */
    private static GlitchFilter notInReference(final byte[] ref, final int fb, final long offset)
    {
        return (at, kind, frames) ->
        {
            final long r = at - offset;
            if (r < 0 || (r + frames) * fb > ref.length)
            {
                return true;
            }
            for (long k = 0; k < frames; k++)
            {
                final int x = (int)(r + k) * fb;
                final boolean same = Glitch.Kind.ZERO_RUN == kind
                    ? Arrays.equals(ref, x, x + fb, new byte[fb], 0, fb)
                    : Arrays.equals(ref, x, x + fb, ref, (int)r * fb, (int)r * fb + fb);
                if (!same)
                {
                    return true;
                }
            }
            return false;
        };
    }

    private List<GlitchReport> againstSine(final WavAudio audio, final PrintWriter out) throws InputException
    {
        final StreamFormat f = audio.format();
        if (channel >= f.channels())
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channel " + channel + ": " + file
                + " has " + f.channels() + " channel" + (1 == f.channels() ? "" : "s"));
        }
        double hz = frequencyHz;
        if (0 == hz)
        {
            hz = SineLockDetector.estimateFrequencyHz(audio.pcm(), 0, audio.frames(), f, channel);
            final double test = (double)f.sampleRate() / (f.sampleRate() / SineLockDetector.TARGET_FREQUENCY_HZ);
            if (Math.abs(hz - test) < 0.005 * test)
            {
                // the OboeTester-style test tone: use its exact integer period
                hz = test;
            }
        }
        if (0 == hz)
        {
            throw new InputException(file + ": no sine found on channel " + channel
                + " (analyse other audio with --reference REF.wav)");
        }
        final int keep = Math.max(listed, 1);
        final SineLockDetector sine = new SineLockDetector(channel, hz, SineLockDetector.DEFAULT_SETTLE_FRAMES,
            SineLockDetector.DEFAULT_SETTLE_FRAMES, SineLockDetector.DEFAULT_TOLERANCE,
            new GlitchLog(keep, GlitchFilter.ALL));
        final List<GlitchReport> reports = new ArrayList<>();
        reports.add(run(sine, audio));
        if (!sine.everLocked())
        {
            throw new InputException(file + ": no sine locked on channel " + channel
                + " (analyse other audio with --reference REF.wav)");
        }
        out.println(String.format(Locale.ROOT, "sine model: channel %d, %.2f Hz, tolerance %.0f %%, the first %d "
            + "frames ignored while the signal settles", channel, hz, 100 * SineLockDetector.DEFAULT_TOLERANCE,
            2 * SineLockDetector.DEFAULT_SETTLE_FRAMES));
        reports.add(run(new SilenceDetector(SilenceDetector.DEFAULT_MIN_ZERO_FRAMES,
            SilenceDetector.DEFAULT_MIN_HOLD_FRAMES, SilenceDetector.DEFAULT_CONTEXT_FRAMES,
            SilenceDetector.DEFAULT_THRESHOLD_DBFS, new GlitchLog(keep, GlitchFilter.ALL)), audio));
        return reports;
    }

    private static GlitchReport run(final GlitchDetector detector, final WavAudio audio)
    {
        final int chunk = 4096;
        final int fb = audio.format().frameBytes();
        for (int at = 0; at < audio.frames(); at += chunk)
        {
            detector.accept(audio.pcm(), at * fb, Math.min(chunk, audio.frames() - at), audio.format());
        }
        detector.finish();
        return detector.report();
    }
}

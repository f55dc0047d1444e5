package dev.azalia.player;

import dev.azalia.log.KernelLog;
import dev.azalia.player.decode.Mp3Decoder;
import dev.azalia.player.report.Report;
import dev.azalia.time.NanoClock;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in {@link Playback} without the emulated card: decodes on the calling thread and writes straight to the
 * output. {@code wav:} writes the file; {@code null} discards (paced in real time with {@code --clock real});
 * {@code default} and {@code javasound[:MIXER]} write to a Java Sound line, and when none can be opened warn in one
 * line and fall back to the null sink. The stream and probe counters of the report describe the chunks written
 * ({@code periodsElapsed} = chunks of {@code periodFrames}); no probe runs, so {@code framesChecked} is 0; latency
 * is not measured (all zero). To be replaced by the pipeline's implementation.
 *
 * <p>Threading: {@link #play} runs entirely on the calling (application) thread.
 */
public final class DecodeOnlyPlayback implements Playback
{
    private static final String SOURCE = "azalia";

    private final NanoClock clock;
    private final PrintStream err;

    /**
     * A playback pacing on {@code clock} and warning on {@code err}.
     *
     * @param clock the real clock for {@code --clock real} pacing (the system clock in production).
     * @param err   where warnings and the echoed kernel log go (stderr in production).
     */
    public DecodeOnlyPlayback(final NanoClock clock, final PrintStream err)
    {
        this.clock = clock;
        this.err = err;
    }

    /** {@inheritDoc} */
    @Override
    public PlayResult play(final PlayOptions options, final Mp3Decoder decoder, final ProgressListener progress)
        throws Exception
    {
        final KernelLog log = new KernelLog(clock);
        if (options.log())
        {
            log.echoTo(err, KernelLog.Level.DEBUG);
        }
        log.info(SOURCE, "decode-only playback (no emulated card): " + decoder.describe());
        final int periodFrames = options.periodFrames();
        final byte[] chunk = new byte[periodFrames * decoder.frameSizeBytes()];
        OutputSpec used = options.out();
        SourceDataLine line = null;
        WavWriter wav = null;
        if (options.out() instanceof OutputSpec.Wav w)
        {
            wav = WavWriter.create(w.path(), decoder.sampleRate(), decoder.channels());
        }
        else if (!(options.out() instanceof OutputSpec.Null))
        {
            line = openLine(options, decoder);
            if (null == line)
            {
                used = new OutputSpec.Null();
            }
        }
        final boolean paced = null == line && null == wav && ClockMode.REAL == options.clock();
        long framesWritten = 0;
        long chunks = 0;
        final long startNanos = clock.nanoTime();
        try
        {
            int frames;
            while ((frames = decoder.readFrames(chunk, 0, periodFrames)) > 0)
            {
                final int sizeBytes = frames * decoder.frameSizeBytes();
                if (null != wav)
                {
                    wav.write(chunk, 0, sizeBytes);
                }
                else if (null != line)
                {
                    line.write(chunk, 0, sizeBytes);
                }
                framesWritten += frames;
                chunks++;
                if (paced)
                {
                    waitUntil(startNanos + framesWritten * 1_000_000_000L / decoder.sampleRate());
                }
                progress.onProgress(framesWritten, decoder.totalFrames(), 0, 0);
            }
            if (null != line)
            {
                line.drain();
            }
        }
        finally
        {
            progress.onFinish();
            closeOutputs(line, wav);
        }
        log.info(SOURCE, String.format(Locale.ROOT, "%d frames written to %s", framesWritten, used.text()));
        return new PlayResult(new Report.Output(used.text(), framesWritten, 0),
            new Report.Stream(periodFrames, options.periods(), chunks, 0), new Report.Probe(0, 0, 0),
            Report.LatencyMicros.none(), log.lines());
    }

    private static void closeOutputs(final SourceDataLine line, final WavWriter wav) throws IOException
    {
        if (null != line)
        {
            line.close();
        }
        if (null != wav)
        {
            wav.close();
        }
    }

    private void waitUntil(final long deadlineNanos)
    {
        long remaining;
        while ((remaining = deadlineNanos - clock.nanoTime()) > 0)
        {
            LockSupport.parkNanos(remaining);
        }
    }

    private SourceDataLine openLine(final PlayOptions options, final Mp3Decoder decoder)
    {
        final AudioFormat format = new AudioFormat(decoder.sampleRate(), 16, decoder.channels(), true, false);
        final DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        final String mixerName = options.out() instanceof OutputSpec.JavaSound js ? js.mixer() : null;
        try
        {
            final SourceDataLine line;
            if (null == mixerName)
            {
                line = (SourceDataLine)AudioSystem.getLine(info);
            }
            else
            {
                final Mixer mixer = findMixer(mixerName, info);
                if (null == mixer)
                {
                    warn(options, "no mixer named like '" + mixerName + "' offers a " + format + " line");
                    return null;
                }
                line = (SourceDataLine)mixer.getLine(info);
            }
            line.open(format, options.periodFrames() * options.periods() * decoder.frameSizeBytes());
            line.start();
            return line;
        }
        catch (final LineUnavailableException | IllegalArgumentException | SecurityException e)
        {
            warn(options, "no audio output line available (" + e.getMessage() + ")");
            return null;
        }
    }

    private void warn(final PlayOptions options, final String problem)
    {
        err.println("play: warning: " + problem + "; playing to the null sink"
            + (ClockMode.REAL == options.clock() ? " in real time" : "") + " instead");
    }

    private static Mixer findMixer(final String nameFragment, final DataLine.Info info)
    {
        for (final Mixer.Info mixerInfo : AudioSystem.getMixerInfo())
        {
            if (mixerInfo.getName().contains(nameFragment))
            {
                final Mixer mixer = AudioSystem.getMixer(mixerInfo);
                if (mixer.isLineSupported(info))
                {
                    return mixer;
                }
            }
        }
        return null;
    }
}

package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.driver.AzxChip;
import dev.azalia.link.AudioSink;
import dev.azalia.link.SinkWriter;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmRecovery;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.time.NanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of {@code aplay -D hw:0,0} does with the PCM, once per play of the scenario: open, hw_params,
 * sw_params (the start threshold), prepare, write every frame of the input (an underrun is recovered by
 * re-preparing, a suspend by resuming, as alsa-lib's {@code snd_pcm_recover}), drain, hw_free, close. Counts frames
 * and xruns across plays. The first play's frames are appended to the reference before they are written, so the
 * frame-sequence probe and the detectors check that play; later plays are the same frames again, and the frames
 * the DMA fetched past a drain point before the stream stopped (up to a link tick of stale buffer) would sit
 * between them on the link, which the probe cannot tell from a glitch: it counts them beyond its reference.
 *
 * <p>Threading: the application thread only.
 */
final class AplayLoop
{
    private final TestbedConfig options;
    private final HwParams params;
    private final DecodedReference reference;
    private final SinkWriter writer;
    private final StreamProbes probes;
    private final AudioSink sink;
    private final ProgressListener progress;
    private final NanoClock clock;
    private final List<Long> xrunNanos = new ArrayList<>();
    private long framesWritten;
    /** Set by whoever ends a session; read by the application thread before each period's write. */
    private volatile boolean stopRequested;
    private long xruns;
    private PcmSubstream pcm;

    /**
     * A loop for one input format.
     *
     * @param options   the command line (period, periods, start threshold).
     * @param source    the input, for its rate and channels.
     * @param reference where the frames written are appended.
     * @param writer    the sink writer (told how many frames the application committed).
     * @param probes    the latency probes.
     * @param sink      the output, for its underrun count in the progress.
     * @param progress  told of progress after each chunk.
     * @param clock     the machine's clock.
     */
    AplayLoop(final TestbedConfig options, final AudioSource source, final DecodedReference reference,
        final SinkWriter writer, final StreamProbes probes, final AudioSink sink, final ProgressListener progress,
        final NanoClock clock)
    {
        this.options = options;
        this.params = new HwParams(source.sampleRate(), source.channels(), 16, options.periodFrames(),
            options.periods());
        this.reference = reference;
        this.writer = writer;
        this.probes = probes;
        this.sink = sink;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * The hardware parameters every play uses.
     *
     * @return the parameters.
     */
    HwParams params()
    {
        return params;
    }

    /**
     * Opens the card's first playback PCM and sets it up: open, hw_params, the start threshold, prepare.
     *
     * @param chip the card's controller.
     * @return the prepared substream (also kept for {@link #closeQuietly()}).
     */
    PcmSubstream open(final AzxChip chip)
    {
        pcm = chip.card().pcms().get(0).playback();
        pcm.open();
        pcm.hwParams(params);
        // aplay's software parameters: start once the buffer is full unless told otherwise (the kernel's default
        // is 1 frame)
        pcm.setStartThresholdFrames(TestbedConfig.START_AT_BUFFER == options.startThresholdFrames()
            ? params.bufferFrames() : options.startThresholdFrames());
        pcm.prepare();
        return pcm;
    }

    /**
     * Ends {@link #writeAll} before its next period, as if the source had ended there (the written frames then drain).
     * Any thread.
     */
    void requestStop()
    {
        stopRequested = true;
    }

    /**
     * Writes every frame of {@code source} into the open PCM, or those before a {@link #requestStop}.
     *
     * @param source    the input, at its start.
     * @param log       the kernel log, for the underrun line.
     * @param reference whether the frames are the probe's reference (the first play).
     * @throws InputException when the input turns out corrupt.
     */
    void writeAll(final AudioSource source, final KernelLog log, final boolean reference) throws InputException
    {
        final int frameBytes = params.frameBytes();
        final byte[] chunk = new byte[options.periodFrames() * frameBytes];
        int frames;
        while (!stopRequested && (frames = source.readFrames(chunk, 0, options.periodFrames())) > 0)
        {
            if (reference)
            {
                this.reference.append(chunk, 0, frames * frameBytes);
            }
            writer.setCommittedFrames(framesWritten + frames);
            int done = 0;
            while (done < frames)
            {
                try
                {
                    probes.beforeWrite(framesWritten + done);
                    done += pcm.writei(chunk, done * frameBytes, frames - done);
                    probes.afterWrite();
                }
                catch (final SoundException e)
                {
                    if (e.errno() == Errno.ESTRPIPE)
                    {
                        resume(pcm);
                        continue;
                    }
                    if (e.errno() != Errno.EPIPE)
                    {
                        throw e;
                    }
                    xruns++;
                    xrunNanos.add(clock.nanoTime());
                    probes.xrunAccounting().pcmXrun(clock.nanoTime(), pcm.framesPlayed(), 0);
                    log.warn("play", "underrun!!! (" + e.errno() + "), re-preparing");
                    pcm.prepare();
                }
            }
            framesWritten += frames;
            progress.onProgress(pcm.framesPlayed(), source.totalFrames(), xruns + pcm.xruns(), sink.underruns());
        }
    }

    /** {@code snd_pcm_drain} with alsa-lib's recovery: a drain interrupted by a suspend resumes and drains again. */
    void drain()
    {
        while (true)
        {
            try
            {
                pcm.drain();
                return;
            }
            catch (final SoundException e)
            {
                if (e.errno() != Errno.ESTRPIPE)
                {
                    throw e;
                }
                resume(pcm);
            }
        }
    }

    /** hw_free and close: the end of the play. */
    void close()
    {
        pcm.hwFree();
        pcm.close();
        pcm = null;
    }

    /** Drops and closes a PCM left open by a failure; errors are ignored. */
    void closeQuietly()
    {
        if (null == pcm)
        {
            return;
        }
        try
        {
            pcm.drop();
        }
        catch (final SoundException ignored)
        {
            // already stopped or never started
        }
        try
        {
            pcm.close();
        }
        catch (final SoundException ignored)
        {
            // closing what failed to open
        }
        pcm = null;
    }

    /**
     * Underruns the application saw (EPIPE), over all plays.
     *
     * @return the count.
     */
    long xruns()
    {
        return xruns;
    }

    /**
     * When each underrun happened.
     *
     * @return clock readings in nanoseconds.
     */
    List<Long> xrunNanos()
    {
        return xrunNanos;
    }

    /** ESTRPIPE recovery as aplay does it: resume, or re-prepare (buffered audio dropped) without resume support. */
    private static void resume(final PcmSubstream pcm)
    {
        PcmRecovery.resumeOrPrepare(pcm);
    }
}

package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.log.KernelLog;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays through a {@code javax.sound.sampled.SourceDataLine} (on Linux: ALSA, usually routed to PulseAudio or
 * PipeWire).
 *
 * <p>The line is opened with an explicit buffer ({@code bufferFrames}; the JDK default is 500 ms) and the size
 * actually obtained is reported by {@link #bufferFrames()} and {@link #describe()}. {@link #write} never relies on
 * the line's blocking {@code write} (which waits in quarter-buffer steps): it writes only what
 * {@code available()} says fits and parks for a fraction of the buffer time otherwise. The line is started once
 * half its buffer is filled (or on {@link #drain()}), so it does not starve at start-up.
 *
 * <p>Underruns: a monitor thread ({@code javasound-monitor}, daemon) polls {@code getLongFramePosition()} every
 * quarter buffer (1..10 ms) and feeds an {@link UnderrunDetector}; {@link #write} feeds it too before writing, so
 * a starvation shorter than a poll interval is still seen when the next data arrives. Episodes are counted, not
 * polls.
 *
 * <p>Threading: {@link #open}, {@link #write}, {@link #drain}, {@link #close} from the sink thread; counters from
 * any thread. State is guarded by one lock.
 */
public final class JavaSoundSink implements AudioSink
{
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long STALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long DRAIN_SLACK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String mixerSubstring;
    private final int requestedBufferFrames;
    private final KernelLog log;
    private final Object lock = new Object();
    private final UnderrunDetector detector = new UnderrunDetector();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private SourceDataLine line;
    private volatile String mixerName = "none";
    private int frameBytes;
    private volatile int actualBufferFrames;
    private long pollNanos = MIN_POLL_NANOS;
    private long bufferNanos;
    /** Guarded by {@link #lock}. */
    private long writtenFrames;
    /** Guarded by {@link #lock}. */
    private boolean started;
    /** Guarded by {@link #lock}. */
    private boolean draining;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    private Thread monitor;

    /**
     * A sink that will open a line on the first mixer whose name contains {@code mixerNameSubstringOrNull}.
     *
     * @param mixerNameSubstringOrNull part of the mixer name (case-sensitive), or null for the first mixer offering
     *                                 a matching {@code SourceDataLine} (on Linux usually {@code default [default]}).
     * @param bufferFrames             the line buffer to request, in frames; positive.
     */
    public JavaSoundSink(final String mixerNameSubstringOrNull, final int bufferFrames)
    {
        this(mixerNameSubstringOrNull, bufferFrames, null);
    }

    /**
     * A sink that logs monitor failures to {@code logOrNull}.
     *
     * @param mixerNameSubstringOrNull part of the mixer name, or null for the first suitable mixer.
     * @param bufferFrames             the line buffer to request, in frames; positive.
     * @param logOrNull                where to log failures, or null.
     */
    public JavaSoundSink(final String mixerNameSubstringOrNull, final int bufferFrames, final KernelLog logOrNull)
    {
        if (bufferFrames <= 0)
        {
            throw new IllegalArgumentException("buffer must be positive: " + bufferFrames + " frames");
        }
        this.mixerSubstring = mixerNameSubstringOrNull;
        this.requestedBufferFrames = bufferFrames;
        this.log = logOrNull;
    }

    /**
     * The Java Sound format for a stream format: signed little-endian PCM in the stream's container size.
     *
     * @param format the stream format.
     * @return the audio format.
     */
    public static AudioFormat audioFormat(final StreamFormat format)
    {
        final int bits = format.containerBytes() * 8;
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.sampleRate(), bits, format.channels(),
            format.frameBytes(), format.sampleRate(), false);
    }

    /**
     * Every mixer that can give a {@code SourceDataLine}, for {@code ./play devices}. Port mixers and capture-only
     * devices are left out.
     *
     * @return the mixers, in Java Sound's order; empty when there is no sound system.
     */
    public static List<MixerDescription> listOutputMixers()
    {
        final List<MixerDescription> result = new ArrayList<>();
        for (final Mixer.Info info : AudioSystem.getMixerInfo())
        {
            final Mixer mixer = AudioSystem.getMixer(info);
            int count = 0;
            for (final javax.sound.sampled.Line.Info lineInfo : mixer.getSourceLineInfo())
            {
                if (SourceDataLine.class.isAssignableFrom(lineInfo.getLineClass()))
                {
                    count++;
                }
            }
            if (count > 0)
            {
                result.add(new MixerDescription(info.getName(), info.getDescription(), info.getVendor(),
                    mixer.getClass().getName(), count));
            }
        }
        return result;
    }

    /**
     * Whether a line for {@code format} could be opened on a matching mixer (without opening it).
     *
     * @param mixerNameSubstringOrNull part of the mixer name, or null for any mixer.
     * @param format                   the stream format.
     * @return true if some matching mixer supports such a line.
     */
    public static boolean lineAvailable(final String mixerNameSubstringOrNull, final StreamFormat format)
    {
        return null != findMixer(mixerNameSubstringOrNull, new DataLine.Info(SourceDataLine.class,
            audioFormat(format)));
    }

    private static Mixer.Info findMixer(final String substring, final DataLine.Info info)
    {
        for (final Mixer.Info mixerInfo : AudioSystem.getMixerInfo())
        {
            if (null != substring && !mixerInfo.getName().contains(substring))
            {
                continue;
            }
            if (AudioSystem.getMixer(mixerInfo).isLineSupported(info))
            {
                return mixerInfo;
            }
        }
        return null;
    }

    /** {@inheritDoc} Opens the line with the requested buffer and starts the underrun monitor. */
    @Override
    public void open(final StreamFormat format) throws SinkUnavailableException
    {
        if (null != line)
        {
            throw new IllegalStateException("the sink is already open");
        }
        final AudioFormat audioFormat = audioFormat(format);
        final int bytes = requestedBufferFrames * format.frameBytes();
        final DataLine.Info info = new DataLine.Info(SourceDataLine.class, audioFormat, bytes);
        final Mixer.Info mixerInfo = findMixer(mixerSubstring, info);
        if (null == mixerInfo)
        {
            throw new SinkUnavailableException("no audio output line for " + format
                + (null == mixerSubstring ? "" : " on a mixer named like '" + mixerSubstring + "'")
                + (0 == AudioSystem.getMixerInfo().length ? ": no mixer" : ": no mixer supports it"));
        }
        final SourceDataLine opened;
        try
        {
            opened = (SourceDataLine)AudioSystem.getMixer(mixerInfo).getLine(info);
            opened.open(audioFormat, bytes);
        }
        catch (final LineUnavailableException | IllegalArgumentException | SecurityException e)
        {
            throw new SinkUnavailableException("cannot open the audio output line on " + mixerInfo.getName()
                + ": " + e.getMessage(), e);
        }
        this.frameBytes = format.frameBytes();
        this.actualBufferFrames = opened.getBufferSize() / frameBytes;
        this.bufferNanos = actualBufferFrames * 1_000_000_000L / format.sampleRate();
        this.pollNanos = Math.max(MIN_POLL_NANOS, Math.min(MAX_POLL_NANOS, bufferNanos / 4));
        this.mixerName = mixerInfo.getName();
        synchronized (lock)
        {
            this.line = opened;
        }
        final Thread thread = new Thread(this::monitorLoop, "javasound-monitor");
        thread.setDaemon(true);
        this.monitor = thread;
        thread.start();
    }

    /** {@inheritDoc} Writes what fits and parks otherwise; throws if the line accepts nothing for 5 s. */
    @Override
    public void write(final byte[] pcm, final int offset, final int length)
    {
        final SourceDataLine l = line;
        if (null == l)
        {
            throw new IllegalStateException("the sink is not open");
        }
        int done = 0;
        long lastProgress = System.nanoTime();
        while (done < length)
        {
            observe();
            int fits = Math.min(l.available(), actualBufferFrames * frameBytes);
            fits -= fits % frameBytes;
            if (fits > 0)
            {
                final int n = l.write(pcm, offset + done, Math.min(fits, length - done));
                done += n;
                if (n > 0)
                {
                    lastProgress = System.nanoTime();
                    afterWrite(l, n / frameBytes);
                }
            }
            else
            {
                startIfNeeded(l, true);
                if (System.nanoTime() - lastProgress > STALL_TIMEOUT_NANOS)
                {
                    throw new IllegalStateException("audio output line accepted nothing for "
                        + TimeUnit.NANOSECONDS.toSeconds(STALL_TIMEOUT_NANOS) + " s");
                }
                LockSupport.parkNanos(pollNanos);
            }
        }
    }

    private void afterWrite(final SourceDataLine l, final long frames)
    {
        synchronized (lock)
        {
            writtenFrames += frames;
        }
        startIfNeeded(l, false);
    }

    private void startIfNeeded(final SourceDataLine l, final boolean force)
    {
        synchronized (lock)
        {
            if (started || closed)
            {
                return;
            }
            if (force || writtenFrames >= actualBufferFrames / 2)
            {
                l.start();
                started = true;
            }
        }
    }

    private void observe()
    {
        synchronized (lock)
        {
            if (null == line || closed)
            {
                return;
            }
            detector.observe(line.getLongFramePosition(), writtenFrames, started && !draining);
        }
    }

    private void monitorLoop()
    {
        try
        {
            while (true)
            {
                synchronized (lock)
                {
                    if (closed)
                    {
                        return;
                    }
                }
                observe();
                LockSupport.parkNanos(pollNanos);
            }
        }
        catch (final RuntimeException | Error e)
        {
            failures.add(e);
            if (null != log)
            {
                log.err(LinkRing.LOG_SOURCE, "javasound-monitor died: " + e);
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public long framesWritten()
    {
        synchronized (lock)
        {
            return writtenFrames;
        }
    }

    /** {@inheritDoc} From {@code getLongFramePosition()}, capped at the frames written. */
    @Override
    public long playbackPositionFrames()
    {
        synchronized (lock)
        {
            if (null == line)
            {
                return 0L;
            }
            return Math.min(line.getLongFramePosition(), writtenFrames);
        }
    }

    /** {@inheritDoc} */
    @Override
    public long underruns()
    {
        synchronized (lock)
        {
            return detector.underruns();
        }
    }

    /** {@inheritDoc} The size {@code getBufferSize()} reported after opening. */
    @Override
    public int bufferFrames()
    {
        return actualBufferFrames;
    }

    /**
     * The buffer requested at construction.
     *
     * @return frames.
     */
    public int requestedBufferFrames()
    {
        return requestedBufferFrames;
    }

    /** {@inheritDoc} */
    @Override
    public String describe()
    {
        return "javasound:" + mixerName + " buffer " + actualBufferFrames + " frames (requested "
            + requestedBufferFrames + ")";
    }

    /**
     * {@inheritDoc} Starts the line if it was not yet, then waits until the position reaches the frames written,
     * at most the buffer time plus 2 s.
     */
    @Override
    public void drain()
    {
        final SourceDataLine l = line;
        if (null == l)
        {
            return;
        }
        synchronized (lock)
        {
            draining = true;
        }
        startIfNeeded(l, true);
        final long deadline = System.nanoTime() + bufferNanos + DRAIN_SLACK_NANOS;
        while (playbackPositionFrames() < framesWritten() && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(pollNanos);
        }
    }

    /**
     * Failures of the monitor thread (it stops on the first).
     *
     * @return a snapshot.
     */
    public List<Throwable> failures()
    {
        return List.copyOf(failures);
    }

    /** {@inheritDoc} Stops the monitor (waits up to 1 s) and closes the line. */
    @Override
    public void close()
    {
        final SourceDataLine l;
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            l = line;
        }
        final Thread m = monitor;
        if (null != m)
        {
            LockSupport.unpark(m);
            try
            {
                m.join(1_000L);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (null != l)
        {
            l.stop();
            l.flush();
            l.close();
        }
    }
}

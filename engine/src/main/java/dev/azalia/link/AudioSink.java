package dev.azalia.link;

import dev.azalia.hda.StreamFormat;

/**
 * Where the link's audio finally goes: a Java Sound line ({@link JavaSoundSink}), a WAV file ({@link WavFileSink})
 * or nowhere, paced by the clock ({@link NullSink}).
 *
 * <p>Threading: {@link #open}, {@link #write}, {@link #drain} and {@link #close} are called from one thread, the
 * sink thread ({@code link-sink}); the counters ({@link #framesWritten()}, {@link #playbackPositionFrames()},
 * {@link #underruns()}) may be read from any thread (the link clock reads the position for drift correction).
 * Units are in the names: frames or bytes.
 */
public interface AudioSink extends AutoCloseable
{
    /**
     * Opens the sink for a format. Called once, before the first {@link #write}.
     *
     * @param format the stream format of every later write.
     * @throws SinkUnavailableException if the device or file cannot be opened for it.
     */
    void open(StreamFormat format) throws SinkUnavailableException;

    /**
     * Writes PCM. May block to pace itself on the device; never allocates on the steady-state path.
     *
     * @param pcm    little-endian PCM in the opened format; read only during the call.
     * @param offset first byte.
     * @param length bytes, a whole number of frames.
     * @throws java.io.UncheckedIOException on an I/O error (file sinks).
     */
    void write(byte[] pcm, int offset, int length);

    /**
     * Frames accepted by {@link #write} so far.
     *
     * @return frames.
     */
    long framesWritten();

    /**
     * Frames the device has consumed (played) so far; equal to {@link #framesWritten()} for a file, following the
     * clock for a paced null sink.
     *
     * @return frames, never more than {@link #framesWritten()}.
     */
    long playbackPositionFrames();

    /**
     * Starvation episodes so far: times the device consumed everything written while it was running.
     *
     * @return episodes (not polls).
     */
    long underruns();

    /**
     * The device buffer actually obtained.
     *
     * @return frames; 0 for sinks without a buffer (files).
     */
    int bufferFrames();

    /**
     * A one-line description, e.g. {@code "javasound:default [default] buffer 1024 frames"}.
     *
     * @return the description.
     */
    String describe();

    /**
     * Lets what was written play out (bounded in time); no underrun is counted afterwards.
     */
    void drain();

    /** Releases the device or finishes the file. Idempotent. */
    @Override
    void close();
}

package dev.azalia.decode;

/**
 * A stream of interleaved 16-bit little-endian PCM frames the player plays: a decoded MP3 ({@link Mp3Decoder}) or
 * a WAV file's samples, unchanged.
 *
 * <p>Not thread-safe: owned by the application thread, which reads it and closes it.
 */
public interface AudioSource extends AutoCloseable
{
    /**
     * The sample rate.
     *
     * @return frames per second.
     */
    int sampleRate();

    /**
     * The channel count.
     *
     * @return channels per frame.
     */
    int channels();

    /**
     * Bytes of one frame (all channels).
     *
     * @return {@code channels() * 2}.
     */
    int frameSizeBytes();

    /**
     * The number of frames {@link #readFrames} will deliver in total, if known.
     *
     * @return frames, or -1 when unknown.
     */
    long totalFrames();

    /**
     * The format in a few words, e.g. {@code "MPEG-1 Layer III, 44100 Hz, stereo, 192 kbit/s"}.
     *
     * @return a short description.
     */
    String describe();

    /**
     * Frames delivered by {@link #readFrames} so far.
     *
     * @return frames.
     */
    long framesDecoded();

    /**
     * Reads up to {@code maxFrames} frames into {@code dst}.
     *
     * @param dst       the destination; {@code maxFrames * frameSizeBytes()} bytes from {@code offset} must fit.
     * @param offset    the byte offset in {@code dst}.
     * @param maxFrames the most frames to deliver; must be positive.
     * @return the frames written, at least 1; or -1 at the end of the stream (never 0).
     * @throws InputException when the input turns out corrupt.
     */
    int readFrames(byte[] dst, int offset, int maxFrames) throws InputException;

    /**
     * Releases the input. Idempotent.
     *
     * @throws InputException if closing fails.
     */
    @Override
    void close() throws InputException;
}

package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;

/**
 * A glitch detector: fed interleaved PCM in stream order, it reports what it found. Implementations are
 * {@code public final class}es confined to the feeding thread (a link handler thread, or the caller analysing a
 * file); {@link DetectorHandler} adapts one to the link ring.
 */
public interface GlitchDetector
{
    /**
     * Feeds the next frames of the stream. Allocates nothing on the steady path.
     *
     * @param pcm    interleaved little-endian PCM (16-bit, or 20/24/32-bit samples in 32-bit containers); read
     *               during the call only.
     * @param offset first byte in {@code pcm}.
     * @param frames how many frames.
     * @param format their format; must stay the same for the whole stream.
     * @throws IllegalArgumentException if the format is not supported or changes mid-stream.
     */
    void accept(byte[] pcm, int offset, int frames, StreamFormat format);

    /** Ends the stream: judges what is held back. Idempotent; later frames are ignored. */
    void finish();

    /**
     * What was found so far (complete after {@link #finish()}). Builds a new immutable report; not for the
     * real-time path.
     *
     * @return the report.
     */
    GlitchReport report();

    /**
     * A short name for reports, e.g. {@code "sine-lock"}.
     *
     * @return the name.
     */
    String name();
}

package dev.azalia.probe;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Finds where a reference starts in a recording, exactly: the reference's first non-silent window of frames is
 * searched for, byte for byte, in the recording; if it is not found (a glitch inside it), later windows are tried.
 * Works on bit-exact paths (a capture of the link, a WAV written elsewhere from the same PCM). Stateless.
 */
public final class Alignment
{
    /** Frames per window searched for. */
    public static final int WINDOW_FRAMES = 64;
    /** Windows tried, one after the other, before giving up. */
    public static final int MAX_WINDOWS = 32;

    private Alignment()
    {
    }

    /**
     * The offset of the reference in the recording.
     *
     * @param reference  the reference PCM, interleaved.
     * @param recording  the recording PCM, same format.
     * @param frameBytes bytes per frame.
     * @return {@code offset} such that recording frame {@code r + offset} is reference frame {@code r} (negative
     *         when the recording starts inside the reference), or empty if no window was found.
     */
    public static OptionalLong offsetFrames(final byte[] reference, final byte[] recording, final int frameBytes)
    {
        final int refFrames = reference.length / frameBytes;
        final int recFrames = recording.length / frameBytes;
        int first = 0;
        while (first < refFrames && Samples.zero(reference, first * frameBytes, frameBytes))
        {
            first++;
        }
        if (first == refFrames)
        {
            return OptionalLong.empty();
        }
        for (int w = 0; w < MAX_WINDOWS; w++)
        {
            final int start = first + w * WINDOW_FRAMES;
            final int length = Math.min(WINDOW_FRAMES, refFrames - start);
            if (length <= 0)
            {
                break;
            }
            final int found = find(reference, start, length, recording, recFrames, frameBytes);
            if (found >= 0)
            {
                return OptionalLong.of((long)found - start);
            }
        }
        return OptionalLong.empty();
    }

    private static int find(final byte[] reference, final int start, final int length, final byte[] recording,
        final int recFrames, final int frameBytes)
    {
        final int from = start * frameBytes;
        final int to = (start + length) * frameBytes;
        for (int p = 0; p + length <= recFrames; p++)
        {
            final int at = p * frameBytes;
            if (Arrays.equals(reference, from, to, recording, at, at + length * frameBytes))
            {
                return p;
            }
        }
        return -1;
    }
}

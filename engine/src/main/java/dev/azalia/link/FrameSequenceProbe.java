package dev.azalia.link;

import dev.azalia.hda.StreamFormat;

import java.util.Arrays;

/**
 * Checks, frame by frame, that the link delivers the reference exactly once and in order: the digital path is
 * bit-exact, so every arriving frame must equal the next reference frame.
 *
 * <p><b>Cost.</b> While the probe is in sync and holds nothing back, it compares each arriving chunk against the
 * reference in bulk ({@link ReferenceFrames#matchingFrames}) and only falls back to frame-by-frame judging from the
 * first frame that differs; a frame that matches is judged at once, a mismatching one waits for its look-ahead. The
 * verdicts are the same as judging every frame with the full look-ahead.
 *
 * <p><b>Alignment.</b> Reference frame 0 is the first frame the application wrote; the first
 * {@code offsetFrames} arriving DATA frames (e.g. a prefill before the application's audio) are not checked.
 *
 * <p><b>Resynchronisation.</b> On a mismatch between arrival {@code i} and reference frame {@code e}, the probe
 * searches for the smallest number {@code d} of arrivals to skip (0 to {@code maxCorruptFrames}) and then the
 * smallest shift {@code s} ({@code |s|} up to {@code windowFrames}, {@code +s} tried before {@code -s}) such that
 * the next {@code matchFrames} arrivals from {@code i + d} equal the reference from {@code e + d + s}. Then
 * {@code s > 0} frames were lost (a drop), {@code -s > 0} frames were duplicated (a repeat, or inserted frames),
 * and {@code min(d, d + s)} arrivals were wrong (e.g. a zero run over the audio). The probe holds back
 * {@code maxCorruptFrames + matchFrames} arrivals to have that look-ahead; {@link AudioEvent.Kind#END_OF_STREAM}
 * flushes them (with a shorter look-ahead at the very end) and counts reference frames that never arrived as lost.
 *
 * <p><b>Limits.</b> Only content is compared, so an error inside a region where the reference repeats itself
 * (silence, a constant, a waveform periodic within the window) is invisible where it happens: a frame dropped in
 * silence is reported as lost at the end of the silence (the counts stay right, the position is late), and zeros
 * written over silence are no error at all. With periodic content the smallest shift is chosen, which may
 * misattribute a drop of a whole period. A burst longer than {@code maxCorruptFrames} or a shift beyond the window
 * cannot be resynchronised: each frame is then counted as mismatched and the search is retried only after
 * {@code matchFrames} frames, doubling after each failed search up to {@code 256 * matchFrames} (content that stays
 * wrong, e.g. after a gain change, would otherwise cost a full search every few frames), and back to
 * {@code matchFrames} once a frame matches. Arrivals past the end of the reference are counted in
 * {@link #framesBeyondReference()}, not checked.
 *
 * <p><b>Error events.</b> An optional {@link ErrorListener} hears every error where it is found, with the arrival
 * and reference indices, so that a caller can report positions and kinds (see {@code dev.azalia.probe}).
 *
 * <p>Runs on its handler thread; counters may be read from any thread (volatile, single writer). Nothing is
 * allocated per event.
 */
public final class FrameSequenceProbe implements LinkHandler
{
    /**
     * Hears each error the probe finds, on the probe's thread, while it judges arrivals (up to
     * {@code maxCorruptFrames + matchFrames} arrivals after they were fed). Must not allocate on the steady path.
     */
    @FunctionalInterface
    public interface ErrorListener
    {
        /**
         * One error.
         *
         * @param arrivalIndex     the first arrival concerned, counted from 0 after the ignored offset frames.
         * @param referenceIndex   the reference frame that was expected at that arrival.
         * @param lostFrames       reference frames skipped (a drop), or missing at the end of stream.
         * @param duplicatedFrames arrivals repeated or inserted (a shift backwards).
         * @param wrongArrivals    arrivals from {@code arrivalIndex} on that matched nothing and were stepped over
         *                         before the lost or duplicated frames (e.g. a zero run); 1 for a frame that could
         *                         not be resynchronised.
         * @param endOfStream      whether this is the tail of the reference that never arrived.
         */
        void onError(long arrivalIndex, long referenceIndex, long lostFrames, long duplicatedFrames,
            long wrongArrivals, boolean endOfStream);
    }

    private static final ErrorListener NO_LISTENER = (a, r, l, d, w, end) ->
    {
    };

    /** Default search window: shifts up to this many frames either way. */
    public static final int DEFAULT_WINDOW_FRAMES = 4096;
    /** Default number of consecutive frames that must match to accept a resynchronisation. */
    public static final int DEFAULT_MATCH_FRAMES = 32;
    /** Default longest run of wrong frames that can be resynchronised across. */
    public static final int DEFAULT_MAX_CORRUPT_FRAMES = 64;
    /** The pause between failed searches doubles at most this many times. */
    private static final int MAX_BACKOFF_SHIFT = 8;

    private final ReferenceFrames reference;
    private final int frameBytes;
    private final long offsetFrames;
    private final int windowFrames;
    private final int matchFrames;
    private final int maxCorruptFrames;
    private final byte[] lookahead;
    private final long mask;
    private final byte[] scratch;
    private final ErrorListener listener;

    private long skipped;
    private long arrived;
    private long judged;
    private long expected;
    private long cooldownUntil;
    private int failedSearches;
    private boolean ended;

    private volatile long framesChecked;
    private volatile long framesLost;
    private volatile long framesDuplicated;
    private volatile long framesMismatched;
    private volatile long framesBeyondReference;
    private volatile long framesMissingAtEnd;
    private volatile long firstErrorFrame = -1L;

    /**
     * A probe against PCM held in memory, checking from the first arriving frame.
     *
     * @param referencePcm the frames the application wrote, interleaved little-endian; not copied.
     * @param format       their format.
     */
    public FrameSequenceProbe(final byte[] referencePcm, final StreamFormat format)
    {
        this(ReferenceFrames.of(referencePcm, format.frameBytes()), 0L);
    }

    /**
     * A probe with the default search parameters.
     *
     * @param reference    the expected frames.
     * @param offsetFrames arriving frames to ignore before reference frame 0.
     */
    public FrameSequenceProbe(final ReferenceFrames reference, final long offsetFrames)
    {
        this(reference, offsetFrames, DEFAULT_WINDOW_FRAMES, DEFAULT_MATCH_FRAMES, DEFAULT_MAX_CORRUPT_FRAMES);
    }

    /**
     * A probe with explicit search parameters.
     *
     * @param reference        the expected frames.
     * @param offsetFrames     arriving frames to ignore before reference frame 0.
     * @param windowFrames     largest shift searched either way, in frames.
     * @param matchFrames      consecutive frames that must match to resynchronise.
     * @param maxCorruptFrames longest run of wrong arrivals resynchronised across.
     */
    public FrameSequenceProbe(final ReferenceFrames reference, final long offsetFrames, final int windowFrames,
        final int matchFrames, final int maxCorruptFrames)
    {
        this(reference, offsetFrames, windowFrames, matchFrames, maxCorruptFrames, NO_LISTENER);
    }

    /**
     * A probe with explicit search parameters and a listener for each error.
     *
     * @param reference        the expected frames.
     * @param offsetFrames     arriving frames to ignore before reference frame 0.
     * @param windowFrames     largest shift searched either way, in frames.
     * @param matchFrames      consecutive frames that must match to resynchronise.
     * @param maxCorruptFrames longest run of wrong arrivals resynchronised across.
     * @param listener         hears each error on the probe's thread; not null.
     */
    public FrameSequenceProbe(final ReferenceFrames reference, final long offsetFrames, final int windowFrames,
        final int matchFrames, final int maxCorruptFrames, final ErrorListener listener)
    {
        if (null == listener)
        {
            throw new IllegalArgumentException("listener must not be null");
        }
        this.listener = listener;
        if (windowFrames < 1 || matchFrames < 1 || maxCorruptFrames < 0 || offsetFrames < 0)
        {
            throw new IllegalArgumentException("window and match must be positive, the rest non-negative");
        }
        this.reference = reference;
        this.frameBytes = reference.frameBytes();
        this.offsetFrames = offsetFrames;
        this.windowFrames = windowFrames;
        this.matchFrames = matchFrames;
        this.maxCorruptFrames = maxCorruptFrames;
        final int capacity = Integer.highestOneBit(maxCorruptFrames + matchFrames + 1) << 1;
        this.lookahead = new byte[capacity * frameBytes];
        this.mask = capacity - 1;
        this.scratch = new byte[frameBytes];
    }

    /** {@inheritDoc} Checks DATA frames; flushes on END_OF_STREAM. */
    @Override
    public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
    {
        if (AudioEvent.Kind.END_OF_STREAM == event.kind())
        {
            finish();
            return;
        }
        if (AudioEvent.Kind.DATA != event.kind() || ended)
        {
            return;
        }
        if (event.format().frameBytes() != frameBytes)
        {
            throw new IllegalStateException("frame of " + event.format().frameBytes() + " bytes, reference has "
                + frameBytes);
        }
        accept(event.pcm(), 0, event.frames());
    }

    /**
     * Feeds arriving frames directly (what {@link #onEvent} does for DATA events). Probe thread only.
     *
     * @param pcm    interleaved frames.
     * @param offset first byte.
     * @param frames how many frames.
     */
    public void accept(final byte[] pcm, final int offset, final int frames)
    {
        int f = 0;
        while (f < frames && skipped < offsetFrames)
        {
            skipped++;
            f++;
        }
        while (f < frames)
        {
            if (judged == arrived)
            {
                // in sync with nothing held back: take the matching run in bulk, one counter update for all of it
                final int run = reference.matchingFrames(expected, pcm, offset + f * frameBytes, frames - f);
                if (run > 0)
                {
                    failedSearches = 0;
                    arrived += run;
                    judged += run;
                    expected += run;
                    framesChecked = framesChecked + run;
                    f += run;
                    continue;
                }
            }
            System.arraycopy(pcm, offset + f * frameBytes, lookahead, slot(arrived), frameBytes);
            arrived++;
            f++;
            judgeHeldBack();
        }
    }

    /**
     * Judges held-back arrivals: at once while each one matches the frame expected (a match needs no look-ahead),
     * and a mismatching one only when {@code maxCorruptFrames + matchFrames} arrivals after it are here to search.
     * The verdicts are those of judging every arrival with the full look-ahead, only earlier.
     */
    private void judgeHeldBack()
    {
        final int holdBack = maxCorruptFrames + matchFrames;
        while (judged < arrived)
        {
            if (arrived - judged > holdBack)
            {
                judgeNext();
            }
            else if (matches(judged, expected))
            {
                failedSearches = 0;
                framesChecked = framesChecked + 1;
                judged++;
                expected++;
            }
            else
            {
                return;
            }
        }
    }

    /**
     * Judges every held-back arrival, then counts the reference frames that never arrived (from the next expected
     * one to the end of the reference) as lost. Idempotent; later arrivals are ignored. Probe thread only.
     */
    public void finish()
    {
        if (ended)
        {
            return;
        }
        while (judged < arrived)
        {
            judgeNext();
        }
        long missing = 0;
        while (reference.frameAt(expected + missing, scratch, 0))
        {
            missing++;
        }
        if (missing > 0)
        {
            noteError(expected);
            framesMissingAtEnd = missing;
            framesLost = framesLost + missing;
            listener.onError(arrived, expected, missing, 0L, 0L, true);
        }
        ended = true;
    }

    private int slot(final long arrival)
    {
        return (int)(arrival & mask) * frameBytes;
    }

    private boolean matches(final long arrival, final long referenceIndex)
    {
        if (referenceIndex < 0 || !reference.frameAt(referenceIndex, scratch, 0))
        {
            return false;
        }
        final int at = slot(arrival);
        return Arrays.equals(lookahead, at, at + frameBytes, scratch, 0, frameBytes);
    }

    private void judgeNext()
    {
        final long i = judged;
        final long e = expected;
        if (!reference.frameAt(e, scratch, 0))
        {
            framesBeyondReference = framesBeyondReference + 1;
            judged = i + 1;
            return;
        }
        final int at = slot(i);
        // scratch already holds reference frame e
        if (Arrays.equals(lookahead, at, at + frameBytes, scratch, 0, frameBytes))
        {
            failedSearches = 0;
            framesChecked = framesChecked + 1;
            judged = i + 1;
            expected = e + 1;
            return;
        }
        if (i >= cooldownUntil && resynchronise(i, e))
        {
            return;
        }
        noteError(e);
        listener.onError(i, e, 0L, 0L, 1L, false);
        framesMismatched = framesMismatched + 1;
        framesChecked = framesChecked + 1;
        judged = i + 1;
        expected = e + 1;
        if (i >= cooldownUntil)
        {
            cooldownUntil = i + ((long)matchFrames << Math.min(failedSearches, MAX_BACKOFF_SHIFT));
            failedSearches++;
        }
    }

    private boolean resynchronise(final long i, final long e)
    {
        for (int d = 0; d <= maxCorruptFrames; d++)
        {
            final long available = arrived - (i + d);
            if (available <= 0)
            {
                return false;
            }
            final int run = (int)Math.min(matchFrames, available);
            if (d > 0 && runMatches(i + d, e + d, run))
            {
                apply(i, e, d, 0);
                return true;
            }
            for (int m = 1; m <= windowFrames; m++)
            {
                if (runMatches(i + d, e + d + m, run))
                {
                    apply(i, e, d, m);
                    return true;
                }
                if (runMatches(i + d, e + d - m, run))
                {
                    apply(i, e, d, -m);
                    return true;
                }
            }
        }
        return false;
    }

    private boolean runMatches(final long arrival, final long referenceIndex, final int run)
    {
        for (int k = 0; k < run; k++)
        {
            if (!matches(arrival + k, referenceIndex + k))
            {
                return false;
            }
        }
        return true;
    }

    private void apply(final long i, final long e, final int d, final int shift)
    {
        failedSearches = 0;
        noteError(e);
        if (shift > 0)
        {
            framesLost = framesLost + shift;
        }
        else if (shift < 0)
        {
            framesDuplicated = framesDuplicated - shift;
        }
        listener.onError(i, e, Math.max(0, shift), Math.max(0, -shift), d, false);
        framesMismatched = framesMismatched + Math.max(0, Math.min(d, d + shift));
        framesChecked = framesChecked + d;
        judged = i + d;
        expected = e + d + shift;
    }

    private void noteError(final long referenceIndex)
    {
        if (firstErrorFrame < 0)
        {
            firstErrorFrame = referenceIndex;
        }
    }

    /**
     * Arrivals compared with the reference.
     *
     * @return frames.
     */
    public long framesChecked()
    {
        return framesChecked;
    }

    /**
     * Reference frames that never arrived (drops, and the tail missing at the end of stream).
     *
     * @return frames.
     */
    public long framesLost()
    {
        return framesLost;
    }

    /**
     * Arrivals that repeated earlier reference frames or were inserted.
     *
     * @return frames.
     */
    public long framesDuplicated()
    {
        return framesDuplicated;
    }

    /**
     * Arrivals that replaced a reference frame with wrong content (e.g. a zero run).
     *
     * @return frames.
     */
    public long framesMismatched()
    {
        return framesMismatched;
    }

    /**
     * Arrivals after the end of the reference (not checked).
     *
     * @return frames.
     */
    public long framesBeyondReference()
    {
        return framesBeyondReference;
    }

    /**
     * The part of {@link #framesLost()} that was missing at the end of stream.
     *
     * @return frames.
     */
    public long framesMissingAtEnd()
    {
        return framesMissingAtEnd;
    }

    /**
     * The reference index where the first error was found.
     *
     * @return a frame index, or -1 if none.
     */
    public long firstErrorFrame()
    {
        return firstErrorFrame;
    }

    /**
     * Whether no error of any kind was found so far.
     *
     * @return true if clean.
     */
    public boolean clean()
    {
        return 0 == framesLost && 0 == framesDuplicated && 0 == framesMismatched;
    }

    /** {@inheritDoc} Never: it only compares frames. */
    @Override
    public boolean blocks()
    {
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "frame-sequence";
    }
}

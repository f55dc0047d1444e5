package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;
import dev.azalia.link.FrameSequenceProbe;
import dev.azalia.link.ReferenceFrames;

/**
 * Bit-exact comparison against the known source, for the digital path: wraps a
 * {@link FrameSequenceProbe} (its resynchronising search finds drops, duplicates and wrong runs) and turns each
 * error it reports into a positioned {@link Glitch}: {@link Glitch.Kind#DROP}, {@link Glitch.Kind#DUPLICATE},
 * {@link Glitch.Kind#ZERO_RUN} (wrong arrivals that are all zero), {@link Glitch.Kind#CORRUPT} (other wrong content,
 * e.g. a gain change) and {@link Glitch.Kind#MISSING_TAIL}. Positions are frame indices in the analysed stream
 * (arrivals, counted from the first frame fed, including ignored leading frames).
 *
 * <p>Catches every single dropped, duplicated or zeroed frame whose content differs from its neighbours (see the
 * probe's limits for silence and periodic content). Confined to the feeding thread; nothing allocated per chunk.
 */
public final class ReferenceDetector implements GlitchDetector
{
    private static final int ZERO_RING = 512;

    private final FrameSequenceProbe probe;
    private final GlitchLog log;
    private final long leadFrames;
    private final int frameBytes;
    private final boolean[] zeroRing = new boolean[ZERO_RING];
    private long fed;
    private boolean finished;

    /**
     * A detector against PCM in memory, checking from the first frame fed.
     *
     * @param referencePcm the expected frames, interleaved; not copied, must not change.
     * @param format       their format.
     */
    public ReferenceDetector(final byte[] referencePcm, final StreamFormat format)
    {
        this(ReferenceFrames.of(referencePcm, format.frameBytes()), format.sampleRate(), 0L, new GlitchLog());
    }

    /**
     * A detector with an alignment.
     *
     * @param reference    the expected frames.
     * @param sampleRate   frames per second (for milliseconds).
     * @param offsetFrames where reference frame 0 is in the analysed stream: positive, the first
     *                     {@code offsetFrames} frames fed precede the reference and are not checked; negative, the
     *                     stream starts at reference frame {@code -offsetFrames}.
     * @param log          where glitches are recorded (its kept-glitch limit and filter apply).
     */
    public ReferenceDetector(final ReferenceFrames reference, final int sampleRate, final long offsetFrames,
        final GlitchLog log)
    {
        this.frameBytes = reference.frameBytes();
        this.log = log;
        log.sampleRate(sampleRate);
        this.leadFrames = Math.max(0L, offsetFrames);
        final ReferenceFrames view = offsetFrames >= 0 ? reference : shifted(reference, -offsetFrames);
        this.probe = new FrameSequenceProbe(view, leadFrames, FrameSequenceProbe.DEFAULT_WINDOW_FRAMES,
            FrameSequenceProbe.DEFAULT_MATCH_FRAMES, FrameSequenceProbe.DEFAULT_MAX_CORRUPT_FRAMES, this::onError);
    }

    private static ReferenceFrames shifted(final ReferenceFrames reference, final long skip)
    {
        return new ReferenceFrames()
        {
            @Override
            public int frameBytes()
            {
                return reference.frameBytes();
            }

            @Override
            public boolean frameAt(final long index, final byte[] dst, final int off)
            {
                return index >= 0 && reference.frameAt(index + skip, dst, off);
            }

            @Override
            public int matchingFrames(final long index, final byte[] src, final int off, final int frames)
            {
                return index >= 0 ? reference.matchingFrames(index + skip, src, off, frames) : 0;
            }
        };
    }

    /** {@inheritDoc} */
    @Override
    public void accept(final byte[] pcm, final int offset, final int frames, final StreamFormat format)
    {
        if (finished)
        {
            return;
        }
        if (format.frameBytes() != frameBytes)
        {
            throw new IllegalArgumentException("frames of " + format.frameBytes() + " bytes, reference has "
                + frameBytes);
        }
        for (int f = 0; f < frames; f++)
        {
            // the probe judges an arrival at most maxCorrupt + match (96) frames after it was fed: the ring of
            // zero flags covers that look-back
            final int at = offset + f * frameBytes;
            zeroRing[(int)(fed % ZERO_RING)] = Samples.zero(pcm, at, frameBytes);
            probe.accept(pcm, at, 1);
            fed++;
        }
        log.analyzed(frames);
    }

    private void onError(final long arrival, final long referenceIndex, final long lost, final long duplicated,
        final long wrong, final boolean endOfStream)
    {
        final long at = arrival + leadFrames;
        if (endOfStream)
        {
            log.record(at, Glitch.Kind.MISSING_TAIL, lost);
            return;
        }
        boolean zeros = wrong > 0;
        for (long k = 0; k < wrong && zeros; k++)
        {
            zeros = at + k > fed - ZERO_RING && zeroRing[(int)((at + k) % ZERO_RING)];
        }
        if (duplicated > 0 && wrong <= duplicated)
        {
            // the wrong arrivals were inserted, they replaced nothing
            if (zeros)
            {
                log.recordOrExtend(at, Glitch.Kind.ZERO_RUN, wrong);
                if (duplicated > wrong)
                {
                    log.record(at + wrong, Glitch.Kind.DUPLICATE, duplicated - wrong);
                }
            }
            else
            {
                log.record(at, Glitch.Kind.DUPLICATE, duplicated);
            }
            return;
        }
        if (wrong > 0)
        {
            log.recordOrExtend(at, zeros ? Glitch.Kind.ZERO_RUN : Glitch.Kind.CORRUPT, wrong);
        }
        if (lost > 0)
        {
            log.record(at + wrong, Glitch.Kind.DROP, lost);
        }
    }

    /** {@inheritDoc} Judges the held-back frames and counts a reference tail that never arrived. */
    @Override
    public void finish()
    {
        if (!finished)
        {
            finished = true;
            probe.finish();
        }
    }

    /** {@inheritDoc} */
    @Override
    public GlitchReport report()
    {
        return log.report(name());
    }

    /**
     * The wrapped probe, for its raw counters.
     *
     * @return the probe.
     */
    public FrameSequenceProbe probe()
    {
        return probe;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "reference";
    }
}

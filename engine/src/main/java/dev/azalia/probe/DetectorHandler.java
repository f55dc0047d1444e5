package dev.azalia.probe;

import dev.azalia.link.AudioEvent;
import dev.azalia.link.LinkHandler;

/**
 * Makes a {@link GlitchDetector} a {@link LinkHandler}: DATA events are fed to the detector, END_OF_STREAM finishes
 * it and publishes its final report. Other markers are ignored.
 *
 * <p>Runs on the handler's thread; {@link #finalReport()} may be read from any thread (a volatile write of the
 * finished report on the handler thread pairs with the volatile read).
 */
public final class DetectorHandler implements LinkHandler
{
    private final GlitchDetector detector;
    private volatile GlitchReport finalReport;

    /**
     * An adapter.
     *
     * @param detector the detector; owned by this handler from now on (fed on its thread only).
     */
    public DetectorHandler(final GlitchDetector detector)
    {
        if (null == detector)
        {
            throw new IllegalArgumentException("detector must not be null");
        }
        this.detector = detector;
    }

    /** {@inheritDoc} Feeds DATA; finishes on END_OF_STREAM. */
    @Override
    public void onEvent(final AudioEvent event, final long sequence, final boolean endOfBatch)
    {
        if (AudioEvent.Kind.END_OF_STREAM == event.kind())
        {
            finishOnce();
            return;
        }
        if (AudioEvent.Kind.DATA == event.kind() && event.frames() > 0 && null == finalReport)
        {
            detector.accept(event.pcm(), 0, event.frames(), event.format());
        }
    }

    /** {@inheritDoc} Finishes the detector if no END_OF_STREAM came. */
    @Override
    public void onShutdown()
    {
        finishOnce();
    }

    private void finishOnce()
    {
        if (null == finalReport)
        {
            detector.finish();
            finalReport = detector.report();
        }
    }

    /**
     * The detector's report once the stream ended (END_OF_STREAM or ring shutdown).
     *
     * @return the report, or null while the stream runs.
     */
    public GlitchReport finalReport()
    {
        return finalReport;
    }

    /** {@inheritDoc} Never: it only feeds a detector. */
    @Override
    public boolean blocks()
    {
        return false;
    }

    /** {@inheritDoc} The detector's name. */
    @Override
    public String name()
    {
        return detector.name();
    }
}

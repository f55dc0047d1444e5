package dev.azalia.testbed;

/** A {@link ProgressListener} that shows nothing. Stateless and thread-safe. */
public final class SilentProgress implements ProgressListener
{
    /** The shared instance. */
    public static final SilentProgress INSTANCE = new SilentProgress();

    private SilentProgress()
    {
    }

    /** {@inheritDoc} */
    @Override
    public void onProgress(final long framesPlayed, final long totalFrames, final long xruns, final long underruns)
    {
        // nothing to show
    }

    /** {@inheritDoc} */
    @Override
    public void onFinish()
    {
        // nothing to release
    }
}

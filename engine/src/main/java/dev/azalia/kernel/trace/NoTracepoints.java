package dev.azalia.kernel.trace;

/**
 * The disabled recorder behind {@link Tracepoints#off()}: every event is a no-op. Stateless and thread-safe.
 */
enum NoTracepoints implements Tracepoints
{
    /** The only instance. */
    INSTANCE;

    @Override
    public boolean enabled()
    {
        return false;
    }

    @Override
    public void hdaSendCmd(final String device, final int verb)
    {
    }

    @Override
    public void hdaGetResponse(final String device, final int codecAddress, final int response)
    {
    }

    @Override
    public void azxPcmOpen(final int streamTag)
    {
    }

    @Override
    public void azxPcmHwParams(final int streamTag)
    {
    }

    @Override
    public void azxPcmPrepare(final int streamTag)
    {
    }

    @Override
    public void azxPcmClose(final int streamTag)
    {
    }

    @Override
    public void azxPcmTrigger(final int card, final int streamIndex, final int cmd)
    {
    }

    @Override
    public void streamStart(final int streamTag)
    {
    }

    @Override
    public void streamStop(final int streamTag)
    {
    }

    @Override
    public void azxGetPosition(final int card, final int streamIndex, final int posBytes, final int delayFrames)
    {
    }

    @Override
    public void azxSuspend(final int card)
    {
    }

    @Override
    public void azxResume(final int card)
    {
    }

    @Override
    public void azxRuntimeSuspend(final int card)
    {
    }

    @Override
    public void azxRuntimeResume(final int card)
    {
    }

    @Override
    public void mark(final String text)
    {
    }

    @Override
    public long appendFailures()
    {
        return 0;
    }
}

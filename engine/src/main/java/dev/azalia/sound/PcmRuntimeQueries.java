package dev.azalia.sound;

/**
 * The read-only queries of a playback substream's runtime: its hardware parameters and DMA buffer, the pointers
 * and the counters (each a locked read through {@code PcmStatus}, see {@link PcmSubstream} for the locks). Sealed:
 * {@link PcmSubstream} is its only subclass, and callers see these methods as the substream's own.
 */
abstract sealed class PcmRuntimeQueries permits PcmSubstream
{
    /** The substream's setup part (hardware parameters, buffer). */
    abstract PcmSetup setup();

    /** The substream's locked reads of pointers and counters. */
    abstract PcmStatus status();

    /** The substream's states and transitions. */
    abstract PcmStateMachine stateMachine();

    /**
     * The current hardware parameters.
     *
     * @return the parameters, or null before {@link PcmSubstream#hwParams(HwParams)} or after
     *         {@link PcmSubstream#hwFree()}.
     */
    public HwParams hwParams()
    {
        return setup().params();
    }

    /**
     * The bus address of the DMA ring buffer in host memory.
     *
     * @return the address, page aligned; 0 before the first {@link PcmSubstream#hwParams(HwParams)}.
     */
    public long dmaAddress()
    {
        return setup().dmaAddress();
    }

    /**
     * The size of the allocated DMA ring buffer.
     *
     * @return bytes; 0 before the first {@link PcmSubstream#hwParams(HwParams)}.
     */
    public int bufferBytes()
    {
        return setup().bufferBytes();
    }

    /**
     * The pointer boundary (see the class comment).
     *
     * @return frames; 0 before {@link PcmSubstream#hwParams(HwParams)}.
     */
    public long boundary()
    {
        return status().boundary();
    }

    /**
     * What the hardware has played.
     *
     * @return frames modulo {@link #boundary()}.
     */
    public long hwPtr()
    {
        return status().hwPtr();
    }

    /**
     * {@return {@link #hwPtr()} read without the stream lock}, as {@code azx_position_ok} reads it under the bus
     * lock (a writer holding the stream lock may be triggering); the last completed update's pointer. Any thread.
     */
    public long hwPtrUnlocked()
    {
        return status().hwPtrUnlocked();
    }

    /**
     * What the application has written.
     *
     * @return frames modulo {@link #boundary()}.
     */
    public long applPtr()
    {
        return status().applPtr();
    }

    /**
     * Room in the ring for the application (playback avail), from the last known {@code hw_ptr}.
     *
     * @return frames, normally {@code 0 .. bufferFrames}.
     */
    public long availFrames()
    {
        return status().availFrames();
    }

    /**
     * Frames written but not yet played (playback {@code hw_avail}), from the last known {@code hw_ptr}.
     *
     * @return frames; 0 before {@link PcmSubstream#hwParams(HwParams)}.
     */
    public long delayFrames()
    {
        return status().delayFrames();
    }

    /**
     * Total hardware progress since the last prepare; unlike {@link #hwPtr()} it never wraps.
     *
     * @return frames.
     */
    public long framesPlayed()
    {
        return status().framesPlayed();
    }

    /**
     * How many xruns happened since open.
     *
     * @return the count.
     */
    public long xruns()
    {
        return status().xruns();
    }

    /**
     * How many {@link PcmSubstream#periodElapsed()} calls found the stream running or draining, since open.
     *
     * @return the count.
     */
    public long periodsElapsed()
    {
        return status().periodsElapsed();
    }

    /**
     * How many interrupts found the position more than 1.5 periods ahead ("Lost interrupts?"), since open.
     *
     * @return the count.
     */
    public long lostInterrupts()
    {
        return status().lostInterrupts();
    }

    /**
     * How many updates found the position further ahead than the elapsed time allows ("hw_ptr skipping"); only
     * checked with {@link PcmSubstream#setXrunDebug(boolean)}.
     *
     * @return the count since open.
     */
    public long hwPtrSkips()
    {
        return status().hwPtrSkips();
    }

    /**
     * Whether a STOP or SUSPEND was issued and not yet synced ({@code runtime->stop_operating}).
     *
     * @return true until the next sync-stop.
     */
    public boolean stopOperating()
    {
        return stateMachine().stopOperating();
    }
}

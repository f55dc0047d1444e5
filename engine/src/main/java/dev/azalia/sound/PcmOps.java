package dev.azalia.sound;

/**
 * The driver side of a PCM device ({@code snd_pcm_ops}). Every method may throw {@link SoundException}.
 *
 * <p>Locking, as in ALSA: {@link #trigger} and {@link #pointer} are called with the stream lock held
 * ({@link #pointer} also from {@link PcmSubstream#periodElapsed()} on the interrupt thread), so they must not
 * block for long and must not call back into a blocking file operation. All other methods are called from the
 * application (or quiesce) thread without the stream lock, and only after {@link #syncStop} (or the card's sync
 * irq) guaranteed that no interrupt handler that may call {@code periodElapsed} is still in flight for this stream.
 */
public interface PcmOps
{
    /** What {@link #pointer} returns to report an xrun ({@code SNDRV_PCM_POS_XRUN}). */
    long POS_XRUN = -1L;

    /**
     * The substream is being opened.
     *
     * @param s the substream.
     */
    void open(PcmSubstream s);

    /**
     * The substream is being closed (after {@link #hwFree} if parameters were set).
     *
     * @param s the substream.
     */
    void close(PcmSubstream s);

    /**
     * Hardware parameters were set; the DMA buffer is already allocated ({@link PcmSubstream#dmaAddress()}).
     *
     * @param s the substream.
     * @param p the validated parameters.
     */
    void hwParams(PcmSubstream s, HwParams p);

    /**
     * Release what {@link #hwParams} set up.
     *
     * @param s the substream.
     */
    void hwFree(PcmSubstream s);

    /**
     * Program the stream (position back to 0) so that a {@link TriggerCommand#START} can follow.
     *
     * @param s the substream.
     */
    void prepare(PcmSubstream s);

    /**
     * Start, stop, pause, suspend or resume the DMA. Called under the stream lock.
     *
     * @param s   the substream.
     * @param cmd the command.
     */
    void trigger(PcmSubstream s, TriggerCommand cmd);

    /**
     * The current hardware position. Called under the stream lock, also on the interrupt thread; must not
     * allocate.
     *
     * @param s the substream.
     * @return the position in frames within the buffer, {@code 0 .. bufferFrames-1}, or {@link #POS_XRUN}.
     */
    long pointer(PcmSubstream s);

    /**
     * Whether this driver implements {@link #syncStop}; if not, the core runs the card's sync irq
     * ({@link Card#setSyncIrq}) instead.
     *
     * @return false by default.
     */
    default boolean hasSyncStop()
    {
        return false;
    }

    /**
     * Wait until no interrupt handler that may call {@link PcmSubstream#periodElapsed()} for this stream is in
     * flight. Called without the stream lock after a STOP or SUSPEND, before hw_params, prepare, hw_free and close.
     *
     * @param s the substream.
     */
    default void syncStop(final PcmSubstream s)
    {
    }
}

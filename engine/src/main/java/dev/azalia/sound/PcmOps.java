package dev.azalia.sound;

/**
 * The driver side of a PCM device ({@code snd_pcm_ops}). Every method may throw {@link SoundException}.
 *
 * <p>Locking, as in ALSA: {@link #trigger} and {@link #pointer} are called with the stream lock held
 * ({@link #pointer} also from {@link PcmSubstream#periodElapsed()} on the interrupt thread), so they must not
 * block for long and must not call back into a blocking file operation. {@link #copy} is called on the application
 * thread without it, while no buffer change runs. All other methods are called from the
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

    /**
     * Whether this driver copies written frames into its buffer itself ({@code copy_user}); if not (the HDA
     * driver does not), the core copies them into the DMA buffer.
     *
     * @return false by default.
     */
    default boolean hasCopy()
    {
        return false;
    }

    /**
     * Copies written frames into the buffer ({@code copy_user}, channel 0: interleaved). Called from
     * {@link PcmSubstream#writei} on the application thread without the stream lock, so the interrupt handler, a
     * suspend or a stop may run meanwhile; the core checks the state again afterwards. Never called while
     * {@code hw_params}, {@code hw_free} or prepare run.
     *
     * @param s           the substream.
     * @param offsetBytes where in the buffer, in bytes from its start; the copy does not wrap.
     * @param src         the application's frames.
     * @param srcOffset   the first byte in {@code src}.
     * @param bytes       how many bytes.
     * @throws SoundException when the copy fails (the write then ends with it, or with the frames copied before).
     */
    default void copy(final PcmSubstream s, final long offsetBytes, final byte[] src, final int srcOffset,
        final int bytes)
    {
        throw new UnsupportedOperationException("copy is not implemented by this driver");
    }
}

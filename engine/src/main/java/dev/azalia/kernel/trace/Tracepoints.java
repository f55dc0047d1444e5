package dev.azalia.kernel.trace;

/**
 * The driver's tracepoints, named and with the arguments of Linux 6.1's {@code hda:*} and {@code hda_controller:*}
 * trace events. A driver calls the method where Linux emits the event; the recorder decides what happens.
 *
 * <p>Contract for implementations: thread-safe (called from the workqueue, the application and the interrupt
 * handler), never throw into the caller, and when off return before allocating anything (the position event runs
 * every period).
 */
public interface Tracepoints
{
    /**
     * The disabled recorder: every method returns at once.
     *
     * @return the shared disabled instance.
     */
    static Tracepoints off()
    {
        return NoTracepoints.INSTANCE;
    }

    /**
     * Whether events are recorded (callers may skip computing arguments when not).
     *
     * @return true if enabled.
     */
    boolean enabled();

    /**
     * {@code hda_send_cmd}: a verb is about to be written to the CORB (or the immediate command interface).
     *
     * @param device the controller's PCI name, e.g. {@code 0000:00:1b.0}.
     * @param verb   the 32-bit verb; its top four bits are the codec address.
     */
    void hdaSendCmd(String device, int verb);

    /**
     * {@code hda_get_response}: the driver took a codec's response.
     *
     * @param device       the controller's PCI name.
     * @param codecAddress the codec address (0..15).
     * @param response     the 32-bit response.
     */
    void hdaGetResponse(String device, int codecAddress, int response);

    /**
     * {@code azx_pcm_open}: a substream got its stream descriptor.
     *
     * @param streamTag the stream's tag.
     */
    void azxPcmOpen(int streamTag);

    /**
     * {@code azx_pcm_hw_params}.
     *
     * @param streamTag the stream's tag.
     */
    void azxPcmHwParams(int streamTag);

    /**
     * {@code azx_pcm_prepare}.
     *
     * @param streamTag the stream's tag.
     */
    void azxPcmPrepare(int streamTag);

    /**
     * {@code azx_pcm_close}.
     *
     * @param streamTag the stream's tag.
     */
    void azxPcmClose(int streamTag);

    /**
     * {@code azx_pcm_trigger}.
     *
     * @param card        the card number.
     * @param streamIndex the stream descriptor's index.
     * @param cmd         the {@code SNDRV_PCM_TRIGGER_*} number (STOP 0, START 1, PAUSE_PUSH 3, PAUSE_RELEASE 4,
     *                    SUSPEND 5, RESUME 6).
     */
    void azxPcmTrigger(int card, int streamIndex, int cmd);

    /**
     * {@code snd_hdac_stream_start}.
     *
     * @param streamTag the stream's tag.
     */
    void streamStart(int streamTag);

    /**
     * {@code snd_hdac_stream_stop}.
     *
     * @param streamTag the stream's tag.
     */
    void streamStop(int streamTag);

    /**
     * {@code azx_get_position}: the PCM pointer op's answer.
     *
     * @param card        the card number.
     * @param streamIndex the stream descriptor's index.
     * @param posBytes    the position in the buffer, in bytes.
     * @param delayFrames the delay reported beside it, in frames.
     */
    void azxGetPosition(int card, int streamIndex, int posBytes, int delayFrames);

    /**
     * {@code azx_suspend}: the controller's system suspend finished.
     *
     * @param card the card number.
     */
    void azxSuspend(int card);

    /**
     * {@code azx_resume}: the controller's system resume finished.
     *
     * @param card the card number.
     */
    void azxResume(int card);

    /**
     * {@code azx_runtime_suspend}: the controller runtime-suspended.
     *
     * @param card the card number.
     */
    void azxRuntimeSuspend(int card);

    /**
     * {@code azx_runtime_resume}: the controller runtime-resumed.
     *
     * @param card the card number.
     */
    void azxRuntimeResume(int card);

    /**
     * A marker (what {@code echo text > trace_marker} records as {@code tracing_mark_write}).
     *
     * @param text the text, one line.
     */
    void mark(String text);

    /**
     * How many lines the output failed to take (dropped, never thrown).
     *
     * @return the count; 0 when off.
     */
    long appendFailures();
}

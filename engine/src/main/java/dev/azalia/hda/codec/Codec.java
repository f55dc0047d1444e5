package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;

/**
 * A codec on the HD-Audio link, as the controller sees it: it answers verbs, receives stream data for the
 * converters bound to a stream tag, and can send unsolicited responses.
 *
 * <p>Threading: {@link #execute} is called by the controller while it processes the CORB or the immediate command
 * interface (from whichever thread wrote the register that started processing); {@link #streamData} from the link
 * clock thread. Implementations are thread-safe.
 */
public interface Codec
{
    /**
     * The codec's address on the link (CAd, the SDIN line it answers on).
     *
     * @return 0 ... 14.
     */
    int address();

    /**
     * Connects the codec to the controller's response path, for unsolicited responses.
     *
     * @param bus the controller side; null detaches.
     */
    void attach(CodecBus bus);

    /**
     * Executes one verb and returns its response. Every verb addressed to a present codec gets exactly one
     * response; a verb the codec does not implement answers 0.
     *
     * @param verb the 32-bit command: CAd [31:28], NID [27:20], verb and payload [19:0].
     * @return the 32-bit solicited response.
     */
    int execute(int verb);

    /**
     * Link reset (the controller's CRST went to 0) or SET_CODEC_RESET: every widget returns to its power-on state.
     */
    void reset();

    /**
     * Output stream data for the converters whose stream tag is {@code streamTag}: the codec applies its amps
     * and hands the samples to its DAC output.
     *
     * @param streamTag   the stream tag (1 ... 15) of the SDO stream that fetched the data.
     * @param format      the stream's format (SDnFMT).
     * @param data        the fetched bytes, little-endian PCM; valid only during the call.
     * @param offset      first byte in {@code data}.
     * @param length      bytes, a whole number of frames.
     * @param nanos       link clock time at which the data was fetched.
     */
    void streamData(int streamTag, StreamFormat format, byte[] data, int offset, int length, long nanos);
}

package dev.azalia.conformance;

/**
 * The stream a capture's play set up, read from its registers. Immutable.
 *
 * @param streamIndex   the descriptor used ({@code 4}: SD4, the first output stream on ICH9).
 * @param streamTag     the tag written to SDnCTL bits 23..20 (0 when the trace does not show it).
 * @param formatWord    the SDnFMT word.
 * @param rateHz        the sample rate.
 * @param bits          bits per sample.
 * @param channels      channels.
 * @param bufferBytes   SDnCBL.
 * @param lastValidIndex SDnLVI.
 * @param periods       periods in the buffer.
 * @param periodFrames  frames per period: {@code bufferBytes / periods / frame size}.
 * @param leadEntry     whether the BDL has Linux's {@code bdl_pos_adj} lead entry (then periods = LVI, else
 *                      LVI + 1).
 */
public record StreamParameters(int streamIndex, int streamTag, int formatWord, int rateHz, int bits, int channels,
    long bufferBytes, int lastValidIndex, int periods, long periodFrames, boolean leadEntry)
{
}

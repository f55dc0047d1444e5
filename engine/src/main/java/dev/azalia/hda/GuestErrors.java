package dev.azalia.hda;

import dev.azalia.log.KernelLog;

/**
 * What a guest driver did that the device refused or dropped: a DMA that reached no RAM (a master abort), a stream
 * descriptor refused at RUN, a nested access into the device, a clock jump cut short. Each kind is counted; the first
 * occurrence of a kind is logged as one warning line and later ones are only counted, so a guest that repeats an
 * error cannot flood the log. Never throws.
 *
 * <p>Threading: thread-safe (its methods are synchronized); called with or without the device lock. Allocates only
 * when it logs (the first time per kind).
 */
final class GuestErrors
{
    /** The kinds of guest error, each with the text of its one log line. */
    enum Kind
    {
        /** A register access or a DMA step entered from inside the device (a codec, the link timer). */
        REENTRANT_ACCESS("blocked re-entrant access to the controller"),
        /** A response written to an RIRB address outside RAM: dropped, RIRBOIS. */
        RIRB_DMA_ABORT("RIRB write outside RAM, response dropped"),
        /** A verb fetched from a CORB address outside RAM: not sent, CMEI, the CORB engine stopped. */
        CORB_DMA_ABORT("CORB fetch outside RAM, CORB stopped"),
        /** A DMA position buffer write outside RAM: dropped. */
        POSBUF_DMA_ABORT("position buffer write outside RAM, dropped"),
        /** A stream's buffer DMA outside RAM: FIFOE, the stream stops moving data. */
        BUFFER_DMA_ABORT("stream buffer DMA outside RAM, FIFO error"),
        /** A stream refused at RUN 0 to 1 (a bad BDL, CBL, tag or format): DESE. */
        BAD_DESCRIPTOR("stream descriptor refused at RUN"),
        /** A clock step owing more than the per-step bound: the excess skipped. */
        CLOCK_JUMP("link clock jump cut to the per-step bound");

        private final String text;

        Kind(final String text)
        {
            this.text = text;
        }
    }

    private static final String LOG_SOURCE = "intel-hda";

    private final KernelLog log;
    private final long[] counts = new long[Kind.values().length];
    private long total;

    /**
     * Errors logged to {@code log}.
     *
     * @param log the device's log.
     */
    GuestErrors(final KernelLog log)
    {
        this.log = log;
    }

    /**
     * Counts one error; logs it if it is the first of its kind.
     *
     * @param kind   the kind.
     * @param stream the stream descriptor index it concerns, or -1.
     * @param value  a value to show (an address, a register), logged in hex.
     */
    synchronized void report(final Kind kind, final int stream, final long value)
    {
        total++;
        if (counts[kind.ordinal()]++ == 0)
        {
            final String where = stream < 0 ? "" : " (SD" + stream + ")";
            log.warn(LOG_SOURCE, kind.text + where + ": 0x" + Long.toHexString(value) + "; later ones only counted");
        }
    }

    /**
     * How many errors of a kind were reported.
     *
     * @param kind the kind.
     * @return the count since creation.
     */
    synchronized long count(final Kind kind)
    {
        return counts[kind.ordinal()];
    }

    /**
     * How many errors were reported, of every kind.
     *
     * @return the count since creation.
     */
    synchronized long total()
    {
        return total;
    }
}

package dev.azalia.hda.codec;

/**
 * The controller side of the link as a codec sees it: where unsolicited responses go.
 *
 * <p>Thread-safe; called from whichever thread made the codec emit (a jack event, a verb).
 */
public interface CodecBus
{
    /**
     * Queues an unsolicited response from a codec into the RIRB (flagged as unsolicited in the extended word).
     *
     * @param codecAddress the emitting codec's CAd.
     * @param response     the 32-bit response: tag [31:26], subtag [25:21], payload.
     */
    void unsolicited(int codecAddress, int response);
}

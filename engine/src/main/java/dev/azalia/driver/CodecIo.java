package dev.azalia.driver;

/**
 * Sends one verb to a node of one codec and returns the response ({@code snd_hda_codec_read}). Implementations
 * serialise verbs through the bus's command transport.
 */
@FunctionalInterface
interface CodecIo
{
    /**
     * Executes a verb.
     *
     * @param nid     the node.
     * @param verb    the verb id (12-bit, or 4-bit for the long-payload verbs).
     * @param payload the payload.
     * @return the response.
     * @throws dev.azalia.sound.SoundException if the codec cannot be reached.
     */
    int exec(int nid, int verb, int payload);
}

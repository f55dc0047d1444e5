package dev.azalia.hda.codec;

/**
 * The node state of an emulated codec as its verbs see it: executes one decoded verb on one node.
 *
 * <p>Not thread-safe: the owning {@link CodecPort} calls it under the codec's lock.
 */
public interface NodeVerbs
{
    /**
     * Executes a verb.
     *
     * @param nid     the node id 0 ... 255.
     * @param verbId  the 12-bit or 4-bit verb id.
     * @param payload the 8-bit or 16-bit payload.
     * @return the response; 0 for a verb the node does not implement or a node that does not exist.
     */
    int execute(int nid, int verbId, int payload);

    /**
     * Verbs answered with 0 because the node does not exist or does not implement the verb.
     *
     * @return count since creation.
     */
    long unknownVerbs();
}

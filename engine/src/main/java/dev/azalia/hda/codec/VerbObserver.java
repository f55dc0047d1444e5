package dev.azalia.hda.codec;

/**
 * Sees every verb a codec executes and its response (a verb trace, a test's recorder).
 *
 * <p>Called on the thread that executes the verb, under the codec's lock: implementations must be quick and must not
 * call back into the codec.
 */
@FunctionalInterface
public interface VerbObserver
{
    /** Observes nothing. */
    VerbObserver NONE = (verb, response) -> { };

    /**
     * One verb was executed.
     *
     * @param verb     the 32-bit command word.
     * @param response the codec's response.
     */
    void onVerb(int verb, int response);
}

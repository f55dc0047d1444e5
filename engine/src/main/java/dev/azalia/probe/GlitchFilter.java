package dev.azalia.probe;

/**
 * Decides whether a glitch a detector found is reported, e.g. to discount a zero run that is already in the
 * reference. Called on the detector's thread when the glitch is recorded; must not allocate on the steady path.
 */
@FunctionalInterface
public interface GlitchFilter
{
    /** Keeps everything. */
    GlitchFilter ALL = (frameIndex, kind, frames) -> true;

    /**
     * Whether to report a glitch.
     *
     * @param frameIndex its first frame.
     * @param kind       its kind.
     * @param frames     its length in frames.
     * @return true to report it, false to count it as filtered out.
     */
    boolean keep(long frameIndex, Glitch.Kind kind, long frames);
}

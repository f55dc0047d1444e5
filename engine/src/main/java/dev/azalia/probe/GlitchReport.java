package dev.azalia.probe;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one detector found, in the style of Chromium's audio glitch counters (count, lost milliseconds, largest
 * glitch) with the frame counts of a sequence check. Immutable; the maps and lists are unmodifiable copies.
 *
 * @param detector       the detector's name.
 * @param sampleRate     frames per second of the analysed stream (0 if no frame was seen).
 * @param framesAnalyzed frames fed to the detector.
 * @param count          glitches found (each run of disturbed frames counts once).
 * @param lostMillis     the sum of the glitches' durations, in milliseconds.
 * @param largestMillis  the longest glitch, in milliseconds.
 * @param framesLost     frames dropped or missing at the end.
 * @param framesDuplicated frames repeated or inserted.
 * @param zeroRuns       runs of zero frames found.
 * @param countsByKind   glitches per kind (kinds never seen are absent).
 * @param framesByKind   frames per kind (kinds never seen are absent).
 * @param firstGlitches  the first glitches found (at most the detector's limit), in stream order.
 * @param filteredOut    glitches found but discounted by a {@link GlitchFilter}.
 * @param notes          remarks on the analysis (e.g. that a sine never locked); empty when there is nothing to say.
 */
public record GlitchReport(String detector, int sampleRate, long framesAnalyzed, long count, double lostMillis,
    double largestMillis, long framesLost, long framesDuplicated, long zeroRuns, Map<Glitch.Kind, Long> countsByKind,
    Map<Glitch.Kind, Long> framesByKind, List<Glitch> firstGlitches, long filteredOut, List<String> notes)
{
    /**
     * Copies the collections.
     *
     * @throws IllegalArgumentException if a name, map or list is null.
     */
    public GlitchReport
    {
        if (null == detector || null == countsByKind || null == framesByKind || null == firstGlitches
            || null == notes)
        {
            throw new IllegalArgumentException("a report needs a detector name, maps and lists");
        }
        countsByKind = Map.copyOf(countsByKind);
        framesByKind = Map.copyOf(framesByKind);
        firstGlitches = List.copyOf(firstGlitches);
        notes = List.copyOf(notes);
    }

    /**
     * A report of nothing found.
     *
     * @param detector   the detector's name.
     * @param sampleRate frames per second.
     * @param frames     frames analysed.
     * @return the report.
     */
    public static GlitchReport empty(final String detector, final int sampleRate, final long frames)
    {
        return new GlitchReport(detector, sampleRate, frames, 0, 0.0, 0.0, 0, 0, 0,
            new EnumMap<>(Glitch.Kind.class), new EnumMap<>(Glitch.Kind.class), List.of(), 0, List.of());
    }

    /**
     * Whether nothing was found.
     *
     * @return true if {@link #count()} is 0.
     */
    public boolean clean()
    {
        return 0 == count;
    }

    /**
     * Glitches of one kind.
     *
     * @param kind the kind.
     * @return how many.
     */
    public long count(final Glitch.Kind kind)
    {
        return countsByKind.getOrDefault(kind, 0L);
    }

    /**
     * Frames concerned by glitches of one kind.
     *
     * @param kind the kind.
     * @return frames.
     */
    public long frames(final Glitch.Kind kind)
    {
        return framesByKind.getOrDefault(kind, 0L);
    }
}

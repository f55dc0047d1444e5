package dev.azalia.testbed;

import dev.azalia.hda.StreamFormat;
import dev.azalia.probe.DetectorHandler;
import dev.azalia.probe.Glitch;
import dev.azalia.probe.GlitchFilter;
import dev.azalia.probe.GlitchLog;
import dev.azalia.probe.GlitchReport;
import dev.azalia.probe.ReferenceDetector;
import dev.azalia.probe.SilenceDetector;
import dev.azalia.probe.XrunCounter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The glitch detectors of {@code --detect} on a playback's link ring, and their summary for the report.
 *
 * <p>Stateless; the detectors it builds run on their own ring handler threads.
 */
final class Detectors
{
    private Detectors()
    {
    }

    /**
     * The detectors of {@code --detect}, each on its own handler thread of the link ring: the reference detector
     * against the decoded frames (the same {@link DecodedReference} the frame-sequence probe reads; the application
     * thread appends each chunk before writing it, so a frame is known before it can reach the link) and the
     * silence detector, which does not count a zero run or hold that is in the decoded audio at the same position
     * (quiet or clipped music holds a sample value for a few frames by itself).
     */
    static List<DetectorHandler> of(final DecodedReference reference, final StreamFormat format)
    {
        return List.of(
            new DetectorHandler(new ReferenceDetector(reference, format.sampleRate(), 0L, new GlitchLog())),
            new DetectorHandler(new SilenceDetector(SilenceDetector.DEFAULT_MIN_ZERO_FRAMES,
                SilenceDetector.DEFAULT_MIN_HOLD_FRAMES, SilenceDetector.DEFAULT_CONTEXT_FRAMES,
                SilenceDetector.DEFAULT_THRESHOLD_DBFS,
                new GlitchLog(GlitchLog.DEFAULT_KEPT, notInReference(reference, format.frameBytes())))));
    }

    /**
     * Keeps a zero run or hold unless the decoded frames at the same stream position are zero, or all equal to the
     * run's first frame, too. Runs on the silence detector's handler thread only (it owns the scratch frames).
     */
    private static GlitchFilter notInReference(final DecodedReference reference, final int frameBytes)
    {
        final byte[] first = new byte[frameBytes];
        final byte[] next = new byte[frameBytes];
        final byte[] zero = new byte[frameBytes];
        return (at, kind, frames) ->
        {
            if (!reference.frameAt(at, first, 0))
            {
                return true;
            }
            final byte[] expected = Glitch.Kind.ZERO_RUN == kind ? zero : first;
            for (long k = 0; k < frames; k++)
            {
                if (!reference.frameAt(at + k, next, 0) || !Arrays.equals(next, expected))
                {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Each detector's final report, then the xrun accounting's; empty when the detectors did not run.
     */
    static List<GlitchReport> reports(final boolean detect, final List<DetectorHandler> detectors,
        final XrunCounter xrunAccounting)
    {
        if (!detect)
        {
            return List.of();
        }
        final List<GlitchReport> all = new ArrayList<>();
        for (final DetectorHandler d : detectors)
        {
            if (null != d.finalReport())
            {
                all.add(d.finalReport());
            }
        }
        all.add(xrunAccounting.report());
        return all;
    }

    static Report.Glitches summary(final boolean detect, final List<DetectorHandler> detectors,
        final XrunCounter xrunAccounting)
    {
        if (!detect)
        {
            return Report.Glitches.off();
        }
        long count = 0;
        double lostMillis = 0.0;
        double largestMillis = 0.0;
        long framesLost = 0;
        long framesDuplicated = 0;
        long zeroRuns = 0;
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final DetectorHandler d : detectors)
        {
            // null if the ring did not drain to its end: the stream never finished on that handler
            final GlitchReport r = d.finalReport();
            if (null == r)
            {
                throw new IllegalStateException("the " + d.name() + " detector did not finish");
            }
            count += r.count();
            lostMillis += r.lostMillis();
            largestMillis = Math.max(largestMillis, r.largestMillis());
            framesLost += r.framesLost();
            framesDuplicated += r.framesDuplicated();
            zeroRuns += r.zeroRuns();
            counts.put(d.name(), r.count());
        }
        final GlitchReport x = xrunAccounting.report();
        count += x.count();
        largestMillis = Math.max(largestMillis, x.largestMillis());
        counts.put("xrun", x.count());
        return new Report.Glitches(true, count, lostMillis, largestMillis, framesLost, framesDuplicated, zeroRuns,
            counts);
    }
}

package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Injects each fault at many positions into two signals, runs every detector on every case, prints the detection
 * rates, and asserts each detector's claims: 100 % (or the stated rate) where it claims the fault class, with the
 * right kind and position for the exact detectors.
 */
final class MutationMatrixTest
{
    /** The faults injected. */
    enum Fault
    {
        DROP_1, DUPLICATE_1, ZERO_1, ZERO_2, REORDER_2, HOLD_3, PHASE_10, GAIN_15, PHASE_5, GAIN_5
    }

    /** Where a claimed detection must be and what it must say. */
    private record Claim(double minRate, Glitch.Kind kind, int positionShift, boolean exact)
    {
    }

    private static final int INDEXED_FIRST = 12_000;
    private static final int INDEXED_POSITIONS = FaultSignals.PERIOD;
    private static final int INDEXED_FRAMES = INDEXED_FIRST + INDEXED_POSITIONS + 2_000;
    private static final int MUSIC_FIRST = 3_000;
    private static final int MUSIC_STRIDE = 1_531;
    private static final int MUSIC_POSITIONS = 24;
    private static final int MUSIC_TAIL = 3_000;

    private static byte[] cleanIndexed;
    private static byte[] cleanMusic;

    @BeforeAll
    static void signals()
    {
        cleanIndexed = FaultSignals.indexedSine(INDEXED_FRAMES, Integer.MAX_VALUE, 0.0, 1.0);
        cleanMusic = FaultSignals.music(MUSIC_FIRST + MUSIC_STRIDE * MUSIC_POSITIONS + MUSIC_TAIL, 44_100);
    }

    private static byte[] inject(final byte[] clean, final boolean indexed, final Fault fault, final int at)
    {
        final int fb = 4;
        final int frames = clean.length / fb;
        return switch (fault)
        {
            case DROP_1 -> FaultSignals.drop(clean, fb, at);
            case DUPLICATE_1 -> FaultSignals.repeat(clean, fb, at, 1);
            case ZERO_1 -> FaultSignals.zero(clean, fb, at, 1);
            case ZERO_2 -> FaultSignals.zero(clean, fb, at, 2);
            case REORDER_2 -> FaultSignals.swap(clean, fb, at);
            case HOLD_3 -> FaultSignals.repeat(clean, fb, at, 2);
            case PHASE_10 -> indexed ? FaultSignals.indexedSine(frames, at, 10.0, 1.0) : null;
            case PHASE_5 -> indexed ? FaultSignals.indexedSine(frames, at, 5.0, 1.0) : null;
            case GAIN_15 -> indexed ? FaultSignals.indexedSine(frames, at, 0.0, 0.85)
                : FaultSignals.gain(clean, fb, at, 0.85);
            case GAIN_5 -> indexed ? FaultSignals.indexedSine(frames, at, 0.0, 0.95)
                : FaultSignals.gain(clean, fb, at, 0.95);
        };
    }

    private static Map<Fault, Claim> claims(final Object... spec)
    {
        final Map<Fault, Claim> map = new EnumMap<>(Fault.class);
        for (int i = 0; i < spec.length; i += 2)
        {
            map.put((Fault)spec[i], (Claim)spec[i + 1]);
        }
        return map;
    }

    private static Claim exact(final Glitch.Kind kind, final int shift)
    {
        return new Claim(1.0, kind, shift, true);
    }

    private static Claim caught(final double rate)
    {
        return new Claim(rate, null, 0, false);
    }

    private static void runMatrix(final String signal, final byte[] clean, final boolean indexed,
        final StreamFormat format, final int[] positions, final Map<String, Function<byte[], GlitchDetector>> detectors,
        final Map<String, Map<Fault, Claim>> claimed)
    {
        final List<String> failures = new ArrayList<>();
        for (final Map.Entry<String, Function<byte[], GlitchDetector>> d : detectors.entrySet())
        {
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6s %-10s", signal, d.getKey()));
            for (final Fault fault : Fault.values())
            {
                if (!indexed && (Fault.PHASE_10 == fault || Fault.PHASE_5 == fault))
                {
                    continue;
                }
                final Claim claim = claimed.get(d.getKey()).get(fault);
                int caught = 0;
                int tried = 0;
                // a persistent content change makes the reference search the whole window: sample fewer positions
                final int step = "reference".equals(d.getKey()) && fault.name().matches("(PHASE|GAIN).*") ? 14 : 1;
                for (int p = 0; p < positions.length; p += step)
                {
                    final int at = positions[p];
                    tried++;
                    final GlitchReport r = FaultSignals.run(d.getValue().apply(clean), inject(clean, indexed, fault,
                        at), format, 480);
                    if (r.count() > 0)
                    {
                        caught++;
                    }
                    if (null != claim)
                    {
                        final String where = d.getKey() + " " + fault + " at " + at + ": ";
                        if (0 == r.count())
                        {
                            if (claim.minRate() >= 1.0)
                            {
                                failures.add(where + "missed");
                            }
                        }
                        else if (claim.exact())
                        {
                            final Glitch g = r.firstGlitches().get(0);
                            if (1 != r.count() || g.kind() != claim.kind()
                                || g.frameIndex() != at + claim.positionShift())
                            {
                                failures.add(where + r.firstGlitches());
                            }
                        }
                        else
                        {
                            final Glitch g = r.firstGlitches().get(0);
                            if (g.frameIndex() < at - 1 || g.frameIndex() > at + 2 * FaultSignals.PERIOD)
                            {
                                failures.add(where + "found at " + r.firstGlitches());
                            }
                        }
                    }
                }
                final double rate = (double)caught / tried;
                line.append(String.format(Locale.ROOT, " %s %d/%d%s", fault, caught, tried,
                    null == claim ? "" : "*"));
                if (null != claim && rate < claim.minRate())
                {
                    failures.add(d.getKey() + " " + fault + ": rate " + caught + "/" + tried + " below "
                        + claim.minRate());
                }
            }
            System.out.println(line);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldCatchEveryClaimedFaultAtEveryPhaseOfTheIndexedSine()
    {
        final int[] positions = new int[INDEXED_POSITIONS];
        for (int k = 0; k < positions.length; k++)
        {
            positions[k] = INDEXED_FIRST + k;
        }
        final Map<String, Function<byte[], GlitchDetector>> detectors = new LinkedHashMap<>();
        detectors.put("counter", clean -> new CounterDetector(1));
        detectors.put("sine-lock", clean -> new SineLockDetector());
        detectors.put("reference", clean -> new ReferenceDetector(clean, FaultSignals.INDEXED));
        detectors.put("silence", clean -> new SilenceDetector());
        final Map<String, Map<Fault, Claim>> claimed = Map.of(
            "counter", claims(Fault.DROP_1, exact(Glitch.Kind.DROP, 0), Fault.DUPLICATE_1,
                exact(Glitch.Kind.DUPLICATE, 1), Fault.ZERO_1, exact(Glitch.Kind.ZERO_RUN, 0), Fault.ZERO_2,
                exact(Glitch.Kind.ZERO_RUN, 0), Fault.REORDER_2, exact(Glitch.Kind.REORDER, 1), Fault.HOLD_3,
                exact(Glitch.Kind.DUPLICATE, 1)),
            "sine-lock", claims(Fault.DROP_1, caught(1.0), Fault.DUPLICATE_1, caught(1.0), Fault.ZERO_2, caught(1.0),
                Fault.HOLD_3, caught(1.0), Fault.PHASE_10, caught(1.0), Fault.GAIN_15, caught(1.0), Fault.ZERO_1,
                caught(50.0 / 56)),
            "reference", claims(Fault.DROP_1, exact(Glitch.Kind.DROP, 0), Fault.DUPLICATE_1,
                exact(Glitch.Kind.DUPLICATE, 1), Fault.ZERO_1, exact(Glitch.Kind.ZERO_RUN, 0), Fault.ZERO_2,
                exact(Glitch.Kind.ZERO_RUN, 0), Fault.REORDER_2, exact(Glitch.Kind.CORRUPT, 0), Fault.HOLD_3,
                exact(Glitch.Kind.DUPLICATE, 1), Fault.PHASE_10, caught(1.0), Fault.GAIN_15, caught(1.0),
                Fault.PHASE_5, caught(1.0), Fault.GAIN_5, caught(1.0)),
            "silence", claims(Fault.ZERO_2, exact(Glitch.Kind.ZERO_RUN, 0), Fault.HOLD_3,
                exact(Glitch.Kind.HOLD, 0)));
        runMatrix("sine", cleanIndexed, true, FaultSignals.INDEXED, positions, detectors, claimed);
    }

    @Test
    void shouldCatchEveryClaimedFaultAnywhereInMusic()
    {
        final int[] positions = new int[MUSIC_POSITIONS];
        for (int k = 0; k < positions.length; k++)
        {
            positions[k] = MUSIC_FIRST + k * MUSIC_STRIDE + (k * 37) % 101;
        }
        final Map<String, Function<byte[], GlitchDetector>> detectors = new LinkedHashMap<>();
        detectors.put("reference", clean -> new ReferenceDetector(clean, FaultSignals.MUSIC));
        detectors.put("silence", clean -> new SilenceDetector());
        final Map<String, Map<Fault, Claim>> claimed = Map.of(
            "reference", claims(Fault.DROP_1, exact(Glitch.Kind.DROP, 0), Fault.DUPLICATE_1,
                exact(Glitch.Kind.DUPLICATE, 1), Fault.ZERO_1, exact(Glitch.Kind.ZERO_RUN, 0), Fault.ZERO_2,
                exact(Glitch.Kind.ZERO_RUN, 0), Fault.REORDER_2, exact(Glitch.Kind.CORRUPT, 0), Fault.HOLD_3,
                exact(Glitch.Kind.DUPLICATE, 1), Fault.GAIN_15, caught(1.0), Fault.GAIN_5, caught(1.0)),
            "silence", claims(Fault.ZERO_2, exact(Glitch.Kind.ZERO_RUN, 0), Fault.HOLD_3,
                exact(Glitch.Kind.HOLD, 0)));
        runMatrix("music", cleanMusic, false, FaultSignals.MUSIC, positions, detectors, claimed);
    }
}

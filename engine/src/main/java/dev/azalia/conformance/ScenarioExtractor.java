package dev.azalia.conformance;

import dev.azalia.hda.StreamFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a capture's scenario and stream parameters, so that a run of Azalia can repeat it.
 *
 * <p>Stream: the descriptor is the one whose SDnCTL gets RUN in {@code play1.start}; rate, bits and channels come
 * from the last SDnFMT write of the set-up, the buffer from SDnCBL, the tag from SDnCTL bits 23..20, LVI from SDnLVI.
 * Periods: Linux 6.1 puts a lead entry of {@code bdl_pos_adj} frames (1 on ICH/PCH, 32 on others) at the start of
 * the BDL whenever that is shorter than a period, so the BDL has periods + 1 entries and <b>periods = LVI</b>. The
 * rule is checked against the position events when the verb trace has them: the median advance of
 * {@code azx_get_position} between successive hard-interrupt events is a period, and buffer / period gives the
 * periods; if that says LVI + 1, there is no lead entry. Without events the lead entry is assumed.
 *
 * <p>Play length: the period interrupts of the stream (INTSTS reads with its bit set) times the period frames, less
 * one interrupt with a lead entry (its completion raises the first interrupt a few bytes after the start, and each
 * period's interrupt then comes that many bytes after the period's end, the last one included); the MARK times would
 * include {@code aplay}'s start-up and drain. Idle times come from the marks. Stateless.
 */
public final class ScenarioExtractor
{
    private ScenarioExtractor()
    {
    }

    /**
     * The scenario of a capture.
     *
     * @param side the capture.
     * @return the scenario, or empty when no play set a stream up (no SDnFMT/CBL/LVI writes).
     */
    public static Optional<CaptureScenario> extract(final TracePair side)
    {
        final RegisterMap regs = RegisterMap.of(side.mmio());
        final List<Phase> phases = PhaseSplitter.split(side, regs);
        final List<TraceMark> marks = new ArrayList<>(side.mmio().marks());
        final List<CaptureScenario.Play> plays = new ArrayList<>();
        for (int n = 1; n < 100; n++)
        {
            final String play = "play" + n;
            final List<Phase> own = phases.stream().filter(p -> p.name().startsWith(play + ".")).toList();
            if (own.isEmpty())
            {
                break;
            }
            final Optional<StreamParameters> stream = stream(own, regs);
            if (stream.isEmpty())
            {
                continue;
            }
            final int bit = 1 << stream.get().streamIndex();
            final int irqs = (int)own.stream().flatMap(p -> p.accesses().stream())
                .filter(a -> !a.write() && "INTSTS".equals(regs.name(a.offset())) && (a.value() & bit) != 0).count();
            // with a lead entry the first interrupt marks its few bytes, not a period
            final int periods = Math.max(0, irqs - (stream.get().leadEntry() ? 1 : 0));
            plays.add(new CaptureScenario.Play(n, stream.get(), periods * stream.get().periodFrames(), irqs,
                idleBefore(marks, n), suspendBefore(marks, n), idleAfter(marks, n)));
        }
        return plays.isEmpty() ? Optional.empty() : Optional.of(new CaptureScenario(plays.get(0).stream(), plays));
    }

    private static Optional<StreamParameters> stream(final List<Phase> play, final RegisterMap regs)
    {
        final List<MmioAccess> setup = play.get(0).accesses();
        int sd = -1;
        for (final MmioAccess a : play.get(1).accesses())
        {
            if (a.write() && regs.streamIndex(a.offset()) >= 0
                && "CTL".equals(RegisterMap.generic(regs.name(a.offset())))
                && (a.value() & RegisterMap.SD_CTL_RUN) != 0)
            {
                sd = regs.streamIndex(a.offset());
                break;
            }
        }
        long fmt = -1;
        long cbl = -1;
        long lvi = -1;
        int tag = 0;
        for (final MmioAccess a : setup)
        {
            final int s = regs.streamIndex(a.offset());
            if (!a.write() || s < 0 || (sd >= 0 && s != sd))
            {
                continue;
            }
            switch (RegisterMap.generic(regs.name(a.offset())))
            {
                case "FMT" ->
                {
                    fmt = a.value() & 0xffff;
                    sd = s;
                }
                case "CBL" -> cbl = a.value();
                case "LVI" -> lvi = a.value() & 0xff;
                case "CTL" -> tag = a.widthBytes() == 4 && 0 != ((a.value() >> 20) & 0xf) ? (int)((a.value() >> 20)
                    & 0xf) : tag;
                case "CTL2" -> tag = 0 != ((a.value() >> 4) & 0xf) ? (int)((a.value() >> 4) & 0xf) : tag;
                default ->
                {
                    // not a parameter
                }
            }
        }
        if (fmt < 0 || cbl <= 0 || lvi < 0)
        {
            return Optional.empty();
        }
        final StreamFormat f;
        try
        {
            f = new StreamFormat((int)fmt);
        }
        catch (final IllegalArgumentException e)
        {
            return Optional.empty();
        }
        final boolean lead = leadEntry(play, cbl, (int)lvi);
        final int periods = Math.max(1, lead ? (int)lvi : (int)lvi + 1);
        return Optional.of(new StreamParameters(sd, tag, (int)fmt, f.sampleRate(), f.bitsPerSample(), f.channels(),
            cbl, (int)lvi, periods, cbl / periods / f.frameBytes(), lead));
    }

    /** Whether the hard-interrupt position events say periods = LVI; true (Linux's default) without them. */
    private static boolean leadEntry(final List<Phase> play, final long bufferBytes, final int lvi)
    {
        final long[] pos = play.stream().flatMap(p -> p.events().stream())
            .filter(e -> e.hardIrq() && "azx_get_position".equals(e.name()) && e.field("pos").isPresent())
            .mapToLong(e -> e.field("pos").getAsLong()).toArray();
        if (pos.length < 3)
        {
            return true;
        }
        final long[] steps = new long[pos.length - 1];
        for (int i = 1; i < pos.length; i++)
        {
            steps[i - 1] = Math.floorMod(pos[i] - pos[i - 1], bufferBytes);
        }
        Arrays.sort(steps);
        final long period = steps[steps.length / 2];
        if (period <= 0)
        {
            return true;
        }
        return Math.round((double)bufferBytes / period) != lvi + 1;
    }

    private static long time(final List<TraceMark> marks, final String name)
    {
        return marks.stream().filter(m -> m.name().equals(name)).mapToLong(TraceMark::timeMicros).findFirst()
            .orElse(-1);
    }

    private static boolean boundary(final String name)
    {
        return name.equals("MARK_PROBE_DONE") || name.equals("MARK_SYSTEM_RESUME_DONE")
            || name.matches("MARK_PLAY\\d+_END");
    }

    private static boolean starts(final String name)
    {
        return name.equals("MARK_SYSTEM_SUSPEND_BEGIN") || name.equals("MARK_END")
            || name.matches("MARK_PLAY\\d+_BEGIN");
    }

    private static long idleBefore(final List<TraceMark> marks, final int n)
    {
        final long begin = time(marks, "MARK_PLAY" + n + "_BEGIN");
        final long prev = marks.stream().filter(m -> boundary(m.name()) && m.timeMicros() <= begin)
            .mapToLong(TraceMark::timeMicros).max().orElse(begin);
        return begin < 0 ? 0 : (begin - prev) * 1000;
    }

    private static boolean suspendBefore(final List<TraceMark> marks, final int n)
    {
        final long begin = time(marks, "MARK_PLAY" + n + "_BEGIN");
        final long prevPlay = n == 1 ? Long.MIN_VALUE : time(marks, "MARK_PLAY" + (n - 1) + "_END");
        return marks.stream().anyMatch(m -> m.name().equals("MARK_SYSTEM_SUSPEND_BEGIN")
            && m.timeMicros() > prevPlay && m.timeMicros() < begin);
    }

    private static long idleAfter(final List<TraceMark> marks, final int n)
    {
        final long end = time(marks, "MARK_PLAY" + n + "_END");
        if (end < 0)
        {
            return 0;
        }
        final long next = marks.stream().filter(m -> starts(m.name()) && m.timeMicros() >= end)
            .mapToLong(TraceMark::timeMicros).min().orElse(end);
        return (next - end) * 1000;
    }
}

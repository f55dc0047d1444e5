package dev.azalia.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a trace into the scenario's phases, with the same rules for Linux's trace and Azalia's.
 *
 * <p>The {@code MARK} lines cut the trace into segments (an access belongs to the segment of the last mark before
 * it in the file; an event to the segment of the last mark at or before its time): {@code MARK_INSMOD_HDA_INTEL}
 * starts {@code probe}, {@code MARK_PROBE_DONE} {@code probe.powersave}, {@code MARK_PLAYn_BEGIN} the play,
 * {@code MARK_PLAYn_END} {@code playN.powersave}, {@code MARK_SYSTEM_SUSPEND_BEGIN} the system suspend and resume,
 * {@code MARK_SYSTEM_RESUME_DONE} {@code resume.powersave}, {@code MARK_END} ends the last; other marks (the
 * {@code MARK_IDLE_AFTER_*} ones) cut nothing. A trace without marks is one phase, {@code all}.
 *
 * <p>A play is cut where the register traffic shows each step; a tracepoint, when present, is a lower bound in time
 * for the access that starts the step (and its time is where the step's events begin):
 * <ul>
 * <li>{@code playN.setup}: from the mark ({@code azx_pcm_open}, {@code hw_params}, {@code prepare}).</li>
 * <li>{@code playN.start}: the first access to SSYNC/OLD_SSYNC or write setting RUN in an SDnCTL, at or after
 * {@code azx_pcm_trigger cmd=1}.</li>
 * <li>{@code playN.periods}: the first INTSTS read with a stream bit set (the first period interrupt).</li>
 * <li>{@code playN.stop}: the first access to SSYNC/OLD_SSYNC or SDnCTL write clearing RUN after the periods began,
 * at or after {@code azx_pcm_trigger cmd=0}.</li>
 * <li>{@code playN.close}: the first write of an SDnBDPL/BDPU after the stop (the stream clean-up of
 * {@code hw_free}); without one, {@code azx_pcm_close}; to the {@code PLAYn_END} mark.</li>
 * </ul>
 * The system suspend is cut into {@code suspend} and {@code resume} after the {@code azx_suspend} event (that
 * tracepoint fires when the suspend is done); without it, after the read of GCTL that shows the link in reset following
 * a write that put it there. Stateless.
 */
public final class PhaseSplitter
{
    private static final Pattern PLAY = Pattern.compile("MARK_PLAY(\\d+)_(BEGIN|END)");
    private static final long STREAM_INTERRUPTS = 0x3fffffffL;

    private record Segment(String kind, String mark, long fromMicros, int fromLine)
    {
    }

    /** The verb trace's own copy of a mark (Azalia writes them; Linux's tracepoint file has none). */
    private static final String MARK_EVENT = "tracing_mark_write";

    private PhaseSplitter()
    {
    }

    /**
     * Splits one side.
     *
     * @param side the traces.
     * @param regs the register layout of that trace.
     * @return the phases in scenario order; a step that did not happen is an empty phase.
     */
    public static List<Phase> split(final TracePair side, final RegisterMap regs)
    {
        final List<Segment> segments = segments(side.mmio().marks());
        if (segments.isEmpty())
        {
            return List.of(new Phase("all", side.mmio().accesses(), side.events()));
        }
        final int[] eventSegment = eventSegments(side.events(), segments);
        final List<Phase> phases = new ArrayList<>();
        int suspends = 0;
        for (int s = 0; s < segments.size(); s++)
        {
            final Segment seg = segments.get(s);
            if (null == seg.kind())
            {
                continue;
            }
            final int toLine = s + 1 < segments.size() ? segments.get(s + 1).fromLine() : Integer.MAX_VALUE;
            final long toMicros = s + 1 < segments.size() ? segments.get(s + 1).fromMicros() : Long.MAX_VALUE;
            final List<MmioAccess> acc = side.mmio().accesses().stream()
                .filter(a -> a.lineNumber() > seg.fromLine() && a.lineNumber() < toLine).toList();
            final List<TraceEvent> ev = new ArrayList<>();
            for (int i = 0; i < side.events().size(); i++)
            {
                final TraceEvent e = side.events().get(i);
                final boolean inside = null == eventSegment ? e.timeMicros() >= seg.fromMicros()
                    && e.timeMicros() < toMicros : eventSegment[i] == s;
                if (inside && !MARK_EVENT.equals(e.name()))
                {
                    ev.add(e);
                }
            }
            if (seg.kind().startsWith("play") && !seg.kind().contains("."))
            {
                splitPlay(seg.kind(), acc, ev, regs, phases);
            }
            else if ("system".equals(seg.kind()))
            {
                suspends++;
                final String n = 1 == suspends ? "" : Integer.toString(suspends);
                splitSystem("suspend" + n, "resume" + n, acc, ev, regs, phases);
            }
            else if ("resume.powersave".equals(seg.kind()) && suspends > 1)
            {
                phases.add(new Phase("resume" + suspends + ".powersave", acc, ev));
            }
            else
            {
                phases.add(new Phase(seg.kind(), acc, ev));
            }
        }
        return phases;
    }

    private static List<Segment> segments(final List<TraceMark> marks)
    {
        final List<Segment> out = new ArrayList<>();
        final List<TraceMark> sorted = new ArrayList<>(marks);
        sorted.sort(Comparator.comparingInt(TraceMark::lineNumber));
        for (final TraceMark m : sorted)
        {
            final String name = m.name();
            final Matcher p = PLAY.matcher(name);
            final String kind;
            if (p.matches())
            {
                kind = "play" + Integer.parseInt(p.group(1)) + ("BEGIN".equals(p.group(2)) ? "" : ".powersave");
            }
            else
            {
                kind = switch (name)
                {
                    case "MARK_INSMOD_HDA_INTEL" -> "probe";
                    case "MARK_PROBE_DONE" -> "probe.powersave";
                    case "MARK_SYSTEM_SUSPEND_BEGIN" -> "system";
                    case "MARK_SYSTEM_RESUME_DONE" -> "resume.powersave";
                    case "MARK_END" -> "";
                    default -> "-";
                };
            }
            if ("-".equals(kind))
            {
                continue;
            }
            out.add(new Segment(kind.isEmpty() ? null : kind, name, m.timeMicros(), m.lineNumber()));
        }
        return out;
    }

    /**
     * When the event trace carries the marks itself, each event's segment by file order (events that share a
     * microsecond with a mark are then placed exactly); null when it has none (place events by time).
     */
    private static int[] eventSegments(final List<TraceEvent> events, final List<Segment> segments)
    {
        final int[] out = new int[events.size()];
        boolean marked = false;
        int current = 0;
        for (int i = 0; i < events.size(); i++)
        {
            final TraceEvent e = events.get(i);
            if (MARK_EVENT.equals(e.name()))
            {
                final String name = e.text().strip().split("\\s+")[0];
                for (int j = current + 1; j < segments.size(); j++)
                {
                    if (name.equals(segments.get(j).mark()))
                    {
                        current = j;
                        marked = true;
                        break;
                    }
                }
            }
            out[i] = current;
        }
        return marked ? out : null;
    }

    private static void splitPlay(final String play, final List<MmioAccess> acc, final List<TraceEvent> ev,
        final RegisterMap regs, final List<Phase> out)
    {
        final OptionalLong triggerStart = firstEvent(ev, "azx_pcm_trigger", 1);
        final OptionalLong triggerStop = firstEvent(ev, "azx_pcm_trigger", 0);
        final OptionalLong close = firstEvent(ev, "azx_pcm_close", -1);
        final int size = acc.size();
        final Predicate<MmioAccess> sync = a -> "SSYNC".equals(regs.name(a.offset()))
            || "OLD_SSYNC".equals(regs.name(a.offset()));
        final Predicate<MmioAccess> ctlWrite = a -> a.write() && regs.streamIndex(a.offset()) >= 0
            && "CTL".equals(RegisterMap.generic(regs.name(a.offset())));
        final int iStart = find(acc, 0, triggerStart, sync.or(ctlWrite.and(a -> (a.value() & RegisterMap.SD_CTL_RUN)
            != 0)));
        final int iIrq = find(acc, iStart, OptionalLong.empty(), a -> !a.write()
            && "INTSTS".equals(regs.name(a.offset())) && (a.value() & STREAM_INTERRUPTS) != 0);
        final Predicate<MmioAccess> stopMatch = sync.or(ctlWrite.and(a -> (a.value() & RegisterMap.SD_CTL_RUN)
            == 0));
        final int iStop;
        if (iIrq < size)
        {
            iStop = find(acc, iIrq, triggerStop, stopMatch);
        }
        else
        {
            // no period interrupt: only the tracepoint tells the stop from the start's own SSYNC traffic
            iStop = triggerStop.isPresent() ? find(acc, iStart, triggerStop, stopMatch) : size;
        }
        final int iPeriods = Math.min(iIrq, iStop);
        int iClose = find(acc, iStop, OptionalLong.empty(), a -> a.write()
            && (regs.name(a.offset()).endsWith(".BDPL") || regs.name(a.offset()).endsWith(".BDPU")));
        if (iClose == size)
        {
            iClose = find(acc, iStop, close, a -> true);
        }
        final int[] cut = {0, iStart, iPeriods, iStop, iClose, size};
        final long[] evCut = {Long.MIN_VALUE, boundary(acc, iStart, triggerStart), boundary(acc, iPeriods,
            OptionalLong.empty()), boundary(acc, iStop, triggerStop), boundary(acc, iClose, iClose < size
            ? OptionalLong.empty() : close), Long.MAX_VALUE};
        for (int k = 2; k < evCut.length; k++)
        {
            evCut[k] = Math.max(evCut[k], evCut[k - 1]);
        }
        // events are cut by file order: the step's first event at or after its time, except that the triggers
        // themselves start the start and stop steps (whatever shares their microsecond comes before them)
        final int[] evIndex = new int[evCut.length];
        for (int k = 0; k < evCut.length; k++)
        {
            evIndex[k] = firstAtOrAfter(ev, evCut[k]);
        }
        evIndex[1] = indexOf(ev, "azx_pcm_trigger", 1, evIndex[1]);
        evIndex[3] = indexOf(ev, "azx_pcm_trigger", 0, evIndex[3]);
        evIndex[evIndex.length - 1] = ev.size();
        for (int k = 1; k < evIndex.length; k++)
        {
            evIndex[k] = Math.max(evIndex[k], evIndex[k - 1]);
        }
        final String[] names = {"setup", "start", "periods", "stop", "close"};
        for (int k = 0; k < names.length; k++)
        {
            out.add(new Phase(play + "." + names[k], acc.subList(cut[k], Math.max(cut[k], cut[k + 1])),
                ev.subList(evIndex[k], evIndex[k + 1])));
        }
    }

    private static void splitSystem(final String suspend, final String resume, final List<MmioAccess> acc,
        final List<TraceEvent> ev, final RegisterMap regs, final List<Phase> out)
    {
        final OptionalLong done = firstEvent(ev, "azx_suspend", -1);
        int cut = acc.size();
        long evCut = Long.MAX_VALUE;
        if (done.isPresent())
        {
            cut = find(acc, 0, OptionalLong.of(done.getAsLong() + 1), a -> true);
            evCut = done.getAsLong() + 1;
        }
        else
        {
            boolean resetWritten = false;
            for (int i = 0; i < acc.size() && cut == acc.size(); i++)
            {
                final MmioAccess a = acc.get(i);
                if ("GCTL".equals(regs.name(a.offset())) && (a.value() & 1) == 0)
                {
                    if (a.write())
                    {
                        resetWritten = true;
                    }
                    else if (resetWritten)
                    {
                        cut = i + 1;
                    }
                }
            }
            evCut = cut < acc.size() ? acc.get(cut).timeMicros() : Long.MAX_VALUE;
        }
        // the azx_suspend event ends the suspend by file order; without it, the cut's time does
        int evIdx = firstAtOrAfter(ev, evCut);
        for (int i = 0; i < ev.size() && done.isPresent(); i++)
        {
            if ("azx_suspend".equals(ev.get(i).name()))
            {
                evIdx = i + 1;
                break;
            }
        }
        out.add(new Phase(suspend, acc.subList(0, cut), ev.subList(0, evIdx)));
        out.add(new Phase(resume, acc.subList(cut, acc.size()), ev.subList(evIdx, ev.size())));
    }

    /** The index of the first event at or after {@code micros}; the size if none. */
    private static int firstAtOrAfter(final List<TraceEvent> ev, final long micros)
    {
        for (int i = 0; i < ev.size(); i++)
        {
            if (ev.get(i).timeMicros() >= micros)
            {
                return i;
            }
        }
        return ev.size();
    }

    /** The index of the first event of that name and {@code cmd}; {@code otherwise} if none. */
    private static int indexOf(final List<TraceEvent> ev, final String name, final int cmd, final int otherwise)
    {
        for (int i = 0; i < ev.size(); i++)
        {
            if (name.equals(ev.get(i).name()) && ev.get(i).field("cmd").orElse(-1) == cmd)
            {
                return i;
            }
        }
        return otherwise;
    }

    /** The time of the first event of that name (and {@code cmd}, unless negative). */
    private static OptionalLong firstEvent(final List<TraceEvent> ev, final String name, final int cmd)
    {
        for (final TraceEvent e : ev)
        {
            if (name.equals(e.name()) && (cmd < 0 || e.field("cmd").orElse(-1) == cmd))
            {
                return OptionalLong.of(e.timeMicros());
            }
        }
        return OptionalLong.empty();
    }

    /** The first index from {@code from} at or after {@code notBefore} whose access matches; the size if none. */
    private static int find(final List<MmioAccess> acc, final int from, final OptionalLong notBefore,
        final Predicate<MmioAccess> match)
    {
        for (int i = from; i < acc.size(); i++)
        {
            final MmioAccess a = acc.get(i);
            if ((notBefore.isEmpty() || a.timeMicros() >= notBefore.getAsLong()) && match.test(a))
            {
                return i;
            }
        }
        return acc.size();
    }

    /** Where a step's events begin: its tracepoint's time when known, else its first access's. */
    private static long boundary(final List<MmioAccess> acc, final int index, final OptionalLong event)
    {
        final long at = index < acc.size() ? acc.get(index).timeMicros() : Long.MAX_VALUE;
        return event.isPresent() ? Math.min(event.getAsLong(), at) : at;
    }
}

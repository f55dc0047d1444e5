package dev.azalia.testbed;

import dev.azalia.driver.AzxChip;
import dev.azalia.driver.BarMoveStats;
import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.hda.codec.dumped.DumpCodec;
import dev.azalia.machine.Machine;
import dev.azalia.metrics.Percentiles;
import dev.azalia.pci.BarMove;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a finished run, read from its machine, chip and probes into the report's records. Static; called on
 * the application thread after the machine's threads have stopped.
 */
final class RunFigures
{
    private RunFigures()
    {
    }

    static Report.Codec codecFigures(final TestbedConfig options, final Machine machine)
    {
        final List<Integer> addresses = new ArrayList<>();
        long verbs = 0;
        long unknown = 0;
        String pin = null;
        for (final EmulatedCodec c : machine.codecs())
        {
            addresses.add(c.address());
            verbs += c.verbsExecuted();
            unknown += c.unknownVerbs();
            if (c instanceof DumpCodec d && d.listenedPin().isPresent())
            {
                pin = String.format(Locale.ROOT, "0x%02x", d.listenedPin().getAsInt());
            }
        }
        return new Report.Codec(options.codec().text(), addresses, pin, verbs, unknown);
    }

    static Report.BarMoves barMoves(final String policy, final Machine machine, final AzxChip chip)
    {
        final BarMoveStats stats = chip.moveStats();
        final List<Report.Move> moves = new ArrayList<>();
        for (final BarMove m : machine.bus().barMoves())
        {
            moves.add(new Report.Move("0x" + Long.toHexString(m.oldAddress()),
                "0x" + Long.toHexString(m.newAddress())));
        }
        return new Report.BarMoves(policy, machine.bus().barMoveCount(), stats.failed(),
            machine.bus().staleAccesses(), machine.bus().faults(), spread(stats.stalls()), spread(stats.blocked()),
            moves);
    }

    private static Report.Spread spread(final Histogram nanos)
    {
        if (nanos.getTotalCount() == 0)
        {
            return Report.Spread.ZERO;
        }
        return new Report.Spread(nanos.getValueAtPercentile(50) / 1e3, nanos.getValueAtPercentile(99) / 1e3,
            nanos.getMaxValue() / 1e3);
    }

    static Report.LatencyMicros latencies(final StreamProbes probes, final BarMoveStats moves)
    {
        return new Report.LatencyMicros(report(probes.periodElapsed().percentilesMicros()),
            report(probes.endToEnd().percentilesMicros()), report(probes.irqEntry().percentilesMicros()),
            report(probes.wakeup().percentilesMicros()), report(moves.prepareLatency().percentilesMicros()),
            report(moves.remapLatency().percentilesMicros()), report(moves.doneLatency().percentilesMicros()),
            report(moves.firstPeriodLatency().percentilesMicros()),
            report(moves.gateWaitLatency().percentilesMicros()));
    }

    private static Report.Percentiles report(final Percentiles p)
    {
        return new Report.Percentiles(p.p50(), p.p99(), p.p999(), p.max());
    }

    static String machineFailure(final Machine machine)
    {
        if (machine.failures().isEmpty())
        {
            return null;
        }
        final Throwable first = machine.failures().get(0);
        return "a device thread failed: " + (null == first.getMessage() ? "it stopped without a message"
            : first.getMessage());
    }
}

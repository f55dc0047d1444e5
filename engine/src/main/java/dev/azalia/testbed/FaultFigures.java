package dev.azalia.testbed;

import dev.azalia.driver.AzxChip;
import dev.azalia.hda.FaultPlan;
import dev.azalia.hda.FaultSpec;
import dev.azalia.pci.InterruptLine;
import dev.azalia.sound.Errno;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a run's {@link FaultReport} from its plan, its chip and its kernel log. Stateless. */
final class FaultFigures
{
    private FaultFigures()
    {
    }

    /**
     * The faults section.
     *
     * @param plan        the plan, or null for none.
     * @param chip        the driver's chip, or null if it never bound.
     * @param xruns       underruns the writer saw.
     * @param writerError the errno that ended the writer, or null.
     * @param kernelLog   the kernel log lines.
     * @return the section, {@link FaultReport#NONE} without a plan.
     */
    static FaultReport of(final FaultPlan plan, final AzxChip chip, final long xruns, final Errno writerError,
        final List<String> kernelLog)
    {
        if (null == plan || plan.specs().isEmpty())
        {
            return FaultReport.NONE;
        }
        final List<String> specs = new ArrayList<>();
        for (final FaultSpec f : plan.specs())
        {
            specs.add(f.text());
        }
        final Map<String, Long> messages = new LinkedHashMap<>();
        for (final String m : FaultReport.MESSAGES)
        {
            messages.put(m, kernelLog.stream().filter(line -> line.contains(m)).count());
        }
        final String error = null == writerError ? null : writerError.name();
        final InterruptLine line = null == chip ? null : chip.irq();
        final FaultReport.Driver driver = null == chip
            ? new FaultReport.Driver(false, false, false, 0, 0, 0, 0, 0, 0, false, 0, xruns, error)
            : new FaultReport.Driver(chip.transport().pollingMode(), chip.transport().singleCmdMode(),
                !chip.usesPositionBuffer(), chip.periodInterrupts(), chip.bogusInterrupts(), chip.pendingInterrupts(),
                chip.fifoErrors(), chip.descriptorErrors(), null == line ? 0 : line.counts().unhandled(),
                null != line && line.counts().spuriouslyDisabled(), chip.transport().commandErrors(), xruns, error);
        return new FaultReport(plan.seed(), specs, plan.injected(), driver, messages);
    }
}

package dev.azalia.hda;

import java.util.Locale;

/**
 * The faults a {@link FaultPlan} can inject, by the name the command line and the testbed use, with the fault id of
 * the reliability table each reproduces.
 */
public enum FaultKind
{
    /** A period's BCIS is not raised (F05). */
    LOST_IRQ("lost-irq", "F05", Target.PERIOD),
    /** BCIS comes at 3/4 of the period's entry instead of its end (F06). */
    EARLY_IRQ("early-irq", "F06", Target.PERIOD),
    /** BCIS comes at 1/2 of the period's entry: less than 2/3 of a period, too early to be believed (F06). */
    BOGUS_IRQ("bogus-irq", "F06", Target.PERIOD),
    /** FIFOE is raised with a period's BCIS (F08). */
    FIFO_ERROR("fifo-error", "F08", Target.PERIOD),
    /** DESE is raised with a period's BCIS (F08). */
    DESC_ERROR("desc-error", "F08", Target.PERIOD),
    /** The line pulses with INTSTS reading 0 (or all-ones) (F04). */
    SPURIOUS_IRQ("spurious-irq", "F04", Target.TIME),
    /** The line stays asserted with nothing to report: the IRQ core disables it (F04). */
    STUCK_IRQ("stuck-irq", "F04", Target.TIME),
    /** A codec stops answering verbs (F01). */
    CODEC_SILENT("codec-silent", "F01", Target.VERB),
    /** Responses land in the RIRB without RINTFL: found only by polling (F02). */
    CODEC_LATE("codec-late", "F02", Target.VERB),
    /** The CORB engine stops fetching; the immediate command interface still works (F03). */
    CORB_DEAD("corb-dead", "F03", Target.VERB),
    /** The position buffer always reads 0 (F07). */
    POSBUF_ZERO("posbuf-zero", "F07", Target.TIME),
    /** The position buffer always reads all-ones (F07). */
    POSBUF_ONES("posbuf-ones", "F07", Target.TIME),
    /** The position buffer stops updating (F07). */
    POSBUF_STALL("posbuf-stall", "F07", Target.TIME),
    /** The stream DMA engine sticks: LPIB and the position buffer hold, no BCIS (F09). */
    STUCK_LPIB("stuck-lpib", "F09", Target.TIME),
    /** Every register read returns all-ones, writes are dropped (F10). */
    ALL_ONES("all-ones", "F10", Target.TIME),
    /** The function is hot-unplugged from the PCI bus (F11). */
    UNPLUG("unplug", "F11", Target.TIME);

    /** What a {@code #N} in a fault's {@code @} counts. */
    public enum Target
    {
        /** Period interrupts of each stream ({@code #N}: the N-th). */
        PERIOD,
        /** Verbs sent on the link ({@code #N}: from the N-th on). */
        VERB,
        /** Only a time is allowed. */
        TIME
    }

    private final String specName;
    private final String id;
    private final Target target;

    FaultKind(final String specName, final String id, final Target target)
    {
        this.specName = specName;
        this.id = id;
        this.target = target;
    }

    /**
     * The name in a fault spec.
     *
     * @return e.g. {@code lost-irq}.
     */
    public String specName()
    {
        return specName;
    }

    /**
     * The id in the reliability table.
     *
     * @return e.g. {@code F05}.
     */
    public String id()
    {
        return id;
    }

    /**
     * What a count in the spec's {@code @#N} counts.
     *
     * @return the target.
     */
    public Target target()
    {
        return target;
    }

    /**
     * The kind a spec names.
     *
     * @param name the name as written.
     * @return the kind.
     * @throws IllegalArgumentException for an unknown name, listing the known ones.
     */
    public static FaultKind byName(final String name)
    {
        final StringBuilder known = new StringBuilder();
        for (final FaultKind k : values())
        {
            if (k.specName.equals(name.toLowerCase(Locale.ROOT)))
            {
                return k;
            }
            known.append(known.length() == 0 ? "" : ", ").append(k.specName);
        }
        throw new IllegalArgumentException("unknown fault \"" + name + "\" (known: " + known + ")");
    }
}

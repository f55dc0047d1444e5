package dev.azalia.hda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A seeded, reproducible set of {@link FaultSpec faults}: the same seed and specs inject the same faults at the same
 * periods, verbs and times of a virtual-clock run. It counts what it injected ({@link #injected()}).
 *
 * <p>Threading: the {@link DeviceFaults} methods run under the controller's device lock; {@link #injected()} may be
 * read from any thread (the counters are atomic). A plan belongs to one controller.
 */
public final class FaultPlan implements DeviceFaults
{
    private static final int STREAMS = HdaRegisters.NUM_STREAMS;
    /** Spurious interrupts raised per DMA step at most. */
    private static final int SPURIOUS_PER_STEP = 4;
    private static final long GOLDEN_GAMMA = 0x9e37_79b9_7f4a_7c15L;

    private final long seed;
    private final List<FaultSpec> specs;
    private final AtomicLongArray injected = new AtomicLongArray(FaultKind.values().length);
    // Per spec, guarded by the device lock.
    private final long[][] firstPeriod;
    private final long[][] window;
    private final boolean[][][] chosen;
    private final int[][] permutation;
    private final long[] spuriousLeft;
    private final long[] lateLeft;
    private final int[] lastPosition = new int[STREAMS];
    private final boolean[] positionFrozen = new boolean[STREAMS];
    private long originNanos;
    private long verbs;
    private boolean spuriousOnes;

    private FaultPlan(final long seed, final List<FaultSpec> specs)
    {
        this.seed = seed;
        this.specs = List.copyOf(specs);
        final int count = this.specs.size();
        this.firstPeriod = new long[count][];
        this.window = new long[count][];
        this.chosen = new boolean[count][][];
        this.permutation = new int[count][];
        this.spuriousLeft = new long[count];
        this.lateLeft = new long[count];
        for (int i = 0; i < count; i++)
        {
            final FaultSpec f = this.specs.get(i);
            if (f.hasRatio())
            {
                firstPeriod[i] = new long[STREAMS];
                window[i] = new long[STREAMS];
                chosen[i] = new boolean[STREAMS][f.n()];
                permutation[i] = new int[f.n()];
                Arrays.fill(firstPeriod[i], -1);
                Arrays.fill(window[i], -1);
            }
            spuriousLeft[i] = f.kind() == FaultKind.SPURIOUS_IRQ ? f.amount() : 0;
            lateLeft[i] = f.kind() == FaultKind.CODEC_LATE ? f.amount() : 0;
        }
    }

    /**
     * A plan.
     *
     * @param seed  decides which K of every N periods a ratio hits.
     * @param specs the faults.
     * @return the plan.
     */
    public static FaultPlan of(final long seed, final List<FaultSpec> specs)
    {
        return new FaultPlan(seed, specs);
    }

    /**
     * A plan from specs as written.
     *
     * @param seed  the seed.
     * @param texts the specs, e.g. {@code "lost-irq:1/8"}.
     * @return the plan.
     * @throws IllegalArgumentException for a bad spec (one line naming it).
     */
    public static FaultPlan parse(final long seed, final List<String> texts)
    {
        final List<FaultSpec> parsed = new ArrayList<>();
        for (final String t : texts)
        {
            parsed.add(FaultSpec.parse(t));
        }
        return new FaultPlan(seed, parsed);
    }

    /**
     * The seed.
     *
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * The faults planned.
     *
     * @return the specs, in order.
     */
    public List<FaultSpec> specs()
    {
        return specs;
    }

    /**
     * When the plan hot-unplugs the function ({@link FaultKind#UNPLUG}), which the machine does, not the controller.
     *
     * @return nanoseconds after boot, or -1 for never.
     */
    public long unplugAfterNanos()
    {
        for (final FaultSpec f : specs)
        {
            if (f.kind() == FaultKind.UNPLUG)
            {
                return f.atNanos();
            }
        }
        return -1;
    }

    /**
     * Counts an injection the machine made on the plan's behalf (the unplug).
     *
     * @param kind the fault.
     */
    public void count(final FaultKind kind)
    {
        injected.incrementAndGet(kind.ordinal());
    }

    /**
     * What was injected so far, per fault name, for every fault the plan holds: periods hit, interrupts raised,
     * verbs unanswered, responses without an interrupt, DMA steps stalled, position-buffer writes falsified, reads
     * answered with all-ones.
     *
     * @return names in the plan's order to counts.
     */
    public Map<String, Long> injected()
    {
        final Map<String, Long> out = new LinkedHashMap<>();
        for (final FaultSpec f : specs)
        {
            out.putIfAbsent(f.kind().specName(), injected.get(f.kind().ordinal()));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean active()
    {
        return !specs.isEmpty();
    }

    @Override
    public void start(final long nowNanos)
    {
        originNanos = nowNanos;
    }

    @Override
    public int periodFault(final int sdIndex, final long period, final long nowNanos)
    {
        int action = 0;
        for (int i = 0; i < specs.size(); i++)
        {
            final FaultSpec f = specs.get(i);
            final int bit = periodBit(f.kind());
            if (bit != 0 && hitsPeriod(i, f, sdIndex, period, nowNanos))
            {
                if ((action & bit) == 0)
                {
                    injected.incrementAndGet(f.kind().ordinal());
                }
                action |= bit;
            }
        }
        return action;
    }

    private static int periodBit(final FaultKind kind)
    {
        return switch (kind)
        {
            case LOST_IRQ -> LOSE_BCIS;
            case EARLY_IRQ -> EARLY_BCIS;
            case BOGUS_IRQ -> BOGUS_BCIS;
            case FIFO_ERROR -> FIFO_ERROR;
            case DESC_ERROR -> DESCRIPTOR_ERROR;
            default -> 0;
        };
    }

    private boolean hitsPeriod(final int i, final FaultSpec f, final int sd, final long period, final long now)
    {
        if (!f.hasRatio())
        {
            return f.atCount() > 0 ? period == f.atCount() : started(f, now);
        }
        if (f.atCount() > 0 ? period < f.atCount() : !started(f, now))
        {
            return false;
        }
        if (firstPeriod[i][sd] < 0 || period < firstPeriod[i][sd])
        {
            firstPeriod[i][sd] = period;
        }
        final long index = period - firstPeriod[i][sd];
        final long w = index / f.n();
        if (window[i][sd] != w)
        {
            window[i][sd] = w;
            choose(i, f, sd, w);
        }
        return chosen[i][sd][(int)(index % f.n())];
    }

    /** Marks K of the window's N positions: a partial Fisher-Yates shuffle on a SplitMix64 stream; no allocation. */
    private void choose(final int i, final FaultSpec f, final int sd, final long w)
    {
        final int[] perm = permutation[i];
        final boolean[] marks = chosen[i][sd];
        for (int j = 0; j < perm.length; j++)
        {
            perm[j] = j;
            marks[j] = false;
        }
        long state = seed ^ mix(i * 0x1_0000L + sd) ^ mix(w + GOLDEN_GAMMA);
        for (int j = 0; j < f.k(); j++)
        {
            state += GOLDEN_GAMMA;
            final int pick = j + (int)Long.remainderUnsigned(mix(state), perm.length - j);
            final int t = perm[j];
            perm[j] = perm[pick];
            perm[pick] = t;
            marks[perm[j]] = true;
        }
    }

    private static long mix(final long z0)
    {
        long z = z0;
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    private boolean started(final FaultSpec f, final long now)
    {
        return f.atNanos() >= 0 && now - originNanos >= f.atNanos();
    }

    @Override
    public boolean dmaStalled(final int sdIndex, final long nowNanos)
    {
        for (final FaultSpec f : specs)
        {
            if (f.kind() == FaultKind.STUCK_LPIB && started(f, nowNanos))
            {
                injected.incrementAndGet(f.kind().ordinal());
                return true;
            }
        }
        return false;
    }

    @Override
    public int positionBuffer(final int sdIndex, final int lpib, final long nowNanos)
    {
        for (final FaultSpec f : specs)
        {
            if (!started(f, nowNanos))
            {
                continue;
            }
            switch (f.kind())
            {
                case POSBUF_ZERO ->
                {
                    injected.incrementAndGet(f.kind().ordinal());
                    return 0;
                }
                case POSBUF_ONES ->
                {
                    injected.incrementAndGet(f.kind().ordinal());
                    return 0xffff_ffff;
                }
                case POSBUF_STALL ->
                {
                    injected.incrementAndGet(f.kind().ordinal());
                    positionFrozen[sdIndex] = true;
                    return lastPosition[sdIndex];
                }
                default ->
                {
                }
            }
        }
        lastPosition[sdIndex] = lpib;
        return lpib;
    }

    @Override
    public boolean codecSilent(final int codecAddress, final long nowNanos)
    {
        verbs++;
        for (final FaultSpec f : specs)
        {
            if (f.kind() == FaultKind.CODEC_SILENT && (f.amount() < 0 || f.amount() == codecAddress)
                && fromVerb(f, nowNanos))
            {
                injected.incrementAndGet(f.kind().ordinal());
                return true;
            }
        }
        return false;
    }

    private boolean fromVerb(final FaultSpec f, final long now)
    {
        return f.atCount() > 0 ? verbs >= f.atCount() : started(f, now);
    }

    @Override
    public boolean loseResponseInterrupt(final long nowNanos)
    {
        for (int i = 0; i < specs.size(); i++)
        {
            final FaultSpec f = specs.get(i);
            if (f.kind() == FaultKind.CODEC_LATE && lateLeft[i] > 0 && fromVerb(f, nowNanos))
            {
                lateLeft[i]--;
                injected.incrementAndGet(f.kind().ordinal());
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean corbDead(final long nowNanos)
    {
        for (final FaultSpec f : specs)
        {
            if (f.kind() == FaultKind.CORB_DEAD && (f.atCount() > 0 ? verbs + 1 >= f.atCount() : started(f, nowNanos)))
            {
                if (injected.get(f.kind().ordinal()) == 0)
                {
                    injected.incrementAndGet(f.kind().ordinal());
                }
                return true;
            }
        }
        return false;
    }

    @Override
    public int spuriousInterrupts(final long nowNanos)
    {
        for (int i = 0; i < specs.size(); i++)
        {
            final FaultSpec f = specs.get(i);
            if (f.kind() == FaultKind.SPURIOUS_IRQ && spuriousLeft[i] > 0 && started(f, nowNanos))
            {
                final int n = (int)Math.min(SPURIOUS_PER_STEP, spuriousLeft[i]);
                spuriousLeft[i] -= n;
                spuriousOnes = f.allOnes();
                return n;
            }
        }
        return 0;
    }

    @Override
    public void spuriousRaised(final int count)
    {
        injected.addAndGet(FaultKind.SPURIOUS_IRQ.ordinal(), count);
    }

    @Override
    public boolean spuriousReadsAllOnes()
    {
        return spuriousOnes;
    }

    @Override
    public boolean lineStuck(final long nowNanos)
    {
        for (final FaultSpec f : specs)
        {
            if (f.kind() == FaultKind.STUCK_IRQ && started(f, nowNanos))
            {
                if (injected.get(f.kind().ordinal()) == 0)
                {
                    injected.incrementAndGet(f.kind().ordinal());
                }
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean readsAllOnes(final long nowNanos)
    {
        for (final FaultSpec f : specs)
        {
            if (f.kind() == FaultKind.ALL_ONES && started(f, nowNanos))
            {
                injected.incrementAndGet(f.kind().ordinal());
                return true;
            }
        }
        return false;
    }
}

package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.*;
import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.hda.codec.Codec;
import dev.azalia.pci.DmaMemory;

/**
 * The controller's command engine on the link's frame timing: the CORB, the RIRB and the immediate command
 * interface (IC/IR/IRS).
 *
 * <p>The link runs 48,000 frames a second from the moment the controller leaves reset. A command the driver
 * publishes (a CORBWP write, ICB set) goes out at the next frame boundary, at most one command per codec per frame
 * (the CORB is fetched in order, so a second verb for the same codec waits for the next frame). The codec answers in
 * the response field at the start of the following frame; when that field is in (36 bits at the 24 MHz bit clock,
 * {@link #RESPONSE_FIELD_NANOS} after the boundary) the response is written to the RIRB, RINTFL raised and the
 * interrupt line follows, or, for the immediate interface, IR is loaded, IRV set and ICB cleared. A verb therefore
 * costs between one and two frames from its CORBWP write to its response, and verbs sent one after another, each
 * when the previous response is in, cost two frames (41.7 µs) each.
 *
 * <p>The rings are reached by DMA into host RAM only: a CORB fetch from outside RAM is a master abort (CORBSTS.CMEI
 * set, the verb not sent, CORBCTL.RUN cleared), a response written outside RAM is dropped (RIRBWP unchanged,
 * RIRBSTS.RIRBOIS set if RIRBCTL.ROIC is). Both are counted in {@link GuestErrors}.
 *
 * <p>The codec executes the verb when it goes out. A verb for an address without a codec is fetched and never
 * answered (the immediate interface clears ICB with IRV 0 when the answer would have come).
 *
 * <p>Threading: every method runs under the controller's device lock; the {@link LinkTimer} is called with that lock
 * held. Allocates nothing.
 */
final class CommandRings
{
    /** The link's frame rate, whatever the streams' rates. */
    static final long FRAMES_PER_SECOND = 48_000L;
    /** From a frame boundary until the response field of that frame has been received. */
    static final long RESPONSE_FIELD_NANOS = 1_500L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int CAPACITY = RING_ENTRIES + 1;
    private static final int VERB_ADDRESS_SHIFT = 28;
    private static final int VERB_INDIRECT = 0x0800_0000;

    /** Where the engine reports a codec that threw. */
    @FunctionalInterface
    interface Failures
    {
        /**
         * Records a device failure.
         *
         * @param message what failed.
         * @param e       the exception.
         */
        void fail(String message, Throwable e);
    }

    private final int[] regs;
    private final DmaMemory memory;
    private final Codec[] codecByAddress;
    private final Failures failures;
    private final GuestErrors guestErrors;
    private final InjectedFaults faults;
    private LinkTimer timer = LinkTimer.NONE;
    private boolean rintcntFlowControl;
    private boolean busMaster = true;

    private int corbRp;
    private int rirbCount;
    private long originNanos;
    private long fetchNanos = Long.MAX_VALUE;
    private long requestedWakeNanos = Long.MAX_VALUE;
    private boolean immediateInFlight;

    // Commands on the link whose responses are not in yet, in the order they went out.
    private final int[] flightCodec = new int[CAPACITY];
    private final int[] flightResponse = new int[CAPACITY];
    private final long[] flightDueNanos = new long[CAPACITY];
    private final boolean[] flightAnswered = new boolean[CAPACITY];
    private final boolean[] flightImmediate = new boolean[CAPACITY];
    private int flightHead;
    private int flightSize;

    /**
     * An engine over the controller's register array.
     *
     * @param regs           the controller's registers (slots of {@link HdaRegisterMap}), shared, guarded by its lock.
     * @param memory         host memory holding the rings.
     * @param codecByAddress the attached codecs by address, shared.
     * @param failures       where codec failures go.
     * @param guestErrors    where ring DMA outside RAM is counted.
     * @param faults         the faults injected into the command path (a silent codec, a dead CORB, a lost RINTFL).
     */
    CommandRings(final int[] regs, final DmaMemory memory, final Codec[] codecByAddress, final Failures failures,
        final GuestErrors guestErrors, final InjectedFaults faults)
    {
        this.faults = faults;
        this.guestErrors = guestErrors;
        this.regs = regs;
        this.memory = memory;
        this.codecByAddress = codecByAddress;
        this.failures = failures;
    }

    void setTimer(final LinkTimer value)
    {
        timer = value;
        requestedWakeNanos = Long.MAX_VALUE;
    }

    void setRintcntFlowControl(final boolean on)
    {
        rintcntFlowControl = on;
    }

    /** PCI COMMAND.BME as last sampled: without it the rings do no DMA (no fetch, responses dropped). */
    void setBusMaster(final boolean enabled)
    {
        busMaster = enabled;
    }

    /** The controller reset: rings stopped, commands on the link lost, the frame grid restarts at {@code now}. */
    void reset(final long now)
    {
        corbRp = 0;
        rirbCount = 0;
        flightSize = 0;
        immediateInFlight = false;
        fetchNanos = Long.MAX_VALUE;
        originNanos = now;
    }

    /** The link leaves reset: frames start at {@code now}. */
    void linkUp(final long now)
    {
        originNanos = now;
    }

    int corbRp()
    {
        return corbRp;
    }

    void resetCorbRp()
    {
        corbRp = 0;
    }

    /** RINTFL was acknowledged: the response count restarts and a CORB held back by flow control moves on. */
    void rintflAcknowledged(final long now)
    {
        rirbCount = 0;
        kick(now);
    }

    /** Something was published (CORBWP, CORBCTL, ICB): the next frame boundary fetches it. */
    void kick(final long now)
    {
        if (fetchNanos == Long.MAX_VALUE && fetchable())
        {
            fetchNanos = nextBoundaryAfter(now);
        }
        requestWake(now);
    }

    /**
     * Runs every frame step due by {@code now}, in time order: fetches at frame boundaries, responses when their
     * field is in.
     *
     * @param now the controller's clock.
     */
    void run(final long now)
    {
        while (true)
        {
            final long due = flightSize > 0 ? flightDueNanos[flightHead] : Long.MAX_VALUE;
            if (due <= now && due <= fetchNanos)
            {
                deliverHead();
            }
            else if (fetchNanos <= now)
            {
                fetch(fetchNanos);
            }
            else
            {
                break;
            }
        }
        requestWake(now);
    }

    /**
     * An unsolicited response into the RIRB, if GCTL.UNSOL and the RIRB DMA are on.
     *
     * @param codecAddress the codec.
     * @param response     the response.
     */
    void unsolicited(final int codecAddress, final int response)
    {
        if ((regs[S_GCTL] & GCTL_UNSOL) != 0)
        {
            rirbWrite(codecAddress, response, false, 0);
        }
    }

    private boolean fetchable()
    {
        if ((regs[S_GCTL] & GCTL_CRST) == 0)
        {
            return false;
        }
        if ((regs[S_IRS] & IRS_ICB) != 0 && !immediateInFlight)
        {
            return true;
        }
        return corbFetchable();
    }

    private boolean corbFetchable()
    {
        return (regs[S_CORBCTL] & CORBCTL_RUN) != 0 && (regs[S_CORBRP] & CORBRP_RST) == 0
            && corbRp != (regs[S_CORBWP] & 0xff) && !(rintcntFlowControl && rirbCount + flightSize >= rintcnt());
    }

    private void fetch(final long boundary)
    {
        fetchNanos = Long.MAX_VALUE;
        if ((regs[S_GCTL] & GCTL_CRST) == 0 || !busMaster)
        {
            return;
        }
        final long due = nextBoundaryAfter(boundary) + RESPONSE_FIELD_NANOS;
        int busyCodecs = 0;
        if ((regs[S_IRS] & IRS_ICB) != 0 && !immediateInFlight)
        {
            final int verb = regs[S_IC];
            immediateInFlight = true;
            busyCodecs |= 1 << (verb >>> VERB_ADDRESS_SHIFT);
            send(verb, due, true, boundary);
        }
        final boolean corbDead = faults.active && faults.plan.corbDead(boundary);
        for (int guard = 0; guard < RING_ENTRIES && !corbDead && corbFetchable(); guard++)
        {
            final int rp = (corbRp + 1) & 0xff;
            final long base = address(S_CORBLBASE, S_CORBUBASE);
            final long at = base + (long)CORB_ENTRY_BYTES * rp;
            if (Long.compareUnsigned(at, base) < 0 || !memory.contains(at, CORB_ENTRY_BYTES))
            {
                // A master abort on the fetch: a memory error (CMEI), nothing sent, the engine stops.
                regs[S_CORBSTS] |= CORBSTS_CMEI;
                regs[S_CORBCTL] &= ~CORBCTL_RUN;
                guestErrors.report(GuestErrors.Kind.CORB_DMA_ABORT, -1, at);
                return;
            }
            final int verb = memory.readInt(at);
            final int bit = 1 << (verb >>> VERB_ADDRESS_SHIFT);
            if ((busyCodecs & bit) != 0)
            {
                // one command per codec per frame: this one goes out in the next frame
                fetchNanos = nextBoundaryAfter(boundary);
                return;
            }
            busyCodecs |= bit;
            corbRp = rp;
            send(verb, due, false, boundary);
        }
    }

    private void send(final int verb, final long dueNanos, final boolean immediate, final long now)
    {
        final int cad = verb >>> VERB_ADDRESS_SHIFT;
        final boolean silent = faults.active && faults.plan.codecSilent(cad, now);
        final Codec codec = cad < MAX_CODECS && (verb & VERB_INDIRECT) == 0 && !silent ? codecByAddress[cad] : null;
        int response = 0;
        boolean answered = false;
        if (null != codec)
        {
            try
            {
                response = codec.execute(verb);
                answered = true;
            }
            catch (final RuntimeException e)
            {
                failures.fail(String.format("codec %d failed on verb 0x%08x", cad, verb), e);
            }
        }
        final int tail = (flightHead + flightSize) % CAPACITY;
        flightCodec[tail] = cad;
        flightResponse[tail] = response;
        flightDueNanos[tail] = dueNanos;
        flightAnswered[tail] = answered;
        flightImmediate[tail] = immediate;
        flightSize++;
    }

    private void deliverHead()
    {
        final int head = flightHead;
        flightHead = (flightHead + 1) % CAPACITY;
        flightSize--;
        if (flightImmediate[head])
        {
            immediateInFlight = false;
            if (flightAnswered[head])
            {
                regs[S_IR] = flightResponse[head];
                regs[S_IRS] = (regs[S_IRS] & ~IRS_ICB) | IRS_IRV;
            }
            else
            {
                // nobody answered: the interface stops waiting, IRV stays 0
                regs[S_IRS] &= ~IRS_ICB;
            }
            return;
        }
        if (flightAnswered[head])
        {
            rirbWrite(flightCodec[head], flightResponse[head], true, flightDueNanos[head]);
        }
    }

    private void rirbWrite(final int cad, final int response, final boolean solicited, final long now)
    {
        if ((regs[S_RIRBCTL] & RIRBCTL_DMAEN) == 0 || !busMaster)
        {
            return;
        }
        final int wp = (regs[S_RIRBWP] + 1) & 0xff;
        final long base = address(S_RIRBLBASE, S_RIRBUBASE);
        final long entry = base + (long)RIRB_ENTRY_BYTES * wp;
        if (Long.compareUnsigned(entry, base) < 0 || !memory.contains(entry, RIRB_ENTRY_BYTES))
        {
            // A master abort: the response is dropped (RIRBWP stays), RIRBOIS if its interrupt is enabled (as QEMU).
            if ((regs[S_RIRBCTL] & RIRBCTL_ROIC) != 0)
            {
                regs[S_RIRBSTS] |= RIRBSTS_RIRBOIS;
            }
            guestErrors.report(GuestErrors.Kind.RIRB_DMA_ABORT, -1, entry);
            return;
        }
        memory.writeInt(entry, response);
        memory.writeInt(entry + 4, cad | (solicited ? 0 : RIRB_EX_UNSOL));
        regs[S_RIRBWP] = wp;
        rirbCount++;
        if ((rirbCount >= rintcnt() || corbRp == (regs[S_CORBWP] & 0xff))
            && (regs[S_RIRBCTL] & RIRBCTL_RINTCTL) != 0
            && !(solicited && faults.active && faults.plan.loseResponseInterrupt(now)))
        {
            regs[S_RIRBSTS] |= RIRBSTS_RINTFL;
        }
    }

    private void requestWake(final long now)
    {
        final long next = Math.min(fetchNanos, flightSize > 0 ? flightDueNanos[flightHead] : Long.MAX_VALUE);
        if (next == Long.MAX_VALUE)
        {
            return;
        }
        if (next < requestedWakeNanos || requestedWakeNanos <= now)
        {
            requestedWakeNanos = next;
            timer.wakeAt(next);
        }
    }

    /** The first frame boundary strictly after {@code t}; boundaries lie at ceil(k * 1e9 / 48000) after reset. */
    long nextBoundaryAfter(final long t)
    {
        final long elapsed = t - originNanos;
        if (elapsed < 0)
        {
            return originNanos;
        }
        final long k = elapsed / NANOS_PER_SECOND * FRAMES_PER_SECOND
            + elapsed % NANOS_PER_SECOND * FRAMES_PER_SECOND / NANOS_PER_SECOND + 1;
        return originNanos + k / FRAMES_PER_SECOND * NANOS_PER_SECOND
            + (k % FRAMES_PER_SECOND * NANOS_PER_SECOND + FRAMES_PER_SECOND - 1) / FRAMES_PER_SECOND;
    }

    private int rintcnt()
    {
        final int n = regs[S_RINTCNT] & 0xff;
        return n == 0 ? RING_ENTRIES : n;
    }

    private long address(final int lowSlot, final int highSlot)
    {
        return ((long)regs[highSlot] << 32) | (regs[lowSlot] & 0xffff_ff80L);
    }
}

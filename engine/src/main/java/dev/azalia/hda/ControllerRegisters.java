package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.*;
import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.hda.codec.Codec;
import dev.azalia.time.NanoClock;

/**
 * The controller's register file: decoding an access to a register as QEMU does, the value a read returns (INTSTS,
 * WALCLK and CORBRP computed), a write's writable and write-1-to-clear bits, and each register's side effect on the
 * command rings, the stream descriptors, the codecs and the controller reset.
 *
 * <p>Threading: every method runs under the controller's device lock; the caller recomputes the interrupt level
 * after a write.
 */
final class ControllerRegisters
{
    private final int[] regs;
    private final NanoClock clock;
    private final CommandRings rings;
    private final StreamDescriptor[] streams;
    private final CodecSlots codecs;
    private final ControllerInterrupts interrupts;
    private final CommandRings.Failures failures;
    private final InjectedFaults faults;
    private long resetExitNanos;
    /** WALCLK at reset exit: 0 as on hardware; a test injects a value just below 2^32 to cross the wrap early. */
    private volatile int wallClockBaseTicks;
    private long ignoredAccesses;

    /**
     * A register file over shared state; call {@link #reset()} before the first access.
     *
     * @param regs       the register slots (shared with the rings and the stream descriptors).
     * @param clock      the link clock time base: WALCLK and the command engine.
     * @param rings      the CORB/RIRB and immediate command engine.
     * @param streams    the stream descriptors in index order.
     * @param codecs     the codecs on the link.
     * @param interrupts the interrupt status and line.
     * @param failures   where a codec that throws on reset is reported.
     * @param faults     the faults injected into register access (all-ones reads, dropped writes).
     */
    ControllerRegisters(final int[] regs, final NanoClock clock, final CommandRings rings,
        final StreamDescriptor[] streams, final CodecSlots codecs, final ControllerInterrupts interrupts,
        final CommandRings.Failures failures, final InjectedFaults faults)
    {
        this.faults = faults;
        this.regs = regs;
        this.clock = clock;
        this.rings = rings;
        this.streams = streams;
        this.codecs = codecs;
        this.interrupts = interrupts;
        this.failures = failures;
    }

    /**
     * Reads a register.
     *
     * @param offset     byte offset inside BAR0.
     * @param widthBytes 1, 2 or 4.
     * @return the value zero-extended to the width, or 0 for an undefined access (counted).
     */
    int read(final int offset, final int widthBytes)
    {
        if (faults.active && faults.plan.readsAllOnes(clock.nanoTime()))
        {
            return widthMask(widthBytes);
        }
        final Reg reg = decode(offset, widthBytes);
        if (null == reg)
        {
            ignoredAccesses++;
            return 0;
        }
        return (int)((registerValue(reg) & 0xffff_ffffL) >>> reg.shift) & widthMask(widthBytes);
    }

    /**
     * Writes a register and runs its side effect; an undefined access is counted and ignored.
     *
     * @param offset     byte offset inside BAR0.
     * @param widthBytes 1, 2 or 4.
     * @param value      the value; the low {@code widthBytes} bytes are used.
     */
    void write(final int offset, final int widthBytes, final int value)
    {
        if (faults.active && faults.plan.readsAllOnes(clock.nanoTime()))
        {
            return;
        }
        final Reg reg = decode(offset, widthBytes);
        if (null == reg)
        {
            ignoredAccesses++;
            return;
        }
        final int field = widthMask(widthBytes) << reg.shift;
        final int shifted = value << reg.shift;
        final int old = regs[reg.slot];
        final int writable = reg.wmask & field;
        final int clearable = reg.w1c & field;
        regs[reg.slot] = ((old & ~writable) | (shifted & writable)) & ~(shifted & clearable);
        runHook(reg, old);
    }

    /** Sets the WALCLK value at reset exit (see {@link HdaController#setWallClockBase}). */
    void setWallClockBase(final int ticks)
    {
        wallClockBaseTicks = ticks;
    }

    /** Accesses that decoded to nothing, since creation. */
    long ignoredAccesses()
    {
        return ignoredAccesses;
    }

    private int registerValue(final Reg reg)
    {
        switch (reg.slot)
        {
            case S_INTSTS:
                return interrupts.intstsRead();
            case S_WALCLK:
                return wallClockBaseTicks + (int)((clock.nanoTime() - resetExitNanos) * 24L / 1000L);
            case S_CORBRP:
                return (regs[S_CORBRP] & CORBRP_RST) | rings.corbRp();
            default:
                return regs[reg.slot];
        }
    }

    private void runHook(final Reg reg, final int old)
    {
        switch (reg.hook)
        {
            case HOOK_GCTL:
                if ((regs[S_GCTL] & GCTL_CRST) == 0)
                {
                    enterReset(false);
                }
                else if ((old & GCTL_CRST) == 0)
                {
                    regs[S_STATESTS] |= codecs.presentMask();
                    resetExitNanos = clock.nanoTime();
                    rings.linkUp(resetExitNanos);
                }
                break;
            case HOOK_CORB_RUN:
                rings.kick(clock.nanoTime());
                break;
            case HOOK_CORBRP:
                if ((regs[S_CORBRP] & CORBRP_RST) != 0)
                {
                    rings.resetCorbRp();
                }
                break;
            case HOOK_RIRBWP:
                regs[S_RIRBWP] = (regs[S_RIRBWP] & RIRBWP_RST) != 0 ? 0 : old;
                break;
            case HOOK_RIRBSTS:
                if ((old & RIRBSTS_RINTFL) != 0 && (regs[S_RIRBSTS] & RIRBSTS_RINTFL) == 0)
                {
                    rings.rintflAcknowledged(clock.nanoTime());
                }
                break;
            case HOOK_IRS:
                if ((regs[S_IRS] & IRS_ICB) != 0)
                {
                    rings.kick(clock.nanoTime());
                }
                break;
            case HOOK_SSYNC:
                final long now = clock.nanoTime();
                for (final StreamDescriptor s : streams)
                {
                    final int bit = 1 << s.index;
                    if ((old & bit) != 0 && (regs[S_SSYNC] & bit) == 0 && s.running)
                    {
                        s.restartClock(now);
                    }
                }
                break;
            case HOOK_SD_CTL:
                streams[reg.stream].ctlWritten(old);
                break;
            default:
                break;
        }
    }

    /** Every register to its reset value, the command rings and every stream descriptor reset; codecs untouched. */
    void reset()
    {
        System.arraycopy(RESET_VALUES, 0, regs, 0, SLOTS);
        resetExitNanos = clock.nanoTime();
        rings.reset(resetExitNanos);
        for (final StreamDescriptor s : streams)
        {
            s.clear();
        }
    }

    /**
     * The controller reset: every register to its reset value, except, for a link reset (CRST = 0), WAKEEN and
     * STATESTS, which live in the resume well and are reset only at power-on (and D3hot to D0); then every codec is
     * reset and the interrupt level recomputed.
     *
     * @param powerOn true for a power-on reset, false for a link reset.
     */
    void enterReset(final boolean powerOn)
    {
        final int wakeen = regs[S_WAKEEN];
        final int statests = regs[S_STATESTS];
        reset();
        if (!powerOn)
        {
            regs[S_WAKEEN] = wakeen;
            regs[S_STATESTS] = statests;
        }
        for (final Codec c : codecs.list())
        {
            try
            {
                c.reset();
            }
            catch (final RuntimeException e)
            {
                failures.fail("codec " + c.address() + " failed to reset", e);
            }
        }
        interrupts.update();
    }
}

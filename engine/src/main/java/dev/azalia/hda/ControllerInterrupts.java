package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.*;
import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.pci.InterruptPin;
import dev.azalia.time.NanoClock;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller's interrupt status and its level-triggered line: INTSTS computed from the stream descriptors' and
 * the command rings' status bits under INTCTL, and the level delivered to the {@link InterruptPin} by one thread at
 * a time, always the latest level.
 *
 * <p>Threading: {@link #intsts} and {@link #update} run under the device lock; {@link #deliver()} runs without it
 * (the pin may run a handler inline that performs MMIO on the device); {@link #level()} is lock-free.
 */
final class ControllerInterrupts
{
    private final int[] regs;
    private final StreamDescriptor[] streams;
    private final InterruptPin irq;
    private final CommandRings.Failures failures;
    private final InjectedFaults faults;
    private final NanoClock clock;

    /** Spins of a thread waiting for another's delivery before it waits on the monitor. */
    private static final int SPINS_BEFORE_WAIT = 64;

    // wantedLevel is written under the device lock, then irqDirty set; one deliverer at a time.
    private volatile int wantedLevel;
    private volatile boolean irqDirty;
    private final AtomicReference<Thread> deliverer = new AtomicReference<>();
    /** Where a thread waits for another's delivery; {@code waiters} counts them (written under this monitor). */
    private final Object delivered = new Object();
    private volatile int waiters;
    private int deliveredLevel;
    // What INTSTS reads while a spurious pulse is on the line (0 or all-ones), -1 otherwise.
    private volatile long spuriousIntsts = -1;

    /**
     * Interrupts of a controller, line deasserted.
     *
     * @param regs     the controller's register file (shared, guarded by the device lock).
     * @param streams  its stream descriptors, in index order.
     * @param irq      the INTx line it drives.
     * @param failures where a throwing pin is reported.
     * @param faults   the faults injected into the line (a stuck level).
     * @param clock    the controller's clock, for the faults' times.
     */
    ControllerInterrupts(final int[] regs, final StreamDescriptor[] streams, final InterruptPin irq,
        final CommandRings.Failures failures, final InjectedFaults faults, final NanoClock clock)
    {
        this.faults = faults;
        this.clock = clock;
        this.regs = regs;
        this.streams = streams;
        this.irq = irq;
        this.failures = failures;
    }

    /** INTSTS as read: SIS bits of streams with an enabled status, CIS for the rings and STATESTS, GIS. */
    int intsts()
    {
        int sts = 0;
        for (final StreamDescriptor s : streams)
        {
            if (s.interruptPending())
            {
                sts |= 1 << s.index;
            }
        }
        final int rirbsts = regs[S_RIRBSTS];
        final int rirbctl = regs[S_RIRBCTL];
        if ((rirbsts & RIRBSTS_RINTFL) != 0 && (rirbctl & RIRBCTL_RINTCTL) != 0
            || (rirbsts & RIRBSTS_RIRBOIS) != 0 && (rirbctl & RIRBCTL_ROIC) != 0
            || (regs[S_STATESTS] & regs[S_WAKEEN]) != 0
            || (regs[S_CORBSTS] & CORBSTS_CMEI) != 0 && (regs[S_CORBCTL] & CORBCTL_CMEIE) != 0)
        {
            sts |= INTSTS_CIS;
        }
        if ((sts & regs[S_INTCTL] & (INTSTS_CIS | INTSTS_SIS_MASK)) != 0)
        {
            sts |= INTSTS_GIS;
        }
        return sts;
    }

    /** INTSTS as a register read returns it: what {@link #intsts} says, or the value a spurious pulse shows. */
    int intstsRead()
    {
        final long spurious = spuriousIntsts;
        return spurious >= 0 ? (int)spurious : intsts();
    }

    /**
     * Raises spurious interrupts (an injected fault), without the device lock: the line goes up and down with INTSTS
     * reading 0 (or all-ones) meanwhile, as a shared line another device asserts. Only while the device itself drives
     * the line low and nobody is delivering; a handler run inline sees the pulse.
     *
     * @param count   pulses wanted.
     * @param allOnes INTSTS reads all-ones instead of 0 during each.
     * @return pulses raised.
     */
    int pulseSpurious(final int count, final boolean allOnes)
    {
        if (!deliverer.compareAndSet(null, Thread.currentThread()))
        {
            return 0;
        }
        int raised = 0;
        try
        {
            while (raised < count && !irqDirty && wantedLevel == 0 && deliveredLevel == 0)
            {
                spuriousIntsts = allOnes ? 0xffff_ffffL : 0;
                raised++;
                irq.setLevel(true);
                spuriousIntsts = -1;
                irq.setLevel(deliveredLevel != 0);
            }
        }
        catch (final RuntimeException e)
        {
            failures.fail("interrupt delivery failed", e);
        }
        finally
        {
            spuriousIntsts = -1;
            release();
        }
        return raised;
    }

    /**
     * Waits until no thread delivers: a short spin (a delivery takes a microsecond or two), then a wait on the
     * monitor, woken by {@link #release}. It must not spin for long: the deliverer has just woken the interrupt thread,
     * which on a busy machine may run in its place, and a spinning or yielding waiter then keeps it off the CPU for
     * up to a scheduler slice; a parked one gives its CPU back at once.
     */
    private void awaitDeliverer()
    {
        for (int i = 0; i < SPINS_BEFORE_WAIT; i++)
        {
            if (null == deliverer.get())
            {
                return;
            }
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        synchronized (delivered)
        {
            // count, then read the owner: pairs with release()'s clear of the owner, then read of the count
            waiters++;
            try
            {
                while (null != deliverer.get())
                {
                    try
                    {
                        delivered.wait();
                    }
                    catch (final InterruptedException e)
                    {
                        interrupted = true;
                    }
                }
            }
            finally
            {
                waiters--;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a delivery: clears the owner, then wakes the threads waiting for it (if any). */
    private void release()
    {
        deliverer.set(null);
        if (waiters > 0)
        {
            synchronized (delivered)
            {
                delivered.notifyAll();
            }
        }
    }

    /** Raises the spurious interrupts a fault plan asked for on this step and tells it how many went out. */
    void spurious(final InjectedFaults faults, final int count)
    {
        if (count > 0)
        {
            faults.plan.spuriousRaised(pulseSpurious(count, faults.plan.spuriousReadsAllOnes()));
        }
    }

    /** Recomputes the level the line should have (GIE and GIS, or a stuck-line fault); under the device lock. */
    void update()
    {
        final int level = (intsts() & INTSTS_GIS) != 0 && (regs[S_INTCTL] & INTCTL_GIE) != 0
            || faults.active && faults.plan.lineStuck(clock.nanoTime()) ? 1 : 0;
        if (level != wantedLevel)
        {
            // Volatile write of the level before the volatile dirty flag: the deliverer clears the flag, then reads
            // the level, so it never delivers an older level after a newer one.
            wantedLevel = level;
            irqDirty = true;
        }
    }

    /** The level the device drives: 1 asserted, 0 deasserted; lock-free. */
    int level()
    {
        return wantedLevel;
    }

    /**
     * Delivers a changed level to the line, without the device lock; returns once the latest level has reached it,
     * even if another thread was delivering.
     */
    void deliver()
    {
        final Thread self = Thread.currentThread();
        boolean wakeLeft = false;
        while (irqDirty)
        {
            final boolean nested = deliverer.get() == self;
            if (!nested && !deliverer.compareAndSet(null, self))
            {
                // Another thread is delivering: wait for it, then deliver this change ourselves, so that the
                // register write that changed the level has reached the line before the write returns (a handler
                // re-checking a level-triggered line must not see a stale level).
                awaitDeliverer();
                continue;
            }
            try
            {
                // A handler run inline by the line (nested on this thread) that changes the level delivers the
                // change at once: the line re-checks its level when the handler returns.
                while (irqDirty)
                {
                    irqDirty = false;
                    final int level = wantedLevel;
                    if (level != deliveredLevel)
                    {
                        deliveredLevel = level;
                        // the interrupt thread's wake-up (a system call, tens of microseconds on a busy machine)
                        // is left until the owner is released: a handler's acknowledgement waits for the owner
                        irq.setLevelDeferringWake(level != 0);
                        wakeLeft = true;
                    }
                }
            }
            catch (final RuntimeException e)
            {
                failures.fail("interrupt delivery failed", e);
            }
            finally
            {
                if (!nested)
                {
                    release();
                }
            }
        }
        if (wakeLeft)
        {
            irq.wakeDeferred();
        }
    }
}

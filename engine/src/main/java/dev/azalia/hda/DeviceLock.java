package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.RIRB_EX_CODEC_MASK;

import dev.azalia.hda.codec.CodecBus;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The controller's device lock (like QEMU's global lock), its re-entrancy guard and the hand-over of unsolicited
 * responses queued while it was held.
 *
 * <p>Re-entrancy: a register access or a DMA step made by a thread already inside the device (a codec answering a
 * verb, the link timer, a codec receiving stream data) is refused by {@link #reentered}, counted and logged once, as
 * QEMU's re-entrancy guard does; an interrupt handler delivered after the lock is released is not inside the device.
 *
 * <p>Threading: thread-safe. Allocates nothing.
 */
final class DeviceLock
{
    private final ReentrantLock lock = new ReentrantLock();
    private final UnsolicitedQueue unsolicited;
    private final CommandRings rings;
    private final ControllerInterrupts interrupts;
    private final GuestErrors guestErrors;
    // The thread handing stream data to the codecs, outside the lock but inside the device; null when none.
    private volatile Thread delivering;

    /**
     * A lock over the controller's parts.
     *
     * @param unsolicited the queue drained into the rings on every release.
     * @param rings       the command rings the queue drains into.
     * @param interrupts  recomputed after a drain and delivered after the last release.
     * @param guestErrors where a refused nested access is counted.
     */
    DeviceLock(final UnsolicitedQueue unsolicited, final CommandRings rings, final ControllerInterrupts interrupts,
        final GuestErrors guestErrors)
    {
        this.unsolicited = unsolicited;
        this.rings = rings;
        this.interrupts = interrupts;
        this.guestErrors = guestErrors;
    }

    /** Takes the lock (re-entrantly for the controller's own API; guard MMIO and DMA with {@link #reentered}). */
    void lock()
    {
        lock.lock();
    }

    /**
     * Takes the lock if free.
     *
     * @return true if taken.
     */
    boolean tryLock()
    {
        return lock.tryLock();
    }

    /**
     * Whether this thread is already inside the device; if so the nested access is counted and logged once.
     *
     * @param offset the register offset accessed, or -1 for a DMA or command step.
     * @return true if the access must be refused.
     */
    boolean reentered(final int offset)
    {
        if (!lock.isHeldByCurrentThread() && delivering != Thread.currentThread())
        {
            return false;
        }
        guestErrors.report(GuestErrors.Kind.REENTRANT_ACCESS, -1, offset & 0xffff_ffffL);
        return true;
    }

    /**
     * Marks this thread as inside the device (handing stream data to codecs) or no longer.
     *
     * @param inside true before the hand-over, false after.
     */
    void delivering(final boolean inside)
    {
        delivering = inside ? Thread.currentThread() : null;
    }

    /**
     * The bus a codec sees: an unsolicited response is queued (dropped and counted when 64 wait) and moved into the
     * RIRB at once if the lock is free, else by the thread holding it when it releases it.
     *
     * @return a new bus view; any thread may call it.
     */
    CodecBus codecBus()
    {
        return (codecAddress, response) ->
        {
            if (unsolicited.offer(codecAddress & RIRB_EX_CODEC_MASK, response) && lock.tryLock())
            {
                unlock();
                interrupts.deliver();
            }
        };
    }

    /**
     * Releases the lock once; on the last release, first moves queued unsolicited responses into the RIRB, and takes
     * the lock back for any that were queued meanwhile, then delivers the interrupt line.
     */
    void unlock()
    {
        while (true)
        {
            if (unsolicited.pending())
            {
                unsolicited.drainTo(rings);
                interrupts.update();
            }
            lock.unlock();
            if (lock.isHeldByCurrentThread())
            {
                return;
            }
            // An unsolicited response queued while we held the lock (its sender's tryLock failed): take it in.
            if (!unsolicited.pending() || !lock.tryLock())
            {
                interrupts.deliver();
                return;
            }
        }
    }
}

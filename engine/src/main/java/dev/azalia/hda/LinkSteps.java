package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisterMap.S_SSYNC;

import dev.azalia.hda.codec.Codec;
import dev.azalia.time.NanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The controller's link-side steps: the command engine's frames and the DMA step (command rings, every active
 * stream, the hand-over of fetched bytes to the codecs, the interrupt line), as {@link HdaController} documents them.
 *
 * <p>Threading: {@link #advance()} is serialised by a step lock held for the whole step, delivery included, which
 * {@link #awaitStep} takes to wait for a step's end; the rest under the device lock.
 */
final class LinkSteps
{
    private final NanoClock clock;
    private final DeviceLock lock;
    private final ReentrantLock stepLock = new ReentrantLock();
    private final int[] regs;
    private final StreamDescriptor[] streams;
    private final CodecSlots codecs;
    private final CommandRings rings;
    private final ControllerInterrupts interrupts;
    private final InjectedFaults injected;
    private volatile BooleanSupplier busMaster = () -> true;
    private volatile Runnable afterRaise;

    LinkSteps(final NanoClock clock, final DeviceLock lock, final int[] regs, final StreamDescriptor[] streams,
        final CodecSlots codecs, final CommandRings rings, final ControllerInterrupts interrupts,
        final InjectedFaults injected)
    {
        this.clock = clock;
        this.lock = lock;
        this.regs = regs;
        this.streams = streams;
        this.codecs = codecs;
        this.rings = rings;
        this.interrupts = interrupts;
        this.injected = injected;
    }

    void setBusMaster(final BooleanSupplier enabled)
    {
        busMaster = enabled;
    }

    void setAfterRaise(final Runnable action)
    {
        afterRaise = action;
    }

    void runCommandFrames()
    {
        if (lock.reentered(-1))
        {
            return;
        }
        final boolean master = busMaster.getAsBoolean();
        lock.lock();
        try
        {
            rings.setBusMaster(master);
            rings.run(clock.nanoTime());
            interrupts.update();
        }
        finally
        {
            lock.unlock();
        }
        interrupts.deliver();
    }

    void advance()
    {
        if (stepLock.isHeldByCurrentThread() || lock.reentered(-1))
        {
            return;
        }
        stepLock.lock();
        try
        {
            final long now = clock.nanoTime();
            final boolean master = busMaster.getAsBoolean();
            boolean more = true;
            int spurious = 0;
            while (more)
            {
                more = false;
                final boolean wasRaised = interrupts.level() != 0;
                lock.lock();
                try
                {
                    rings.setBusMaster(master);
                    rings.run(now);
                    for (final StreamDescriptor s : streams)
                    {
                        s.stagedBytes = 0;
                        if (s.active(regs[S_SSYNC]))
                        {
                            more |= s.step(now, master);
                        }
                    }
                    interrupts.update();
                    spurious += injected.active ? injected.plan.spuriousInterrupts(now) : 0;
                }
                finally
                {
                    // the last release delivers the line: a level this step raised is on it when this returns
                    lock.unlock();
                }
                final Runnable raised = afterRaise;
                if (null != raised && !wasRaised && interrupts.level() != 0)
                {
                    raised.run();
                }
                final Codec[] targets = codecs.list();
                lock.delivering(true);
                for (final StreamDescriptor s : streams)
                {
                    if (s.stagedBytes > 0)
                    {
                        s.deliverStaged(targets, now);
                    }
                }
                lock.delivering(false);
                interrupts.deliver();
            }
            interrupts.spurious(injected, spurious);
        }
        finally
        {
            stepLock.unlock();
        }
    }

    boolean awaitStep(final long timeoutNanos)
    {
        if (stepLock.isHeldByCurrentThread())
        {
            return true;
        }
        try
        {
            if (!stepLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS))
            {
                return false;
            }
            stepLock.unlock();
            return true;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long nextEventNanos()
    {
        lock.lock();
        try
        {
            long next = Long.MAX_VALUE;
            for (final StreamDescriptor s : streams)
            {
                if (s.active(regs[S_SSYNC]))
                {
                    next = Math.min(next, s.nextIocNanos());
                }
            }
            return next;
        }
        finally
        {
            lock.unlock();
        }
    }
}

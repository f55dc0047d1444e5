package dev.azalia.sound;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A substream's state machine and position side built on their own, around a {@link PcmFixture}'s card (the
 * fixture's substream serves only as the ops' argument and for its name), for the tests of those parts.
 */
final class PcmParts
{
    final PcmFixture f = PcmFixture.virtual(1_000_000L, false);
    final FakePcmOps ops = new FakePcmOps();
    final ReentrantLock lock = new ReentrantLock();
    final Condition sleep = lock.newCondition();
    final PcmPointers ptrs = new PcmPointers(f.log, f.card::logSource, f.s::name);
    final PcmStateMachine machine = new PcmStateMachine(f.s, f.card, ops, ptrs, sleep);
    final PcmHwPtrUpdater updater = new PcmHwPtrUpdater(f.s, f.card, ops, lock, machine, ptrs);

    /** Open, the fixture's parameters, prepared: PREPARED with nothing written. */
    PcmParts prepared()
    {
        locked(() ->
        {
            machine.openLocked();
            updater.clearCountersLocked();
            ptrs.configure(PcmFixture.PARAMS);
            machine.resetThresholdsLocked(PcmFixture.PARAMS.bufferFrames());
            machine.setStateLocked(PcmState.SETUP);
            machine.preparedLocked();
        });
        return this;
    }

    /** Prepared, {@code frames} written and started: RUNNING. */
    PcmParts running(final long frames)
    {
        prepared();
        locked(() ->
        {
            ptrs.advanceAppl(frames);
            machine.startLocked();
        });
        return this;
    }

    /** Runs {@code body} under the stream lock. */
    void locked(final Runnable body)
    {
        lock.lock();
        try
        {
            body.run();
        }
        finally
        {
            lock.unlock();
        }
    }
}

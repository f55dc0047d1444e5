package dev.azalia.sound;

import java.util.concurrent.locks.Condition;

/**
 * How a blocked caller of the sound core waits (a writer waiting for room, a drainer, a caller held in the power
 * gate). Injected through the {@link Card} so that a virtual-clock run can make time pass, and even run the
 * hardware, instead of sleeping.
 *
 * <p>Locking contract: {@link #await} is called with the lock that owns {@code condition} held exactly once by the
 * calling thread, and with no other sound-core lock held. That lock is a
 * {@link java.util.concurrent.locks.ReentrantLock}:
 * <ul>
 *   <li>for {@link PcmSubstream#writei} and {@link PcmSubstream#drain}: the substream's stream lock;</li>
 *   <li>for the power gate ({@link Card#powerRefAndWait()}, {@link Card#powerSyncRef()}): the card's power lock.</li>
 * </ul>
 * {@link RealTimeWaiter} releases the lock while it sleeps ({@link Condition#awaitNanos}). A virtual implementation
 * may instead advance a virtual clock and run the hardware inline on the calling thread (a DMA step, then the
 * interrupt handler, whose {@link PcmSubstream#periodElapsed()} re-enters the held stream lock, which is reentrant),
 * or release the lock by any means that {@link Condition} offers, let other threads run the hardware and re-acquire
 * it before returning. It must not block on another thread that needs the held lock without releasing it.
 * On return the lock must be held again exactly once; the caller re-checks its condition in a loop, so spurious
 * returns are harmless.
 */
public interface Waiter
{
    /**
     * Waits until signalled, until the card clock reaches {@code deadlineNanos}, or spuriously.
     *
     * @param condition     the condition to wait on; its lock is held by the caller (see the class comment).
     * @param deadlineNanos the deadline on the card's {@link dev.azalia.time.NanoClock}; {@link Long#MAX_VALUE}
     *                      for none.
     * @return false once the clock has reached {@code deadlineNanos}, true otherwise.
     * @throws InterruptedException if the waiting thread was interrupted.
     */
    boolean await(Condition condition, long deadlineNanos) throws InterruptedException;
}

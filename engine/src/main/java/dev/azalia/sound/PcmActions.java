package dev.azalia.sound;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The trigger ioctls of one playback substream as Linux 6.1's {@code snd_pcm_action_lock_irq} runs them: start,
 * drop, pause, suspend, resume and the disconnect of one substream, each a {@link PcmStateMachine} transition under
 * the stream lock (with the open check first where the ioctl has one, and the pointer update before a pause push).
 *
 * <p><b>Threads.</b> {@link #start()}, {@link #drop()}, {@link #pause(boolean)} and {@link #resume()} run on the
 * application thread after the card's power gate; {@link #suspend()} and {@link #disconnect()} on any thread. Each
 * takes the stream lock for its whole transition, during which the driver's {@link PcmOps#trigger} runs.
 */
final class PcmActions
{
    private final ReentrantLock lock;
    private final PcmStateMachine machine;
    private final PcmHwPtrUpdater updater;
    private final PcmSetup setup;

    /**
     * The trigger ioctls of a runtime.
     *
     * @param lock    the stream lock.
     * @param machine the state machine.
     * @param updater the position side (a pause push updates {@code hw_ptr} first).
     * @param setup   the configuration (whether the open's hardware can resume).
     */
    PcmActions(final ReentrantLock lock, final PcmStateMachine machine, final PcmHwPtrUpdater updater,
        final PcmSetup setup)
    {
        this.lock = lock;
        this.machine = machine;
        this.updater = updater;
        this.setup = setup;
    }

    /** {@code SNDRV_PCM_IOCTL_START}; see {@link PcmSubstream#start()}. */
    void start()
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            machine.startLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code snd_pcm_drop}; see {@link PcmSubstream#drop()}. */
    void drop()
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            machine.dropLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * {@code snd_pcm_pause}; see {@link PcmSubstream#pause(boolean)}.
     *
     * @param push true to pause, false to continue.
     */
    void pause(final boolean push)
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            if (push && PcmState.RUNNING == machine.state())
            {
                updater.updateHwPtrLocked(false);
            }
            machine.pauseLocked(push);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code snd_pcm_suspend}; see {@link PcmSubstream#suspend()}. */
    void suspend()
    {
        lock.lock();
        try
        {
            machine.suspendLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code snd_pcm_resume}; see {@link PcmSubstream#resume()}. */
    void resume()
    {
        lock.lock();
        try
        {
            machine.checkOpened();
            machine.resumeLocked(setup.hardware().resumeSupported());
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code snd_pcm_dev_disconnect} for this substream: stop if running, state DISCONNECTED, wake sleepers. */
    void disconnect()
    {
        lock.lock();
        try
        {
            machine.disconnectLocked();
        }
        finally
        {
            lock.unlock();
        }
    }
}

package dev.azalia.sound;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A card's open files ({@code card->files_list}) and what the files lock orders against them: setting
 * {@code card->shutdown} at disconnect, the exclusive device lock ({@code snd_hda_lock_devices}), waiting for the
 * last file to close ({@code card->remove_sleep}) and the once-only start of the card's release
 * ({@code card->releasing}).
 *
 * <p>Threading: any thread; every method takes the files lock.
 */
final class CardFiles
{
    private final String cardId;
    private final Waiter waiter;
    private final CardPowerGate gate;
    private final ReentrantLock filesLock = new ReentrantLock();
    /** {@code card->remove_sleep}: waiters for the last file to close. */
    private final Condition removeSleep = filesLock.newCondition();
    // Guarded by filesLock.
    private int openFiles;
    private boolean devicesLocked;
    private boolean releasing;

    /**
     * No open file, devices unlocked.
     *
     * @param cardId the card's id, for error messages.
     * @param waiter how blocked callers wait.
     * @param gate   the card's power gate, which holds {@code card->shutdown}.
     */
    CardFiles(final String cardId, final Waiter waiter, final CardPowerGate gate)
    {
        this.cardId = cardId;
        this.waiter = waiter;
        this.gate = gate;
    }

    /** Sets {@code card->shutdown} under the files lock; false if it was already set. */
    boolean beginShutdown()
    {
        filesLock.lock();
        try
        {
            if (gate.isShutdown())
            {
                return false;
            }
            gate.markShutdown();
            return true;
        }
        finally
        {
            filesLock.unlock();
        }
    }

    /** Waits until no file is open; see {@link Card#disconnectSync()}. */
    void awaitAllClosed()
    {
        filesLock.lock();
        try
        {
            while (openFiles > 0)
            {
                waiter.await(removeSleep, Long.MAX_VALUE);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new SoundException(Errno.EINTR, "interrupted while waiting for files to close", e);
        }
        finally
        {
            filesLock.unlock();
        }
    }

    /** Sets {@code card->releasing}; false if the release had already started. */
    boolean beginRelease()
    {
        filesLock.lock();
        try
        {
            if (releasing)
            {
                return false;
            }
            releasing = true;
            return true;
        }
        finally
        {
            filesLock.unlock();
        }
    }

    int openFiles()
    {
        filesLock.lock();
        try
        {
            return openFiles;
        }
        finally
        {
            filesLock.unlock();
        }
    }

    /** See {@link Card#lockDevices()}. */
    void lockDevices()
    {
        filesLock.lock();
        try
        {
            if (gate.isShutdown())
            {
                throw new SoundException(Errno.ENODEV, "card " + cardId + " is disconnected");
            }
            if (devicesLocked || openFiles > 0)
            {
                throw new SoundException(Errno.EBUSY, "card " + cardId + " is in use");
            }
            devicesLocked = true;
        }
        finally
        {
            filesLock.unlock();
        }
    }

    void unlockDevices()
    {
        filesLock.lock();
        try
        {
            devicesLocked = false;
        }
        finally
        {
            filesLock.unlock();
        }
    }

    /** {@code snd_card_file_add}: ENODEV after disconnect, EBUSY while devices are locked. */
    void add()
    {
        filesLock.lock();
        try
        {
            if (gate.isShutdown())
            {
                throw new SoundException(Errno.ENODEV, "card " + cardId + " is disconnected");
            }
            if (devicesLocked)
            {
                throw new SoundException(Errno.EBUSY, "card " + cardId + " devices are locked");
            }
            openFiles++;
        }
        finally
        {
            filesLock.unlock();
        }
    }

    /** {@code snd_card_file_remove}; the last one wakes {@link #awaitAllClosed()}. */
    void remove()
    {
        filesLock.lock();
        try
        {
            if (openFiles > 0 && --openFiles == 0)
            {
                removeSleep.signalAll();
            }
        }
        finally
        {
            filesLock.unlock();
        }
    }

    boolean hasWaitersForTest()
    {
        filesLock.lock();
        try
        {
            return filesLock.hasWaiters(removeSleep);
        }
        finally
        {
            filesLock.unlock();
        }
    }
}

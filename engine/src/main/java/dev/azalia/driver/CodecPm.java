package dev.azalia.driver;

import dev.azalia.kernel.Kernel;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The codec's own runtime power management, as Linux's {@code power_save} drives an HDA codec device: a usage count
 * taken by PCM open ({@code snd_hda_power_up}) and dropped at close; when it reaches zero an autosuspend timer
 * suspends the codec after the power-save delay (1 s by default: the capture's codec goes to D3 about a second after
 * {@code azx_pcm_close}); {@link #get()} resumes it first. Independent of the controller's {@link RuntimePm}: the
 * controller may stay active (ICH9 never runtime-suspends) while the codec sleeps.
 *
 * <p>Mixer gets and puts do not take a reference (Linux's lazy register cache): a put while suspended only updates
 * the cache.
 *
 * <p>Thread-safe. The suspend and resume actions run under this object's lock, on the caller's thread (resume) or
 * the workqueue (autosuspend).
 */
public final class CodecPm
{
    private final Kernel kernel;
    private final long delayNanos;
    private final CodecDriver codec;
    private final Runnable suspendAction;
    private final Runnable resumeAction;
    private final ReentrantLock lock = new ReentrantLock();
    private int usage;
    private boolean enabled;
    private Kernel.Cancellable pending;
    private long suspends;
    private long resumes;

    /**
     * Power save for one codec.
     *
     * @param kernel        the autosuspend timer.
     * @param delayNanos    idle time before the codec suspends; negative disables power save.
     * @param codec         the codec driver (its suspended state).
     * @param suspendAction suspends the codec (the caller wraps {@link CodecDriver#suspend} in whatever gating
     *                      register access needs).
     * @param resumeAction  resumes it ({@link CodecDriver#resume}).
     */
    public CodecPm(final Kernel kernel, final long delayNanos, final CodecDriver codec, final Runnable suspendAction,
        final Runnable resumeAction)
    {
        this.kernel = kernel;
        this.delayNanos = delayNanos;
        this.codec = codec;
        this.suspendAction = suspendAction;
        this.resumeAction = resumeAction;
    }

    /**
     * Power save whose actions hold the chip's MMIO gate around the codec's verbs (as the controller's runtime PM
     * callbacks do); a suspend whose verbs fail marks the codec suspended anyway.
     *
     * @param kernel     the autosuspend timer.
     * @param delayNanos idle time before the codec suspends; negative disables power save.
     * @param codec      the codec driver.
     * @param gate       the chip's register-access gate.
     * @return the power save.
     */
    public static CodecPm gated(final Kernel kernel, final long delayNanos, final CodecDriver codec,
        final MmioGate gate)
    {
        return new CodecPm(kernel, delayNanos, codec, () -> gated(gate, () ->
        {
            try
            {
                codec.suspend();
            }
            catch (final RuntimeException e)
            {
                codec.markSuspended();
            }
        }), () -> gated(gate, codec::resume));
    }

    private static void gated(final MmioGate gate, final Runnable action)
    {
        gate.enter();
        try
        {
            action.run();
        }
        finally
        {
            gate.exit();
        }
    }

    /** Starts power save (end of probe): an idle codec suspends after the delay. */
    public void enable()
    {
        lock.lock();
        try
        {
            enabled = true;
            scheduleIfIdle();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Takes a usage reference, resuming the codec if it is suspended ({@code snd_hda_power_up}). */
    public void get()
    {
        lock.lock();
        try
        {
            usage++;
            cancelPending();
            if (codec.suspended())
            {
                resumes++;
                resumeAction.run();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Drops a usage reference; at zero the autosuspend timer starts ({@code snd_hda_power_down}). */
    public void put()
    {
        lock.lock();
        try
        {
            if (usage > 0)
            {
                usage--;
            }
            scheduleIfIdle();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The codec was resumed by someone else (the controller's resume, a bus reset): start the timer if idle.
     */
    public void resumedElsewhere()
    {
        lock.lock();
        try
        {
            scheduleIfIdle();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The current usage count.
     *
     * @return references held.
     */
    public int usage()
    {
        lock.lock();
        try
        {
            return usage;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Power-save suspends so far.
     *
     * @return the count.
     */
    public long suspends()
    {
        lock.lock();
        try
        {
            return suspends;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Resumes made by {@link #get()} so far.
     *
     * @return the count.
     */
    public long resumes()
    {
        lock.lock();
        try
        {
            return resumes;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void scheduleIfIdle()
    {
        if (enabled && usage == 0 && !codec.suspended() && delayNanos >= 0 && null == pending)
        {
            pending = kernel.schedule("hda codec power save", delayNanos, this::autosuspend);
        }
    }

    private void cancelPending()
    {
        if (null != pending)
        {
            pending.cancel();
            pending = null;
        }
    }

    private void autosuspend()
    {
        lock.lock();
        try
        {
            pending = null;
            if (enabled && usage == 0 && !codec.suspended())
            {
                suspends++;
                suspendAction.run();
            }
        }
        finally
        {
            lock.unlock();
        }
    }
}

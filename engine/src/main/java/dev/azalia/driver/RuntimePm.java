package dev.azalia.driver;

import dev.azalia.kernel.Kernel;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Runtime power management of the card ({@code pm_runtime_*}): a usage count; when it drops to zero an autosuspend
 * timer first suspends the codecs (their {@code power_save}), then the controller - but only where Linux does it: the
 * bound ID has {@code AZX_DCAPS_PM_RUNTIME} and every codec lets the link go down (CLKSTOP and EPSS, so that
 * {@code codec_powered} drops to 0 and {@code azx_runtime_idle} allows it). Otherwise the controller stays in D0 and
 * only the codecs sleep. {@link #getSync()} brings back what was suspended, controller first.
 *
 * <p>Thread-safe. Suspend and resume callbacks run under this object's lock, on the caller's thread (resume) or the
 * workqueue (autosuspend). {@link #active()} is a volatile read, for the interrupt handler.
 */
public final class RuntimePm
{
    /** The device side of runtime PM. */
    public interface Callbacks
    {
        /** Suspends the codecs while the controller is still active (their verbs need its interrupts). */
        void runtimeSuspendCodecs();

        /** Suspends the controller (stop chip, link reset, D3hot); {@link #active()} is already false. */
        void runtimeSuspendController();

        /** Brings the controller to D0 and initialises it; codecs resume on their own power reference when used. */
        void runtimeResumeController();


        /**
         * Whether every codec lets the link go down at its suspend ({@code codec_has_clkstop && codec_has_epss}).
         *
         * @return true if the controller may suspend once the codecs are suspended.
         */
        boolean codecsReleaseLink();
    }

    private final Kernel kernel;
    private final long autosuspendDelayNanos;
    private final boolean controllerAllowed;
    private final Callbacks callbacks;
    private final ReentrantLock lock = new ReentrantLock();
    private int usage;
    private volatile boolean active = true;
    private volatile boolean codecsSuspended;
    private boolean linkReleasable;
    private boolean enabled;
    private Kernel.Cancellable pendingSuspend;
    private long suspends;
    private long resumes;
    private long codecSuspends;

    /**
     * Runtime PM for one device.
     *
     * @param kernel                kernel services (the autosuspend timer).
     * @param autosuspendDelayNanos how long the device must be idle before it suspends; negative disables
     *                              autosuspend.
     * @param controllerAllowed     whether the controller itself may runtime-suspend ({@code AZX_DCAPS_PM_RUNTIME}).
     * @param callbacks             the device's suspend/resume.
     */
    public RuntimePm(final Kernel kernel, final long autosuspendDelayNanos, final boolean controllerAllowed,
        final Callbacks callbacks)
    {
        this.kernel = kernel;
        this.autosuspendDelayNanos = autosuspendDelayNanos;
        this.controllerAllowed = controllerAllowed;
        this.callbacks = callbacks;
    }

    /**
     * Whether the controller may runtime-suspend at all (its ID has {@code AZX_DCAPS_PM_RUNTIME}).
     *
     * @return true for runtime-PM IDs.
     */
    public boolean controllerAllowed()
    {
        return controllerAllowed;
    }

    /**
     * Whether the codecs are runtime-suspended (power save).
     *
     * @return true while they sleep.
     */
    public boolean codecsSuspended()
    {
        return codecsSuspended;
    }

    /**
     * Codec power-save suspends so far.
     *
     * @return the count.
     */
    public long codecSuspends()
    {
        return codecSuspends;
    }

    /**
     * Whether the controller is active (D0, initialised): on runtime-PM IDs the interrupt handler answers IRQ_NONE
     * otherwise.
     *
     * @return true when active.
     */
    public boolean active()
    {
        return active;
    }

    /**
     * Usage count.
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
     * Controller runtime suspends so far.
     *
     * @return the count.
     */
    public long suspends()
    {
        return suspends;
    }

    /**
     * Controller runtime resumes so far.
     *
     * @return the count.
     */
    public long resumes()
    {
        return resumes;
    }

    /**
     * Enables runtime PM once probe is complete ({@code pm_runtime_allow} + put): an idle device may now
     * autosuspend.
     */
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

    /**
     * Takes a reference and resumes the device if it was suspended ({@code pm_runtime_get_sync}).
     */
    public void getSync()
    {
        lock.lock();
        try
        {
            usage++;
            cancelPending();
            if (!active)
            {
                resumes++;
                callbacks.runtimeResumeController();
                active = true;
            }
            // the codecs are not resumed with their parent: each resumes on its own power reference when used
            // (CodecPm: a PCM open), as a codec's runtime PM does
            codecsSuspended = false;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Takes a reference only if the device is active ({@code pm_runtime_get_if_active}).
     *
     * @return true if a reference was taken.
     */
    public boolean getIfActive()
    {
        lock.lock();
        try
        {
            if (!active)
            {
                return false;
            }
            usage++;
            cancelPending();
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Drops a reference; the last one arms the autosuspend timer ({@code pm_runtime_put_autosuspend}).
     */
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
     * Suspends now if idle, without waiting for the timer ({@code pm_runtime_suspend}).
     *
     * @return true if the device is suspended afterwards.
     */
    public boolean suspendNow()
    {
        lock.lock();
        try
        {
            cancelPending();
            if (usage == 0)
            {
                doSuspend();
            }
            return !active;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void scheduleIfIdle()
    {
        if (enabled && usage == 0 && (active || !codecsSuspended) && autosuspendDelayNanos >= 0
            && null == pendingSuspend)
        {
            pendingSuspend = kernel.schedule("pm_runtime autosuspend", autosuspendDelayNanos, this::autosuspend);
        }
    }

    private void cancelPending()
    {
        if (null != pendingSuspend)
        {
            pendingSuspend.cancel();
            pendingSuspend = null;
        }
    }

    private void autosuspend()
    {
        lock.lock();
        try
        {
            pendingSuspend = null;
            if (enabled && usage == 0)
            {
                doSuspend();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void doSuspend()
    {
        if (!codecsSuspended)
        {
            codecSuspends++;
            callbacks.runtimeSuspendCodecs();
            codecsSuspended = true;
            // hda_codec_runtime_suspend: the link may go down once every codec answered D3 with CLK_STOP_OK
            linkReleasable = controllerAllowed && callbacks.codecsReleaseLink();
        }
        if (active && linkReleasable)
        {
            suspends++;
            active = false;
            callbacks.runtimeSuspendController();
        }
    }
}

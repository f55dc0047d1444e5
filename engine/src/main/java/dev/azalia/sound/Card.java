package dev.azalia.sound;

import dev.azalia.device.ManagedDevice;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.NanoClock;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * A sound card ({@code snd_card}): its PCM devices and controls, the card power state with the in-flight reference
 * count that gates every hardware-touching entry point ({@code snd_power_*}), managed resources released in reverse
 * order, and disconnect.
 *
 * <p>Power gate, as in Linux since 5.14: {@link #changePowerState} sets the state and wakes the gate;
 * {@link #powerRefAndWait()} takes an in-flight reference and, unless the card is in D0, sleeps with the reference
 * dropped until D0 (or shutdown: {@link Errno#ENODEV}); {@link #powerSyncRef()} waits until no reference is held.
 * A quiesce sequence therefore sets {@link CardPowerState#D3HOT} first, then {@link #suspendAllPcms()}, then
 * {@link #powerSyncRef()}: after that no control get/put and no PCM file operation touches the hardware until D0.
 *
 * <p>Thread-safety: every method may be called from any thread. The power gate has its own lock (the "power
 * lock"); {@link Waiter}s in the gate run with it held.
 *
 * <p>The card keeps its identity and lifecycle (register, disconnect, free); its parts are package-private: the
 * power gate ({@code CardPowerGate}), the control interface ({@code CardControls}), open files and the device lock
 * ({@code CardFiles}), managed resources ({@code CardResources}), the PCM devices ({@code CardPcms}) and the
 * disconnect and free sequence ({@code CardTeardown}).
 */
public final class Card
{
    private final String id;
    private final String driverName;
    private final String shortName;
    private final KernelLog log;
    private final NanoClock clock;
    private final Waiter waiter;

    private final CardPowerGate gate;
    private final CardFiles files;
    private final CardControls controls;
    private volatile Runnable syncIrq;
    private volatile String logSource;
    private volatile int number;
    private volatile boolean registered;

    /** The device whose devres frees this card, or null for an unmanaged card. */
    private volatile ManagedDevice managedBy;
    private final CardTeardown teardown;

    private final CardResources resources = new CardResources();
    private final CardPcms pcms = new CardPcms();

    /**
     * A card in D0, not yet registered.
     *
     * @param id         the card id ({@code card->id}, e.g. {@code "PCH"}).
     * @param driverName the driver ({@code card->driver}, e.g. {@code "HDA-Intel"}).
     * @param shortName  a short description ({@code card->shortname}).
     * @param log        where the core logs.
     * @param clock      the clock for timeouts and gate-wait measurement.
     * @param waiter     how blocked callers wait.
     */
    public Card(final String id, final String driverName, final String shortName, final KernelLog log,
        final NanoClock clock, final Waiter waiter)
    {
        this.id = id;
        this.driverName = driverName;
        this.shortName = shortName;
        this.log = log;
        this.clock = clock;
        this.waiter = waiter;
        this.logSource = "snd_pcm " + id;
        this.gate = new CardPowerGate(id, clock, waiter);
        this.files = new CardFiles(id, waiter, gate);
        this.controls = new CardControls(id, gate);
        this.teardown = new CardTeardown(this, files, pcms, gate);
    }

    /**
     * Creates a card managed by a device ({@code snd_devm_card_new}): its release is a managed resource of the
     * device, acquired now (so released after everything the driver acquires later), and {@link #register()} adds
     * a second one that runs {@link #free()} - released first of all when the device is unbound, so the card is
     * disconnected and every open file closed before any other resource of the device goes. {@link #free()} runs
     * once however many of these fire.
     *
     * @param device     the owning device.
     * @param id         the card id.
     * @param driverName the driver.
     * @param shortName  a short description.
     * @param log        where the core logs.
     * @param clock      the clock.
     * @param waiter     how blocked callers wait.
     * @return the card, in D0, not registered.
     */
    public static Card createManaged(final ManagedDevice device, final String id, final String driverName,
        final String shortName, final KernelLog log, final NanoClock clock, final Waiter waiter)
    {
        final Card card = new Card(id, driverName, shortName, log, clock, waiter);
        card.managedBy = device;
        device.devres().add("snd_card " + id, card::free);
        return card;
    }

    /**
     * Whether the card was created by {@link #createManaged}.
     *
     * @return true for a managed card.
     */
    public boolean managed()
    {
        return null != managedBy;
    }

    /**
     * The card id.
     *
     * @return the id given at construction.
     */
    public String id()
    {
        return id;
    }

    /**
     * The driver name.
     *
     * @return the name given at construction.
     */
    public String driverName()
    {
        return driverName;
    }

    /**
     * The short name.
     *
     * @return the name given at construction.
     */
    public String shortName()
    {
        return shortName;
    }

    /**
     * The kernel log the core writes to.
     *
     * @return the log.
     */
    public KernelLog log()
    {
        return log;
    }

    /**
     * The card's clock.
     *
     * @return the clock.
     */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * How blocked callers wait.
     *
     * @return the waiter.
     */
    public Waiter waiter()
    {
        return waiter;
    }

    /**
     * The source the core's log lines carry (the card's device, as {@code dev_err(card->dev, ...)} prints it).
     *
     * @return {@code "snd_pcm <id>"} unless set by {@link #setLogSource}.
     */
    public String logSource()
    {
        return logSource;
    }

    /**
     * Sets the source of the core's log lines, e.g. {@code "snd_hda_intel 0000:00:1b.0"}.
     *
     * @param source the source.
     */
    public void setLogSource(final String source)
    {
        this.logSource = source;
    }

    /**
     * The card number ({@code card->number}), used in substream names such as {@code pcmC0D0p:0}.
     *
     * @return 0 unless set.
     */
    public int number()
    {
        return number;
    }

    /**
     * Sets the card number; call before opening streams.
     *
     * @param cardNumber the number, not negative.
     */
    public void setNumber(final int cardNumber)
    {
        this.number = cardNumber;
    }

    // ------------------------------------------------------------------------------------------------ power gate

    /**
     * The current power state.
     *
     * @return the state.
     */
    public CardPowerState powerState()
    {
        return gate.state();
    }

    /**
     * Sets the power state and wakes every caller waiting in the gate ({@code snd_power_change_state}); callers
     * re-check and proceed if the state is D0.
     *
     * @param state the new state.
     */
    public void changePowerState(final CardPowerState state)
    {
        gate.changeState(state);
    }

    /**
     * Takes an in-flight reference ({@code snd_power_ref}).
     */
    public void powerRef()
    {
        gate.ref();
    }

    /**
     * Drops an in-flight reference ({@code snd_power_unref}); dropping the last one wakes {@link #powerSyncRef()}.
     *
     * @throws IllegalStateException if no reference was held.
     */
    public void powerUnref()
    {
        gate.unref();
    }

    /**
     * The number of in-flight references.
     *
     * @return the count.
     */
    public int powerRefCount()
    {
        return gate.refCount();
    }

    /**
     * Takes an in-flight reference and waits for D0 ({@code snd_power_ref_and_wait}): returns at once in D0, even
     * shut down (as 6.1); else sleeps with the reference dropped (so {@link #powerSyncRef()} does not wait for
     * sleepers), re-taking it on wake-up. The caller always calls {@link #powerUnref()} afterwards, also on a throw.
     *
     * @throws SoundException {@link Errno#ENODEV} if the card was not in D0 and is or gets shut down,
     *                        {@link Errno#EINTR} if the thread was interrupted (the interrupt flag is restored).
     */
    public void powerRefAndWait()
    {
        gate.refAndWait();
    }

    /**
     * Waits for D0 without keeping a reference ({@code snd_power_wait}: {@link #powerRefAndWait()} then
     * {@link #powerUnref()}); every PCM file operation starts with it.
     *
     * @throws SoundException {@link Errno#ENODEV} after shutdown, {@link Errno#EINTR} if interrupted.
     */
    public void powerWait()
    {
        gate.await();
    }

    /**
     * Waits until no in-flight reference is held ({@code snd_power_sync_ref}). Callers sleeping in the gate hold
     * none, so after setting D3hot this returns once the operations already past the gate have finished.
     *
     * @throws SoundException {@link Errno#EINTR} if interrupted.
     */
    public void powerSyncRef()
    {
        gate.syncRef();
    }

    /**
     * Sets a hook told how long a caller was held in the power gate; called on the waiting thread, only when the
     * caller actually waited (not on the fast path).
     *
     * @param waitedNanos receives the blocked time in nanoseconds on the card clock, or null for none.
     */
    public void setGateWaitListener(final LongConsumer waitedNanos)
    {
        gate.setWaitListener(waitedNanos);
    }

    /**
     * Sets {@code card->sync_irq}: what {@code syncStop} runs when the PCM ops have no {@link PcmOps#syncStop}
     * ({@code synchronize_irq}: returns once no interrupt handler of the card is running).
     *
     * @param synchronizeIrq the action, or null when the card has no interrupt (then nothing is waited for).
     */
    public void setSyncIrq(final Runnable synchronizeIrq)
    {
        this.syncIrq = synchronizeIrq;
    }

    void runSyncIrq()
    {
        final Runnable r = syncIrq;
        if (null != r)
        {
            r.run();
        }
    }

    // ------------------------------------------------------------------------------------------ managed resources

    /**
     * Registers a resource to release with the card ({@code devres}): released by
     * {@link #releaseManagedResources()} in reverse order of registration.
     *
     * @param name    what it is, for the log.
     * @param release how to release it.
     */
    public void addManagedResource(final String name, final Runnable release)
    {
        resources.add(name, release);
    }

    /**
     * Releases every managed resource, last registered first, and forgets them. A failing release is logged and
     * does not stop the others; the first failure is rethrown at the end.
     */
    public void releaseManagedResources()
    {
        resources.releaseAll(log, logSource);
    }

    // ------------------------------------------------------------------------------------------------- controls

    /**
     * Adds a control element.
     *
     * @param c the element.
     * @throws SoundException {@link Errno#EBUSY} if an element of that name exists.
     */
    public void addControl(final ControlElement c)
    {
        controls.add(c);
    }

    /**
     * Looks a control up by name.
     *
     * @param name the element's name.
     * @return the element, or null if none.
     */
    public ControlElement control(final String name)
    {
        return controls.get(name);
    }

    /**
     * Every control, in the order added.
     *
     * @return a copy.
     */
    public List<ControlElement> controls()
    {
        return controls.all();
    }

    /**
     * Reads a control as a mixer client does ({@code snd_ctl_elem_read}): holds an in-flight power reference
     * around {@link ControlElement#get}, waiting in the gate while the card is not in D0.
     *
     * @param name the element's name.
     * @return {@code info().count()} values.
     * @throws SoundException {@link Errno#ENODEV} after disconnect, {@link Errno#ENOENT} for an unknown name, or
     *                        what the element throws.
     */
    public long[] controlRead(final String name)
    {
        return controls.read(name);
    }

    /**
     * Writes a control as a mixer client does ({@code snd_ctl_elem_write}): validates the values, then holds an
     * in-flight power reference around {@link ControlElement#put}, waiting in the gate while not in D0.
     *
     * @param name   the element's name.
     * @param values {@code info().count()} values, each in range.
     * @return true if a value changed.
     * @throws SoundException {@link Errno#EINVAL} for a wrong count or an out-of-range value,
     *                        {@link Errno#ENODEV} after disconnect, {@link Errno#ENOENT} for an unknown name.
     */
    public boolean controlWrite(final String name, final long[] values)
    {
        return controls.write(name, values);
    }

    // ------------------------------------------------------------------------------------------------------ PCMs

    /**
     * Creates a PCM device with one playback substream ({@code snd_pcm_new} + {@code snd_pcm_set_ops}).
     *
     * @param name     the device name.
     * @param ops      the driver's operations.
     * @param hw       the hardware constraints.
     * @param memory   host memory the DMA buffer is allocated from.
     * @return the device, numbered in creation order.
     */
    public Pcm newPcm(final String name, final PcmOps ops, final PcmHardware hw, final DmaMemory memory)
    {
        return pcms.create(this, name, ops, hw, memory);
    }

    /**
     * Every PCM device, in creation order.
     *
     * @return a copy.
     */
    public List<Pcm> pcms()
    {
        return pcms.snapshot();
    }

    /**
     * Registers the card ({@code snd_card_register}): its devices become usable.
     */
    public void register()
    {
        final ManagedDevice device = managedBy;
        if (!registered && null != device)
        {
            // released first: disconnect and free before the rest of the device's resources
            device.devres().add("snd_card_free " + id, this::free);
        }
        registered = true;
    }

    /**
     * Whether {@link #register()} was called.
     *
     * @return true once registered.
     */
    public boolean isRegistered()
    {
        return registered;
    }

    /**
     * Whether the card was disconnected ({@code card->shutdown}).
     *
     * @return true after {@link #disconnect()}.
     */
    public boolean shutdown()
    {
        return gate.isShutdown();
    }

    /**
     * Disconnects the card ({@code snd_card_disconnect}), for hot-unplug: sets shutdown (new opens fail with
     * {@link Errno#ENODEV}), stops every running PCM and moves every substream to {@link PcmState#DISCONNECTED}
     * (waking blocked writers and drainers, which fail with ENODEV; open files then accept only {@code close}),
     * syncs each stream's stop and the card's interrupt, wakes callers in the power gate (ENODEV) and waits for
     * in-flight references to drain. Does not wait for open files to close (see {@link #disconnectSync()}).
     * Idempotent: a second call returns at once.
     */
    public void disconnect()
    {
        teardown.disconnect();
    }

    /**
     * {@link #disconnect()}, then waits until every open file is closed ({@code snd_card_disconnect_sync}).
     * Applications are not killed: their blocked calls fail with ENODEV and they close. On a virtual kernel a
     * restartable caller is unwound while files are open and runs again later.
     *
     * @throws SoundException {@link Errno#EINTR} if interrupted.
     */
    public void disconnectSync()
    {
        teardown.disconnectSync();
    }

    /**
     * Frees the card ({@code snd_card_free}): {@link #disconnectSync()}, then releases the card's own managed
     * resources in reverse order. Runs its release part exactly once, however often and from wherever it is
     * called (the driver's remove and the device's devres may both call it).
     */
    public void free()
    {
        teardown.free();
    }

    /**
     * Whether {@link #free()} has completed.
     *
     * @return true once freed.
     */
    public boolean freed()
    {
        return teardown.freed();
    }

    /**
     * The number of open files (open PCM substreams).
     *
     * @return the count.
     */
    public int openFiles()
    {
        return files.openFiles();
    }

    /**
     * Blocks new opens while an exclusive operation runs ({@code snd_hda_lock_devices}): fails unless the card is
     * connected, not already locked and has no open file.
     *
     * @throws SoundException {@link Errno#ENODEV} after disconnect, {@link Errno#EBUSY} if locked or a file is
     *                        open.
     */
    public void lockDevices()
    {
        files.lockDevices();
    }

    /**
     * Allows opens again after {@link #lockDevices()} ({@code snd_hda_unlock_devices}).
     */
    public void unlockDevices()
    {
        files.unlockDevices();
    }

    /**
     * Adds an open file ({@code snd_card_file_add}).
     *
     * @throws SoundException {@link Errno#ENODEV} after disconnect, {@link Errno#EBUSY} while devices are locked.
     */
    void fileAdd()
    {
        files.add();
    }

    /** Removes an open file ({@code snd_card_file_remove}); the last one wakes {@link #disconnectSync()}. */
    void fileRemove()
    {
        files.remove();
    }

    /**
     * Suspends every PCM substream ({@code snd_pcm_suspend_all}): running ones get
     * {@link TriggerCommand#SUSPEND}; every prepared, running, draining, paused or xrun substream goes to
     * {@link PcmState#SUSPENDED}; then every stream's stop is synced, so when this returns no interrupt handler
     * that may call {@code periodElapsed} is in flight. Does not pass the power gate (called by the driver while
     * the card is going to D3hot).
     */
    public void suspendAllPcms()
    {
        pcms.suspendAll();
    }

    boolean hasFileWaitersForTest()
    {
        return files.hasWaitersForTest();
    }

    boolean hasPowerWaitersForTest()
    {
        return gate.hasWaitersForTest();
    }
}

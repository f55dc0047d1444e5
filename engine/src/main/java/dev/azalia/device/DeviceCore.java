package dev.azalia.device;

import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The driver core for one bus of devices and drivers ({@code drivers/base/dd.c}): registering a device probes the
 * matching drivers, registering a driver probes the matching unbound devices. A probe that throws
 * {@link ProbeDeferException} puts the device on the <em>pending</em> deferred list. {@link #deferredProbeTrigger()}
 * moves the pending list to the <em>active</em> list and queues the deferred-probe work, which retries every active
 * device. Every successful bind triggers, as Linux's {@code driver_bound} does; and a deferral during which a
 * trigger happened triggers again, so a resource published while the probe ran is not missed.
 *
 * <p>What the core cannot see: a driver that publishes a resource <em>after</em> its probe returned (in
 * asynchronous work) must call {@link #deferredProbeTrigger()} itself, or devices waiting for that resource stay
 * deferred until something else binds - possibly forever.
 *
 * <p>Thread-safety: every method may be called from any thread; probes and removes run under the core's one
 * reentrant lock (a probe may register devices or drivers).
 */
public final class DeviceCore
{
    private final String busName;
    private final KernelLog log;
    private final WorkQueue workQueue;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Device> devices = new ArrayList<>();
    private final List<DeviceDriver> drivers = new ArrayList<>();
    private final List<Device> pending = new ArrayList<>();
    private final List<Device> active = new ArrayList<>();
    private final List<Throwable> probeFailures = new ArrayList<>();
    private long triggerCount;
    private boolean workQueued;
    private long retries;

    /**
     * A bus with no devices and no drivers.
     *
     * @param busName   the bus, as log lines name it ({@code "platform"}).
     * @param log       where binding is logged (debug level, as {@code dev_dbg}).
     * @param workQueue where the deferred-probe work runs.
     */
    public DeviceCore(final String busName, final KernelLog log, final WorkQueue workQueue)
    {
        this.busName = busName;
        this.log = log;
        this.workQueue = workQueue;
    }

    /**
     * Adds a device ({@code device_add}) and probes it against every registered driver.
     *
     * @param device the device, not registered yet.
     */
    public void registerDevice(final Device device)
    {
        lock.lock();
        try
        {
            if (devices.contains(device))
            {
                throw new IllegalArgumentException(device.name() + " is already registered");
            }
            devices.add(device);
            probeDevice(device);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Adds a driver ({@code driver_register}) and probes every matching unbound device that is not deferred.
     *
     * @param driver the driver.
     */
    public void registerDriver(final DeviceDriver driver)
    {
        lock.lock();
        try
        {
            drivers.add(driver);
            for (final Device d : List.copyOf(devices))
            {
                if (!d.bound() && driver.matches(d))
                {
                    probe(driver, d);
                }
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Removes a device ({@code device_del}): takes it off the deferred lists, calls the driver's remove, then
     * releases its managed resources in reverse order of acquisition.
     *
     * @param device the device.
     */
    public void unregisterDevice(final Device device)
    {
        lock.lock();
        try
        {
            pending.remove(device);
            active.remove(device);
            if (!devices.remove(device))
            {
                return;
            }
            final DeviceDriver drv = device.driver();
            if (null != drv)
            {
                drv.remove(device);
                device.devres().releaseAll(log, src(device));
                device.setDriver(null);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Retries every deferred device ({@code driver_deferred_probe_trigger}): moves the pending list to the active
     * list and queues the deferred-probe work unless it is already queued. Call when a resource others may wait
     * for becomes available outside a probe.
     */
    public void deferredProbeTrigger()
    {
        lock.lock();
        try
        {
            triggerCount++;
            active.addAll(pending);
            pending.clear();
            if (!workQueued)
            {
                workQueued = true;
                workQueue.queue("deferred_probe_work", this::deferredProbeWork);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The devices waiting on the deferred lists (pending or active).
     *
     * @return a copy, pending first.
     */
    public List<Device> deferredDevices()
    {
        lock.lock();
        try
        {
            final List<Device> all = new ArrayList<>(pending);
            all.addAll(active);
            return all;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Every registered device, in registration order.
     *
     * @return a copy.
     */
    public List<Device> devices()
    {
        lock.lock();
        try
        {
            return List.copyOf(devices);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * How many deferred devices the deferred-probe work has retried.
     *
     * @return the count.
     */
    public long retries()
    {
        lock.lock();
        try
        {
            return retries;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Probes that failed with an error other than a deferral (also logged).
     *
     * @return a copy.
     */
    public List<Throwable> probeFailures()
    {
        lock.lock();
        try
        {
            return List.copyOf(probeFailures);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code deferred_probe_work_func}: retries the active list; deferrals go back to pending. */
    private void deferredProbeWork()
    {
        lock.lock();
        try
        {
            workQueued = false;
            while (!active.isEmpty())
            {
                final Device d = active.remove(0);
                retries++;
                log.debug(src(d), "Retrying from deferred list");
                if (devices.contains(d) && !d.bound())
                {
                    probeDevice(d);
                }
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void probeDevice(final Device device)
    {
        for (final DeviceDriver drv : List.copyOf(drivers))
        {
            if (device.bound())
            {
                return;
            }
            if (drv.matches(device) && !pending.contains(device) && !active.contains(device))
            {
                probe(drv, device);
            }
        }
    }

    /** {@code really_probe}. */
    private void probe(final DeviceDriver drv, final Device device)
    {
        final long triggersBefore = triggerCount;
        device.setDriver(drv);
        try
        {
            drv.probe(device);
        }
        catch (final ProbeDeferException e)
        {
            unwind(device);
            device.setDeferralReason(e.getMessage());
            log.debug(src(device), "Driver " + drv.name() + " requests probe deferral");
            log.debug(src(device), "Added to deferred list");
            pending.add(device);
            if (triggerCount != triggersBefore)
            {
                // a resource may have appeared while this probe ran: look again (driver_deferred_probe_add_trigger)
                deferredProbeTrigger();
            }
            return;
        }
        catch (final Exception e)
        {
            unwind(device);
            probeFailures.add(e);
            log.warn(src(device), "probe with driver " + drv.name() + " failed with error " + e.getMessage());
            return;
        }
        device.setDeferralReason(null);
        log.debug(src(device), "driver: '" + device.name() + "': driver_bound: bound to device '" + drv.name() + "'");
        deferredProbeTrigger();
    }

    private void unwind(final Device device)
    {
        device.setDriver(null);
        try
        {
            device.devres().releaseAll(log, src(device));
        }
        catch (final RuntimeException e)
        {
            probeFailures.add(e);
        }
    }

    private String src(final Device device)
    {
        return busName + " " + device.name();
    }
}

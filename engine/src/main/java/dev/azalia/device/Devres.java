package dev.azalia.device;

import dev.azalia.kernel.WouldBlockException;
import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's managed resources ({@code devres}): release actions added as resources are acquired, run by
 * {@link #releaseAll()} last added first when the driver unbinds (or its probe fails).
 *
 * <p>Thread-safe: {@link #add} and {@link #releaseAll()} may be called from any thread; the release actions run on
 * the thread calling {@link #releaseAll()}, without this object's lock (an action may wait).
 */
public final class Devres
{
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> released = new ArrayList<>();

    /**
     * One managed resource.
     *
     * @param name    what it is, for the log and for tests.
     * @param release how to release it.
     */
    private record Entry(String name, Runnable release)
    {
    }

    /**
     * Adds a release action ({@code devm_add_action}).
     *
     * @param name    what the resource is.
     * @param release how to release it; called at most once.
     */
    public synchronized void add(final String name, final Runnable release)
    {
        entries.add(new Entry(name, release));
    }

    /**
     * The names of the resources held, in order of acquisition.
     *
     * @return a copy.
     */
    public synchronized List<String> held()
    {
        final List<String> names = new ArrayList<>();
        for (final Entry e : entries)
        {
            names.add(e.name());
        }
        return names;
    }

    /**
     * The names of the resources released so far, in the order they were released.
     *
     * @return a copy.
     */
    public synchronized List<String> released()
    {
        return List.copyOf(released);
    }

    /**
     * Releases every held resource, last acquired first ({@code devres_release_all}). An action that throws is
     * logged to {@code log} and does not stop the others; the first failure is rethrown at the end. An action may
     * throw a {@link WouldBlockException} on a virtual kernel: it and every action not yet run
     * stay held and the exception propagates, so that a retry continues where this call stopped.
     *
     * @param log    where failures are logged.
     * @param source the log source (the device).
     */
    public void releaseAll(final KernelLog log, final String source)
    {
        RuntimeException first = null;
        while (true)
        {
            final Entry last;
            synchronized (this)
            {
                if (entries.isEmpty())
                {
                    break;
                }
                last = entries.get(entries.size() - 1);
            }
            try
            {
                last.release().run();
            }
            catch (final WouldBlockException wouldBlock)
            {
                throw wouldBlock;
            }
            catch (final RuntimeException e)
            {
                log.err(source, "releasing " + last.name() + " failed: " + e);
                if (null == first)
                {
                    first = e;
                }
            }
            synchronized (this)
            {
                entries.remove(entries.size() - 1);
                released.add(last.name());
            }
        }
        if (null != first)
        {
            throw first;
        }
    }
}

package dev.azalia.sound;

import dev.azalia.log.KernelLog;

import java.util.ArrayList;
import java.util.List;

/**
 * A card's managed resources ({@code devres} of the card): released last registered first, each once.
 *
 * <p>Threading: any thread; the list is guarded by its own monitor, releases run without it.
 */
final class CardResources
{
    private final List<ManagedResource> resources = new ArrayList<>();

    private record ManagedResource(String name, Runnable release)
    {
    }

    /** See {@link Card#addManagedResource}. */
    void add(final String name, final Runnable release)
    {
        synchronized (resources)
        {
            resources.add(new ManagedResource(name, release));
        }
    }

    /**
     * See {@link Card#releaseManagedResources()}.
     *
     * @param log       where a failing release is logged.
     * @param logSource the source of that log line.
     */
    void releaseAll(final KernelLog log, final String logSource)
    {
        final List<ManagedResource> toRelease;
        synchronized (resources)
        {
            toRelease = new ArrayList<>(resources);
            resources.clear();
        }
        RuntimeException first = null;
        for (int i = toRelease.size() - 1; i >= 0; i--)
        {
            final ManagedResource r = toRelease.get(i);
            try
            {
                r.release().run();
            }
            catch (final RuntimeException e)
            {
                log.err(logSource, "releasing " + r.name() + " failed: " + e);
                if (null == first)
                {
                    first = e;
                }
            }
        }
        if (null != first)
        {
            throw first;
        }
    }
}

package dev.azalia.hda;

import dev.azalia.pci.InterruptPin;

import java.util.ArrayList;
import java.util.List;

/** An interrupt pin that records every level it is given, optionally running a handler inline on assertion. */
final class RecordingPin implements InterruptPin
{
    private final List<Boolean> levels = new ArrayList<>();
    private volatile boolean level;
    private volatile Runnable inlineHandler;

    @Override
    public void setLevel(final boolean asserted)
    {
        synchronized (levels)
        {
            levels.add(asserted);
        }
        level = asserted;
        final Runnable handler = inlineHandler;
        if (asserted && null != handler)
        {
            handler.run();
        }
    }

    void onAssert(final Runnable handler)
    {
        this.inlineHandler = handler;
    }

    boolean level()
    {
        return level;
    }

    List<Boolean> levels()
    {
        synchronized (levels)
        {
            return List.copyOf(levels);
        }
    }

    int assertions()
    {
        int n = 0;
        for (final Boolean b : levels())
        {
            n += b ? 1 : 0;
        }
        return n;
    }
}

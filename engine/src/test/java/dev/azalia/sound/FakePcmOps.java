package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated driver: records every op, reports a hardware position the test advances, and can report an xrun.
 */
final class FakePcmOps implements PcmOps
{
    private final List<String> calls = new ArrayList<>();
    private final boolean implementsSyncStop;
    private final AtomicInteger syncStops = new AtomicInteger();
    private volatile long positionFrames;
    private volatile boolean reportXrun;
    private volatile long rawPosition = Long.MIN_VALUE;
    private volatile String failOnce = "";

    FakePcmOps(final boolean implementsSyncStop)
    {
        this.implementsSyncStop = implementsSyncStop;
    }

    FakePcmOps()
    {
        this(false);
    }

    /** Makes the next call of the op named {@code call} (e.g. {@code "open"}) fail with {@link Errno#EIO}. */
    void failOnce(final String call)
    {
        failOnce = call;
    }

    /** Sets the position {@link #pointer} reports, in frames (for parts built without the substream's params). */
    void setPosition(final long frames)
    {
        positionFrames = frames;
    }

    /** Moves the simulated DMA position forward by {@code frames}, wrapping in the buffer. */
    void advance(final PcmSubstream s, final long frames)
    {
        positionFrames = (positionFrames + frames) % s.hwParams().bufferFrames();
    }

    long position()
    {
        return positionFrames;
    }

    void reportXrun(final boolean xrun)
    {
        reportXrun = xrun;
    }

    /** Makes {@link #pointer} return {@code pos} unchecked once. */
    void reportRawPositionOnce(final long pos)
    {
        rawPosition = pos;
    }

    int syncStops()
    {
        return syncStops.get();
    }

    List<String> calls()
    {
        synchronized (calls)
        {
            return List.copyOf(calls);
        }
    }

    List<TriggerCommand> triggers()
    {
        final List<TriggerCommand> out = new ArrayList<>();
        for (final String c : calls())
        {
            if (c.startsWith("trigger "))
            {
                out.add(TriggerCommand.valueOf(c.substring("trigger ".length())));
            }
        }
        return out;
    }

    private void record(final String call)
    {
        synchronized (calls)
        {
            calls.add(call);
        }
        if (failOnce.equals(call))
        {
            failOnce = "";
            throw new SoundException(Errno.EIO, "injected failure of " + call);
        }
    }

    @Override
    public void open(final PcmSubstream s)
    {
        record("open");
    }

    @Override
    public void close(final PcmSubstream s)
    {
        record("close");
    }

    /** Runs inside every later hw_params op, i.e. without the stream lock, while the buffer is being changed. */
    java.util.function.Consumer<PcmSubstream> onHwParams = s -> { };

    @Override
    public void hwParams(final PcmSubstream s, final HwParams p)
    {
        record("hwParams");
        onHwParams.accept(s);
    }

    @Override
    public void hwFree(final PcmSubstream s)
    {
        record("hwFree");
    }

    @Override
    public void prepare(final PcmSubstream s)
    {
        positionFrames = 0;
        record("prepare");
    }

    /** Runs inside every later trigger, i.e. under the stream lock (e.g. another thread reading the stream). */
    java.util.function.Consumer<PcmSubstream> onTrigger = s -> { };

    @Override
    public void trigger(final PcmSubstream s, final TriggerCommand cmd)
    {
        record("trigger " + cmd);
        onTrigger.accept(s);
    }

    @Override
    public long pointer(final PcmSubstream s)
    {
        if (reportXrun)
        {
            return POS_XRUN;
        }
        final long raw = rawPosition;
        if (Long.MIN_VALUE != raw)
        {
            rawPosition = Long.MIN_VALUE;
            return raw;
        }
        return positionFrames;
    }

    private volatile DmaMemory copyMemory;
    private volatile java.util.function.Consumer<PcmSubstream> onCopy = s -> { };

    /**
     * From now on the driver copies written frames itself ({@code copy_user}): into its DMA buffer in {@code memory},
     * then runs {@code hook} (on the writing thread, without the stream lock).
     */
    void copyInto(final DmaMemory memory, final java.util.function.Consumer<PcmSubstream> hook)
    {
        onCopy = hook;
        copyMemory = memory;
    }

    @Override
    public boolean hasCopy()
    {
        return null != copyMemory;
    }

    @Override
    public void copy(final PcmSubstream s, final long offsetBytes, final byte[] src, final int srcOffset,
        final int bytes)
    {
        record("copy");
        copyMemory.write(s.dmaAddress() + offsetBytes, src, srcOffset, bytes);
        onCopy.accept(s);
    }

    @Override
    public boolean hasSyncStop()
    {
        return implementsSyncStop;
    }

    @Override
    public void syncStop(final PcmSubstream s)
    {
        syncStops.incrementAndGet();
        record("syncStop");
    }
}

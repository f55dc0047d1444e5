package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.time.NanoClock;

import java.util.function.LongConsumer;

/**
 * The output device of a virtual-clock run, modelled on the link clock's own thread so it stays deterministic: a
 * device that starts consuming at the nominal rate once {@code bufferFrames} have arrived and never stops, an
 * underrun counter (an episode each time it finds its buffer empty), and the drift correction a real run applies
 * against a real line ({@link LinkPacer}): when the fill falls (the DMA was stopped for a while) the stream's DMA is
 * told to fetch sooner, as QEMU's hda-codec does. Everything is forwarded unchanged to the next {@link DacOutput}.
 *
 * <p>Called on the link clock thread only.
 */
public final class VirtualDeviceModel implements DacOutput
{
    private final DacOutput next;
    private final NanoClock clock;
    private final int bufferFrames;
    private final int periodFrames;
    private final LongConsumer pacing;
    private LinkPacer pacer;
    private long rate;
    private long delivered;
    private long startNanos = -1;
    private boolean starved;
    private long underruns;
    private long minFillFrames = Long.MAX_VALUE;
    private long lastPacingNanos = -1;

    /**
     * A device model in front of {@code next}.
     *
     * @param next         where the samples go on (the link ring).
     * @param clock        the virtual clock.
     * @param bufferFrames the device's buffer, filled before it starts.
     * @param periodFrames the stream's period (the pacer's dead band is derived from it).
     * @param pacing       applies a pacing correction to the playing stream's DMA, in nanoseconds.
     */
    public VirtualDeviceModel(final DacOutput next, final NanoClock clock, final int bufferFrames,
        final int periodFrames, final LongConsumer pacing)
    {
        this.next = next;
        this.clock = clock;
        this.bufferFrames = bufferFrames;
        this.periodFrames = periodFrames;
        this.pacing = pacing;
    }

    private long consumed(final long now)
    {
        if (startNanos < 0)
        {
            return 0;
        }
        final long nanos = now - startNanos;
        // in two parts: nanos * rate passes 2^63 after 13.3 h at 192 kHz
        return nanos / 1_000_000_000L * rate + nanos % 1_000_000_000L * rate / 1_000_000_000L;
    }

    private long nanosOf(final long frames)
    {
        return frames / rate * 1_000_000_000L + frames % rate * 1_000_000_000L / rate;
    }

    /** {@inheritDoc} */
    @Override
    public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
        final int offset, final int length, final long nanos)
    {
        if (null == pacer)
        {
            rate = format.sampleRate();
            pacer = LinkPacer.forSink(bufferFrames, periodFrames, format.sampleRate());
        }
        final long now = clock.nanoTime();
        if (startNanos >= 0)
        {
            final long fill = delivered - consumed(now);
            minFillFrames = Math.min(minFillFrames, fill);
            if (fill < 0)
            {
                if (!starved)
                {
                    underruns++;
                    starved = true;
                }
                // a starved device plays silence and waits for data: it restarts from what arrives now
                startNanos = now - nanosOf(delivered);
            }
            else
            {
                starved = false;
            }
        }
        delivered += length / format.frameBytes();
        if (startNanos < 0 && delivered >= bufferFrames)
        {
            startNanos = now - nanosOf(delivered - bufferFrames);
        }
        if (startNanos >= 0)
        {
            final long elapsed = lastPacingNanos < 0 ? 0 : now - lastPacingNanos;
            lastPacingNanos = now;
            final long delta = pacer.adjustNanos(delivered, consumed(now), elapsed);
            if (0 != delta)
            {
                pacing.accept(delta);
            }
        }
        next.onSamples(codecAddress, nid, format, pcm, offset, length, nanos);
    }

    /** {@inheritDoc} */
    @Override
    public void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
    {
        next.onStreamStart(codecAddress, nid, format);
    }

    /** {@inheritDoc} */
    @Override
    public void onStreamStop(final int codecAddress, final int nid)
    {
        next.onStreamStop(codecAddress, nid);
    }

    /**
     * Underrun episodes so far.
     *
     * @return the count.
     */
    public long underruns()
    {
        return underruns;
    }

    /**
     * The lowest fill the device saw once started.
     *
     * @return frames (negative after an underrun).
     */
    public long minFillFrames()
    {
        return minFillFrames == Long.MAX_VALUE ? 0 : minFillFrames;
    }
}

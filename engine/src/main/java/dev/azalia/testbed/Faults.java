package dev.azalia.testbed;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.machine.MachineConfig;

import java.util.function.UnaryOperator;

/**
 * Faults to inject into a run, to see a glitch test fail as it should ({@link Testbed.Builder#machineOptions}).
 * Stateless; each fault's state lives in the machine it is applied to.
 */
public final class Faults
{
    private Faults()
    {
    }

    /**
     * Drops frames between the codec's DAC and the link, as a broken quiesce that loses a period would: the frames
     * {@code [fromFrame, fromFrame + frames)} of the stream never reach the sink or the probes.
     *
     * @param fromFrame the first frame dropped, counted from the first frame the DAC produced.
     * @param frames    how many frames, positive.
     * @return the machine option that injects it.
     */
    public static UnaryOperator<MachineConfig> dropFrames(final long fromFrame, final int frames)
    {
        if (fromFrame < 0 || frames <= 0)
        {
            throw new IllegalArgumentException("a drop needs a first frame of at least 0 and a positive length");
        }
        return config -> config.withDacOutput(new DroppingOutput(config.dacOutput(), fromFrame, fromFrame + frames));
    }

    /** Forwards the DAC's samples except the frames of a window. Called on the link's thread only. */
    private static final class DroppingOutput implements DacOutput
    {
        private final DacOutput next;
        private final long fromFrame;
        private final long toFrame;
        private long position;

        DroppingOutput(final DacOutput next, final long fromFrame, final long toFrame)
        {
            this.next = next;
            this.fromFrame = fromFrame;
            this.toFrame = toFrame;
        }

        @Override
        public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
            final int offset, final int length, final long nanos)
        {
            final int frameBytes = format.frameBytes();
            final long first = position;
            final long end = first + length / frameBytes;
            position = end;
            if (end <= fromFrame || first >= toFrame)
            {
                next.onSamples(codecAddress, nid, format, pcm, offset, length, nanos);
                return;
            }
            final int keepBefore = (int)Math.max(0, fromFrame - first) * frameBytes;
            final int keepAfterFrom = (int)Math.min(end - first, toFrame - first) * frameBytes;
            if (keepBefore > 0)
            {
                next.onSamples(codecAddress, nid, format, pcm, offset, keepBefore, nanos);
            }
            if (keepAfterFrom < length)
            {
                next.onSamples(codecAddress, nid, format, pcm, offset + keepAfterFrom, length - keepAfterFrom, nanos);
            }
        }

        @Override
        public void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
        {
            next.onStreamStart(codecAddress, nid, format);
        }

        @Override
        public void onStreamStop(final int codecAddress, final int nid)
        {
            next.onStreamStop(codecAddress, nid);
        }
    }
}

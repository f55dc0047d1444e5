package dev.azalia.testbed;

import dev.azalia.hda.FaultPlan;
import dev.azalia.hda.FaultSpec;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.machine.MachineConfig;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Faults to inject into a run ({@link Testbed.Builder#machineOptions}, {@link Testbed.Builder#faults}): frames
 * dropped on their way to the link, to see a glitch test fail as it should, and the device faults of a
 * {@link FaultPlan} (lost, early and spurious interrupts, a silent codec, a dead CORB, FIFO and descriptor errors, a
 * lying position buffer, a stuck LPIB, all-ones reads, a hot-unplug), which the controller model injects and the
 * result's {@link RunResult#faults()} counts. Stateless; each fault's state lives in the machine it is applied to.
 */
public final class Faults
{
    private Faults()
    {
    }

    /**
     * Injects device faults, seeded: the same seed and specs give the same run on the virtual clock. Each machine
     * the option is applied to gets a fresh plan.
     *
     * @param seed  decides which K of every N periods a {@code K/N} ratio hits.
     * @param specs the faults, as on the command line ({@code lost-irq:1/8}, {@code codec-silent@2s},
     *              {@code spurious-irq:1000}...; see {@link FaultSpec}).
     * @return the machine option that injects them.
     * @throws IllegalArgumentException for a bad spec, at once (one line naming it).
     */
    public static UnaryOperator<MachineConfig> inject(final long seed, final String... specs)
    {
        final List<String> texts = List.of(specs);
        FaultPlan.parse(seed, texts);
        return config -> config.withFaults(FaultPlan.parse(seed, texts));
    }

    /**
     * Injects device faults with seed 0 ({@link #inject(long, String...)}).
     *
     * @param specs the faults.
     * @return the machine option that injects them.
     */
    public static UnaryOperator<MachineConfig> inject(final String... specs)
    {
        return inject(0, specs);
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

package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.driver.AzxStream;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.link.VirtualDeviceModel;
import dev.azalia.pci.BarSpec;
import dev.azalia.pci.MmioRegion;
import dev.azalia.pci.PciAddress;
import dev.azalia.pci.PciDevice;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmRecovery;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.time.VirtualNanoClock;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One playback on a virtual machine while the BAR moves: plays a deterministic signal through the card with a
 * quiesce policy and a plan of disturbances, and keeps what the DAC produced and what went wrong.
 */
final class MovePlayback
{
    static final int DEVICE_BUFFER_FRAMES = 2048;

    final String policy;
    final int rate;
    final int channels;
    final int periodFrames;
    final int periods;
    final int frames;
    BarMoveExperiment.Plan plan = BarMoveExperiment.Plan.NONE;
    long coreWorkNanos;
    long autosuspendNanos = -1;
    boolean idleMoveFirst;
    boolean movesAfterPrepare;
    boolean trace;
    long linkTickNanos = MachineConfig.DEFAULT_LINK_TICK_NANOS;
    boolean hotPlugDuringPlayback;
    boolean hotPlugAccepted;
    /** The codecs on the link, or null for the QEMU model (the jack model when the plan has jack events). */
    MachineCodec codec;
    /** Runs once on the writer's thread when half the frames are written (e.g. a wrong verb), or null. */
    java.util.function.Consumer<Machine> atHalf;
    private boolean halfDone;

    byte[] source;
    byte[] played;
    long xruns;
    long suspends;
    long underruns;
    long stale;
    long faults;
    long moves;
    long failedMoves;
    long mixerOps;
    long jackEvents;
    SoundException writeError;
    private boolean hotPlugTried;
    Machine machine;
    BarMoveExperiment experiment;

    MovePlayback(final String policy, final int rate, final int channels, final int periodFrames, final int periods,
        final int frames)
    {
        this.policy = policy;
        this.rate = rate;
        this.channels = channels;
        this.periodFrames = periodFrames;
        this.periods = periods;
        this.frames = frames;
    }

    MovePlayback plan(final BarMoveExperiment.Plan p)
    {
        this.plan = p;
        return this;
    }

    MovePlayback coreWork(final long nanos)
    {
        this.coreWorkNanos = nanos;
        return this;
    }

    MovePlayback run() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final DacOutput capture = new DacOutput()
        {
            @Override
            public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
                final int offset, final int length, final long nanos)
            {
                out.write(pcm, offset, length);
            }
        };
        final VirtualNanoClock clock = new VirtualNanoClock();
        final Machine[] holder = new Machine[1];
        final int[] sd = {4};
        final VirtualDeviceModel device = new VirtualDeviceModel(capture, clock, DEVICE_BUFFER_FRAMES, periodFrames,
            delta -> holder[0].controller().adjustPacing(sd[0], delta));
        final MachineConfig config = MachineConfig.of(true, device).withClock(clock)
            .withDriverConfig(new AzxConfig(autosuspendNanos, policy)).withLinkTickNanos(linkTickNanos)
            .withCodec((null == codec ? MachineCodec.DEFAULT : codec).forJackEvents(plan.jackEveryNanos() > 0));
        machine = Machine.boot(config);
        holder[0] = machine;
        machine.bus().setCoreWork(machine.kernel()::delayNanos, coreWorkNanos);
        final VirtualKernel kernel = (VirtualKernel)machine.kernel();
        kernel.setBlockedListener(machine.chip().moveStats()::recordBlocked);
        experiment = new BarMoveExperiment(machine, plan);
        if (idleMoveFirst)
        {
            kernel.runUntil(clock.nanoTime() + 2_000_000_000L);
            machine.bus().rescan();
        }
        if (!movesAfterPrepare)
        {
            experiment.start();
        }

        final PcmSubstream s = machine.chip().card().pcms().get(0).playback();
        final int frameBytes = 2 * channels;
        source = new byte[frames * frameBytes];
        new SplittableRandom(rate ^ frames).nextBytes(source);
        try
        {
            s.open();
            sd[0] = ((AzxStream)s.privateData()).index();
            if (trace)
            {
                machine.chip().setPeriodListener(i -> System.out.println("irq t=" + clock.nanoTime() / 1000
                    + " lpib=" + machine.controller().lpib(i) / 4 + " hw=" + s.hwPtr() + " appl=" + s.applPtr()
                    + " fetched=" + machine.controller().bytesFetched(i) / 4 + " out=" + out.size() / 4));
            }
            s.hwParams(new HwParams(rate, channels, 16, periodFrames, periods));
            // start when the buffer is full, as aplay sets its start threshold
            s.setStartThresholdFrames((long)periodFrames * periods);
            s.prepare();
            if (movesAfterPrepare)
            {
                experiment.start();
            }
            int written = 0;
            while (written < frames)
            {
                if (null != atHalf && written >= frames / 2 && !halfDone)
                {
                    halfDone = true;
                    atHalf.accept(machine);
                }
                if (hotPlugDuringPlayback && written >= frames / 2 && !hotPlugTried)
                {
                    hotPlugTried = true;
                    hotPlugAccepted = machine.bus().hotPlug(new PciDevice(new PciAddress(0, 0, 0x1c, 0), 0x1b36,
                        0x0010, 1, 0x010802, 1, List.of(new BarSpec(0, 8 << 20, new RegisterWindow()))));
                }
                try
                {
                    written += s.writei(source, written * frameBytes, Math.min(periodFrames, frames - written));
                }
                catch (final SoundException e)
                {
                    if (Errno.ESTRPIPE == e.errno())
                    {
                        suspends++;
                        recoverFromSuspend(s);
                    }
                    else if (Errno.EPIPE == e.errno())
                    {
                        xruns++;
                        s.prepare();
                    }
                    else
                    {
                        throw e;
                    }
                }
            }
            s.drain();
        }
        catch (final SoundException e)
        {
            writeError = e;
        }
        finally
        {
            experiment.stop();
            try
            {
                s.drop();
            }
            catch (final RuntimeException ignored)
            {
                // the stream may be dead already
            }
            try
            {
                s.close();
            }
            catch (final RuntimeException ignored)
            {
                // the card may be unusable after a failed move
            }
        }
        played = out.toByteArray();
        xruns += s.xruns();
        underruns = device.underruns();
        stale = machine.bus().staleAccesses();
        faults = machine.bus().faults();
        moves = machine.bus().barMoveCount();
        failedMoves = machine.chip().moveStats().failed();
        mixerOps = experiment.mixerOps();
        jackEvents = experiment.jackEvents();
        return this;
    }

    /** A device that needs window space: registers that read 0. */
    private static final class RegisterWindow implements MmioRegion
    {
        @Override
        public int read(final int offset, final int widthBytes)
        {
            return 0;
        }

        @Override
        public void write(final int offset, final int widthBytes, final int value)
        {
        }
    }

    private static void recoverFromSuspend(final PcmSubstream s)
    {
        PcmRecovery.resumeOrPrepare(s);
    }

    boolean bitExact()
    {
        if (played.length < source.length)
        {
            return false;
        }
        for (int i = 0; i < source.length; i++)
        {
            if (played[i] != source[i])
            {
                return false;
            }
        }
        return true;
    }

    int firstDifference()
    {
        for (int i = 0; i < Math.min(played.length, source.length); i++)
        {
            if (played[i] != source[i])
            {
                return i / (2 * channels);
            }
        }
        return played.length < source.length ? played.length / (2 * channels) : -1;
    }

    @Override
    public String toString()
    {
        return String.format("%s %dx%d @%d: moves %d (failed %d), xruns %d, suspends %d, underruns %d, stale %d, "
            + "faults %d, mixer %d, jack %d, first difference at frame %d, played %d/%d frames, error %s", policy,
            periods, periodFrames, rate, moves, failedMoves, xruns, suspends, underruns, stale, faults, mixerOps,
            jackEvents, firstDifference(), played.length / (2 * channels), frames, writeError);
    }
}

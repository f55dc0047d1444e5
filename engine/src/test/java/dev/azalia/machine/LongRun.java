package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.driver.AzxStream;
import dev.azalia.driver.CodecDriver;
import dev.azalia.driver.CodecRegmap;
import dev.azalia.driver.CommandTransport;
import dev.azalia.hda.HdaController;
import dev.azalia.hda.HdaRegisters;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.link.FrameSequenceProbe;
import dev.azalia.link.ReferenceFrames;
import dev.azalia.link.VirtualDeviceModel;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmRecovery;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.time.VirtualNanoClock;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A long playback on a virtual machine that keeps nothing per frame: the source is generated from the frame index
 * (left sample = index bits 0-15, right = bits 16-31: every frame of a 2<sup>32</sup>-frame run is distinct), the
 * frame-sequence probe compares what the DAC produced with the same function, and the totals are kept in 64-bit shadows
 * (frames written, bytes played) for the counters under test. Optional disturbances: BAR moves at seeded random times
 * (mean {@link #moveGapNanos}), mixer traffic and jack events ({@link BarMoveExperiment}); checkpoints measure heap
 * after GC, threads and allocation at chosen moves and frames.
 *
 * <p>Everything runs on the calling thread (the virtual kernel's one thread), which is therefore the hot thread
 * whose allocation is measured.
 */
final class LongRun
{
    /** What was measured at one checkpoint. */
    record Checkpoint(String label, long heapBytes, int threads, long allocatedAtStart, long allocatedAtEnd,
        long periods, long nanos, List<String> heldResources, int controls, int pciDevices)
    {
    }

    final String policy;
    final int periodFrames;
    final int periods;
    final long frames;
    int rate = 48_000;
    int moves;
    long moveGapNanos;
    long mixerEveryNanos;
    long jackEveryNanos;
    long seed = 15;
    /** WALCLK at reset exit, or null for the hardware's 0. */
    Integer wallClockBase;
    long linkTickNanos = MachineConfig.DEFAULT_LINK_TICK_NANOS;
    int deviceBufferFrames = MovePlayback.DEVICE_BUFFER_FRAMES;
    /** Moves after which a checkpoint is taken (1-based). */
    final List<Integer> moveCheckpoints = new ArrayList<>();
    /** Frames written after which a checkpoint is taken. */
    final List<Long> frameCheckpoints = new ArrayList<>();

    /** Runs after boot, before the stream opens (e.g. fills the kernel log), or null. */
    java.util.function.Consumer<Machine> beforePlayback;
    /** The PCM pointer boundary set after hw_params, or 0 for the kernel's. */
    long boundaryFrames;
    /** Whether each period interrupt compares LPIB, its alias and the position buffer with the byte count. */
    boolean positionChecks;
    /** Simulated PCI core work while a BAR is moved (the stall it adds), 0 for none. */
    long coreWorkNanos;
    /** Whether the run outlasted 1.5 times its audio on the virtual clock and was dropped. */
    boolean watchdogFired;
    long positionChecksDone;
    long positionErrors;

    Machine machine;
    PcmSubstream pcm;
    FrameSequenceProbe probe;
    VirtualDeviceModel device;
    BarMoveExperiment experiment;
    final List<Checkpoint> checkpoints = new ArrayList<>();
    long movesDone;
    long codecStateMismatches;
    long codecStateChecks;
    long xruns;
    long suspends;
    long written;
    SoundException writeError;
    long bytesPlayed;
    long partialFrames;
    long verbsSentBefore;
    long verbsExecutedBefore;
    long verbsSentAfter;
    long verbsExecutedAfter;
    long cpuNanos;
    private int nextMoveCheckpoint;
    private int nextFrameCheckpoint;
    private SplittableRandom random;
    private EmulatedCodec codec;
    private CodecDriver codecDriver;

    LongRun(final String policy, final int periodFrames, final int periods, final long frames)
    {
        this.policy = policy;
        this.periodFrames = periodFrames;
        this.periods = periods;
        this.frames = frames;
    }

    /** Sample bytes of frame {@code index}: 16-bit stereo, little-endian. */
    static void frame(final long index, final byte[] dst, final int off)
    {
        dst[off] = (byte)index;
        dst[off + 1] = (byte)(index >>> 8);
        dst[off + 2] = (byte)(index >>> 16);
        dst[off + 3] = (byte)(index >>> 24);
    }

    /** The generated source as the probe's reference: nothing stored. */
    private final class Generated implements ReferenceFrames
    {
        @Override
        public int frameBytes()
        {
            return 4;
        }

        @Override
        public boolean frameAt(final long index, final byte[] dst, final int off)
        {
            if (index < 0 || index >= frames)
            {
                return false;
            }
            frame(index, dst, off);
            return true;
        }

        @Override
        public int matchingFrames(final long index, final byte[] src, final int off, final int count)
        {
            int n = 0;
            while (n < count && index + n < frames)
            {
                final long i = index + n;
                final int at = off + 4 * n;
                if (src[at] != (byte)i || src[at + 1] != (byte)(i >>> 8) || src[at + 2] != (byte)(i >>> 16)
                    || src[at + 3] != (byte)(i >>> 24))
                {
                    break;
                }
                n++;
            }
            return n;
        }
    }

    LongRun run() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long cpu0 = threads.getCurrentThreadCpuTime();
        probe = new FrameSequenceProbe(new Generated(), 0L);
        final DacOutput capture = new DacOutput()
        {
            @Override
            public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] data,
                final int offset, final int length, final long nanos)
            {
                partialFrames += length % 4;
                bytesPlayed += length;
                probe.accept(data, offset, length / 4);
            }
        };
        final VirtualNanoClock clock = new VirtualNanoClock();
        final Machine[] holder = new Machine[1];
        final int[] sd = {4};
        device = new VirtualDeviceModel(capture, clock, deviceBufferFrames, periodFrames,
            delta -> holder[0].controller().adjustPacing(sd[0], delta));
        final BarMoveExperiment.Plan plan = new BarMoveExperiment.Plan(0, 0, mixerEveryNanos, jackEveryNanos, seed);
        final MachineConfig config = MachineConfig.of(true, device).withClock(clock)
            .withDriverConfig(new AzxConfig(-1, policy)).withLinkTickNanos(linkTickNanos)
            .withCodec(MachineCodec.DEFAULT.forJackEvents(jackEveryNanos > 0));
        machine = Machine.boot(config);
        holder[0] = machine;
        if (null != wallClockBase)
        {
            machine.controller().setWallClockBase(wallClockBase);
        }
        if (null != beforePlayback)
        {
            beforePlayback.accept(machine);
        }
        final VirtualKernel kernel = (VirtualKernel)machine.kernel();
        machine.bus().setCoreWork(kernel::delayNanos, coreWorkNanos);
        kernel.setBlockedListener(machine.chip().moveStats()::recordBlocked);
        codecDriver = CodecDriver.firstAnalog(machine.chip().codecs());
        codec = machine.codecs().stream().filter(c -> c.address() == codecDriver.address()).findFirst().orElseThrow();
        experiment = new BarMoveExperiment(machine, plan);
        random = new SplittableRandom(seed);
        final CommandTransport transport = machine.chip().transport();

        pcm = machine.chip().card().pcms().get(0).playback();
        final byte[] chunk = new byte[periodFrames * 4];
        try
        {
            pcm.open();
            sd[0] = ((AzxStream)pcm.privateData()).index();
            pcm.hwParams(new HwParams(rate, 2, 16, periodFrames, periods));
            pcm.setStartThresholdFrames((long)periodFrames * periods);
            if (boundaryFrames > 0)
            {
                pcm.setBoundaryForTest(boundaryFrames);
            }
            if (positionChecks)
            {
                machine.chip().setPeriodListener(this::checkPositions);
            }
            pcm.prepare();
            verbsSentBefore = transport.commandsSent();
            verbsExecutedBefore = codec.verbsExecuted();
            experiment.start();
            // a run that stops making progress at the audio's pace (every interrupt rejected, say) ends as a failure
            // instead of running on
            final long audioNanos = frames * 1_000_000_000L / rate;
            kernel.at("watchdog", "long run watchdog", machine.clock().nanoTime() + audioNanos + audioNanos / 2
                + 10_000_000_000L, () ->
                {
                    if (written < frames)
                    {
                        watchdogFired = true;
                        pcm.drop();
                    }
                });
            if (moves > 0)
            {
                scheduleMove(kernel);
            }
            int filled = 0;
            int at = 0;
            while (written < frames && !watchdogFired)
            {
                final int n = (int)Math.min(periodFrames, frames - written);
                if (filled == 0)
                {
                    for (int f = 0; f < n; f++)
                    {
                        frame(written + f, chunk, 4 * f);
                    }
                    filled = n;
                    at = 0;
                }
                try
                {
                    final int done = pcm.writei(chunk, at * 4, filled - at);
                    at += done;
                    written += done;
                    if (at == filled)
                    {
                        filled = 0;
                    }
                }
                catch (final SoundException e)
                {
                    if (Errno.ESTRPIPE == e.errno())
                    {
                        suspends++;
                        PcmRecovery.resumeOrPrepare(pcm);
                    }
                    else if (Errno.EPIPE == e.errno())
                    {
                        xruns++;
                        pcm.prepare();
                    }
                    else
                    {
                        throw e;
                    }
                }
                while (nextFrameCheckpoint < frameCheckpoints.size()
                    && written >= frameCheckpoints.get(nextFrameCheckpoint))
                {
                    checkpoint("frame " + frameCheckpoints.get(nextFrameCheckpoint++));
                }
            }
            if (!watchdogFired)
            {
                pcm.drain();
            }
        }
        catch (final SoundException e)
        {
            writeError = e;
        }
        finally
        {
            experiment.stop();
        }
        probe.finish();
        checkCodecState(true);
        verbsSentAfter = transport.commandsSent();
        verbsExecutedAfter = codec.verbsExecuted();
        xruns += pcm.xruns();
        cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
        return this;
    }

    /** Closes the stream and the machine. */
    void close()
    {
        try
        {
            pcm.drop();
            pcm.close();
        }
        catch (final RuntimeException ignored)
        {
            // the stream may be dead already
        }
        machine.close();
    }

    private void scheduleMove(final VirtualKernel kernel)
    {
        final long gap = moveGapNanos / 2 + random.nextLong(moveGapNanos);
        kernel.at("pci", "pci rescan", machine.clock().nanoTime() + gap, () -> move(kernel));
    }

    private void move(final VirtualKernel kernel)
    {
        if (written >= frames)
        {
            return;
        }
        machine.bus().rescan();
        movesDone++;
        checkCodecState(false);
        if (nextMoveCheckpoint < moveCheckpoints.size() && movesDone == moveCheckpoints.get(nextMoveCheckpoint))
        {
            nextMoveCheckpoint++;
            checkpoint("move " + movesDone);
        }
        if (movesDone < moves)
        {
            scheduleMove(kernel);
        }
    }

    /**
     * S02: LPIB is the byte count modulo CBL (never 2^32), and its alias at 0x2000+ and the position buffer carry
     * the same value.
     */
    private void checkPositions(final int sdIndex)
    {
        final HdaController c = machine.controller();
        final int lpib = c.lpib(sdIndex);
        final long cbl = 4L * periodFrames * periods;
        final int sd = HdaRegisters.SD_BASE + HdaRegisters.SD_STRIDE * sdIndex;
        final int alias = c.read(HdaRegisters.ALIAS_OFFSET + sd + HdaRegisters.SD_LPIB, 4);
        final long posbufBase = Integer.toUnsignedLong(c.read(HdaRegisters.DPLBASE, 4) & ~0x7f)
            | Integer.toUnsignedLong(c.read(HdaRegisters.DPUBASE, 4)) << 32;
        final int posbuf = machine.memory().readInt(posbufBase + 8L * sdIndex);
        positionChecksDone++;
        if (Integer.toUnsignedLong(lpib) != c.bytesFetched(sdIndex) % cbl || alias != lpib || posbuf != lpib)
        {
            positionErrors++;
        }
    }

    /**
     * The codec's amps equal the driver's register cache (a lost or duplicated response during the replay after a
     * move would leave a register the cache believes written at another value). After a move only the DAC's
     * (mixer traffic may be in the middle of a capture-volume write, its cache written and its verb not yet sent,
     * blocked at the MMIO gate as a Linux thread would be); at the end, both.
     *
     * @param all whether to compare the ADC's capture amp too.
     */
    void checkCodecState(final boolean all)
    {
        if (codecDriver.suspended())
        {
            return;
        }
        final CodecRegmap map = codecDriver.regmap();
        codecStateChecks++;
        for (final boolean left : new boolean[] {true, false})
        {
            compare(map, codecDriver.dacNid(), true, left);
            if (all)
            {
                compare(map, codecDriver.adcNid(), false, left);
            }
        }
    }

    private void compare(final CodecRegmap map, final int nid, final boolean output, final boolean left)
    {
        if (nid < 0)
        {
            return;
        }
        final int key = CodecRegmap.ampKey(nid, output, left, 0);
        if (!map.isCached(key))
        {
            return;
        }
        final int cached = map.cached(key);
        if ((cached & 0x7f) != codec.ampGain(nid, left) || ((cached & 0x80) != 0) != codec.ampMuted(nid, left))
        {
            codecStateMismatches++;
        }
    }

    private void checkpoint(final String label)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long allocated = threads.getCurrentThreadAllocatedBytes();
        final long periodsNow = machine.chip().periodInterrupts();
        final long now = machine.clock().nanoTime();
        final long heap = heapAfterGc();
        final int count = threads.getThreadCount();
        // the managed resources the controller's device holds (its BAR mapping, IRQ, DMA buffers...), the card's
        // registered controls, the devices on the bus
        final List<String> held = machine.hdaDevice().devres().held();
        final int controls = machine.chip().card().controls().size();
        final int devices = machine.bus().devices().size();
        checkpoints.add(new Checkpoint(label, heap, count, allocated, threads.getCurrentThreadAllocatedBytes(),
            periodsNow, now, held, controls, devices));
    }

    static long heapAfterGc()
    {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++)
        {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    Checkpoint checkpoint(final int index)
    {
        return checkpoints.get(index);
    }

    @Override
    public String toString()
    {
        return String.format("%s %dx%d: watchdog %b, written %d/%d, played %d B, moves %d, codec checks %d "
            + "(mismatch %d), xruns %d, suspends %d, underruns %d, probe checked %d lost %d dup %d mismatched %d, "
            + "verbs %d/%d, mixer errors %d, positions checked %d (wrong %d), cpu %d ms, error %s, checkpoints %s",
            policy, periods, periodFrames, watchdogFired, written, frames, bytesPlayed, movesDone, codecStateChecks,
            codecStateMismatches, xruns, suspends, device.underruns(), probe.framesChecked(), probe.framesLost(),
            probe.framesDuplicated(), probe.framesMismatched(), verbsSentAfter - verbsSentBefore,
            verbsExecutedAfter - verbsExecutedBefore, experiment.mixerErrors(), positionChecksDone, positionErrors,
            cpuNanos / 1_000_000, writeError, checkpoints);
    }
}

package dev.azalia.machine;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.log.KernelLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long runs on the virtual clock (reliability table S01-S08): ten thousand BAR moves in one playback with mixer
 * traffic and jack events, four hours of audio across the WALCLK wrap and the 32-bit byte counters, and the
 * resources (heap after GC, threads, allocation on the one hot thread) measured at two points of each run. No
 * wall-clock time is asserted; each run prints its figures (CPU time, heap, stalls) with the assertion messages.
 *
 * <p>The kernel log is a bounded ring ({@link KernelLog#CAPACITY_LINES}, as dmesg is): a run fills it first with
 * the lines a long uptime leaves, so that the heap compared is the steady state and not the log filling up.
 */
final class LongRunTest
{
    private static final long MS = 1_000_000L;
    private static final int RATE = 48_000;

    private static void fillKernelLog(final LongRun run)
    {
        run.beforePlayback = m ->
        {
            for (int i = 0; i < KernelLog.CAPACITY_LINES; i++)
            {
                m.log().info("snd_hda_codec_generic hdaudioC0D0", String.format("a line of an earlier day, "
                    + "as long as the lines of a run: %08d", i));
            }
        };
    }

    @Test
    void shouldMoveTheBarTenThousandTimesInOnePlaybackWithMixerAndJackTrafficLosingNothing() throws Exception
    {
        // 130 s of audio; a move every 10 ms on average (seeded random gaps 5..15 ms), a mixer operation every
        // 250 us on average (each a verb pair through CORB and RIRB), a jack event every 25 ms
        final LongRun run = new LongRun("live", 1024, 4, 130L * RATE);
        run.moves = 10_000;
        run.moveGapNanos = 10 * MS;
        run.mixerEveryNanos = MS / 4;
        run.jackEveryNanos = 25 * MS;
        run.coreWorkNanos = MS / 4;
        run.moveCheckpoints.add(1_000);
        run.moveCheckpoints.add(10_000);
        fillKernelLog(run);
        try
        {
            run.run();
            final Machine m = run.machine;
            final Histogram stalls = m.chip().moveStats().stalls();
            final String figures = run + String.format(", stall p50 %d ns p99 %d ns max %d ns, RIRB wraps %d",
                stalls.getValueAtPercentile(50), stalls.getValueAtPercentile(99), stalls.getMaxValue(),
                (run.verbsExecutedAfter - run.verbsExecutedBefore) / 256);
            System.out.println("long run, BAR moves: " + figures);

            assertThat(run.movesDone).as(figures).isEqualTo(10_000);
            assertThat(run.writeError).as(figures).isNull();
            assertThat(m.bus().staleAccesses()).as(figures).isZero();
            assertThat(m.bus().faults()).as(figures).isZero();
            assertThat(m.chip().moveStats().failed()).as(figures).isZero();
            assertThat(m.failures()).as(figures).isEmpty();
            // every frame in order, once: the probe against the generated source, and the byte totals
            assertThat(run.probe.framesChecked()).as(figures).isEqualTo(run.frames);
            assertThat(run.probe.framesLost() + run.probe.framesDuplicated() + run.probe.framesMismatched())
                .as(figures).isZero();
            assertThat(run.partialFrames).isZero();
            assertThat(run.xruns).as(figures).isZero();
            // the command rings: every verb answered once, the codec's amps equal the driver's cache after each move
            final long verbs = run.verbsExecutedAfter - run.verbsExecutedBefore;
            assertThat(run.verbsSentAfter - run.verbsSentBefore).as(figures).isEqualTo(verbs);
            assertThat(verbs / 256).as("CORB/RIRB wraps: " + figures).isGreaterThan(2_000);
            assertThat(m.chip().transport().commandErrors()).as(figures).isZero();
            assertThat(m.chip().transport().pollingMode()).as(figures).isFalse();
            assertThat(run.codecStateChecks).as(figures).isEqualTo(10_001);
            assertThat(run.codecStateMismatches).as(figures).isZero();
            assertThat(run.experiment.mixerOps()).as(figures).isGreaterThan(350_000);
            assertThat(run.experiment.jackEvents()).as(figures).isGreaterThan(4_000);
            assertThat(stalls.getTotalCount()).isEqualTo(10_000);
            assertFlat(run.checkpoint(0), run.checkpoint(1), 9_000, figures);
        }
        finally
        {
            run.close();
        }
    }

    @Test
    void shouldMoveTheBarTenThousandTimesWithTheSuspendPolicyBitExact() throws Exception
    {
        // each move suspends the codec (100 ms of depop sleep before D3): the device's 43 ms buffer underruns at
        // every move while the 170 ms ALSA buffer, stopped with the stream, covers it, as in BarMoveTest; a move
        // 60..180 ms after the previous one ended
        final LongRun run = new LongRun("suspend", 2048, 4, 2_000L * RATE);
        run.moves = 10_000;
        run.moveGapNanos = 120 * MS;
        run.mixerEveryNanos = 2 * MS;
        run.moveCheckpoints.add(1_000);
        run.moveCheckpoints.add(10_000);
        fillKernelLog(run);
        try
        {
            run.run();
            final Machine m = run.machine;
            final Histogram stalls = m.chip().moveStats().stalls();
            final String figures = run + String.format(", stall p50 %d us p99 %d us max %d us",
                stalls.getValueAtPercentile(50) / 1000, stalls.getValueAtPercentile(99) / 1000,
                stalls.getMaxValue() / 1000);
            System.out.println("long run, BAR moves (suspend): " + figures);

            assertThat(run.movesDone).as(figures).isEqualTo(10_000);
            assertThat(run.writeError).as(figures).isNull();
            assertThat(m.bus().staleAccesses() + m.bus().faults()).as(figures).isZero();
            assertThat(m.chip().moveStats().failed()).as(figures).isZero();
            assertThat(m.failures()).as(figures).isEmpty();
            assertThat(run.probe.framesChecked()).as(figures).isEqualTo(run.frames);
            assertThat(run.probe.framesLost() + run.probe.framesDuplicated() + run.probe.framesMismatched())
                .as(figures).isZero();
            assertThat(run.xruns).as(figures).isZero();
            assertThat(run.verbsSentAfter - run.verbsSentBefore).as(figures)
                .isEqualTo(run.verbsExecutedAfter - run.verbsExecutedBefore);
            assertThat(run.codecStateMismatches).as(figures).isZero();
            assertFlat(run.checkpoint(0), run.checkpoint(1), 9_000, figures);
        }
        finally
        {
            run.close();
        }
    }

    @Test
    void shouldPlayFourHoursAcrossTheWallClockWrapAndThe32BitByteCountersLosingNothing() throws Exception
    {
        // 4 h at 48 kHz stereo: 691,200,000 frames, 2,764,800,000 bytes (past 2^31 after 3.1 h); WALCLK starts
        // one second below 2^32 and then wraps every 178.96 s (81 wraps); hw_ptr wraps at a boundary of 4 buffers
        final long frames = 4L * 3600 * RATE;
        final LongRun run = new LongRun("live", 32_768, 4, frames);
        run.wallClockBase = (int)(-HdaRegisters.WALCLK_HZ);
        run.boundaryFrames = 4L * 4 * 32_768;
        run.frameCheckpoints.add(3600L * RATE);
        run.frameCheckpoints.add(frames - 60L * RATE);
        run.positionChecks = true;
        fillKernelLog(run);
        try
        {
            run.run();
            final Machine m = run.machine;
            final String figures = run.toString();
            System.out.println("long run, 4 h: " + figures);

            assertThat(run.writeError).as(figures).isNull();
            assertThat(run.written).isEqualTo(frames);
            assertThat(run.probe.framesChecked()).as(figures).isEqualTo(frames);
            assertThat(run.probe.framesLost() + run.probe.framesDuplicated() + run.probe.framesMismatched())
                .as(figures).isZero();
            assertThat(run.bytesPlayed).as(figures).isGreaterThanOrEqualTo(4 * frames);
            assertThat(run.xruns).as(figures).isZero();
            assertThat(run.device.underruns()).as(figures).isZero();
            // the period interrupts across 81 WALCLK wraps: none taken for a bogus early one beyond the first
            // interrupt of the stream (the same count as a run from WALCLK 0: see LongRunWallClockTest)
            assertThat(m.chip().bogusInterrupts()).as(figures).isLessThanOrEqualTo(1);
            assertThat(m.chip().periodInterrupts()).as(figures).isGreaterThanOrEqualTo(frames / 32_768 - 1);
            // LPIB, its alias and the position buffer against the controller's 64-bit byte count, at each period
            assertThat(run.positionChecksDone).as(figures).isGreaterThan(20_000);
            assertThat(run.positionErrors).as(figures).isZero();
            assertThat(run.pcm.framesPlayed()).as(figures).isGreaterThanOrEqualTo(frames);
            assertThat(run.pcm.hwPtr()).isEqualTo(run.pcm.framesPlayed() % run.boundaryFrames);
            assertFlat(run.checkpoint(0), run.checkpoint(1), 0, figures);
        }
        finally
        {
            run.close();
        }
    }

    @Test
    void shouldKeepHeapAndQueuesBoundedUnderAStormOfAHundredThousandJackEvents() throws Exception
    {
        // C02/S08: the pin sense toggles every 20 us on average during 6 s of playback
        final LongRun run = new LongRun("live", 1024, 4, 6L * RATE);
        run.jackEveryNanos = 20_000;
        run.frameCheckpoints.add((long)RATE / 2);
        run.frameCheckpoints.add(6L * RATE - RATE / 4);
        fillKernelLog(run);
        try
        {
            run.run();
            final Machine m = run.machine;
            final String figures = run + String.format(", jack events %d, seen by the driver %d, unsolicited %d, "
                + "dropped by the controller %d", run.experiment.jackEvents(),
                m.chip().codecs().get(0).jackEvents(), m.chip().transport().unsolicitedCount(),
                m.controller().droppedUnsolicited());
            System.out.println("long run, jack storm: " + figures);

            assertThat(run.experiment.jackEvents()).as(figures).isGreaterThanOrEqualTo(100_000);
            assertThat(run.writeError).as(figures).isNull();
            assertThat(run.probe.framesLost() + run.probe.framesDuplicated() + run.probe.framesMismatched())
                .as(figures).isZero();
            assertThat(m.failures()).as(figures).isEmpty();
            final LongRun.Checkpoint a = run.checkpoint(0);
            final LongRun.Checkpoint b = run.checkpoint(1);
            assertThat(b.heapBytes()).as(figures).isLessThanOrEqualTo(a.heapBytes() + a.heapBytes() / 20);
            assertThat(b.threads()).as(figures).isEqualTo(a.threads());
            assertThat(b.heldResources()).as(figures).isEqualTo(a.heldResources());
        }
        finally
        {
            run.close();
        }
    }

    /**
     * Heap after GC within 5 % plus {@code perMoveRecords} x 128 bytes (the BAR move history the PCI core and the
     * driver keep by design: {@code PciBus.barMoves()}, {@code BarMoveStats.moves()}: 80 bytes a move), the same
     * threads, managed resources (the BAR mapping among them), controls and PCI devices, and, in a run without
     * moves, no allocation on the hot thread between the two points beyond 1 byte a period.
     */
    private static void assertFlat(final LongRun.Checkpoint a, final LongRun.Checkpoint b, final long moves,
        final String figures)
    {
        final String at = a + " vs " + b + ": " + figures;
        assertThat(b.heapBytes()).as("heap: " + at).isLessThanOrEqualTo(a.heapBytes() + a.heapBytes() / 20
            + moves * 128);
        assertThat(b.threads()).as("threads: " + at).isEqualTo(a.threads());
        assertThat(b.heldResources()).as("managed resources (mappings): " + at).isEqualTo(a.heldResources())
            .isNotEmpty();
        assertThat(b.controls()).as("registered controls: " + at).isEqualTo(a.controls()).isPositive();
        assertThat(b.pciDevices()).as("PCI devices: " + at).isEqualTo(a.pciDevices());
        final long periods = b.periods() - a.periods();
        assertThat(periods).isPositive();
        if (moves == 0)
        {
            assertThat(b.allocatedAtStart() - a.allocatedAtEnd()).as("allocated on the hot thread: " + at)
                .isLessThanOrEqualTo(periods);
        }
    }
}

package dev.azalia.sound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmRingTest
{
    private static final long MS = 1_000_000L;
    private static final int PERIOD = PcmFixture.PARAMS.periodFrames();
    private static final int BUFFER = PcmFixture.PARAMS.bufferFrames();

    private static void assertErrno(final Runnable r, final Errno errno)
    {
        assertThatThrownBy(r::run).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(errno));
    }

    /** Frames whose 4 bytes hold their own sequence number. */
    private static byte[] sequence(final long first, final int frames)
    {
        final byte[] b = new byte[frames * PcmFixture.FRAME_BYTES];
        for (int i = 0; i < frames; i++)
        {
            final long v = first + i;
            b[4 * i] = (byte)v;
            b[4 * i + 1] = (byte)(v >>> 8);
            b[4 * i + 2] = (byte)(v >>> 16);
            b[4 * i + 3] = (byte)(v >>> 24);
        }
        return b;
    }

    @Test
    void shouldChooseTheLargestPowerOfTwoMultipleOfTheBufferUpTo2To62AsBoundary()
    {
        assertThat(PcmPointers.boundaryFor(1024)).isEqualTo(1L << 62);
        final long b = PcmPointers.boundaryFor(768);
        assertThat(b % 768).isZero();
        assertThat(b).isLessThanOrEqualTo(1L << 62).isGreaterThan(1L << 61);
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        assertThat(f.s.boundary()).isEqualTo(1L << 62);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 256, 1024, 1})
    void shouldPlayEveryFrameInOrderAcrossManyWrapsOfRingAndBoundary(final int chunkFrames)
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.s.setBoundaryForTest(2L * BUFFER);
        final long[] consumed = {0};
        final long[] mismatches = {0};
        final byte[] period = new byte[PERIOD * PcmFixture.FRAME_BYTES];
        // The "hardware": DMA-reads the period at the current position, checks it, then raises the interrupt.
        f.virtualWaiter().setHardware(() ->
        {
            f.memory.read(f.s.dmaAddress() + f.ops.position() * PcmFixture.FRAME_BYTES, period, 0, period.length);
            for (int i = 0; i < PERIOD; i++)
            {
                final int v = (period[4 * i] & 0xff) | (period[4 * i + 1] & 0xff) << 8
                    | (period[4 * i + 2] & 0xff) << 16 | (period[4 * i + 3] & 0xff) << 24;
                if (v != (int)consumed[0])
                {
                    mismatches[0]++;
                }
                consumed[0]++;
            }
            f.playPeriod();
            assertThat(f.s.hwPtr()).isLessThan(f.s.boundary());
            assertThat(f.s.applPtr()).isLessThan(f.s.boundary());
        });
        final long total = 40L * BUFFER;
        long written = 0;
        while (written < total)
        {
            final int n = (int)Math.min(chunkFrames, total - written);
            assertThat(f.s.writei(sequence(written, n), 0, n)).isEqualTo(n);
            written += n;
            // start threshold 1 (the kernel's default): the first write starts the stream
            assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        }
        assertThat(mismatches[0]).isZero();
        assertThat(f.s.framesPlayed()).isEqualTo(consumed[0]).isGreaterThan(38L * BUFFER);
        assertThat(f.s.applPtr()).isEqualTo(total % f.s.boundary());
        assertThat(f.s.hwPtr()).isEqualTo(f.s.framesPlayed() % f.s.boundary());
        assertThat(f.s.availFrames() + f.s.delayFrames()).isEqualTo(BUFFER);
        assertThat(f.s.xruns()).isZero();
        assertThat(f.s.lostInterrupts()).isZero();
    }

    @Test
    void shouldAutoStartWhenBufferedFramesReachTheStartThreshold()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.s.setStartThresholdFrames(2L * PERIOD);
        f.s.writei(sequence(0, PERIOD), 0, PERIOD);
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        f.s.writei(sequence(PERIOD, PERIOD - 1), 0, PERIOD - 1);
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        f.s.writei(sequence(0, 1), 0, 1);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START);
    }

    @Test
    void shouldAutoStartByDefaultOnTheFirstWrittenFrameAsTheKernelDefaultStartThresholdIsOne()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.s.writei(sequence(0, 1), 0, 1);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.s.availFrames()).isEqualTo(BUFFER - 1);
        assertThat(f.s.delayFrames()).isEqualTo(1);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START);
    }

    @Test
    void shouldResetTheStartThresholdToOneAtHwParams()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.s.setStartThresholdFrames(BUFFER);
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.prepare();
        f.s.writei(sequence(0, 1), 0, 1);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
    }

    @Test
    void shouldBlockAWriterUntilPeriodElapsedFreesRoom() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps()).running();
        final CompletableFuture<Integer> writer = PcmFixture.onThread("app",
            () -> f.s.writei(sequence(0, PERIOD), 0, PERIOD));
        PcmFixture.spinUntil(f.s::hasSleepersForTest);
        assertThat(writer).isNotDone();
        final CompletableFuture<Boolean> irq = PcmFixture.onThread("irq", () ->
        {
            f.playPeriod();
            return true;
        });
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(PERIOD);
        assertThat(irq.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.s.applPtr()).isEqualTo(BUFFER + PERIOD);
        assertThat(f.s.hwPtr()).isEqualTo(PERIOD);
        assertThat(f.s.periodsElapsed()).isEqualTo(1);
    }

    @Test
    void shouldDrainEveryWrittenFrameThenStop()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.virtualWaiter().setHardware(f::playPeriod);
        f.s.setStartThresholdFrames(BUFFER);
        f.s.writei(sequence(0, 640), 0, 640);
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        f.s.drain();
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(f.s.framesPlayed()).isGreaterThanOrEqualTo(640);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
        assertThat(f.s.stopOperating()).isTrue();
        assertThat(f.s.xruns()).isZero();
    }

    @Test
    void shouldFailDrainWithEioWhenTheHardwareMakesNoProgress()
    {
        final PcmFixture f = PcmFixture.virtual(1_000 * MS, false).running();
        assertThatThrownBy(f.s::drain).isInstanceOf(SoundException.class)
            .hasMessage("playback drain error (DMA or IRQ trouble?)")
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EIO));
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(f.log.contains("playback drain error (DMA or IRQ trouble?)")).isTrue();
    }

    @Test
    void shouldStopWithXrunOnUnderrunThenFailWritesWithEpipeUntilPrepare()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        for (int i = 0; i < 3; i++)
        {
            f.playPeriod();
        }
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        f.playPeriod();
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
        assertThat(f.s.xruns()).isEqualTo(1);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
        assertThat(f.s.stopOperating()).isTrue();
        assertErrno(() -> f.s.writei(sequence(0, 1), 0, 1), Errno.EPIPE);
        f.s.prepare();
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        assertThat(f.s.hwPtr()).isZero();
        assertThat(f.s.applPtr()).isZero();
        assertThat(f.s.writei(sequence(0, BUFFER), 0, BUFFER)).isEqualTo(BUFFER);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
    }

    @Test
    void shouldTreatPosXrunAsXrun()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.ops.reportXrun(true);
        f.s.periodElapsed();
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
        assertThat(f.s.xruns()).isEqualTo(1);
    }

    @Test
    void shouldNotXrunWhenTheStopThresholdIsAtTheBoundary()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.setStopThresholdFrames(Long.MAX_VALUE);
        for (int i = 0; i < 10; i++)
        {
            f.playPeriod();
        }
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.s.xruns()).isZero();
    }

    @Test
    void shouldLogAnInvalidPositionAndTreatItAsZero()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        f.ops.reportRawPositionOnce(BUFFER);
        f.s.periodElapsed();
        assertThat(f.log.contains("snd_pcm PCH: invalid position: pcmC0D0p:0, pos = 1024, buffer size = 1024, "
            + "period size = 256")).isTrue();
        assertThat(f.s.hwPtr()).isEqualTo(BUFFER);
    }

    @Test
    void shouldCountLostInterruptsAndLogThemOnlyWithXrunDebug()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.setStopThresholdFrames(Long.MAX_VALUE);
        f.ops.advance(f.s, 2L * PERIOD);
        f.s.periodElapsed();
        assertThat(f.s.lostInterrupts()).isEqualTo(1);
        assertThat(f.log.contains("Lost interrupts?")).isFalse();
        f.s.setXrunDebug(true);
        f.clock.advance(MS);
        // 1023 frames in 1 ms: more than 1 ms + 10 ms of slack allows; the time allows no whole period, so hw_ptr
        // stays where it is (Linux moves it by the periods the time allows, not by the position)
        f.ops.advance(f.s, BUFFER - 1);
        f.s.periodElapsed();
        assertThat(f.s.hwPtrSkips()).isEqualTo(1);
        assertThat(f.s.hwPtr()).isEqualTo(2L * PERIOD);
        assertThat(f.s.lostInterrupts()).isEqualTo(1);
        assertThat(f.log.contains("ALSA: PCM: [Q] hw_ptr skipping: (pos=511, delta=1023, period=256")).isTrue();
        // 100 ms later the position (767) is behind the next expected interrupt (768): a whole buffer went by
        f.clock.advance(100 * MS);
        f.ops.advance(f.s, PERIOD);
        f.s.periodElapsed();
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.s.periodsElapsed()).isEqualTo(3);
        assertThat(f.s.hwPtrSkips()).isEqualTo(1);
        assertThat(f.s.lostInterrupts()).isEqualTo(2);
        assertThat(f.s.hwPtr()).isEqualTo(BUFFER + 3L * PERIOD - 1);
        assertThat(f.log.contains(
            "ALSA: PCM: [Q] Lost interrupts?: (stream=0, delta=1279, new_hw_ptr=1791, old_hw_ptr=512)")).isTrue();
    }

    @Test
    void shouldCountALateInterruptAfterMoreThanABufferOfTimeAsAWrapAndStopWithAnXrun()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        f.s.writei(sequence(0, PERIOD), 0, PERIOD);
        // the interrupt comes a buffer and half a period late: the position alone says half a period
        f.clock.advance(PcmFixture.PARAMS.framesToNanos(BUFFER + PERIOD / 2));
        f.ops.advance(f.s, BUFFER + PERIOD / 2);
        f.s.periodElapsed();
        assertThat(f.s.framesPlayed()).isEqualTo(PERIOD + BUFFER + PERIOD / 2);
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
        assertThat(f.s.xruns()).isEqualTo(1);
        assertErrno(() -> f.s.writei(sequence(0, 1), 0, 1), Errno.EPIPE);
    }

    @Test
    void shouldXrunWhenAnInterruptFindsThePositionStuckForMoreThanHalfABuffer()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        // half a buffer (10.7 ms) plus a jiffy (4 ms) later the position has not moved: Linux takes it for a whole
        // buffer played, and the ring is then empty
        f.clock.advance(15 * MS);
        f.s.periodElapsed();
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
        assertThat(f.s.framesPlayed()).isEqualTo(PERIOD + BUFFER);
    }

    @Test
    void shouldNotInferAWrapFromTheApplicationSideOrWithinHalfABuffer()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.playPeriod();
        f.s.writei(sequence(0, PERIOD), 0, PERIOD);
        f.clock.advance(PcmFixture.PARAMS.framesToNanos(BUFFER / 2));
        f.ops.advance(f.s, PERIOD / 2);
        f.s.periodElapsed();
        f.clock.advance(PcmFixture.PARAMS.framesToNanos(2L * BUFFER));
        f.ops.advance(f.s, PERIOD / 4);
        f.s.updateHwPtr();
        assertThat(f.s.framesPlayed()).isEqualTo(PERIOD + PERIOD / 2 + PERIOD / 4);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
    }

    @Test
    void shouldIgnoreAnUnexpectedHwPtrOfABufferAndAPeriodOrMore()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.setBoundaryForTest(2L * BUFFER);
        f.s.setStopThresholdFrames(Long.MAX_VALUE);
        f.s.setXrunDebug(true);
        // interrupts up to the last period before the boundary, then the application side carries hw_ptr across
        for (int i = 0; i < 7; i++)
        {
            f.clock.advance(PcmFixture.PARAMS.framesToNanos(PERIOD));
            f.playPeriod();
        }
        f.clock.advance(PcmFixture.PARAMS.framesToNanos(PERIOD));
        f.ops.advance(f.s, PERIOD);
        f.s.updateHwPtr();
        f.ops.advance(f.s, 200);
        f.s.updateHwPtr();
        assertThat(f.s.hwPtr()).isEqualTo(200);
        // a late interrupt behind hw_ptr_interrupt + period (2048, never reduced at the boundary) is taken as a
        // whole buffer more: 1524 - 200 is at least a buffer and a period, so Linux changes nothing
        f.clock.advance(PcmFixture.PARAMS.framesToNanos(BUFFER));
        f.ops.advance(f.s, 300);
        f.s.periodElapsed();
        assertThat(f.s.hwPtr()).isEqualTo(200);
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.log.contains(
            "ALSA: PCM: [Q] Unexpected hw_ptr: (stream=0, pos=500, new_hw_ptr=1524, old_hw_ptr=200)")).isTrue();
    }

    @Test
    void shouldFailAWriteWithEioAfterNoProgressForTheTimeoutOnTheVirtualClock()
    {
        final PcmFixture f = PcmFixture.virtual(1_000 * MS, false).running();
        final long start = f.clock.nanoTime();
        assertThatThrownBy(() -> f.s.writei(sequence(0, PERIOD), 0, PERIOD)).isInstanceOf(SoundException.class)
            .hasMessage("playback write error (DMA or IRQ trouble?)")
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EIO));
        assertThat(f.clock.nanoTime() - start).isEqualTo(10_000 * MS);
        assertThat(f.log.entries()).anySatisfy(e ->
        {
            assertThat(e.level()).isEqualTo(dev.azalia.log.KernelLog.Level.DEBUG);
            assertThat(e.text()).isEqualTo("snd_pcm PCH: playback write error (DMA or IRQ trouble?)");
        });
    }

    @Test
    void shouldDefaultTheWriteTimeoutToTwoPeriodsInWholeSecondsButAtLeastTenAsLinux61()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        assertThat(f.s.writeTimeoutNanos()).isEqualTo(10_000 * MS);
        f.s.setRuntimeHardware(new PcmHardware(new int[] {8_000}, 1, 2, new int[] {16}, 64, 1 << 20, 2, 32,
            1 << 20, false));
        // 2 x 131072 frames at 8 kHz are 32.768 s; 6.1 divides in whole seconds: 32 s
        f.s.hwParams(new HwParams(8_000, 1, 16, 131_072, 2));
        assertThat(f.s.writeTimeoutNanos()).isEqualTo(32_000 * MS);
        f.s.hwParams(new HwParams(8_000, 1, 16, 32_000, 2));
        assertThat(f.s.writeTimeoutNanos()).isEqualTo(10_000 * MS);
    }

    @Test
    void shouldHonourASetWriteTimeoutAndResetItOnProgress()
    {
        final PcmFixture f = PcmFixture.virtual(1_000 * MS, false).running();
        f.s.setWriteTimeoutNanos(3_000 * MS);
        final int[] steps = {0};
        // progress on the first two waits only, then the hardware hangs
        f.virtualWaiter().setHardware(() ->
        {
            if (steps[0]++ < 2)
            {
                f.playPeriod();
            }
        });
        final long start = f.clock.nanoTime();
        assertThat(f.s.writei(sequence(0, PERIOD), 0, PERIOD)).isEqualTo(PERIOD);
        // progress at 2 s restarts the 3 s timeout: the partial write ends at 5 s
        assertThat(f.s.writei(sequence(0, 2 * PERIOD), 0, 2 * PERIOD)).isEqualTo(PERIOD);
        assertThat(f.clock.nanoTime() - start).isEqualTo(5_000 * MS);
        assertThatThrownBy(() -> f.s.writei(sequence(0, PERIOD), 0, PERIOD)).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EIO));
        assertThat(f.clock.nanoTime() - start).isEqualTo(8_000 * MS);
    }

    @Test
    void shouldReturnThePartialCountWhenAnXrunInterruptsAWrite()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.virtualWaiter().setHardware(() ->
        {
            f.ops.reportXrun(true);
            f.s.periodElapsed();
        });
        f.playPeriod();
        assertThat(f.s.writei(sequence(0, 2 * PERIOD), 0, 2 * PERIOD)).isEqualTo(PERIOD);
        assertThat(f.s.state()).isEqualTo(PcmState.XRUN);
    }

    @Test
    void shouldSuspendToEstrpipeAndFullyResumeWithResumeSupport()
    {
        final PcmFixture f = PcmFixture.virtual(MS, true).running();
        f.playPeriod();
        f.s.suspend();
        assertThat(f.s.state()).isEqualTo(PcmState.SUSPENDED);
        assertThat(f.s.stopOperating()).isTrue();
        assertErrno(() -> f.s.writei(sequence(0, 1), 0, 1), Errno.ESTRPIPE);
        f.s.resume();
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
        assertThat(f.s.hwPtr()).isEqualTo(PERIOD);
        assertThat(f.s.writei(sequence(0, PERIOD), 0, PERIOD)).isEqualTo(PERIOD);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.SUSPEND,
            TriggerCommand.RESUME);
    }

    @Test
    void shouldRefuseResumeWithEnosysWithoutResumeSupportAndRecoverByPrepare()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.card.suspendAllPcms();
        assertThat(f.s.state()).isEqualTo(PcmState.SUSPENDED);
        assertThat(f.s.stopOperating()).isFalse();
        assertErrno(() -> f.s.writei(sequence(0, 1), 0, 1), Errno.ESTRPIPE);
        assertErrno(f.s::resume, Errno.ENOSYS);
        f.s.prepare();
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.SUSPEND);
    }

    @Test
    void shouldSuspendAPreparedStreamWithoutTriggerAndResumeToPrepared()
    {
        final PcmFixture f = PcmFixture.virtual(MS, true).prepared();
        f.s.suspend();
        assertThat(f.s.state()).isEqualTo(PcmState.SUSPENDED);
        f.s.resume();
        assertThat(f.s.state()).isEqualTo(PcmState.PREPARED);
        assertThat(f.ops.triggers()).isEmpty();
    }

    @Test
    void shouldWakeABlockedWriterWithEnodevOnDisconnect() throws Exception
    {
        final PcmFixture f = PcmFixture.threaded(new FakePcmOps()).running();
        final CompletableFuture<Integer> writer = PcmFixture.onThread("app",
            () -> f.s.writei(sequence(0, PERIOD), 0, PERIOD));
        PcmFixture.spinUntil(f.s::hasSleepersForTest);
        f.card.disconnect();
        assertThatThrownBy(() -> writer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
        assertThat(f.s.state()).isEqualTo(PcmState.DISCONNECTED);
        assertThat(f.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
        assertErrno(() -> f.s.prepare(), Errno.ENODEV);
        f.s.close();
        assertThat(f.ops.calls()).endsWith("hwFree", "close");
    }

    @Test
    void shouldNotAllocateInPeriodElapsed()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).running();
        f.s.setStopThresholdFrames(Long.MAX_VALUE);
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++)
        {
            f.playPeriod();
        }
        final long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++)
        {
            f.playPeriod();
        }
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).isLessThan(10_000L);
        assertThat(f.s.periodsElapsed()).isEqualTo(120_000L);
    }
}

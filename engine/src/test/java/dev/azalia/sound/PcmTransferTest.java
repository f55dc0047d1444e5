package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmTransferTest
{
    private static final long MS = 1_000_000L;
    private static final int FRAME = PcmFixture.FRAME_BYTES;
    private static final int PERIOD = PcmFixture.PARAMS.periodFrames();
    private static final int BUFFER = PcmFixture.PARAMS.bufferFrames();

    private static byte[] pattern(final int frames, final int seed)
    {
        final byte[] b = new byte[frames * FRAME];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = (byte)(seed + i * 7);
        }
        return b;
    }

    /** A running stream whose next write starts two periods before the end of the ring, with room for two. */
    private static PcmFixture twoPeriodsBeforeTheEndOfTheRing()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.prepare();
        f.s.setStartThresholdFrames(BUFFER);
        f.s.writei(new byte[3 * PERIOD * FRAME], 0, 3 * PERIOD);
        f.s.start();
        f.playPeriod();
        f.playPeriod();
        return f;
    }

    @Test
    void shouldCopyAWriteAcrossTheEndOfTheRingInTwoChunksAtApplPtr()
    {
        final PcmFixture f = twoPeriodsBeforeTheEndOfTheRing();
        final byte[] src = pattern(2 * PERIOD, 11);

        assertThat(f.s.writei(src, 0, 2 * PERIOD)).isEqualTo(2 * PERIOD);

        final byte[] tail = new byte[PERIOD * FRAME];
        final byte[] head = new byte[PERIOD * FRAME];
        f.memory.read(f.s.dmaAddress() + 3L * PERIOD * FRAME, tail, 0, tail.length);
        f.memory.read(f.s.dmaAddress(), head, 0, head.length);
        final byte[] copied = new byte[src.length];
        System.arraycopy(tail, 0, copied, 0, tail.length);
        System.arraycopy(head, 0, copied, tail.length, head.length);
        assertThat(copied).isEqualTo(src);
        assertThat(f.s.applPtr()).isEqualTo(5L * PERIOD);
    }

    @Test
    void shouldCopyFromTheSourceOffsetAndRejectARangeOutsideTheSourceWithEinval()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        final byte[] src = pattern(PERIOD + 1, 3);
        assertThatThrownBy(() -> f.s.writei(src, FRAME, PERIOD + 1)).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EINVAL));
        assertThat(f.s.applPtr()).isZero();

        assertThat(f.s.writei(src, FRAME, PERIOD)).isEqualTo(PERIOD);
        final byte[] ring = new byte[PERIOD * FRAME];
        f.memory.read(f.s.dmaAddress(), ring, 0, ring.length);
        final byte[] expected = new byte[PERIOD * FRAME];
        System.arraycopy(src, FRAME, expected, 0, expected.length);
        assertThat(ring).isEqualTo(expected);
    }

    @Test
    void shouldFinishADrainAtOnceWithoutATriggerWhenNothingIsBufferedOrAfterAnXrun()
    {
        final PcmFixture empty = PcmFixture.virtual(MS, false).prepared();
        empty.s.drain();
        assertThat(empty.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(empty.ops.triggers()).isEmpty();

        final PcmFixture xrun = PcmFixture.virtual(MS, false).prepared();
        xrun.s.writei(new byte[PERIOD * FRAME], 0, PERIOD);
        xrun.playPeriod();
        assertThat(xrun.s.state()).isEqualTo(PcmState.XRUN);
        xrun.s.drain();
        assertThat(xrun.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(xrun.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
    }

    private static Errno errnoOf(final Runnable r)
    {
        try
        {
            r.run();
            return null;
        }
        catch (final SoundException e)
        {
            return e.errno();
        }
    }

    @Test
    void shouldEndAWriteWithEstrpipeWithoutCountingTheChunkWhenASuspendLandsDuringItsCopy()
    {
        final PcmFixture f = PcmFixture.virtual(MS, true).running();
        f.playPeriod();
        final long applBefore = f.s.applPtr();
        f.ops.copyInto(f.memory, PcmSubstream::suspend);

        assertThatThrownBy(() -> f.s.writei(pattern(PERIOD, 5), 0, PERIOD)).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ESTRPIPE));

        assertThat(f.s.state()).isEqualTo(PcmState.SUSPENDED);
        assertThat(f.s.applPtr()).isEqualTo(applBefore);
        assertThat(f.ops.calls()).containsSubsequence("copy", "trigger SUSPEND");
    }

    @Test
    void shouldReturnTheFramesOfTheChunksBeforeAStopThatLandsDuringALaterChunksCopy()
    {
        final PcmFixture f = twoPeriodsBeforeTheEndOfTheRing();
        final int[] copies = {0};
        // the write wraps: its second chunk goes to the start of the ring, and the stream is stopped during that copy
        f.ops.copyInto(f.memory, sub ->
        {
            if (++copies[0] == 2)
            {
                sub.drop();
            }
        });

        assertThat(f.s.writei(pattern(2 * PERIOD, 9), 0, 2 * PERIOD)).isEqualTo(PERIOD);

        assertThat(copies[0]).isEqualTo(2);
        assertThat(f.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(f.s.applPtr()).isEqualTo(4L * PERIOD);
    }

    @Test
    void shouldRefuseHwParamsHwFreeAndPrepareWithEbusyWhileAWriteCopiesAndAllowThemAfterwards()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.s.setStartThresholdFrames(BUFFER);
        final Errno[] during = new Errno[3];
        f.ops.copyInto(f.memory, sub ->
        {
            during[0] = errnoOf(() -> sub.hwParams(PcmFixture.PARAMS));
            during[1] = errnoOf(sub::hwFree);
            during[2] = errnoOf(sub::prepare);
        });

        assertThat(f.s.writei(pattern(PERIOD, 1), 0, PERIOD)).isEqualTo(PERIOD);

        assertThat(during).containsExactly(Errno.EBUSY, Errno.EBUSY, Errno.EBUSY);
        assertThat(f.s.applPtr()).isEqualTo(PERIOD);
        f.ops.copyInto(f.memory, sub -> { });
        f.s.prepare();
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.hwFree();
        assertThat(f.s.state()).isEqualTo(PcmState.OPEN);
    }

    @Test
    void shouldRefuseAWriteWithEbusyWhileHwParamsChangesTheBuffer()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        final Errno[] during = new Errno[1];
        f.ops.onHwParams = sub -> during[0] = errnoOf(() -> sub.writei(pattern(PERIOD, 2), 0, PERIOD));

        f.s.hwParams(PcmFixture.PARAMS);

        assertThat(during[0]).isEqualTo(Errno.EBUSY);
        assertThat(f.s.applPtr()).isZero();
        f.s.prepare();
        assertThat(f.s.writei(pattern(PERIOD, 2), 0, PERIOD)).isEqualTo(PERIOD);
    }

    @Test
    void shouldLetThePeriodInterruptTakeTheStreamLockWhileTheApplicationCopies() throws Exception
    {
        final FakePcmOps ops = new FakePcmOps();
        final PcmFixture f = PcmFixture.threaded(ops).running();
        f.playPeriod();
        final CountDownLatch inCopy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        ops.copyInto(f.memory, sub ->
        {
            inCopy.countDown();
            awaitQuietly(release);
        });
        final long hwBefore = f.s.hwPtr();
        final CompletableFuture<Integer> writer = PcmFixture.onThread("app", () -> f.s.writei(pattern(PERIOD, 4), 0,
            PERIOD));
        try
        {
            assertThat(inCopy.await(30, TimeUnit.SECONDS)).isTrue();
            final CompletableFuture<Boolean> interrupt = PcmFixture.onThread("irq", () ->
            {
                f.playPeriod();
                return true;
            });

            // the handler's snd_pcm_period_elapsed needs the stream lock: it would wait for the copy if the lock
            // were held over it (the bound only keeps a broken build from hanging)
            assertThat(interrupt.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(f.s.hwPtr()).isEqualTo(hwBefore + PERIOD);
            assertThat(writer).isNotDone();
        }
        finally
        {
            release.countDown();
        }
        assertThat(writer.get(30, TimeUnit.SECONDS)).isEqualTo(PERIOD);
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}

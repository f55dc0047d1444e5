package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.log.KernelLog;
import dev.azalia.time.NanoClock;
import dev.azalia.time.SystemNanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

final class HdaConcurrencyTest
{
    private static final int SD = 4;
    private static final int TAG = 5;

    @Test
    void shouldStayConsistentWithManyMmioThreadsWhileTheLinkClockRuns() throws Exception
    {
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0, TAG);
        bench.hda.attachCodec(codec);
        bench.initChip();
        final int periodBytes = 1920;
        final int cbl = 4 * periodBytes;
        final long buffer = bench.memory.allocate(cbl, 128);
        for (int i = 0; i < cbl; i += 2)
        {
            bench.memory.writeShort(buffer + i, i * 31);
        }
        final byte[] pattern = new byte[cbl];
        bench.memory.read(buffer, pattern, 0, cbl);
        final long bdl = bench.buildBdl(buffer, 4, periodBytes);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), cbl, 3, bdl);
        bench.streamStart(SD);

        final int threads = 4;
        final int iterations = 5_000;
        final CyclicBarrier go = new CyclicBarrier(threads + 1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int id = t;
            workers.add(new Thread(() ->
            {
                try
                {
                    go.await();
                    for (int i = 0; i < iterations; i++)
                    {
                        mmio(bench, codec, id, i);
                    }
                }
                catch (final Throwable e)
                {
                    failure.compareAndSet(null, e);
                }
            }, "mmio-" + t));
        }
        workers.forEach(Thread::start);
        go.await();
        for (int i = 0; i < 2_000; i++)
        {
            bench.link.step(250_000L);
        }
        for (final Thread w : workers)
        {
            w.join(60_000);
            assertThat(w.isAlive()).isFalse();
        }

        assertThat(failure.get()).isNull();
        assertThat(bench.hda.failures()).isEmpty();
        assertThat(bench.hda.ignoredAccesses()).isZero();
        final long fetched = bench.hda.bytesFetched(SD);
        assertThat(fetched).as("500 ms at 192000 B/s").isEqualTo(96_000);
        assertThat(bench.hda.lpib(SD)).isEqualTo((int)(fetched % cbl));
        final byte[] received = codec.received();
        assertThat(received).hasSize((int)fetched);
        for (int i = 0; i < received.length; i++)
        {
            if (received[i] != pattern[i % cbl])
            {
                assertThat(received[i]).as("byte %d", i).isEqualTo(pattern[i % cbl]);
            }
        }
    }

    private static void mmio(final HdaBench bench, final TestCodec codec, final int id, final int i)
    {
        switch ((id + i) % 6)
        {
            case 0 -> assertThat(bench.readw(GCAP)).isEqualTo(GCAP_VALUE);
            case 1 -> bench.readl(sdRegister(SD, SD_LPIB));
            case 2 -> bench.writeb(sdRegister(SD, SD_STS), SD_STS_BCIS);
            case 3 -> bench.readl(INTSTS);
            case 4 -> codec.sendUnsolicited(i);
            default ->
            {
                bench.readl(WALCLK);
                bench.ackRirb();
            }
        }
    }

    @Test
    void shouldDriveTheControllerFromTheRealtimeLinkClockThread() throws Exception
    {
        final CountDownLatch gotData = new CountDownLatch(3);
        final KernelLog log = new KernelLog(SystemNanoClock.INSTANCE);
        final HdaBench bench = new HdaBench();
        final HdaController hda = new HdaController(bench.memory, SystemNanoClock.INSTANCE, new RecordingPin(), log);
        final TestCodec codec = new TestCodec(0, TAG);
        codec.countDownOnData(gotData);
        hda.attachCodec(codec);
        hda.write(GCTL, 4, GCTL_CRST);
        final long buffer = bench.memory.allocate(4096, 128);
        final long bdl = bench.buildBdl(buffer, 2, 2048);
        hda.write(sdRegister(SD, SD_CTL), 4, TAG << SD_CTL_STRM_SHIFT);
        hda.write(sdRegister(SD, SD_CBL), 4, 4096);
        hda.write(sdRegister(SD, SD_LVI), 2, 1);
        hda.write(sdRegister(SD, SD_FMT), 2, StreamFormat.CD.word());
        hda.write(sdRegister(SD, SD_BDPL), 4, (int)bdl);
        hda.write(sdRegister(SD, SD_CTL), 1, SD_CTL_RUN);

        final RealtimeLinkClock link = new RealtimeLinkClock(hda, SystemNanoClock.INSTANCE, log);
        link.start();
        try
        {
            assertThat(gotData.await(30, TimeUnit.SECONDS)).isTrue();
        }
        finally
        {
            link.stop();
        }
        assertThat(link.failures()).isEmpty();
        assertThat(hda.bytesFetched(SD)).isPositive();
    }

    @Test
    void shouldRecordAndLogFailuresOnTheLinkClockThread() throws Exception
    {
        final CountDownLatch failed = new CountDownLatch(2);
        final KernelLog log = new KernelLog(SystemNanoClock.INSTANCE);
        final HdaBench bench = new HdaBench();
        final boolean[] broken = new boolean[1];
        final NanoClock faulty = () ->
        {
            if (broken[0])
            {
                failed.countDown();
                throw new IllegalStateException("clock source gone");
            }
            return 0L;
        };
        final HdaController hda = new HdaController(bench.memory, faulty, new RecordingPin(), log);
        broken[0] = true;
        final RealtimeLinkClock link = new RealtimeLinkClock(hda, SystemNanoClock.INSTANCE, 100_000L, log);
        link.start();
        try
        {
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        }
        finally
        {
            link.stop();
        }
        assertThat(link.failures()).isNotEmpty();
        assertThat(link.failures().get(0)).hasMessage("clock source gone");
        assertThat(log.contains("link clock step failed")).isTrue();
    }

    @Test
    void shouldStepTheVirtualClockInTicks()
    {
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0, TAG);
        bench.hda.attachCodec(codec);
        bench.initChip();
        final long buffer = bench.memory.allocate(7680, 128);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), 7680, 3, bench.buildBdl(buffer, 4, 1920));
        bench.streamStart(SD);
        bench.link.step(10_500_000L);
        assertThat(codec.streamCalls()).as("ten 1 ms ticks and one half tick").isEqualTo(11);
        assertThat(bench.hda.bytesFetched(SD)).isEqualTo(504 * 4);
    }

    @Test
    void shouldReportNoEventWithoutARunningStream()
    {
        final HdaBench bench = new HdaBench();
        bench.initChip();
        final long before = bench.clock.nanoTime();
        assertThat(bench.hda.nextEventNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(bench.link.stepToNextEvent()).isFalse();
        assertThat(bench.clock.nanoTime()).isEqualTo(before);
    }
}

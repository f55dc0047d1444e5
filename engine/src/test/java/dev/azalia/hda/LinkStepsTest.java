package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.hda.codec.Codec;
import dev.azalia.hda.codec.CodecBus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a DMA step: a step hands its bytes to the codecs after releasing the device lock, so the driver can
 * read the step's LPIB and stop the stream before the codec has them; {@link HdaController#awaitStep} is what a
 * run's end waits on so that no fetched byte is left behind.
 */
final class LinkStepsTest
{
    private static final int SD = 4;
    private static final int TAG = 5;
    private static final int PERIOD_BYTES = 1920;
    private static final long WAIT_FOREVER_NANOS = Long.MAX_VALUE;

    private final HdaBench bench = new HdaBench();
    private final HeldCodec codec = new HeldCodec();
    private Thread link;

    @BeforeEach
    void startAStreamWhoseCodecHoldsItsFirstDelivery() throws InterruptedException
    {
        bench.hda.attachCodec(codec);
        bench.initChip();
        assertThat(bench.startStereoOutput(SD, TAG, 4, PERIOD_BYTES)).isTrue();
        link = new Thread(() -> bench.link.step(5_000_000L), "link-step");
        link.start();
        assertThat(codec.entered.await(60, TimeUnit.SECONDS)).as("the step reached the codec").isTrue();
    }

    @AfterEach
    void releaseTheCodec() throws InterruptedException
    {
        codec.release.countDown();
        link.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(link.isAlive()).isFalse();
    }

    @Test
    void shouldShowTheStepsPositionBeforeTheCodecHasItsBytes()
    {
        final int lpib = bench.readl(sdRegister(SD, SD_LPIB));

        assertThat(lpib).as("LPIB after the step").isPositive();
        assertThat(codec.receivedBytes.get()).as("bytes the codec has").isZero();
    }

    @Test
    void shouldWaitForAStepThatIsStillHandingBytesToTheCodec() throws InterruptedException
    {
        final int lpib = bench.readl(sdRegister(SD, SD_LPIB));
        // the driver stops the stream while the step's bytes are still on their way (the drain's last period)
        bench.streamStop(SD);
        final AtomicReference<Boolean> ended = new AtomicReference<>();
        final AtomicLong receivedWhenEnded = new AtomicLong(-1);
        final Thread waiter = new Thread(() ->
        {
            ended.set(bench.hda.awaitStep(WAIT_FOREVER_NANOS));
            receivedWhenEnded.set(codec.receivedBytes.get());
        }, "run-end");
        waiter.start();

        final Thread.State state = settledState(waiter);
        assertThat(state).as("the waiter while the codec holds the step").isIn(Thread.State.WAITING,
            Thread.State.TIMED_WAITING);
        codec.release.countDown();
        waiter.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(ended.get()).isTrue();
        assertThat(receivedWhenEnded.get()).as("what the codec had when the wait ended").isEqualTo(lpib);
    }

    @Test
    void shouldGiveUpWhenTheStepDoesNotEndInTime()
    {
        assertThat(bench.hda.awaitStep(TimeUnit.MILLISECONDS.toNanos(1))).isFalse();
    }

    @Test
    void shouldReturnFalseAndKeepTheFlagWhenTheWaiterIsInterrupted() throws InterruptedException
    {
        final AtomicReference<Boolean> ended = new AtomicReference<>();
        final AtomicReference<Boolean> flag = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            ended.set(bench.hda.awaitStep(WAIT_FOREVER_NANOS));
            flag.set(Thread.currentThread().isInterrupted());
        }, "run-end");
        waiter.start();
        settledState(waiter);
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(ended.get()).isFalse();
        assertThat(flag.get()).isTrue();
    }

    @Test
    void shouldReturnAtOnceOnTheSteppingThread() throws InterruptedException
    {
        codec.release.countDown();
        link.join(TimeUnit.SECONDS.toMillis(60));
        codec.nested = () -> bench.hda.awaitStep(WAIT_FOREVER_NANOS);
        bench.link.step(5_000_000L);

        assertThat(codec.nestedResult.get()).isTrue();
    }

    /** The thread's state once it waits or has ended. */
    private static Thread.State settledState(final Thread thread)
    {
        while (true)
        {
            final Thread.State state = thread.getState();
            if (Thread.State.WAITING == state || Thread.State.TIMED_WAITING == state
                || Thread.State.TERMINATED == state)
            {
                return state;
            }
            LockSupport.parkNanos(100_000L);
        }
    }

    /** A codec that holds its first stream delivery until released, and counts the bytes it received. */
    private static final class HeldCodec implements Codec
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong receivedBytes = new AtomicLong();
        final AtomicReference<Boolean> nestedResult = new AtomicReference<>();
        volatile BooleanSupplier nested;

        @Override
        public int address()
        {
            return 0;
        }

        @Override
        public void attach(final CodecBus bus)
        {
        }

        @Override
        public int execute(final int verb)
        {
            return 0;
        }

        @Override
        public void reset()
        {
        }

        @Override
        public void streamData(final int streamTag, final StreamFormat format, final byte[] data, final int offset,
            final int length, final long nanos)
        {
            entered.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            receivedBytes.addAndGet(length);
            final BooleanSupplier call = nested;
            if (null != call)
            {
                nestedResult.set(call.getAsBoolean());
            }
        }
    }
}

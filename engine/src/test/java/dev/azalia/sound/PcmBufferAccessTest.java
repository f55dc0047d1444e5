package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmBufferAccessTest
{
    /** Successes each side needs before the threads stop. */
    private static final long TARGET = 20_000;
    /** Attempts after which a thread gives up (a protocol that starves one side fails instead of hanging). */
    private static final long MAX_ATTEMPTS = 200_000_000L;

    @Test
    void shouldLetCopiesOverlapAndRefuseAChangeWhileAnyIsInProgress()
    {
        final PcmBufferAccess access = new PcmBufferAccess();

        assertThat(access.tryBeginCopy()).isTrue();
        assertThat(access.tryBeginCopy()).isTrue();
        assertThat(access.count()).isEqualTo(2);
        assertThatThrownBy(() -> access.lockBuffer("pcm", "hw_params")).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EBUSY))
            .hasMessage("pcm: hw_params while a write is copying");
        access.endCopy();
        assertThatThrownBy(() -> access.lockBuffer("pcm", "prepare")).isInstanceOf(SoundException.class);
        access.endCopy();

        access.lockBuffer("pcm", "hw_free");
        assertThat(access.count()).isEqualTo(-1);
        access.unlockBuffer();
        assertThat(access.count()).isZero();
    }

    @Test
    void shouldRefuseACopyWhileAChangeHoldsTheBuffer()
    {
        final PcmBufferAccess access = new PcmBufferAccess();
        access.lockBuffer("pcm", "hw_params");

        assertThat(access.tryBeginCopy()).isFalse();
        assertThat(access.count()).isEqualTo(-1);

        access.unlockBuffer();
        assertThat(access.tryBeginCopy()).isTrue();
        access.endCopy();
        assertThat(access.count()).isZero();
    }

    /**
     * Two writers and two changers on four threads, until each side got in {@link #TARGET} times: no copy is ever
     * inside while a change is, and no two changes are ever inside together.
     */
    @Test
    void shouldNeverLetACopyAndAChangeOrTwoChangesInsideTogetherUnderContention() throws Exception
    {
        final PcmBufferAccess access = new PcmBufferAccess();
        final AtomicInteger copiesInside = new AtomicInteger();
        final AtomicInteger changesInside = new AtomicInteger();
        final AtomicLong violations = new AtomicLong();
        final AtomicLong copies = new AtomicLong();
        final AtomicLong changes = new AtomicLong();
        final CyclicBarrier start = new CyclicBarrier(4);
        final List<CompletableFuture<Boolean>> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++)
        {
            threads.add(PcmFixture.onThread("writer-" + t, () ->
            {
                await(start);
                for (long i = 0; i < MAX_ATTEMPTS && !done(copies, changes); i++)
                {
                    if (access.tryBeginCopy())
                    {
                        copiesInside.incrementAndGet();
                        if (changesInside.get() != 0)
                        {
                            violations.incrementAndGet();
                        }
                        copies.incrementAndGet();
                        copiesInside.decrementAndGet();
                        access.endCopy();
                    }
                    // room for the changers: two writers back to back would keep the count positive
                    Thread.yield();
                }
                return true;
            }));
            threads.add(PcmFixture.onThread("changer-" + t, () ->
            {
                await(start);
                for (long i = 0; i < MAX_ATTEMPTS && !done(copies, changes); i++)
                {
                    try
                    {
                        access.lockBuffer("pcm", "hw_params");
                    }
                    catch (final SoundException e)
                    {
                        continue;
                    }
                    if (changesInside.incrementAndGet() != 1 || copiesInside.get() != 0)
                    {
                        violations.incrementAndGet();
                    }
                    changes.incrementAndGet();
                    changesInside.decrementAndGet();
                    access.unlockBuffer();
                }
                return true;
            }));
        }
        for (final CompletableFuture<Boolean> f : threads)
        {
            assertThat(f.get(5, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(violations.get()).isZero();
        assertThat(copies.get()).isGreaterThanOrEqualTo(TARGET);
        assertThat(changes.get()).isGreaterThanOrEqualTo(TARGET);
        assertThat(access.count()).isZero();
    }

    private static boolean done(final AtomicLong copies, final AtomicLong changes)
    {
        return copies.get() >= TARGET && changes.get() >= TARGET;
    }

    private static void await(final CyclicBarrier barrier)
    {
        try
        {
            barrier.await();
        }
        catch (final Exception e)
        {
            throw new IllegalStateException(e);
        }
    }
}

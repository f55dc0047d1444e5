package dev.azalia.driver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/** The bus's unsolicited ring behaves as Linux's {@code snd_hdac_bus_queue_event} (reliability case C02). */
final class UnsolicitedRingTest
{
    private final ReentrantLock lock = new ReentrantLock();
    private final UnsolicitedQueue queue = new UnsolicitedQueue(lock);
    private final List<Integer> handled = new ArrayList<>();

    private void offer(final int res)
    {
        lock.lock();
        try
        {
            queue.offer(0, res);
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void respondsInOrderWhenTheWorkKeepsUp()
    {
        queue.setHandler((addr, res) -> handled.add(res));
        for (int i = 0; i < 200; i++)
        {
            offer(i);
            if (i % 10 == 9)
            {
                queue.process();
            }
        }
        assertThat(handled).hasSize(200).isSorted();
    }

    @Test
    void aStormOverwritesTheOldestSoTheNewestAreHandled()
    {
        queue.setHandler((addr, res) -> handled.add(res));
        for (int i = 0; i < 64 + 3; i++)
        {
            offer(i);
        }
        queue.process();
        // 67 offers over a ring of 64 with nothing handled: the write index has lapped the read index, so only the
        // three newest are between them, as in Linux (the older ones are overwritten, not the newer ones dropped).
        assertThat(handled).containsExactly(64, 65, 66);
    }

    @Test
    void aHundredThousandUnhandledEventsLeaveOnlyTheNewestInTheRing()
    {
        queue.setHandler((addr, res) -> handled.add(res));
        for (int i = 0; i < 100_000; i++)
        {
            offer(i);
        }
        queue.process();
        assertThat(queue.offered()).isEqualTo(100_000);
        // 100,000 = 1,562 laps of 64 + 32: the 32 newest are between the indices.
        assertThat(handled).hasSize(32).startsWith(99_968).endsWith(99_999).isSorted();
    }
}

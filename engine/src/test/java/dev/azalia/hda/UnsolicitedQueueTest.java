package dev.azalia.hda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class UnsolicitedQueueTest
{
    private final UnsolicitedQueue queue = new UnsolicitedQueue();

    @Test
    void shouldHoldSixtyFourResponsesAndCountTheNextOneDropped()
    {
        for (int i = 0; i < 64; i++)
        {
            assertThat(queue.offer(0, i)).as("response %d", i).isTrue();
        }

        assertThat(queue.offer(0, 64)).isFalse();
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.pending()).isTrue();
    }

    @Test
    void shouldHaveNothingPendingAfterClear()
    {
        queue.offer(2, 0x1234);

        queue.clear();

        assertThat(queue.pending()).isFalse();
        assertThat(queue.dropped()).isZero();
        for (int i = 0; i < 64; i++)
        {
            assertThat(queue.offer(0, i)).as("room for 64 again, response %d", i).isTrue();
        }
    }
}

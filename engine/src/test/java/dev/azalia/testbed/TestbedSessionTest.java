package dev.azalia.testbed;

import dev.azalia.decode.InputException;
import dev.azalia.pci.RescanResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session: a real-clock run started in the background, acted on while it plays and stopped for its result.
 */
final class TestbedSessionTest
{
    private static final int RATE = 48_000;
    private static final Duration LONG_SOURCE = Duration.ofSeconds(60);

    private static Testbed.Builder realClock(final Duration source)
    {
        // a buffer of 4 x 1024 frames (85 ms): wide enough for a noisy machine's stalls
        return Testbed.builder().clock(ClockMode.REAL).buffer(4, 1024).policy("live")
            .source(SourceSpec.sine(440, RATE, 2, source)).quiet(true);
    }

    @Test
    void shouldCountEveryMoveTheCallerMadeInTheRunsResult() throws Exception
    {
        final RunResult result;
        try (TestbedSession session = realClock(LONG_SOURCE).build().start())
        {
            assertThat(session.isPlaying()).isTrue();
            for (int i = 0; i < 5; i++)
            {
                final RescanResult moved = session.moveBar();
                assertThat(moved.moves()).as("move %d", i).hasSize(1);
            }
            result = session.stop();
        }

        assertThat(result.failure()).as("%s", result.kernelLog()).isNull();
        assertThat(result.barMoves().count()).isEqualTo(5);
        assertThat(result.barMoves().moves()).hasSize(5);
        assertThat(result.barMoves().failed()).isZero();
        assertThat(result.barMoves().faults()).isZero();
        assertThat(result.barMoves().staleMmioAccesses()).isZero();
        assertThat(result.probe().framesChecked()).isPositive();
        assertThat(result.probe().framesDuplicated()).isZero();
    }

    @Test
    void shouldEndTheSourceEarlyWhenStoppedAndDrainWhatWasWritten() throws Exception
    {
        final RunResult result;
        try (TestbedSession session = realClock(LONG_SOURCE).build().start())
        {
            result = session.stop();
            assertThat(session.isPlaying()).isFalse();
            assertThat(session.stop()).as("a second stop returns the same result").isSameAs(result);
            assertThatThrownBy(session::moveBar).isInstanceOf(IllegalStateException.class)
                .hasMessage("the session has stopped");
        }

        final long sourceFrames = LONG_SOURCE.toSeconds() * RATE;
        assertThat(result.failure()).as("%s", result.kernelLog()).isNull();
        assertThat(result.output().framesWritten()).isPositive().isLessThan(sourceFrames);
        // every frame written reached the sink and was checked: the stop drained, it did not cut
        assertThat(result.probe().framesChecked()).isEqualTo(result.output().framesWritten());
        assertThat(result.output().framesWritten() % 1024).as("ends on a period").isZero();
    }

    @Test
    void shouldCollectTheResultOfASourceThatEndedByItself() throws Exception
    {
        final Duration shortSource = Duration.ofMillis(200);
        final RunResult result;
        try (TestbedSession session = realClock(shortSource).build().start())
        {
            while (session.isPlaying())
            {
                LockSupport.parkNanos(10_000_000L);
            }
            result = session.stop();
        }

        assertThat(result.failure()).as("%s", result.kernelLog()).isNull();
        assertThat(result.output().framesWritten()).isEqualTo(shortSource.toMillis() * RATE / 1000);
    }

    @Test
    void shouldRefuseTheVirtualClockInOneLine()
    {
        final Testbed bed = Testbed.builder().build();

        assertThatThrownBy(bed::start).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("a session plays on the real clock").hasMessageNotContaining("\n");
    }

    @Test
    void shouldThrowTheRunsOwnErrorWhenItCannotStart()
    {
        final Testbed bed = realClock(LONG_SOURCE).codec("/no/such/codec-dump.txt").build();

        assertThatThrownBy(bed::start).isInstanceOf(InputException.class).hasMessageContaining("no/such/codec-dump");
    }

    @Test
    void shouldEndASessionWhenItsTestbedCloses() throws Exception
    {
        final Testbed bed = realClock(LONG_SOURCE).build();
        final TestbedSession session = bed.start();

        bed.close();
        final RunResult result = session.stop();

        assertThat(result.failure()).isEqualTo("device disconnected");
        assertThatThrownBy(bed::start).isInstanceOf(IllegalStateException.class).hasMessage("the testbed is closed");
    }
}

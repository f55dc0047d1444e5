package dev.azalia.kernel;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class VirtualKernelTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final VirtualKernel kernel = new VirtualKernel(clock, new KernelLog(clock));

    @Test
    void shouldRunEventsInTimeOrderThenInSubmissionOrder()
    {
        final List<String> ran = new ArrayList<>();
        kernel.at("a", "late", 300, () -> ran.add("late@" + clock.nanoTime()));
        kernel.at("b", "first", 100, () -> ran.add("first@" + clock.nanoTime()));
        kernel.at("c", "second", 100, () -> ran.add("second@" + clock.nanoTime()));

        kernel.runUntil(1_000);

        assertThat(ran).containsExactly("first@100", "second@100", "late@300");
        assertThat(clock.nanoTime()).isEqualTo(1_000);
        assertThat(kernel.eventsRun()).isEqualTo(3);
    }

    @Test
    void shouldTickAPeriodicEventAtEveryPeriod()
    {
        final List<Long> ticks = new ArrayList<>();
        kernel.every("link", "tick", 250, 250, () -> ticks.add(clock.nanoTime()));

        kernel.runUntil(1_100);

        assertThat(ticks).containsExactly(250L, 500L, 750L, 1_000L);
        assertThat(kernel.nextEventNanos()).isEqualTo(1_250);
    }

    @Test
    void shouldStopAPeriodicEventCancelledAfterItRan()
    {
        final List<Long> ticks = new ArrayList<>();
        final Kernel.Cancellable ticking = kernel.every("link", "tick", 250, 250, () -> ticks.add(clock.nanoTime()));
        kernel.runUntil(600);

        assertThat(ticking.cancel()).isTrue();
        kernel.runUntil(2_000);

        assertThat(ticks).containsExactly(250L, 500L);
        assertThat(ticking.cancel()).isFalse();
    }

    @Test
    void shouldStopAPeriodicEventThatCancelsItself()
    {
        final List<Long> ticks = new ArrayList<>();
        final Kernel.Cancellable[] self = new Kernel.Cancellable[1];
        self[0] = kernel.every("link", "tick", 100, 100, () ->
        {
            ticks.add(clock.nanoTime());
            if (ticks.size() == 3)
            {
                self[0].cancel();
            }
        });

        kernel.runUntil(1_000);

        assertThat(ticks).containsExactly(100L, 200L, 300L);
    }

    @Test
    void shouldNotRunAnEventCancelledBeforeItsTime()
    {
        final List<String> ran = new ArrayList<>();
        final Kernel.Cancellable work = kernel.at("kworker", "work", 100, () -> ran.add("work"));

        assertThat(work.cancel()).isTrue();
        kernel.runUntil(1_000);

        assertThat(ran).isEmpty();
        assertThat(work.cancel()).isFalse();
    }

    @Test
    void shouldDeferAnEventOfABusyContextUntilTheContextIsFree()
    {
        final List<String> ran = new ArrayList<>();
        kernel.at("kworker", "outer", 100, () ->
        {
            ran.add("outer start");
            kernel.at("kworker", "inner", 150, () -> ran.add("inner"));
            kernel.at("link", "tick", 150, () -> ran.add("tick"));
            kernel.delayNanos(200);
            ran.add("outer end");
        });

        kernel.runUntil(1_000);

        assertThat(ran).containsExactly("outer start", "tick", "outer end", "inner");
    }
}
